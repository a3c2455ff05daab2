"""`translate tm`: the translation memory: stats, TMX export and import, clear."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from translate.cli.common import cli_errors

app = typer.Typer(
    help="The translation memory that batch jobs use (SQLite; TMX 1.4b in and out).",
    no_args_is_help=True,
)


def _tm_option() -> Path | None:
    return typer.Option(
        None, "--tm", help="Translation memory file (default: memory.sqlite in the data folder)."
    )


def _open(path: Path | None):  # noqa: ANN202 - the memory class is imported lazily
    from translate.memory.store import TranslationMemory, default_path

    return TranslationMemory(path if path is not None else default_path())


@app.command("stats")
@cli_errors
def stats(tm: Path | None = _tm_option(), as_json: bool = typer.Option(False, "--json")) -> None:
    """How many units the memory holds, by model, and how many are human translations.

    Example: translate tm stats
    """
    with _open(tm) as memory:
        data = memory.stats()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{data['path']} (schema {data['schema']}, {data['bytes']:,} bytes)")
    typer.echo(f"  machine units: {data['machine_units']} ({data['distinct_sources']} sources)")
    typer.echo(f"  human units:   {data['human_units']}")
    for row in data["models"]:
        typer.echo(f"  {row['model']}@{(row['revision'] or '-')[:12]}: {row['units']}")


@app.command("export")
@cli_errors
def export(
    target: Path = typer.Argument(..., help="TMX file to write."),
    tm: Path | None = _tm_option(),
) -> None:
    """Write the memory as TMX 1.4b, for CAT tools such as OmegaT or Trados.

    Example: translate tm export memory.tmx
    """
    from translate.memory.tmx import export_tmx

    with _open(tm) as memory:
        count = export_tmx(memory, target)
    typer.echo(f"translate: wrote {count} translation units to {target}", err=True)


@app.command("import")
@cli_errors
def import_(
    source: Path = typer.Argument(..., help="TMX file of human translations (zh -> en)."),
    tm: Path | None = _tm_option(),
) -> None:
    """Add human translations from a TMX file; they win over machine ones for the same sentence.

    Example: translate tm import reviewed.tmx
    """
    from translate.memory.tmx import import_tmx

    with _open(tm) as memory:
        count = import_tmx(memory, source)
    typer.echo(f"translate: imported {count} human translations from {source}", err=True)


@app.command("clear")
@cli_errors
def clear(
    tm: Path | None = _tm_option(),
    human: bool = typer.Option(False, "--human", help="Also delete imported human translations."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask."),
) -> None:
    """Delete the machine translations in the memory (and with --human, the human ones).

    Example: translate tm clear --yes
    """
    if not yes and not typer.confirm("Delete the stored translations?", err=True):
        raise typer.Exit(1)
    with _open(tm) as memory:
        deleted = memory.clear(human=human)
    typer.echo(f"translate: deleted {deleted} translation units", err=True)
