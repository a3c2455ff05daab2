"""Shared CLI plumbing: the one place library errors become exit codes and stderr lines."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..errors import TranslateError

F = TypeVar("F", bound=Callable[..., Any])


class Format(str, Enum):
    """Output formats of `run` and `summarize`."""

    md = "md"
    json = "json"
    txt = "txt"


class Device(str, Enum):
    """Where models run: auto uses a GPU when present."""

    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class SummaryMethod(str, Enum):
    """extractive: the article's own best sentences; model: a summarization model."""

    extractive = "extractive"
    model = "model"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `translate: error: message` on stderr and return an Exit to raise."""
    typer.echo(f"translate: error: {message}", err=True)
    return typer.Exit(code)


def cli_errors(func: F) -> F:
    """Decorate a command so TranslateError, OSError and Ctrl-C end with one line, not a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TranslateError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`translate glossary list | head`): stop quietly, as `cat` does.
            _silence_stdout()
            raise typer.Exit(141) from None
        except KeyboardInterrupt:
            typer.echo("translate: interrupted", err=True)
            raise typer.Exit(130) from None
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise fail(f"{where}{exc.strerror or exc}", 1) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


# Text outputs of our own commands, never taken as articles when a folder is expanded.
OWN_OUTPUTS = (".summary.txt", ".en.txt")


def report(exc: TranslateError) -> None:
    """Print a library error as one stderr line (for batch commands that go on)."""
    typer.echo(f"translate: error: {exc}", err=True)


def expand_inputs(paths: list[Path], failures: list[TranslateError]) -> list[Path]:
    """Articles to process: files as given, folders as their *.txt files (sorted, not recursive).

    A folder without articles is reported on stderr and added to `failures`.
    """
    from ..errors import InputError

    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)  # a missing or unreadable file is reported when it is read
            continue
        found = sorted(
            p for p in path.glob("*.txt") if p.is_file() and not p.name.endswith(OWN_OUTPUTS)
        )
        if not found:
            error = InputError(f"{path}: folder has no .txt articles")
            report(error)
            failures.append(error)
        files.extend(found)
    return files
