"""Shared CLI plumbing: the one place library errors become exit codes and stderr lines."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from ..errors import TranslateError

F = TypeVar("F", bound=Callable[..., Any])


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
        except KeyboardInterrupt:
            typer.echo("translate: interrupted", err=True)
            raise typer.Exit(130) from None
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise fail(f"{where}{exc.strerror or exc}", 1) from None

    return wrapper  # type: ignore[return-value]


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()
