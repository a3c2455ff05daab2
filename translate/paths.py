"""Where the tool keeps its own data. Nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "TRANSLATE_HOME"


def user_dir() -> Path:
    """Return the data directory ($TRANSLATE_HOME, else ~/.local/share/translate); not created."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "translate"


def models_dir() -> Path:
    """Return the directory where `translate models pull` stores model snapshots."""
    return user_dir() / "models"


def converted_dir() -> Path:
    """Return the directory where models converted for CTranslate2 are cached."""
    return user_dir() / "ct2"
