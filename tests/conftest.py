"""Shared test set-up: never touch the network, never touch the user's real data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Tiny models gain nothing from threads, and on a loaded 2-core machine threads stall.
os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeTranslator  # noqa: E402

from translate.backends.base import DecodeOptions  # noqa: E402

pytest_plugins = ["model_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = ROOT / "samples" / "beijing-youth-daily-2023-08-20.txt"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point TRANSLATE_HOME and the HF cache at a temporary directory for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TRANSLATE_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    return home


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    """Make the CLI commands use a fake translator (tests/fakes.py) instead of loading a model."""
    translator = FakeTranslator()

    def load_translator(model=None, *, device="auto", registry=None, backend=None):  # noqa: ANN001, ANN202
        return translator, DecodeOptions(beam=2, batch_size=8)

    monkeypatch.setattr("translate.backends.load_translator", load_translator)
    return translator
