"""`translate run`: translate article files, with a summary and a glossary of names."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from translate.cli.common import (
    BACKEND_HELP,
    Backend,
    Device,
    Format,
    SummaryMethod,
    cli_errors,
    exit_code,
    expand_inputs,
    load_glossary_entries,
    load_models,
    note_if_not_chinese,
    plan_outputs,
    report,
    stderr_is_tty,
    write_output,
)
from translate.errors import OutputError, TranslateError
from translate.summarize.extractive import DEFAULT_SENTENCES

if TYPE_CHECKING:
    from translate.backends.base import DecodeOptions, Translator
    from translate.document import Document


def register(app: typer.Typer) -> None:
    """Add the run command to `app`."""
    app.command("run")(run)


@cli_errors
def run(
    articles: list[Path] = typer.Argument(
        ..., help="Chinese article files (any encoding), or folders of *.txt articles."
    ),
    output: str | None = typer.Option(
        None,
        "-o",
        "--output",
        help="Output folder (default: beside each input); '-' for stdout (JSON: one line each).",
    ),
    fmt: Format = typer.Option(Format.md, "--format", "-f", help="Output format."),
    bilingual: bool = typer.Option(False, "--bilingual", help="Interleave Chinese and English."),
    model: str | None = typer.Option(
        None, "--model", "-m", help="models.yaml entry name or local model directory."
    ),
    beam: int | None = typer.Option(
        None, "--beam", min=1, help="Beam size (default: models.yaml)."
    ),
    batch_size: int | None = typer.Option(
        None, "--batch-size", min=1, help="Sentences per batch (default: models.yaml)."
    ),
    device: Device = typer.Option(Device.auto, "--device", help="auto uses a GPU when present."),
    backend_name: Backend | None = typer.Option(None, "--backend", help=BACKEND_HELP),
    glossary: list[Path] = typer.Option(
        [], "--glossary", "-g", help="Glossary TSV; repeatable, later files win."
    ),
    summary_sentences: int = typer.Option(
        DEFAULT_SENTENCES,
        "--summary-sentences",
        min=0,
        help="Sentences in the summary (0: no summary).",
    ),
    summary_method: SummaryMethod = typer.Option(
        SummaryMethod.extractive,
        "--summary-method",
        help="extractive: the article's best sentences (no extra model); "
        "model: a summarization model from models.yaml over the English.",
    ),
    summarizer_name: str | None = typer.Option(
        None, "--summarizer", help="Summarization model for --summary-method model."
    ),
    models_file: Path | None = typer.Option(
        None, "--models-file", help="models.yaml to use (default: the project's)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace existing output files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or notes."),
) -> None:
    """Translate Chinese news articles into English.

    Writes <stem>.en.md (or .json/.txt) beside each input, or into -o DIR ('-o -' prints to stdout). Each output has the translation, a short summary and a glossary of the names in the article; pinned glossary terms (-g) are enforced in every sentence.

    Example: translate run samples/beijing-youth-daily-2023-08-20.txt -o out/ --format json
    """
    from translate.pipeline.plan import load_document

    to_stdout = output == "-"
    out_dir = Path(output) if output and not to_stdout else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a directory")

    entries = load_glossary_entries(glossary)

    errors: list[TranslateError] = []
    files = expand_inputs(articles, errors)
    jobs = plan_outputs(
        files,
        lambda article: None if to_stdout else _output_path(article, out_dir, fmt.value),
        force=force,
        errors=errors,
    )
    if not jobs:
        raise typer.Exit(exit_code(errors, 0))

    docs: list[tuple[Document, Path | None]] = []
    for article, target in jobs:
        try:
            doc = load_document(article)
            note_if_not_chinese(doc, quiet=quiet)
            docs.append((doc, target))
        except TranslateError as exc:
            report(exc)
            errors.append(exc)
    if not docs:
        raise typer.Exit(exit_code(errors, 0) or 1)

    backend, options, summarizer = load_models(
        model,
        device=device.value,
        backend=backend_name.value if backend_name is not None else None,
        models_file=models_file,
        beam=beam,
        batch_size=batch_size,
        summarizer=summarizer_name,
        want_summarizer=summary_method is SummaryMethod.model and summary_sentences > 0,
    )

    failed_before = len(errors)
    for doc, target in docs:
        try:
            _translate_one(
                doc,
                target,
                backend,
                options,
                entries,
                summary_sentences,
                summarizer,
                fmt=fmt.value,
                bilingual=bilingual,
                quiet=quiet,
            )
        except TranslateError as exc:  # one article failing does not stop the batch
            report(exc)
            errors.append(exc)
    if errors:
        raise typer.Exit(exit_code(errors, len(docs) - (len(errors) - failed_before)))


def _translate_one(
    doc: Document,
    target: Path | None,
    backend: Translator,
    options: DecodeOptions,
    entries: list[Any],
    summary_sentences: int,
    summarizer: Any,
    *,
    fmt: str,
    bilingual: bool,
    quiet: bool,
) -> None:
    """Translate, summarise and write one document (to `target`, or stdout when None)."""
    from translate.cli.progress import StepBar
    from translate.output.render import render
    from translate.pipeline.article import translate_article

    bar = _progress(doc, quiet)
    with bar as progress:
        translate_article(
            doc,
            backend,
            options,
            glossary_entries=entries,
            summary_sentences=summary_sentences,
            summarizer=summarizer,
            progress=progress,
            steps=StepBar(bar.label, bar=bar.bar) if progress else None,  # summary, names
        )
    _report_missed(doc)
    text = render(doc, fmt, bilingual=bilingual, stream=target is None)
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_output(target, text, quiet=quiet)


def _output_path(article: Path, out_dir: Path | None, fmt: str) -> Path:
    folder = out_dir if out_dir is not None else article.parent
    return folder / f"{article.stem}.en.{fmt}"


def _report_missed(doc: Document) -> None:
    """A warning on stderr for each pinned term occurrence that was not enforced."""
    for term in doc.all_terms():
        if term.status == "missed":
            typer.echo(
                f"translate: warning: {doc.path}: pinned term {term.source} -> "
                f"{term.target or '(no target)'} missing from the translation ({term.detail})",
                err=True,
            )
        elif term.status == "skipped":
            typer.echo(
                f"translate: warning: {doc.path}: pinned term {term.source} -> "
                f"{term.target or '(no target)'} not enforced ({term.detail})",
                err=True,
            )


class _progress:
    """A progress bar on stderr while a document translates (only on a terminal, never --quiet)."""

    def __init__(self, doc: Document, quiet: bool) -> None:
        self.enabled = not quiet and stderr_is_tty()
        self.label = Path(doc.path or "article").name
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from tqdm import tqdm

        self.bar = tqdm(desc=self.label, unit="seg", file=sys.stderr, leave=False)
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
