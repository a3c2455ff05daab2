"""Assemble: unit results go back into the document's sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.document import Document, TermReport, Unit, UnitResult

_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}])")


def assemble(doc: Document, units: Sequence[Unit], results: Sequence[UnitResult]) -> Document:
    """Fill in the targets and term reports of the sentences `units` were planned from.

    Pieces without a unit are blank. Term report offsets become offsets in the sentence source, and name the term as written there.

    Args:
        doc: the document the units were planned from (`plan_units`).
        units: the units, in any order.
        results: one result per unit, in the same order.
    Returns:
        The same document, its planned sentences translated.
    """
    if len(results) != len(units):
        raise ValueError(f"{len(results)} results for {len(units)} units")
    paragraphs = doc.all_paragraphs()
    planned = {(u.paragraph, u.sentence) for u in units}
    for p_index, s_index in planned:
        sentence = paragraphs[p_index].sentences[s_index]
        sentence.terms = []
        sentence.unit_targets = [""] * len(sentence.units)
    for unit, result in zip(units, results, strict=True):
        if unit.id != result.id:
            raise ValueError(f"result {result.id} does not belong to unit {unit.id}")
        sentence = paragraphs[unit.paragraph].sentences[unit.sentence]
        sentence.unit_targets[unit.piece] = result.target
        for report in result.terms:
            start = unit.offset + report.start
            written = sentence.source[start : start + len(report.source)]
            sentence.terms.append(
                TermReport(
                    source=written if len(written) == len(report.source) else report.source,
                    target=report.target,
                    status=report.status,
                    start=start,
                    detail=report.detail,
                )
            )
    for p_index, s_index in planned:
        sentence = paragraphs[p_index].sentences[s_index]
        sentence.terms.sort(key=lambda t: t.start)
        sentence.target = join_english(sentence.unit_targets)
    return doc


def join_english(pieces: Sequence[str]) -> str:
    """Join translated pieces of one sentence with single spaces, none before punctuation."""
    text = " ".join(p.strip() for p in pieces if p and p.strip())
    return _SPACE_BEFORE.sub(r"\1", text)
