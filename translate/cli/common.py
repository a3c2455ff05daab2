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

from translate.errors import TranslateError
from translate.text.controls import visible

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


class Backend(str, Enum):
    """Which library runs the translation model."""

    ctranslate2 = "ctranslate2"
    transformers = "transformers"


BACKEND_HELP = (
    "Translation library (default: models.yaml `backend:`, else ctranslate2 when installed; "
    "a model directory: transformers)."
)


class SummaryMethod(str, Enum):
    """extractive: the article's own best sentences; model: a summarization model."""

    extractive = "extractive"
    model = "model"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `translate: error: message` on stderr and return an Exit to raise."""
    typer.echo(f"translate: error: {visible(message)}", err=True)
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
OWN_OUTPUTS = tuple(f".{kind}.{fmt}" for kind in ("en", "summary") for fmt in ("txt", "md", "json"))


def report(exc: TranslateError) -> None:
    """Print a library error as one stderr line (for batch commands that go on)."""
    typer.echo(f"translate: error: {visible(str(exc))}", err=True)


def exit_code(errors: list[TranslateError], done: int) -> int:
    """The exit status of a command over many files (README, "Exit codes"): 0 when nothing
    failed, 1 when some files failed and others were done, else the failures' own code."""
    if not errors:
        return 0
    return 1 if done else max(error.exit_code for error in errors)


def expand_inputs(paths: list[Path], failures: list[TranslateError]) -> list[Path]:
    """Articles to process: files as given, folders as their articles (*.txt, *.html, *.htm;
    sorted, not recursive; our own outputs left out).

    A folder without articles is reported on stderr and added to `failures`.
    """
    from translate.errors import InputError
    from translate.text.readers import FOLDER_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)  # a missing or unreadable file is reported when it is read
            continue
        found = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in FOLDER_SUFFIXES
            and p.is_file()
            and not p.name.endswith(OWN_OUTPUTS)
        )
        if not found:
            error = InputError(f"{path}: folder has no .txt articles (nor .html)")
            report(error)
            failures.append(error)
        files.extend(found)
    return files


def note(message: str, *, quiet: bool) -> None:
    """Print a `translate: ...` note on stderr unless --quiet."""
    if not quiet:
        typer.echo(f"translate: {visible(message)}", err=True)


def load_glossary_entries(paths: list[Path]) -> list[Any]:
    """The entries of the glossaries given with -g (later files win, in either script); [] when
    none. Which line is used where a file defines a term twice is said on stderr."""
    if not paths:
        return []
    from translate.errors import InputError
    from translate.glossary.store import load_glossaries

    for path in paths:
        if not os.path.lexists(path):
            raise InputError(f"{path}: glossary file not found")

    def warn(problem: Any) -> None:
        typer.echo(f"translate: {visible(str(problem))}", err=True)

    return list(load_glossaries(paths, warn=warn).entries)


def same_file(path: Path, article: Path | None = None) -> Path:
    """`path` resolved, for comparing files; a symbolic link loop is an error naming it.

    Raises:
        InputError: `path` is the input `article` (or there is none) and is a link loop.
        OutputError: `path` is an output and is a link loop.
    """
    from translate.errors import InputError, OutputError

    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop
        if article is None or path == article:
            raise InputError(f"{path}: symbolic link loop, cannot read it") from None
        raise OutputError(f"{path}: symbolic link loop, cannot write there") from None


def plan_outputs(
    files: list[Path],
    target_for: Callable[[Path], Path | None],
    *,
    force: bool,
    errors: list[TranslateError],
) -> list[tuple[Path, Path | None]]:
    """Pair each input with its output file (None: stdout), leaving out what must not run.

    The same article named twice runs once; two articles that would write one output, an
    output that is a directory or the input itself are errors (reported, added to `errors`);
    an existing output is kept, with a note, unless `force`. Every output folder is made and
    tried with a small write first, so one that cannot be written is reported (and its articles
    left out) before anything is translated.
    """
    from translate.atomic import check_writable
    from translate.errors import OutputError

    jobs: list[tuple[Path, Path | None]] = []
    claimed: dict[Path, Path] = {}
    for article in files:
        target = target_for(article)
        try:
            source = same_file(article)
            key = same_file(target, article) if target is not None else source
        except TranslateError as exc:
            report(exc)
            errors.append(exc)
            continue
        problem = None
        if key in claimed:
            if same_file(claimed[key]) == source:
                continue  # the same article named twice (a file and its folder): once is enough
            if target is not None:
                problem = f"output {target} is already that of {claimed[key]}"
        elif target is not None and key == source:
            problem = f"output {target} would overwrite the input"
        elif target is not None and target.is_dir():
            problem = f"output {target} is a directory"
        if problem is not None:
            error = OutputError(f"{article}: {problem}")
            report(error)
            errors.append(error)
            continue
        claimed[key] = article
        if target is not None and target.exists() and not force:
            note(f"kept existing {target} (use --force to replace it)", quiet=False)
            continue
        jobs.append((article, target))
    unwritable: set[Path] = set()
    for folder in dict.fromkeys(target.parent for _, target in jobs if target is not None):
        try:
            check_writable(folder)
        except OutputError as exc:
            report(exc)
            errors.append(exc)
            unwritable.add(folder)
    return [(a, t) for a, t in jobs if t is None or t.parent not in unwritable]


def note_if_not_chinese(doc: Any, *, quiet: bool) -> None:
    """A note on stderr when a document has no Chinese in it (all English, only numbers): what
    comes out is not a translation from Chinese, and the user should know."""
    from translate.text.script import NOT_CHINESE, has_hanzi

    if not any(has_hanzi(p.source) for p in doc.all_paragraphs()):
        note(f"note: {doc.path}: {NOT_CHINESE}", quiet=quiet)


def write_output(target: Path, text: str, *, quiet: bool) -> None:
    """Write one output file atomically (creating its folder), then note it on stderr."""
    from translate.atomic import write_text_atomic
    from translate.errors import OutputError

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    note(f"wrote {target}", quiet=quiet)


def load_models(
    model: str | None,
    *,
    device: str,
    backend: str | None,
    models_file: Path | None,
    beam: int | None = None,
    batch_size: int | None = None,
    summarizer: str | None = None,
    want_summarizer: bool = False,
) -> tuple[Any, Any, Any]:
    """The translator, its decoding options (models.yaml defaults, then --beam/--batch-size) and,
    when `want_summarizer`, the summarization model: what run, batch and summarize load."""
    from dataclasses import replace

    from translate.backends import load_translator
    from translate.registry import load_registry

    registry = load_registry(models_file)
    translator, defaults = load_translator(model, device=device, registry=registry, backend=backend)
    options = replace(
        defaults,
        beam=beam if beam is not None else defaults.beam,
        batch_size=batch_size if batch_size is not None else defaults.batch_size,
    )
    loaded = None
    if want_summarizer:
        from translate.summarize.abstractive import load_summarizer

        loaded = load_summarizer(summarizer, device=device, registry=registry)
    return translator, options, loaded
