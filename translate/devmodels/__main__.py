"""python -m translate.devmodels {marian,bart} OUT_DIR: build a random-weight model for testing.

Examples:
    python -m translate.devmodels marian /tmp/tiny-marian
    python -m translate.devmodels marian /tmp/opus-shape --full-size
    python -m translate.devmodels bart /tmp/tiny-bart
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the model, print its directory; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m translate.devmodels",
        description="Build a random-weight model (real tokenizer and architecture) for tests.",
    )
    sub = parser.add_subparsers(dest="kind", required=True)
    marian = sub.add_parser("marian", help="Marian zh->en in the opus-mt layout")
    marian.add_argument("out_dir", type=Path)
    marian.add_argument("--seed", type=int, default=0)
    marian.add_argument(
        "--full-size", action="store_true", help="opus-mt-zh-en's shape (for benchmarks)"
    )
    bart = sub.add_parser("bart", help="BART summarizer")
    bart.add_argument("out_dir", type=Path)
    bart.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    if args.kind == "marian":
        from translate.devmodels import build_tiny_marian

        out = build_tiny_marian(args.out_dir, seed=args.seed, full_size=args.full_size)
    else:
        try:
            module = importlib.import_module("translate.devmodels.bart")
        except ModuleNotFoundError as exc:
            if exc.name != "translate.devmodels.bart":
                raise
            print(
                "error: the BART builder (translate.devmodels.bart) is not available yet",
                file=sys.stderr,
            )
            return 1
        out = module.build_tiny_bart(args.out_dir, seed=args.seed)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
