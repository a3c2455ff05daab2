"""Translation throughput, side by side in one process: transformers vs CTranslate2 int8.

Builds a random-weight model with opus-mt-zh-en's exact shape (d_model 512, 6+6 layers, 8 heads,
ffn 2048, vocabulary 65001) in a temporary directory, loads it through the same path users get
(hub.locate + MarianTranslator / CT2Translator, converted into a temporary cache), and translates
N Chinese sentences (from samples/ when present, else built-in text) with greedy and beam search:

  naive loop        transformers, one sentence per generate() call
  argos-style ct2   CTranslate2 int8, one translate_batch() per paragraph of 1-3 sentences, on
                    one worker with all the threads (argos-translate's set-up)
  ours/transformers translate_sorted (length-sorted batches) on the transformers backend
  ours/ct2 int8     translate_sorted on the ctranslate2 backend (token-bounded batches)

Every output is forced to the same length (min = max new tokens), so a random model does the same
work a trained one would and the modes are comparable; output tokens/s is sentences x that length
/ seconds. The peak RSS column is the whole process's (it holds both models) while the mode ran.
With --agreement, also reports how often int8 and float32 conversions of the tiny test model
agree on greedy output tokens.

Then, on the seed article (samples/beijing-youth-daily-2023-08-20.txt, beam 4, ct2 int8, output
forced as above):
  pipeline overhead  end-to-end (read, segment, plan, translate, assemble, warm names, extractive
                     summary, render JSON, write) vs the raw engine call (one translate_batch of
                     the same units' tokens): (end-to-end - raw) / end-to-end
  memory             peak RSS of `translate run SEED --backend B` in a child process per backend
                     (skip with --no-seed-memory; the child's output length is not forced)

Run:
    .venv/bin/python benchmarks/bench_translate.py                  # 64 sentences, several minutes
    .venv/bin/python benchmarks/bench_translate.py --sentences 16   # quick look
    .venv/bin/python benchmarks/bench_translate.py --model DIR      # an existing (real) model
    .venv/bin/python benchmarks/bench_translate.py --model DIR --agreement  # the README's run

Prints one table and the ratios, all measured in this one run.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bench import add_model_args, load_benchmark_model, load_ct2_model, run_with_peak_rss

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "beijing-youth-daily-2023-08-20.txt"


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; else the peak so far)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


class PeakRSS:
    """Samples the process's RSS every 10 ms while the block runs; `.peak` in MB."""

    def __init__(self) -> None:
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def load_sentences(n: int) -> tuple[list[str], str]:
    """Return `n` Chinese sentences (cycled if needed) and where they came from."""
    sentences: list[str] = []
    source = "built-in text (translate.devmodels.marian)"
    samples = sorted((ROOT / "samples").glob("*.txt"))
    if samples:
        try:
            from translate.text.readers import read_article
            from translate.text.segment import split_paragraphs, split_sentences

            for path in samples:
                text = read_article(path).text
                for para in split_paragraphs(text):
                    sentences.extend(
                        s.strip() for s in split_sentences(para) if len(s.strip()) >= 8
                    )
            source = f"{len(samples)} sample articles in samples/"
        except Exception:  # readers/segment not usable: fall back to a plain split
            sentences = []
            for path in samples:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                sentences.extend(s for s in re.split(r"(?<=[。！？])", text) if len(s.strip()) >= 8)
            source = "samples/ (UTF-8 files, split at 。！？)"
    if not sentences:
        from translate.devmodels.marian import corpus

        sentences = corpus(max(n, 50))[0]
    out = [sentences[i % len(sentences)] for i in range(n)]
    return out, source


def timed(fn: Callable[[], list[str]]) -> tuple[float, list[str], float]:
    """(seconds, result, peak RSS in MB while it ran)."""
    with PeakRSS() as rss:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return seconds, result, rss.peak


def pipeline_overhead(ct2: Any, beam: int, batch_size: int) -> str:
    """End-to-end time on the seed article against the raw engine call on the same units."""
    from translate.atomic import write_text_atomic
    from translate.backends import DecodeOptions
    from translate.backends.ct2 import TOKENS_PER_SENTENCE
    from translate.backends.marian_text import POSITION_LIMIT
    from translate.names.extract import extract_names
    from translate.output.render import render
    from translate.pipeline.article import translate_article
    from translate.pipeline.plan import load_document, plan_units

    forced = ct2.decode_overrides["min_decoding_length"]  # as for the sentences above
    options = DecodeOptions(beam=beam, batch_size=batch_size, max_new_tokens=forced + 1)
    # warm: the tagger and tables load once a process
    extract_names(SEED.read_text(encoding="utf-8"))
    units = plan_units(load_document(SEED), ct2)
    pieces = ct2.text.source_pieces([u.text for u in units])
    raw_kwargs = {
        "beam_size": beam,
        "max_batch_size": batch_size * TOKENS_PER_SENTENCE,
        "batch_type": "tokens",
        "max_input_length": POSITION_LIMIT,
        "min_decoding_length": forced,
        "max_decoding_length": forced,
    }

    def end_to_end(out: Path) -> float:
        """Seconds spent outside the engine call (from the run's own step timings)."""
        start = time.perf_counter()
        doc = translate_article(load_document(SEED), ct2, options)
        write_text_atomic(out, render(doc, "json"))
        assert doc.provenance is not None
        return time.perf_counter() - start - doc.provenance.timings["translate_s"]

    with tempfile.TemporaryDirectory(prefix="bench-overhead-") as tmp:
        raw_times, full_times, own_times = [], [], []
        for _ in range(5):  # alternate, keep the best of five of each
            start = time.perf_counter()
            ct2.model.translate_batch(pieces, **raw_kwargs)
            raw_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            own_times.append(end_to_end(Path(tmp) / "seed.json"))
            full_times.append(time.perf_counter() - start)
    raw, full, own = min(raw_times), min(full_times), min(own_times)
    return (
        f"pipeline overhead, seed article ({len(units)} units, beam {beam}, ct2 int8, best of 5): "
        f"end-to-end {full:.2f}s, raw engine call {raw:.2f}s: {(full - raw) / full:+.1%} of "
        f"end-to-end; the pipeline's own steps (read, segment, plan, assemble, names, "
        f"summary, render, write: all but the translate step) {own:.2f}s = {own / full:.1%}"
    )


def seed_memory(model_dir: Path, beam: int) -> list[str]:
    """Peak RSS of `translate run SEED` in a child process per backend."""
    lines = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        for backend in ("ctranslate2", "transformers"):
            out = Path(tmp) / backend
            cmd = [
                sys.executable, "-m", "translate", "run", str(SEED), "--model", str(model_dir),
                "--backend", backend, "--beam", str(beam), "-o", str(out), "--quiet",
            ]  # fmt: skip
            start = time.perf_counter()
            code, messages, peak = run_with_peak_rss(cmd)
            seconds = time.perf_counter() - start
            if code != 0 or peak is None or not any(out.iterdir()):
                lines.append(f"  {backend}: failed: {' '.join(messages.split())[-300:]}")
                continue
            lines.append(f"  {backend:<13} peak RSS {peak:7.0f} MB  ({seconds:.0f}s)")
    return lines


def paragraphs_of(sentences: list[str]) -> list[list[str]]:
    """Group sentences into paragraphs of 1, 2, 3, 1, 2, 3 ... sentences (argos translates per paragraph)."""
    groups: list[list[str]] = []
    i, size = 0, 1
    while i < len(sentences):
        groups.append(sentences[i : i + size])
        i += size
        size = size % 3 + 1
    return groups


def int8_agreement(tmp: Path, sentences: list[str]) -> str:
    """Share of greedy output tokens on which int8 and float32 conversions of the tiny model agree."""
    from translate.backends.ct2 import CT2Translator, convert
    from translate.devmodels import build_tiny_marian
    from translate.hub import locate

    located = locate(str(build_tiny_marian(tmp / "tiny", seed=0)), task="translation")
    runs = []
    for quant in ("float32", "int8"):
        path, _ = convert(located, quant, announce=False)
        model = CT2Translator(path, located.path, quantization=quant, device="cpu")
        out = model.model.translate_batch(
            model.text.source_pieces(sentences), beam_size=1, max_decoding_length=24
        )
        runs.append([r.hypotheses[0] for r in out])
    same = total = exact = 0
    for a, b in zip(*runs, strict=True):
        total += max(len(a), len(b))
        same += sum(x == y for x, y in zip(a, b, strict=False))
        exact += a == b
    return (
        f"int8 vs float32 (tiny model, greedy, {len(sentences)} sentences): "
        f"{same / max(1, total):.1%} of tokens agree, {exact}/{len(sentences)} outputs identical"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sentences", type=int, default=64, help="sentences to translate (64)")
    parser.add_argument(
        "--batch-size", type=int, default=16, help="batch size for sorted batches (16)"
    )
    parser.add_argument("--beam", type=int, default=4, help="beam size for the beam rows (4)")
    parser.add_argument(
        "--agreement", action="store_true", help="also int8-vs-float32 agreement (tiny model)"
    )
    parser.add_argument(
        "--no-seed-memory", action="store_true", help="skip the seed article's memory runs"
    )
    add_model_args(parser)
    args = parser.parse_args(argv)

    from translate.backends import DecodeOptions, translate_sorted

    sentences, source = load_sentences(args.sentences)
    paragraphs = paragraphs_of(sentences)

    with tempfile.TemporaryDirectory(prefix="bench-translate-") as tmp:
        os.environ["TRANSLATE_HOME"] = str(Path(tmp) / "home")  # the conversion cache
        translator = load_benchmark_model(args, Path(tmp), beam=args.beam)
        ct2 = load_ct2_model(translator.path, args, quantization="int8")
        # argos-translate's own CTranslate2 set-up: one worker with all the threads (ours runs
        # parallel workers of one thread, which a one-paragraph call could not use)
        import ctranslate2

        argos_model = ctranslate2.Translator(
            str(ct2.path), device="cpu", compute_type="int8", inter_threads=1,
            intra_threads=int(os.environ["TRANSLATE_NUM_THREADS"]),
        )  # fmt: skip
        argos_model.translate_batch(ct2.text.source_pieces(["预热。"]), max_decoding_length=4)
        lengths = [translator.count_tokens(s) for s in sentences]
        print(
            f"input: {len(sentences)} sentences ({len(paragraphs)} paragraphs of 1-3) from "
            f"{source}; {min(lengths)}-{max(lengths)} tokens (mean "
            f"{sum(lengths) / len(lengths):.1f}); output forced to {args.out_tokens} tokens"
        )

        rows: list[tuple[str, int, float, float]] = []
        for beam in (1, args.beam):
            options = DecodeOptions(
                beam=beam, batch_size=args.batch_size, max_new_tokens=args.out_tokens
            )

            def naive(options: DecodeOptions = options) -> list[str]:
                return [translator.translate([s], options)[0] for s in sentences]

            def argos(beam: int = beam) -> list[str]:
                out: list[str] = []
                for para in paragraphs:  # what argos-translate does: one call per paragraph
                    results = argos_model.translate_batch(
                        ct2.text.source_pieces(para),
                        beam_size=beam,
                        max_decoding_length=args.out_tokens - 1,
                        min_decoding_length=args.out_tokens - 1,
                    )
                    out.extend(ct2.text.decode_pieces(r.hypotheses[0]) for r in results)
                return out

            def ours_hf(options: DecodeOptions = options) -> list[str]:
                return translate_sorted(translator, sentences, options)

            def ours_ct2(options: DecodeOptions = options) -> list[str]:
                return translate_sorted(ct2, sentences, options)

            for mode, fn in (
                ("naive loop (transformers)", naive),
                ("argos-style ct2 int8", argos),
                ("ours, transformers", ours_hf),
                ("ours, ct2 int8", ours_ct2),
            ):
                seconds, out, peak = timed(fn)
                assert len(out) == len(sentences)
                rows.append((mode, beam, seconds, peak))
                print(f"  done: beam {beam}, {mode}: {seconds:.1f}s", file=sys.stderr)
        overhead = pipeline_overhead(ct2, args.beam, args.batch_size)
        print(f"  done: {overhead}", file=sys.stderr)
        memory = [] if args.no_seed_memory else seed_memory(translator.path, args.beam)
        agreement = int8_agreement(Path(tmp), sentences[:16]) if args.agreement else None

    rate = {(mode, beam): len(sentences) / s for mode, beam, s, _ in rows}
    n = len(sentences)
    print()
    print(f"{'mode':<26} {'beam':>4} {'seconds':>8} {'sent/s':>8} {'out tok/s':>9} {'peak RSS':>9}")
    for mode, beam, seconds, peak in rows:
        print(
            f"{mode:<26} {beam:>4} {seconds:>8.2f} {n / seconds:>8.2f} "
            f"{n * args.out_tokens / seconds:>9.0f} {peak:>6.0f} MB"
        )
    print()
    print("ratios (same run):")
    for beam in (1, args.beam):
        base = rate["naive loop (transformers)", beam]
        label = "greedy" if beam == 1 else f"beam {beam}"
        for mode in ("argos-style ct2 int8", "ours, transformers", "ours, ct2 int8"):
            print(f"  {label:<7} {mode} / naive loop: {rate[mode, beam] / base:6.2f}x")
        ours = rate["ours, ct2 int8", beam] / rate["ours, transformers", beam]
        argos = rate["ours, ct2 int8", beam] / rate["argos-style ct2 int8", beam]
        print(f"  {label:<7} ours ct2 int8 / ours transformers: {ours:6.2f}x")
        print(f"  {label:<7} ours ct2 int8 / argos-style ct2:   {argos:6.2f}x")
    print(overhead)
    if memory:
        print(f"peak RSS on the seed article (one process each, beam {args.beam}):")
        print("\n".join(memory))
    if agreement:
        print(agreement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
