"""Translation throughput, side by side in one process: transformers vs CTranslate2 int8.

Builds a random-weight model with opus-mt-zh-en's exact shape (d_model 512, 6+6 layers, 8 heads,
ffn 2048, vocabulary 65001) in a temporary directory, loads it through the same path users get
(hub.locate + MarianTranslator / CT2Translator, converted into a temporary cache), and translates
N Chinese sentences (from samples/ when present, else built-in text) with greedy and beam search:

  naive loop        transformers, one sentence per generate() call
  argos-style ct2   CTranslate2 int8, one translate_batch() per paragraph of 1-3 sentences
  ours/transformers translate_sorted (length-sorted batches) on the transformers backend
  ours/ct2 int8     translate_sorted on the ctranslate2 backend (token-bounded batches)

Every output is forced to the same length (min = max new tokens), so a random model does the same
work a trained one would and the modes are comparable. With --agreement, also reports how often
int8 and float32 conversions of the tiny test model agree on greedy output tokens.

Run:
    .venv/bin/python benchmarks/bench_translate.py                  # 64 sentences, several minutes
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

from _bench import add_model_args, load_benchmark_model, load_ct2_model

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
    add_model_args(parser)
    args = parser.parse_args(argv)

    import os

    from translate.backends import DecodeOptions, translate_sorted

    sentences, source = load_sentences(args.sentences)
    paragraphs = paragraphs_of(sentences)

    with tempfile.TemporaryDirectory(prefix="bench-translate-") as tmp:
        os.environ["TRANSLATE_HOME"] = str(Path(tmp) / "home")  # the conversion cache
        translator = load_benchmark_model(args, Path(tmp), beam=args.beam)
        ct2 = load_ct2_model(translator.path, args, quantization="int8")
        lengths = [translator.count_tokens(s) for s in sentences]
        print(
            f"input: {len(sentences)} sentences ({len(paragraphs)} paragraphs of 1-3) from "
            f"{source}; {min(lengths)}-{max(lengths)} tokens (mean "
            f"{sum(lengths) / len(lengths):.1f}); output forced to {args.out_tokens} tokens"
        )

        rows: list[tuple[str, int, float]] = []
        for beam in (1, args.beam):
            options = DecodeOptions(
                beam=beam, batch_size=args.batch_size, max_new_tokens=args.out_tokens
            )

            def naive(options: DecodeOptions = options) -> list[str]:
                return [translator.translate([s], options)[0] for s in sentences]

            def argos(beam: int = beam) -> list[str]:
                out: list[str] = []
                for para in paragraphs:  # what argos-translate does: one call per paragraph
                    results = ct2.model.translate_batch(
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
                seconds, out = timed(fn)
                assert len(out) == len(sentences)
                rows.append((mode, beam, seconds))
                print(f"  done: beam {beam}, {mode}: {seconds:.1f}s", file=sys.stderr)
        agreement = int8_agreement(Path(tmp), sentences[:16]) if args.agreement else None

    rate = {(mode, beam): len(sentences) / s for mode, beam, s in rows}
    print()
    print(f"{'mode':<26} {'beam':>4} {'seconds':>8} {'sent/s':>8}")
    for mode, beam, seconds in rows:
        print(f"{mode:<26} {beam:>4} {seconds:>8.2f} {len(sentences) / seconds:>8.2f}")
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
    if agreement:
        print(agreement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
