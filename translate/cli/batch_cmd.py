"""`translate batch`: a folder of thousands of articles, resumable, with a translation memory."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from translate.cli.common import (
    BACKEND_HELP,
    Backend,
    Device,
    Format,
    cli_errors,
    load_glossary_entries,
    load_models,
    note,
    stderr_is_tty,
)
from translate.summarize.extractive import DEFAULT_SENTENCES
from translate.text.controls import visible

if TYPE_CHECKING:
    from translate.jobs.engine import JobReport


class Engine(str, Enum):
    """Where the model work of a batch job runs."""

    local = "local"
    ray = "ray"


class Only(str, Enum):
    """What a batch job produces for each article."""

    translation = "translation"
    summary = "summary"


def register(app: typer.Typer) -> None:
    """Add the batch command to `app`."""
    app.command("batch")(batch)


@cli_errors
def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Article files, folders (searched recursively) and glob patterns."
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Output folder (mirrors the inputs)."),
    fmt: Format = typer.Option(Format.md, "--format", "-f", help="Output format."),
    only: Only = typer.Option(
        Only.translation,
        "--only",
        help="translation: translation, summary and names; summary: only the summary "
        "(translates just the sentences it needs).",
    ),
    glossary: list[Path] = typer.Option(
        [], "--glossary", "-g", help="Glossary TSV; repeatable, later files win."
    ),
    tm: Path | None = typer.Option(
        None, "--tm", help="Translation memory file (default: memory.sqlite in the data folder)."
    ),
    no_tm: bool = typer.Option(
        False, "--no-tm", help="Translate everything afresh; store nothing."
    ),
    summary_sentences: int = typer.Option(
        DEFAULT_SENTENCES, "--summary-sentences", min=0, help="Sentences in each summary."
    ),
    model: str | None = typer.Option(
        None, "--model", "-m", help="models.yaml entry name or local model directory."
    ),
    backend_name: Backend | None = typer.Option(None, "--backend", help=BACKEND_HELP),
    beam: int | None = typer.Option(
        None, "--beam", min=1, help="Beam size (default: models.yaml)."
    ),
    batch_size: int | None = typer.Option(
        None, "--batch-size", min=1, help="Sentences per model batch (default: models.yaml)."
    ),
    device: Device = typer.Option(Device.auto, "--device", help="auto uses a GPU when present."),
    bilingual: bool = typer.Option(False, "--bilingual", help="Interleave Chinese and English."),
    models_file: Path | None = typer.Option(
        None, "--models-file", help="models.yaml to use (default: the project's)."
    ),
    force: bool = typer.Option(False, "--force", help="Redo files that are up to date."),
    wait: bool = typer.Option(
        False, "--wait", help="Wait for another job writing the same folder instead of stopping."
    ),
    engine: Engine = typer.Option(
        Engine.local, "--engine", help="local: this process; ray: a pool of Ray workers."
    ),
    address: str | None = typer.Option(
        None, "--address", help="Ray cluster (auto, ray://HOST:PORT); default: start one here."
    ),
    workers: int = typer.Option(2, "--workers", min=1, help="Ray workers (one model each)."),
    gpus_per_worker: float = typer.Option(
        0.0, "--gpus-per-worker", min=0.0, help="GPUs each Ray worker takes (0: CPU)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or table."),
) -> None:
    """Translate (or summarize) many articles into a folder; rerun to resume.

    Each input gets OUTDIR/<its path>.en.<format> (or .summary.<format> with --only summary), and OUTDIR/manifest.jsonl gets one line per file as it finishes. A rerun skips files whose outputs are up to date for the same input, model, settings and the glossary entries found in them; units translated before come from the translation memory. Bad files are recorded as failed and the rest still run; the exit status is 1 when any failed.

    With --engine ray the new units go to a pool of Ray workers (a local Ray instance, or --address for a cluster); everything else is as above.

    Example: translate batch news/ -o out/ -g glossary.tsv --format json
    """
    from translate.atomic import check_writable
    from translate.jobs.engine import JobSettings, run_job

    entries = load_glossary_entries(glossary)
    check_writable(output)  # before any model is loaded or anything translated
    backend, options, _ = load_models(
        model,
        device=device.value,
        backend=backend_name.value if backend_name is not None else None,
        models_file=models_file,
        beam=beam,
        batch_size=batch_size,
    )
    settings = JobSettings(
        out_dir=output,
        fmt=fmt.value,
        only=only.value,
        summary_sentences=summary_sentences,
        bilingual=bilingual,
        force=force,
    )
    memory = None
    if not no_tm:
        from translate.memory.store import TranslationMemory, default_path

        memory = TranslationMemory(tm if tm is not None else default_path())
    pool = None
    if engine is Engine.ray:
        from translate.jobs.ray_engine import RayPool, WorkerSpec

        spec = WorkerSpec(
            model=model,
            device=device.value,
            backend=backend.info.backend,  # what the driver chose, so outputs are the same
            models_file=str(models_file) if models_file is not None else None,
        )
        pool = RayPool(
            spec, options, workers=workers, address=address, gpus_per_worker=gpus_per_worker
        )
    progress = _Progress(inputs, output, enabled=not quiet and stderr_is_tty())
    try:
        report = run_job(
            inputs,
            backend,
            options,
            settings,
            glossary_entries=entries,
            memory=memory,
            wait=wait,
            on_file=progress.update,
            stream=pool.stream if pool is not None else None,
        )
    finally:
        progress.close()
        if memory is not None:
            memory.close()
        if pool is not None:
            pool.close()
    finish_job(report, output, table=True, quiet=quiet)


def job_notes(*, quiet: bool) -> Callable[[dict[str, Any]], None]:
    """A per-file callback that notes each output written (unless quiet)."""

    def on_file(record: dict[str, Any]) -> None:
        if record["status"] == "done":
            note(f"wrote {record['outputs'][0]}", quiet=quiet)

    return on_file


def finish_job(report: JobReport, output: Path, *, table: bool, quiet: bool) -> None:
    """Report a finished job on stderr (errors, kept outputs, the table) and exit as it went:
    0 when all went well, 1 when some files failed, else the failures' own exit code."""
    for _path, error, _code in report.failures:
        typer.echo(f"translate: error: {visible(error)}", err=True)
    for line in report.notes:
        note(f"note: {line}", quiet=quiet)
    for kept in report.kept:
        typer.echo(
            f"translate: kept existing {visible(kept)} (edited; use --force to replace it)",
            err=True,
        )
    if table and not quiet:
        typer.echo(_table(report, output), err=True)
    if report.failures:
        raise typer.Exit(
            1 if report.done or report.skipped else max(c for *_, c in report.failures)
        )


def _table(report: JobReport, output: Path) -> str:
    rows = [
        ("done", report.done),
        ("skipped (up to date)", report.skipped),
        ("failed", report.failed),
        ("units", report.units),
        ("units from the memory", report.tm_hits),
        ("units translated", report.translated),
        ("seconds", f"{report.seconds:.1f}"),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [f"  {label:<{width}}  {value}" for label, value in rows]
    return "\n".join(
        [f"translate: batch into {output}", *lines, f"  manifest: {output}/manifest.jsonl"]
    )


class _Progress:
    """Files done, units/s and ETA on a terminal."""

    def __init__(self, inputs: list[str], output: Path, *, enabled: bool) -> None:
        self.bar: Any = None
        self.units = 0
        self.started = time.perf_counter()
        if enabled:
            from tqdm import tqdm

            from translate.jobs.engine import discover

            total = sum(1 for _ in discover(inputs, exclude=output))  # a listing: cheap
            self.bar = tqdm(desc="batch", total=total, unit="file", file=sys.stderr, leave=False)

    def update(self, record: dict[str, Any]) -> None:
        if self.bar is None:
            return
        self.units += record.get("units", 0)
        rate = self.units / max(time.perf_counter() - self.started, 1e-6)
        self.bar.set_postfix_str(f"{rate:.1f} units/s, {record['status']}")
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
