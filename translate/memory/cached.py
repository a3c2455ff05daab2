"""The translation memory as a wrapper around the translate stage (as argos-translate's
CachedTranslation wraps a translation): units found in the memory are not translated again,
the others go through `translate_units` in chunks, and each finished chunk is stored before the
next starts, so an interrupted job loses at most one chunk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from translate.backends.base import DecodeOptions, Translator
from translate.document import TermReport, Unit, UnitResult
from translate.memory.store import Signature, TranslationMemory, normalise, unit_key
from translate.pipeline.translate import ProgressFn, ResultStream


@dataclass
class MemoryStats:
    """What one call did: units asked for, units found in the memory (machine / human), distinct
    units translated.

    `origins` says, per unit in order, "memory", "human" or "new" (translated by this call)."""

    units: int = 0
    machine_hits: int = 0
    human_hits: int = 0
    translated: int = 0
    origins: list[str] = field(default_factory=list)

    @property
    def hits(self) -> int:
        return self.machine_hits + self.human_hits

    def add(self, other: MemoryStats) -> None:
        self.units += other.units
        self.machine_hits += other.machine_hits
        self.human_hits += other.human_hits
        self.translated += other.translated


def signature_of(backend: Translator, options: DecodeOptions) -> Signature:
    """The memory signature of translations made by `backend` with `options`."""
    info = backend.info
    return Signature.of(f"{info.backend}:{info.model_id}", info.revision, options.to_json())


def translate_with_memory(
    units: Sequence[Unit],
    backend: Translator,
    options: DecodeOptions,
    memory: TranslationMemory,
    *,
    chunk_units: int = 64,
    progress: ProgressFn | None = None,
    stream: ResultStream | None = None,
) -> tuple[list[UnitResult], MemoryStats]:
    """`translate_units`, but through the translation memory.

    Human translations win; then stored machine translations with the same signature, text and
    pinned terms; only the rest are translated — by `stream` (default: here, `chunk_units`
    distinct units at a time) — and each batch of results is stored as it arrives.

    Returns:
        One result per unit, in order, and what came from where.
    """
    from translate.terms.enforce import verify

    signature = signature_of(backend, options)
    stats = MemoryStats(units=len(units))
    keys = [unit_key(signature, u.text, u.terms) for u in units]
    found = memory.lookup(list(dict.fromkeys(keys)))
    human = memory.human(u.text for u in units)

    results: dict[str, UnitResult] = {}  # by key
    origin: dict[str, str] = {}
    missing: dict[str, Unit] = {}
    for unit, key in zip(units, keys, strict=True):
        if key in results or key in missing:
            continue
        text = human.get(normalise(unit.text))
        if text is not None:
            absent = set(verify(text, [t.target for t in unit.terms if t.target]))
            reports = tuple(
                TermReport(
                    t.source,
                    t.target,
                    "missed" if not t.target or t.target in absent else "enforced",
                    t.start,
                    "human translation from the memory",
                )
                for t in unit.terms
            )
            results[key] = UnitResult(unit.id, text, reports)
            origin[key] = "human"
        elif key in found:
            hit = found[key]
            results[key] = UnitResult(unit.id, hit.target, hit.reports)
            origin[key] = "memory"
        else:
            missing[key] = unit

    todo = list(missing.items())
    if stream is None:
        from translate.pipeline.translate import in_chunks

        stream = in_chunks(backend, options, chunk_units=chunk_units, progress=progress)
    for batch in stream([u for _k, u in todo]):
        memory.store(
            signature,
            ((todo[i][0], todo[i][1].text, todo[i][1].terms, r.target, r.terms) for i, r in batch),
        )
        for i, result in batch:
            results[todo[i][0]] = result
            origin[todo[i][0]] = "new"
        stats.translated += len(batch)

    out: list[UnitResult] = []
    for unit, key in zip(units, keys, strict=True):
        result = results[key]
        stats.origins.append(origin[key])
        if origin[key] == "memory":
            stats.machine_hits += 1
        elif origin[key] == "human":
            stats.human_hits += 1
        out.append(
            UnitResult(
                unit.id,
                result.target,
                tuple(
                    TermReport(r.source, r.target, r.status, r.start, r.detail)
                    for r in result.terms
                ),
            )
        )
    return out, stats
