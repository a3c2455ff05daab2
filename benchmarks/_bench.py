"""What the benchmark scripts share: model options, and a full-size random model loaded as users get it."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# Runs the command given after it and prints its peak RSS (kB) last on stderr. A child forked by
# a large benchmark process would count the parent's pages in its own peak; one forked by this
# small launcher does not.
_PEAK_PROBE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run_with_peak_rss(cmd: list[str]) -> tuple[int, str, float | None]:
    """Run `cmd` in a child process (its stdout discarded); return its exit status, its stderr
    and its peak RSS in MB (None when the launcher could not tell)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_PROBE, *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    *messages, peak = done.stderr.strip().splitlines() or [""]
    return done.returncode, "\n".join(messages), int(peak) / 1024 if peak.isdigit() else None


def add_model_args(parser: argparse.ArgumentParser) -> None:
    """--out-tokens, --threads and --model, the options every translation benchmark takes."""
    parser.add_argument("--out-tokens", type=int, default=32, help="forced output length (32)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (torch default)")
    parser.add_argument("--model", type=Path, default=None, help="model directory (default: build)")


def load_benchmark_model(args: argparse.Namespace, tmp: Path, *, beam: int) -> Any:
    """Build (or take --model) an opus-mt-shaped model, load it via hub.locate, warm it up.

    Every later output is forced to `args.out_tokens` tokens (min_new_tokens), so a random model
    does the work a trained one would and runs are comparable.
    """
    import torch

    from translate.backends import DecodeOptions
    from translate.backends.marian import MarianTranslator
    from translate.devmodels import build_tiny_marian
    from translate.hub import locate

    if args.threads:
        torch.set_num_threads(args.threads)
    if args.model is None:
        started = time.perf_counter()
        model_dir = build_tiny_marian(tmp / "opus-shape", full_size=True)
        print(f"built full-size random model in {time.perf_counter() - started:.1f}s")
    else:
        model_dir = args.model
    translator = MarianTranslator.from_located(
        locate(str(model_dir), task="translation"), device="cpu"
    )
    params = sum(p.numel() for p in translator.model.parameters()) / 1e6
    print(
        f"model: {model_dir} ({params:.1f}M parameters); torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads"
    )
    # warm-up (first calls allocate and pick kernels), then fix the output length
    translator.translate(["预热。", "第二句。"], DecodeOptions(beam=beam, max_new_tokens=4))
    translator.generate_overrides = {"min_new_tokens": args.out_tokens}
    return translator


def load_ct2_model(model_dir: Path, args: argparse.Namespace, *, quantization: str) -> Any:
    """The same model through the ctranslate2 backend (converted into a temporary cache), warmed
    up, with every later output forced to `args.out_tokens` like `load_benchmark_model`'s."""
    import os

    import torch

    from translate.backends import DecodeOptions
    from translate.backends.ct2 import CT2Translator
    from translate.hub import locate

    os.environ["TRANSLATE_NUM_THREADS"] = str(torch.get_num_threads())  # same threads as torch
    started = time.perf_counter()
    translator = CT2Translator.from_located(
        locate(str(model_dir), task="translation"), device="cpu", quantization=quantization
    )
    print(
        f"ctranslate2 {translator.info.libraries['ctranslate2']} {quantization}: converted and "
        f"loaded in {time.perf_counter() - started:.1f}s"
    )
    translator.translate(["预热。", "第二句。"], DecodeOptions(beam=1, max_new_tokens=4))
    # transformers' forced length counts the closing </s>; CTranslate2's does not
    translator.decode_overrides = {"min_decoding_length": args.out_tokens - 1}
    return translator
