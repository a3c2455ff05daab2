"""Batch jobs: first run, rerun with nothing changed, rerun after one glossary edit; peak memory.

Builds a corpus of generated article files from the samples' sentences, each with the same
bylines and copyright lines (as scraped news has), and runs `translate batch`'s engine on it
with the translation memory:

    .venv/bin/python benchmarks/bench_batch.py                 # 500 files, tiny model
    .venv/bin/python benchmarks/bench_batch.py --files 200 --model DIR --backend ctranslate2

With the default tiny random model translation is cheap, so the rerun ratio printed is a lower
bound: with opus-mt-zh-en the first run costs far more and a rerun the same.
Peak memory is measured in a child process per corpus size (`--memory-files 100,1000`).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from _bench import run_with_peak_rss

ROOT = Path(__file__).resolve().parent.parent
BOILERPLATE = ["（记者 孟亚旭 编辑 赵红信）", "本文来源：北京青年报客户端。未经授权，不得转载。"]
TERM = "公安部"


def sentence_pool() -> list[str]:
    """Body sentences of the samples (all encodings), the raw material of the corpus."""
    sys.path.insert(0, str(ROOT))
    from translate.pipeline.plan import load_document

    pool: list[str] = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        doc = load_document(path)
        pool += [s.source for p in doc.paragraphs if p.role == "body" for s in p.sentences]
    return [s for s in dict.fromkeys(pool) if len(s) > 6]


def build_corpus(folder: Path, files: int, seed: int = 1) -> None:
    """`files` articles in sub-folders of 50: a title, 3-6 paragraphs, then the boilerplate."""
    rng = random.Random(seed)
    pool = sentence_pool()
    for n in range(files):
        sub = folder / f"part{n // 50:03}"
        sub.mkdir(parents=True, exist_ok=True)
        title = rng.choice(pool).rstrip("。！？")
        paragraphs = [
            "".join(rng.sample(pool, rng.randint(1, 3))) for _ in range(rng.randint(3, 6))
        ]
        if n % 20 == 0:  # one article in twenty names the term the glossary edit touches
            paragraphs.append(f"{TERM}有关负责人介绍了第{n}号案件的情况。")
        (sub / f"article{n:05}.txt").write_text(
            "\n".join([title, *paragraphs, *BOILERPLATE]) + "\n", encoding="utf-8"
        )


def run(corpus: Path, out: Path, args: argparse.Namespace, glossary: Path | None) -> float:
    """One `translate batch` in-process; returns seconds, prints the job's counts."""
    from translate.backends import load_translator
    from translate.glossary.store import load_glossaries
    from translate.jobs.engine import JobSettings, run_job
    from translate.memory.store import TranslationMemory

    backend, options = load_translator(str(args.model), device="cpu", backend=args.backend)
    options = options.__class__(beam=1, batch_size=32, max_new_tokens=args.out_tokens)
    entries = load_glossaries([glossary]).entries if glossary else []
    started = time.perf_counter()
    with TranslationMemory(out.parent / "tm.sqlite") as memory:
        report = run_job(
            [corpus], backend, options, JobSettings(out_dir=out, fmt="json"),
            glossary_entries=entries, memory=memory,
        )  # fmt: skip
    seconds = time.perf_counter() - started
    print(
        f"  {seconds:7.2f}s  done {report.done}, skipped {report.skipped}, failed "
        f"{report.failed}; units {report.units}, from memory {report.tm_hits}, "
        f"translated {report.translated}"
    )
    return seconds


def peak_rss(files: int, args: argparse.Namespace, tmp: Path) -> float:
    """Peak RSS (MB) of a `translate batch` child process over a fresh corpus of `files`."""
    corpus = tmp / f"mem{files}"
    build_corpus(corpus, files, seed=files)
    cmd = [
        sys.executable, "-m", "translate", "batch", str(corpus), "-o", str(tmp / f"mem{files}-out"),
        "--tm", str(tmp / f"mem{files}.sqlite"), "--model", str(args.model), "--backend",
        args.backend, "--beam", "1", "-q", "--format", "json",
    ]  # fmt: skip
    _code, messages, peak = run_with_peak_rss(cmd)
    if peak is None:
        raise RuntimeError(f"no peak RSS from the batch child: {messages[-300:]}")
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=500, help="corpus size (500)")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: tiny)")
    parser.add_argument("--backend", default="ctranslate2", help="ctranslate2 or transformers")
    parser.add_argument("--out-tokens", type=int, default=24, help="max new tokens (24)")
    parser.add_argument("--memory-files", default="100,1000", help="sizes for peak RSS")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        import os

        os.environ["TRANSLATE_HOME"] = str(tmp / "home")
        if args.model is None:
            from translate.devmodels import build_tiny_marian

            args.model = build_tiny_marian(tmp / "tiny", seed=0)
        corpus, out = tmp / "corpus", tmp / "out"
        build_corpus(corpus, args.files)
        print(f"corpus: {args.files} files; model {args.model}; backend {args.backend}")
        glossary = tmp / "glossary.tsv"
        glossary.write_text(f"{TERM}\tMinistry of Public Security\torg\tpinned\n", encoding="utf-8")
        print("first run:")
        first = run(corpus, out, args, glossary)
        print("rerun, nothing changed:")
        again = run(corpus, out, args, glossary)
        glossary.write_text(f"{TERM}\tMPS\torg\tpinned\n", encoding="utf-8")
        print(f"rerun after editing the pinned entry {TERM}:")
        edited = run(corpus, out, args, glossary)
        print(f"rerun is {first / again:.0f}x faster than the first run; after the edit "
              f"{first / edited:.0f}x")  # fmt: skip
        sizes = [int(n) for n in args.memory_files.split(",") if n]
        peaks = {n: peak_rss(n, args, tmp) for n in sizes}
        for n, mb in peaks.items():
            print(f"peak RSS, {n} files: {mb:.0f} MB")
        if len(sizes) == 2:
            a, b = sizes
            print(f"peak RSS at {b} files is {100 * (peaks[b] / peaks[a] - 1):+.1f}% of {a}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
