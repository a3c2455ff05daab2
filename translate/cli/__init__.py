"""The `translate` command line: parse, call the library, map errors. No model code here."""

from __future__ import annotations

import typer

from translate.cli.batch_cmd import register as register_batch
from translate.cli.glossary_cmd import app as glossary_app
from translate.cli.models_cmd import app as models_app
from translate.cli.run_cmd import register as register_run
from translate.cli.summarize_cmd import register as register_summarize
from translate.cli.tm_cmd import app as tm_app

app = typer.Typer(
    name="translate",
    help="Translate Chinese news articles into English, with a summary and a glossary of names.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from translate import __version__

        typer.echo(f"translate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Translate Chinese news articles into English, with a summary and a glossary of names."""


register_run(app)
register_summarize(app)
register_batch(app)
app.add_typer(glossary_app, name="glossary")
app.add_typer(models_app, name="models")
app.add_typer(tm_app, name="tm")


def main() -> None:
    """Entry point of the `translate` script and `python -m translate`."""
    app(prog_name="translate")
