"""Batch jobs: the local engine against Ray in local mode on this machine.

    .venv/bin/python benchmarks/bench_ray.py                   # 200 files, tiny model, 2 workers
    .venv/bin/python benchmarks/bench_ray.py --files 400 --model DIR --backend ctranslate2

Each engine runs in a fresh child process on the same generated corpus (from bench_batch.py) with
an empty translation memory; printed: start-up cost (Ray: the pool of workers), total seconds,
files/s, units/s, and the driver's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(args: argparse.Namespace) -> int:
    """Run one job in this process; print its figures as JSON."""
    import dataclasses

    sys.path.insert(0, str(ROOT))
    from translate.backends import load_translator
    from translate.jobs.engine import JobSettings, run_job
    from translate.memory.store import TranslationMemory

    started = time.perf_counter()
    backend, options = load_translator(str(args.model), device="cpu", backend=args.backend)
    options = dataclasses.replace(options, beam=1, max_new_tokens=args.out_tokens)
    pool = None
    if args.child == "ray":
        from translate.jobs.ray_engine import RayPool, WorkerSpec

        spec = WorkerSpec(str(args.model), "cpu", backend.info.backend)
        pool = RayPool(spec, options, workers=args.workers)
        pool.stream([])  # nothing to do: the pool is up
    ready = time.perf_counter()
    with TranslationMemory(args.out.parent / f"{args.child}.sqlite") as memory:
        report = run_job(
            [args.corpus], backend, options, JobSettings(out_dir=args.out, fmt="json"),
            memory=memory, stream=pool.stream if pool else None,
        )  # fmt: skip
    done = time.perf_counter()
    if pool is not None:
        pool.close()
    print(
        json.dumps(
            {
                "startup": ready - started,
                "seconds": done - ready,
                "files": report.done,
                "units": report.units,
                "translated": report.translated,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=200, help="corpus size (200)")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: tiny)")
    parser.add_argument("--backend", default="transformers", help="transformers or ctranslate2")
    parser.add_argument("--workers", type=int, default=2, help="Ray workers (2)")
    parser.add_argument("--out-tokens", type=int, default=16, help="max new tokens (16)")
    parser.add_argument("--child", choices=["local", "ray"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from bench_batch import build_corpus

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.model is None:
            from translate.devmodels import build_tiny_marian

            args.model = build_tiny_marian(tmp / "tiny", seed=0)
        corpus = tmp / "corpus"
        build_corpus(corpus, args.files)
        print(f"corpus: {args.files} files; model {args.model}; backend {args.backend}")
        print(f"{'engine':<22} {'start-up s':>10} {'job s':>8} {'files/s':>8} {'units/s':>8} "
              f"{'driver RSS MB':>14}")  # fmt: skip
        figures = {}
        for engine in ("local", "ray"):
            cmd = [sys.executable, __file__, "--child", engine, "--corpus", str(corpus),
                   "--out", str(tmp / f"out-{engine}"), "--model", str(args.model),
                   "--backend", args.backend, "--workers", str(args.workers),
                   "--out-tokens", str(args.out_tokens)]  # fmt: skip
            env_home = {"TRANSLATE_HOME": str(tmp / "home")}
            import os

            proc = subprocess.run(
                cmd, capture_output=True, text=True, env={**os.environ, **env_home}, check=True
            )
            data = json.loads(proc.stdout.strip().splitlines()[-1])
            figures[engine] = data
            label = engine if engine == "local" else f"ray local, {args.workers} workers"
            print(
                f"{label:<22} {data['startup']:>10.1f} {data['seconds']:>8.1f} "
                f"{data['files'] / data['seconds']:>8.1f} {data['units'] / data['seconds']:>8.1f} "
                f"{data['rss_mb']:>14.0f}"
            )
        ratio = figures["local"]["seconds"] / figures["ray"]["seconds"]
        print(f"ray job time is {1 / ratio:.2f}x the local engine's (start-up not counted)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
