"""`translate summarize`: short English summaries of many articles, without full translations."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from translate.cli.common import (
    BACKEND_HELP,
    Backend,
    Device,
    Format,
    cli_errors,
    exit_code,
    expand_inputs,
    fail,
    load_glossary_entries,
    load_models,
    note_if_not_chinese,
    plan_outputs,
    report,
    write_output,
)
from translate.cli.common import SummaryMethod as Method
from translate.errors import OutputError, TranslateError
from translate.summarize.extractive import DEFAULT_SENTENCES

if TYPE_CHECKING:
    pass


def register(app: typer.Typer) -> None:
    """Add the summarize command to `app`."""
    app.command("summarize")(summarize)


@cli_errors
def summarize(
    articles: list[Path] = typer.Argument(
        ..., help="Article files, or folders (their *.txt files, sorted; not recursive)."
    ),
    sentences: int | None = typer.Option(
        None,
        "--sentences",
        "-n",
        min=1,
        help=f"Sentences in each summary (default {DEFAULT_SENTENCES}).",
    ),
    words: int | None = typer.Option(
        None, "--words", "-w", min=1, help="About this many words instead of --sentences."
    ),
    method: Method = typer.Option(
        Method.extractive,
        "--method",
        help="extractive: the article's best sentences, only those translated; "
        "model: translate all, then summarize with a BART model.",
    ),
    model: str | None = typer.Option(
        None, "--model", "-m", help="Translation model: models.yaml name or directory."
    ),
    summarizer: str | None = typer.Option(
        None, "--summarizer", help="Summarization model for --method model: name or directory."
    ),
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        help="Write <stem>.summary.<format> files into this folder; '-' for stdout (the default).",
    ),
    fmt: Format = typer.Option(Format.md, "--format", "-f", help="Output format."),
    device: Device = typer.Option(Device.auto, "--device", help="auto uses a GPU when present."),
    backend_name: Backend | None = typer.Option(None, "--backend", help=BACKEND_HELP),
    glossary: list[Path] = typer.Option(
        [], "--glossary", "-g", help="Glossary TSV whose pinned terms are enforced; repeatable."
    ),
    models_file: Path | None = typer.Option(
        None, "--models-file", help="models.yaml to use (default: the project's)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No notes on stderr."),
) -> None:
    """Print or write short English summaries of Chinese articles.

    The default (extractive) summary is the article's own best sentences, never its bylines, notices or link lists; only those sentences are translated, so it is fast.

    Without -o the summaries go to stdout (JSON: one object a line). A file that fails is reported on stderr, the others still run, and the exit status is 1.

    Example: translate summarize samples/ --words 60 -o summaries/ --format json
    """
    if sentences is not None and words is not None:
        raise fail("--sentences and --words are mutually exclusive; give one", 2)
    if summarizer is not None and method is not Method.model:
        raise fail("--summarizer needs --method model", 2)
    if output is not None and str(output) == "-":
        output = None  # stdout, as with `run -o -`
    if output is not None and output.exists() and not output.is_dir():
        raise OutputError(f"{output}: not a directory")

    load = functools.partial(
        load_models,
        model,
        device=device.value,
        backend=backend_name.value if backend_name is not None else None,
        models_file=models_file,
        summarizer=summarizer,
        want_summarizer=method is Method.model,
    )
    if output is not None:
        _summarize_into(
            articles,
            output,
            sentences=sentences,
            words=words,
            load=load,
            fmt=fmt.value,
            glossary=glossary,
            force=force,
            quiet=quiet,
        )
        return

    failures: list[TranslateError] = []
    files = expand_inputs(articles, failures)
    jobs = plan_outputs(files, lambda _path: None, force=force, errors=failures)

    done = 0
    if jobs:
        done = _run_jobs(
            jobs,
            sentences=sentences,
            words=words,
            load=load,
            fmt=fmt.value,
            glossary=glossary,
            quiet=quiet,
            headers=len(files) > 1,
            failures=failures,
        )
    if failures:
        raise typer.Exit(exit_code(failures, done))


def _summarize_into(
    articles: list[Path],
    output: Path,
    *,
    sentences: int | None,
    words: int | None,
    load: Callable[[], tuple[Any, Any, Any]],
    fmt: str,
    glossary: list[Path],
    force: bool,
    quiet: bool,
) -> None:
    """Summaries written into a folder: a batch job (resumable, with a manifest and the memory)."""
    from translate.atomic import check_writable
    from translate.cli.batch_cmd import finish_job, job_notes
    from translate.jobs.engine import JobSettings, run_job
    from translate.memory.store import TranslationMemory, default_path

    entries = load_glossary_entries(glossary)
    check_writable(output)  # before any model is loaded or anything translated
    translator, options, loaded = load()
    settings = JobSettings(
        out_dir=output,
        fmt=fmt,
        only="summary",
        summary_sentences=sentences,
        summary_words=words,
        summarizer=loaded,
        force=force,
    )
    with TranslationMemory(default_path()) as memory:
        report = run_job(
            [str(a) for a in articles],
            translator,
            options,
            settings,
            glossary_entries=entries,
            memory=memory,
            on_file=job_notes(quiet=quiet),
        )
    finish_job(report, output, table=False, quiet=quiet)


def _run_jobs(
    jobs: list[tuple[Path, Path | None]],
    *,
    sentences: int | None,
    words: int | None,
    load: Callable[[], tuple[Any, Any, Any]],
    fmt: str,
    glossary: list[Path],
    quiet: bool,
    headers: bool,
    failures: list[TranslateError],
) -> int:
    """Summarize each job; return how many succeeded (failures are reported and collected)."""
    from translate.output.summary import render_summary, summary_record
    from translate.pipeline.article import summarize_article
    from translate.pipeline.plan import load_document
    from translate.text.controls import escape_json, visible

    entries = load_glossary_entries(glossary)
    models: tuple[Any, Any, Any] | None = None  # loaded on the first readable article

    done = 0
    for path, target in jobs:
        try:
            doc = load_document(path)
            note_if_not_chinese(doc, quiet=quiet)
        except TranslateError as exc:
            report(exc)
            failures.append(exc)
            continue
        if models is None:  # a model that cannot load stops the command (not one file's fault)
            models = load()
        try:
            translator, options, loaded = models
            summarize_article(
                doc,
                translator,
                options,
                sentences=sentences,
                words=words,
                summarizer=loaded,
                glossary_entries=entries,
            )
            summary = doc.summary or {}
            if target is None:
                if fmt == "json":
                    text = json.dumps(summary_record(doc, summary), ensure_ascii=False) + "\n"
                    text = escape_json(text)
                else:
                    text = render_summary(doc, summary, fmt)
                    if headers:
                        text = f"==> {visible(str(path))} <==\n{text}\n"
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                write_output(target, render_summary(doc, summary, fmt), quiet=quiet)
            done += 1
        except TranslateError as exc:
            report(exc)
            failures.append(exc)
    return done
