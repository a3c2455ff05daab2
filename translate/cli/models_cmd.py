"""`translate models ...` commands."""

from __future__ import annotations

import typer

app = typer.Typer(help="List and fetch the models in models.yaml.", no_args_is_help=True)
