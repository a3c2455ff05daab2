"""Translate: a list of plain units becomes a list of results, through a backend.

This is the one seam where translations are made: identical units are translated once, pinned
terms are enforced here, and a translation memory, cross-document batching or a remote worker
pool can wrap or replace `translate_units` without touching planning or assembly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from translate.backends.base import DecodeOptions, Translator
from translate.document import TermReport, Unit, UnitResult, UnitTerm

ProgressFn = Callable[[int, int], None]  # (units just finished, units in all)
# Translates units and yields (position, result) pairs batch by batch as they finish, in any
# order: what a batch job stores in its memory as it goes. `in_chunks` is the local one; the Ray
# engine (translate.jobs.ray_engine) sends the units to a pool of workers instead.
ResultStream = Callable[[Sequence[Unit]], Iterator[list[tuple[int, UnitResult]]]]


def translate_units(
    units: Sequence[Unit],
    backend: Translator,
    options: DecodeOptions,
    *,
    progress: ProgressFn | None = None,
) -> list[UnitResult]:
    """Translate units in sorted batches, enforcing their pinned terms; units of punctuation
    only are rendered by table, without the model.

    Args:
        units: from `plan_units` (of one article or many).
        backend: a loaded Translator.
        options: beam, batch size and length settings.
        progress: called after each batch with (units just finished, distinct units in all).
    Returns:
        One result per unit, in order; term report offsets are in the unit's text.
    """
    from translate.terms.enforce import enforce_translate
    from translate.terms.punctuation import is_punctuation_only, render_punctuation

    rendered = {u.text: render_punctuation(u.text) for u in units if is_punctuation_only(u.text)}
    slots: dict[tuple[str, tuple[UnitTerm, ...]], int] = {}
    for unit in units:
        if unit.text not in rendered:
            slots.setdefault(unit.key, len(slots))
    texts = [text for text, _terms in slots]
    terms = [list(found) for _text, found in slots]

    on_batch = None
    if progress is not None:
        report_progress = progress

        def on_batch(done: int) -> None:
            report_progress(done, len(texts))

    outputs, reports = enforce_translate(backend, texts, terms, options, on_batch=on_batch)
    results: list[UnitResult] = []
    for unit in units:
        if unit.text in rendered:
            results.append(UnitResult(unit.id, rendered[unit.text]))
        else:
            slot = slots[unit.key]
            results.append(UnitResult(unit.id, outputs[slot], tuple(map(_copy, reports[slot]))))
    return results


def _copy(report: TermReport) -> TermReport:
    """A fresh report per unit (reports are mutable; duplicates must not share one)."""
    return TermReport(report.source, report.target, report.status, report.start, report.detail)


def in_chunks(
    backend: Translator,
    options: DecodeOptions,
    *,
    chunk_units: int = 64,
    progress: ProgressFn | None = None,
) -> ResultStream:
    """A ResultStream that runs `translate_units` here, `chunk_units` units at a time."""
    size = max(1, chunk_units)

    def stream(units: Sequence[Unit]) -> Iterator[list[tuple[int, UnitResult]]]:
        report = None
        if progress is not None:
            outer = progress

            def report(done: int, _chunk_total: int) -> None:
                outer(done, len(units))

        for start in range(0, len(units), size):
            chunk = units[start : start + size]
            results = translate_units(chunk, backend, options, progress=report)
            yield list(enumerate(results, start))

    return stream
