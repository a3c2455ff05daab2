"""`translate glossary ...` commands (filled in by the glossary work)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Extract, edit, check, import and export glossaries of names.", no_args_is_help=True)
