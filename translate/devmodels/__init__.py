"""Builders of tiny random-weight models (real tokenizers, real architectures) for tests and benchmarks.

Nothing is imported until a builder is called, so importing this package stays cheap.
"""

from __future__ import annotations

from pathlib import Path


def build_tiny_marian(out_dir: Path, *, seed: int = 0, full_size: bool = False) -> Path:
    """Write a random-weight Marian zh->en model (opus-mt layout); see devmodels.marian.

    Args:
        out_dir: directory to write.
        seed: seed for tokenizer training and weights.
        full_size: opus-mt-zh-en's shape instead of the tiny one (for benchmarks).

    Returns:
        `out_dir`.
    """
    from translate.devmodels.marian import build_tiny_marian as build

    return build(out_dir, seed=seed, full_size=full_size)


__all__ = ["build_tiny_marian"]
