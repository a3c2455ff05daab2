"""Batch jobs: many article files through one loaded model, resumable, with a translation memory.

Files are discovered lazily and planned into units; units of several files are gathered into a
window and translated together (through the memory: known units are not translated again, new
ones are stored chunk by chunk), then each file is assembled, completed (summary, names) and
written atomically, and one line is appended to OUTDIR/manifest.jsonl. Only the window is held
in memory, so a job over thousands of files stays flat.

A rerun skips a file whose manifest line says done with the same signature: input bytes, model,
revision, decoding, output settings and the glossary entries found in that file. An interrupted
job leaves no partial output, and what it translated is in the memory already.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.backends.base import DecodeOptions, Translator
from translate.document import Document, Unit, UnitResult
from translate.errors import InputError, JobError, OutputError, TranslateError
from translate.glossary.entry import Entry
from translate.memory.store import TranslationMemory
from translate.pipeline.translate import ResultStream
from translate.text.script import NOT_CHINESE, has_hanzi

MANIFEST = "manifest.jsonl"
LOCK = ".translate-job.lock"
DONE, SKIPPED, FAILED = "done", "skipped", "failed"
KEPT = (
    "kept existing output: edited since written, or not written by this job (--force replaces it)"
)
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class JobFile:
    """An input file and its place in the output tree."""

    path: Path
    rel: Path  # relative path the outputs mirror


@dataclass
class JobSettings:
    """How a job writes its outputs."""

    out_dir: Path
    fmt: str = "md"
    only: str = "translation"  # or "summary": translate just what the summary needs
    summary_sentences: int | None = 3  # None: the default; 0: no summary (translation jobs)
    summary_words: int | None = None  # about this many words instead of sentences
    summarizer: Any = None  # a loaded model summarizer; None: extractive
    bilingual: bool = False
    force: bool = False  # redo files that are up to date
    window_units: int = 512  # units gathered across files before the model runs
    chunk_units: int = 64  # distinct new units translated (and stored) at a time
    max_bytes: int = 20_000_000  # larger inputs fail as too large

    def output_for(self, rel: Path) -> Path:
        kind = "summary" if self.only == "summary" else "en"
        return self.out_dir / rel.parent / f"{rel.stem}.{kind}.{self.fmt}"


@dataclass
class JobReport:
    """What a job did, file by file and in total."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    units: int = 0
    tm_hits: int = 0
    translated: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str, int]] = field(default_factory=list)  # input, error, exit code
    kept: list[str] = field(default_factory=list)  # outputs kept because they were edited
    notes: list[str] = field(default_factory=list)  # "input: note" (no Chinese text in it)

    def count(self, record: dict[str, Any]) -> None:
        status = record["status"]
        if status == DONE:
            self.done += 1
        elif status == SKIPPED:
            self.skipped += 1
            if record.get("reason") == KEPT:
                self.kept.extend(record["outputs"])
        else:
            self.failed += 1
            self.failures.append(
                (record["input"], record.get("error", ""), record.get("exit_code", 1))
            )
        if record.get("note"):
            self.notes.append(f"{record['input']}: {record['note']}")
        self.units += record.get("units", 0)
        self.tm_hits += record.get("tm_hits", 0)
        self.translated += record.get("translated", 0)


# ----------------------------------------------------------------------------- discovery


def discover(inputs: Sequence[str | Path], *, exclude: Path | None = None) -> Iterator[JobFile]:
    """Input files: files as given, folders recursively (.txt, .html, .htm), globs expanded.

    Files under `exclude` (the job's own output folder) and our own outputs are left out.
    """
    from translate.text.readers import FOLDER_SUFFIXES

    own = tuple(f".{k}.{f}" for k in ("en", "summary") for f in ("txt", "md", "json"))
    skip = exclude.resolve() if exclude is not None else None

    def wanted(path: Path) -> bool:
        if path.name.endswith(own) or path.name == MANIFEST:
            return False
        return skip is None or not path.resolve().is_relative_to(skip)

    for given in inputs:
        text = str(given)
        path = Path(text)
        if any(ch in _GLOB_CHARS for ch in text) and not path.exists():
            base = _glob_base(text)
            matches = sorted(glob.glob(text, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file() and wanted(Path(m))]
            if not files:
                raise JobError(f"{text}: matches no files")
            for file in files:
                yield JobFile(file, file.relative_to(base))
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix.lower() in FOLDER_SUFFIXES and file.is_file() and wanted(file):
                    yield JobFile(file, file.relative_to(path))
        else:
            yield JobFile(path, Path(path.name))  # missing or unreadable: reported as failed


def _glob_base(pattern: str) -> Path:
    parts: list[str] = []
    for part in Path(pattern).parts:
        if any(ch in _GLOB_CHARS for ch in part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


# ----------------------------------------------------------------------------- the folder


class _FolderLock:
    """One job per output folder; the second says which process holds it (or waits)."""

    def __init__(self, out_dir: Path, *, wait: bool) -> None:
        from filelock import FileLock

        self.out_dir = out_dir
        self.lock = FileLock(str(out_dir / LOCK))
        self.wait = wait

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self.lock.acquire(timeout=-1 if self.wait else 0)
        except Timeout:
            holder = _read_holder(self.out_dir / f"{LOCK}.pid")
            raise JobError(
                f"{self.out_dir}: another translate job ({holder}) is writing this folder; "
                "wait for it to finish, use another -o folder, or pass --wait"
            ) from None
        pid_file = self.out_dir / f"{LOCK}.pid"
        try:
            pid_file.write_text(
                f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n",
                encoding="utf-8",
            )
        except OSError as exc:
            self.lock.release()
            raise OutputError(f"{pid_file}: cannot write: {exc.strerror or exc}") from None

    def __exit__(self, *exc: object) -> None:
        (self.out_dir / f"{LOCK}.pid").unlink(missing_ok=True)
        self.lock.release()


def _read_holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "unknown process"
    except OSError:
        return "unknown process"


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Delete the temporary files of an atomic write that a killed job left (never an output:
    outputs appear only when complete). Safe: we hold the folder lock."""
    for path in out_dir.rglob(".*.tmp"):
        if path.is_file() and path.name.count(".") >= 3:
            path.unlink(missing_ok=True)


def read_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The last manifest record of each input (a torn last line from a kill is ignored)."""
    records: dict[str, dict[str, Any]] = {}
    path = out_dir / MANIFEST
    if not path.exists():
        return records
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "input" in record:
                records[record["input"]] = record
    return records


class _Manifest:
    """Appends one JSON line per finished file, flushed to disk as it finishes."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        try:
            self.handle = self.path.open("a", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def append(self, record: dict[str, Any]) -> None:
        try:
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.handle.flush()
            os.fsync(self.handle.fileno())
        except OSError as exc:  # a full disk: the job stops, naming the file
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def close(self) -> None:
        with contextlib.suppress(OSError):  # every record was flushed and synced as written
            self.handle.close()


# ----------------------------------------------------------------------------- the job


@dataclass
class _Pending:
    """A planned file waiting for its units to be translated."""

    file: JobFile
    doc: Document
    units: list[Unit]
    record: dict[str, Any]
    started: float


def run_job(
    inputs: Sequence[str | Path],
    backend: Translator,
    options: DecodeOptions,
    settings: JobSettings,
    *,
    glossary_entries: Sequence[Entry] = (),
    memory: TranslationMemory | None = None,
    wait: bool = False,
    on_file: Callable[[dict[str, Any]], None] | None = None,
    stream: ResultStream | None = None,
) -> JobReport:
    """Translate (or summarize) every input file into `settings.out_dir`.

    Args:
        inputs: files, folders (recursive) and glob patterns.
        backend: a loaded Translator, used for every file.
        options: decoding settings.
        settings: output folder, format, what to produce.
        glossary_entries: the user's glossary: pinned terms enforced, entries override names.
        memory: the translation memory; None translates everything afresh.
        wait: wait for another job on the same folder instead of failing.
        on_file: called with each manifest record as the file finishes (progress).
        stream: where new units are translated (default: here, through `backend`); the Ray
            engine passes one that sends them to a pool of workers.
    Returns:
        Counts, and the failures with their reasons.
    Raises:
        JobError: the folder is in use, or a pattern matches nothing.
    """
    out_dir = settings.out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JobError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    report = JobReport()
    began = time.perf_counter()
    with _FolderLock(out_dir, wait=wait):
        _remove_stale_temporaries(out_dir)
        previous = read_manifest(out_dir)
        manifest = _Manifest(out_dir)
        job = _Job(backend, options, settings, list(glossary_entries), memory, manifest, stream)

        def finished(record: dict[str, Any]) -> None:
            report.count(record)
            if on_file is not None:
                on_file(record)

        try:
            claimed: dict[Path, str] = {}
            for file in discover(inputs, exclude=out_dir):
                job.add(file, previous, claimed, finished)
            job.flush(finished)
        finally:
            manifest.close()
    report.seconds = round(time.perf_counter() - began, 3)
    return report


class _Job:
    """The state of one running job: the window of planned files and where results go."""

    def __init__(
        self,
        backend: Translator,
        options: DecodeOptions,
        settings: JobSettings,
        entries: list[Entry],
        memory: TranslationMemory | None,
        manifest: _Manifest,
        stream: ResultStream | None = None,
    ) -> None:

        self.backend = backend
        self.options = options
        self.settings = settings
        self.entries = entries
        self.memory = memory
        self.manifest = manifest
        self.stream = stream
        from translate.text.script import to_simplified

        self.keyed = [(to_simplified(e.source), e) for e in entries if e.source.strip()]
        self.pending: list[_Pending] = []
        self.pending_units = 0
        info = backend.info
        self.base_signature = {
            "tool": _tool_version(),
            "backend": info.backend,
            "model": info.model_id,
            "revision": info.revision,
            "decoding": options.to_json(),
            "format": settings.fmt,
            "only": settings.only,
            "summary_sentences": settings.summary_sentences,
            "summary_words": settings.summary_words,
            "summarizer": [
                getattr(settings.summarizer, "model_id", None),
                getattr(settings.summarizer, "revision", None),
            ],
            "bilingual": settings.bilingual,
        }
        glossary = sorted((e.source, e.target, e.type, e.status) for e in entries)
        self.settings_signature = _digest({**self.base_signature, "glossary": glossary})

    def add(
        self,
        file: JobFile,
        previous: dict[str, dict[str, Any]],
        claimed: dict[Path, str],
        finished: Callable[[dict[str, Any]], None],
    ) -> None:
        """Read and plan one file (or skip or fail it); translate when the window is full."""
        started = time.perf_counter()
        key = str(file.path)
        target = self.settings.output_for(file.rel)
        record: dict[str, Any] = {"input": key, "outputs": [str(target)]}
        try:
            resolved = _resolved_output(target)
            if resolved in claimed:
                raise InputError(
                    f"{key}: its output {target} is already that of {claimed[resolved]}"
                )
            claimed[resolved] = key
            data = self._read_bytes(file.path)
            input_hash = hashlib.sha256(data).hexdigest()
            record["input_hash"] = input_hash
            record["settings"] = self.settings_signature
            last = previous.get(key) or {}
            doc: Document | None = None
            if not self.settings.force and target.exists():
                written = last.get("output_sha")
                record["output_sha"] = written
                if written != _file_sha(target):
                    finished(self._write_record(record, SKIPPED, started, reason=KEPT))
                    return
                unchanged = last.get("status") in (DONE, SKIPPED) and (
                    last.get("input_hash") == input_hash
                )
                if unchanged and last.get("settings") == self.settings_signature:
                    # Same input, same settings, same whole glossary: no need to look inside.
                    record["signature"] = last.get("signature")
                    finished(self._write_record(record, SKIPPED, started, reason="up to date"))
                    return
                doc = self._document(file.path, data)
                record["signature"] = self._signature(doc, input_hash)
                if unchanged and last.get("signature") == record["signature"]:
                    # The glossary changed, but not in any entry this file contains.
                    finished(self._write_record(record, SKIPPED, started, reason="up to date"))
                    return
            if doc is None:
                doc = self._document(file.path, data)
                record["signature"] = self._signature(doc, input_hash)
            units = self._plan(doc)
            if not any(has_hanzi(p.source) for p in doc.all_paragraphs()):
                record["note"] = NOT_CHINESE
        except TranslateError as exc:
            finished(
                self._write_record(record, FAILED, started, error=str(exc), code=exc.exit_code)
            )
            return
        self.pending.append(_Pending(file, doc, units, record, started))
        self.pending_units += len(units)
        if self.pending_units >= self.settings.window_units:
            self.flush(finished)

    def _read_bytes(self, path: Path) -> bytes:
        from translate.atomic import read_file_bytes

        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # reported by the read below
        if size > self.settings.max_bytes:
            raise InputError(
                f"{path}: too large for an article ({size:,} bytes; the limit is "
                f"{self.settings.max_bytes:,})"
            )
        return read_file_bytes(path, InputError, what="text file", shown=str(path))

    def _document(self, path: Path, data: bytes) -> Document:
        from translate.pipeline.plan import build_document
        from translate.text.readers import read_text_bytes

        article = read_text_bytes(data, str(path), path=path)
        return build_document(article.text, path=str(path), encoding=article.encoding)

    def _signature(self, doc: Document, input_hash: str) -> str:
        """What the outputs of this file depend on, the glossary entries found in it included."""
        relevant: list[tuple[str, str, str, str]] = []
        if self.keyed:
            # Every entry whose characters occur, inside a word or not: enforced, reported as
            # skipped, or shown as a name, each changes the outputs.
            from translate.text.script import to_simplified

            text = to_simplified("\n".join(p.source for p in doc.all_paragraphs()))
            found = [e for key, e in self.keyed if key in text]
            relevant = sorted((e.source, e.target, e.type, e.status) for e in found)
        return _digest({**self.base_signature, "input": input_hash, "glossary": relevant})

    def _plan(self, doc: Document) -> list[Unit]:
        from translate.pipeline.plan import plan_units

        only = None
        if self.settings.only == "summary" and self.settings.summarizer is None:
            from translate.summarize.extractive import select_sentences

            only = select_sentences(
                doc, sentences=self.settings.summary_sentences, words=self.settings.summary_words
            )
        return plan_units(doc, self.backend, self.entries, only=only)

    def flush(self, finished: Callable[[dict[str, Any]], None]) -> None:
        """Translate the window's units together, then finish and write each file."""
        if not self.pending:
            return
        units = [u for p in self.pending for u in p.units]
        origins: list[str]
        if self.memory is not None:
            from translate.memory.cached import translate_with_memory

            results, stats = translate_with_memory(
                units,
                self.backend,
                self.options,
                self.memory,
                chunk_units=self.settings.chunk_units,
                stream=self.stream,
            )
            origins = stats.origins
        elif self.stream is not None:
            placed: dict[int, UnitResult] = {}
            for batch in self.stream(units):
                placed.update(batch)
            results = [placed[i] for i in range(len(units))]
            origins = ["new"] * len(units)
        else:
            from translate.pipeline.translate import translate_units

            results = translate_units(units, self.backend, self.options)
            origins = ["new"] * len(units)
        at = 0
        for pending in self.pending:
            n = len(pending.units)
            self._finish(pending, results[at : at + n], origins[at : at + n], finished)
            at += n
        self.pending = []
        self.pending_units = 0

    def _finish(
        self,
        pending: _Pending,
        results: Sequence[Any],
        origins: Sequence[str],
        finished: Callable[[dict[str, Any]], None],
    ) -> None:
        from translate.pipeline.article import complete_article, make_provenance
        from translate.pipeline.assemble import assemble

        record = pending.record
        try:
            doc = assemble(pending.doc, pending.units, results)
            doc.provenance = make_provenance(
                doc, self.backend, self.options, self.entries, pending.units
            )
            hits = sum(1 for o in origins if o in ("memory", "human"))
            if self.memory is not None:
                doc.provenance.memory = {
                    "path": str(self.memory.path),
                    "units_from_memory": hits,
                    "units_human": sum(1 for o in origins if o == "human"),
                }
            complete_article(
                doc,
                self.entries,
                summary_sentences=self.settings.summary_sentences,
                summary_words=self.settings.summary_words,
                summarizer=self.settings.summarizer,
                names=self.settings.only != "summary",
                started=pending.started,
            )
            target = Path(record["outputs"][0])
            target.parent.mkdir(parents=True, exist_ok=True)
            text = self._render(doc)
            _write(target, text)
            record["output_sha"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            record["sentences"] = len({(u.paragraph, u.sentence) for u in pending.units})
            record["units"] = len(pending.units)
            record["tm_hits"] = hits
            record["translated"] = sum(1 for o in origins if o == "new")
            not_enforced = [t for t in doc.all_terms() if t.status in ("missed", "skipped")]
            if not_enforced:
                record["terms_not_enforced"] = len(not_enforced)
            finished(self._write_record(record, DONE, pending.started))
        except TranslateError as exc:
            finished(
                self._write_record(
                    record, FAILED, pending.started, error=str(exc), code=exc.exit_code
                )
            )
        except OSError as exc:
            error = f"{record['outputs'][0]}: cannot write: {exc.strerror or exc}"
            finished(self._write_record(record, FAILED, pending.started, error=error, code=6))

    def _render(self, doc: Document) -> str:
        if self.settings.only == "summary":
            from translate.output.summary import render_summary

            return render_summary(doc, doc.summary or {}, self.settings.fmt)
        from translate.output.render import render

        return render(doc, self.settings.fmt, bilingual=self.settings.bilingual)

    def _write_record(
        self,
        record: dict[str, Any],
        status: str,
        started: float,
        *,
        error: str | None = None,
        code: int | None = None,
        reason: str | None = None,
    ) -> dict[str, Any]:
        record = {**record, "status": status, "seconds": round(time.perf_counter() - started, 3)}
        if error is not None:
            record["error"] = error
            record["exit_code"] = code or 1
        if reason is not None:
            record["reason"] = reason
        record["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        self.manifest.append(record)
        return record


def _digest(payload: dict[str, Any]) -> str:
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _resolved_output(target: Path) -> Path:
    """An output path resolved (to tell two inputs that would write one file); a symbolic link
    loop in its place is an output error."""
    try:
        return target.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop
        raise OutputError(f"{target}: symbolic link loop, cannot write there") from None


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _write(target: Path, text: str) -> None:
    from translate.atomic import write_text_atomic

    write_text_atomic(target, text)


def _tool_version() -> str:
    from translate import __version__

    return __version__
