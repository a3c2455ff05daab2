"""`translate summarize` command."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the summarize command to `app`."""
