"""Translation throughput: one sentence at a time vs length-sorted batches, beam search vs greedy.

Builds a random-weight model with opus-mt-zh-en's exact shape (d_model 512, 6+6 layers, 8 heads,
ffn 2048, vocabulary 65001) in a temporary directory, loads it through the same path users get
(hub.locate + MarianTranslator), and translates N Chinese sentences (from samples/ when present,
else built-in text). Every output is forced to the same length (min_new_tokens = max_new_tokens),
so a random model does the same work a trained one would and the modes are comparable.

Run:
    .venv/bin/python benchmarks/bench_translate.py                  # 64 sentences, ~2-4 min on 2 cores
    .venv/bin/python benchmarks/bench_translate.py --sentences 16   # quick look
    .venv/bin/python benchmarks/bench_translate.py --model DIR      # an existing (real) model

Prints one table and the ratios, all measured in this one run.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _bench import add_model_args, load_benchmark_model

ROOT = Path(__file__).resolve().parent.parent


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


def timed(fn: Callable[[], list[str]]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sentences", type=int, default=64, help="sentences to translate (64)")
    parser.add_argument(
        "--batch-size", type=int, default=16, help="batch size for sorted batches (16)"
    )
    parser.add_argument("--beam", type=int, default=4, help="beam size for the beam rows (4)")
    add_model_args(parser)
    args = parser.parse_args(argv)

    from translate.backends import DecodeOptions, translate_sorted

    sentences, source = load_sentences(args.sentences)

    with tempfile.TemporaryDirectory(prefix="bench-translate-") as tmp:
        translator = load_benchmark_model(args, Path(tmp), beam=args.beam)
        lengths = [translator.count_tokens(s) for s in sentences]
        print(
            f"input: {len(sentences)} sentences from {source}; {min(lengths)}-{max(lengths)} tokens "
            f"(mean {sum(lengths) / len(lengths):.1f}); output forced to {args.out_tokens} tokens"
        )

        rows: list[tuple[str, int, int, float]] = []
        for beam in (args.beam, 1):
            options = DecodeOptions(
                beam=beam, batch_size=args.batch_size, max_new_tokens=args.out_tokens
            )

            def one_at_a_time(options: DecodeOptions = options) -> list[str]:
                return [translator.translate([s], options)[0] for s in sentences]

            def sorted_batches(options: DecodeOptions = options) -> list[str]:
                return translate_sorted(translator, sentences, options)

            for mode, fn, batch in (
                ("one at a time", one_at_a_time, 1),
                ("sorted batches", sorted_batches, args.batch_size),
            ):
                seconds, out = timed(fn)
                assert len(out) == len(sentences)
                rows.append((mode, beam, batch, seconds))
                print(f"  done: beam {beam}, {mode}: {seconds:.1f}s", file=sys.stderr)

    rate = {(mode, beam): len(sentences) / s for mode, beam, _, s in rows}
    print()
    print(f"{'mode':<16} {'beam':>4} {'batch':>5} {'seconds':>8} {'sent/s':>8}")
    for mode, beam, batch, seconds in rows:
        print(f"{mode:<16} {beam:>4} {batch:>5} {seconds:>8.2f} {len(sentences) / seconds:>8.2f}")
    print()
    b = args.beam
    print("ratios (same run):")
    print(
        f"  batched / one-at-a-time, beam {b}:  {rate['sorted batches', b] / rate['one at a time', b]:.2f}x"
    )
    print(
        f"  batched / one-at-a-time, greedy:  {rate['sorted batches', 1] / rate['one at a time', 1]:.2f}x"
    )
    print(
        f"  greedy / beam {b}, batched:         {rate['sorted batches', 1] / rate['sorted batches', b]:.2f}x"
    )
    print(
        f"  greedy / beam {b}, one at a time:   {rate['one at a time', 1] / rate['one at a time', b]:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
