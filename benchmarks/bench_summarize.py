"""Extractive summary cost vs translation, on the seed article, measured side by side in one run.

`translate run` translates every sentence and then adds an extractive summary (TextRank over jieba
tokens, furniture excluded). This measures what the summary adds: the translation of the seed
article with a random-weight model of opus-mt-zh-en's exact shape (built in a temporary directory
and loaded through hub.locate + the Marian backend, as users get it; every output forced to the
same length so a random model does the work a trained one would), next to the summary step
(cold: first call in the process, which creates the jieba tokenizer; and warm). Furniture marking
(part of reading the article) is shown too. The target is a ratio under 5%.

Run:
    .venv/bin/python benchmarks/bench_summarize.py                # full-size model, ~1-3 min on 2 cores
    .venv/bin/python benchmarks/bench_summarize.py --threads 1    # steadier on a shared machine
    .venv/bin/python benchmarks/bench_summarize.py --model DIR    # an existing (real) model

Prints the timings and the ratios, all measured in this one run.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

from _bench import add_model_args, load_benchmark_model

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "beijing-youth-daily-2023-08-20.txt"


def seed_path() -> Path:
    """The seed article: samples/ copy, else the shared seed folder."""
    for path in (ROOT / "samples" / SEED_NAME, Path("/work/shared/seed") / SEED_NAME):
        if path.exists():
            return path
    raise SystemExit(f"seed article {SEED_NAME} not found in samples/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--article", type=Path, default=None, help="article (default: the seed)")
    parser.add_argument("--beam", type=int, default=4, help="beam size (models.yaml default 4)")
    parser.add_argument("--batch-size", type=int, default=16, help="batch size (16)")
    parser.add_argument("--sentences", type=int, default=3, help="summary sentences (3)")
    add_model_args(parser)
    args = parser.parse_args(argv)

    from translate.backends import DecodeOptions
    from translate.pipeline.article import translate_document
    from translate.pipeline.plan import load_document
    from translate.summarize.extractive import extractive
    from translate.text.furniture import mark_furniture

    article = args.article or seed_path()
    doc = load_document(article)
    units = sum(len(p.sentences) for p in doc.all_paragraphs())

    with tempfile.TemporaryDirectory(prefix="bench-summarize-") as tmp:
        translator = load_benchmark_model(args, Path(tmp), beam=args.beam)
        print(
            f"article: {article.name}: {len(doc.paragraphs)} paragraphs, {units} sentences "
            f"(title included); output forced to {args.out_tokens} tokens, beam {args.beam}"
        )
        options = DecodeOptions(
            beam=args.beam, batch_size=args.batch_size, max_new_tokens=args.out_tokens
        )

        started = time.perf_counter()
        translate_document(doc, translator, options)
        translate_s = time.perf_counter() - started

    fresh = copy.deepcopy(doc)
    started = time.perf_counter()
    summary = extractive(doc, sentences=args.sentences)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    extractive(fresh, sentences=args.sentences)
    warm_s = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(10):
        mark_furniture(fresh)
    furniture_s = (time.perf_counter() - started) / 10

    chosen = [(s["paragraph"], s["sentence"]) for s in summary["sentences"]]
    print(f"summary sentences (paragraph, sentence): {chosen}")
    print()
    print(f"{'step':<34} {'seconds':>9}")
    print(f"{'translation (all sentences)':<34} {translate_s:>9.3f}")
    print(f"{'extractive summary, cold':<34} {cold_s:>9.3f}")
    print(f"{'extractive summary, warm':<34} {warm_s:>9.3f}")
    print(f"{'furniture marking':<34} {furniture_s:>9.4f}")
    print()
    print("ratios (same run):")
    print(f"  summary cold / translation:               {100 * cold_s / translate_s:6.2f}%")
    print(f"  summary warm / translation:               {100 * warm_s / translate_s:6.2f}%")
    print(
        f"  (summary cold + furniture) / translation: "
        f"{100 * (cold_s + furniture_s) / translate_s:6.2f}%  (target < 5%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
