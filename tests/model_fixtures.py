"""Session fixtures that build tiny real models (SentencePiece + Marian/BART) in seconds."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight Marian zh->en model in the opus-mt layout, built once per test session."""
    from translate.devmodels import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian") / "model", seed=0)


@pytest.fixture(scope="session")
def tiny_bart_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight BART summarizer, built once per session."""
    from translate.devmodels.bart import build_tiny_bart

    return Path(build_tiny_bart(tmp_path_factory.mktemp("tiny-bart") / "model", seed=0))
