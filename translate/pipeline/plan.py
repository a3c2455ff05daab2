"""The translation pipeline: read -> segment -> protect terms -> translate -> verify -> assemble.

Each stage is a plain function over the `Document` model so later stages (translation memory,
CTranslate2, batch jobs) can be slotted in without touching the others.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate import __version__
from translate.backends.base import DecodeOptions, Translator, translate_sorted
from translate.document import BODY, TITLE, Document, Paragraph, Sentence, TermReport
from translate.errors import InputError
from translate.glossary.entry import Entry

ProgressFn = Callable[[int, int], None]  # (units just finished, units in all)

# Characters that need no translation: a unit made only of these is copied through as it is.
_NOTHING_TO_TRANSLATE = re.compile(r"^[\s\W_]*$", re.UNICODE)
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}])")


def load_document(path: Path) -> Document:
    """Read an article file and segment it into title, paragraphs and sentences.

    Args:
        path: the article; its encoding is detected (UTF-8/16, GB18030, Big5).
    Returns:
        A Document with furniture paragraphs (bylines, related reading, ...) marked.
    """
    from translate.text.readers import read_article

    article = read_article(Path(path))
    return build_document(article.text, path=str(path), encoding=article.encoding)


def build_document(text: str, *, path: str | None = None, encoding: str = "utf-8") -> Document:
    """Segment article text (already decoded) into a Document.

    The first line is the title, except that a leading masthead line (北京青年报 above the
    headline) is kept as a "publication" paragraph and the line after it is the title.
    """
    from translate.text.furniture import is_masthead, mark_furniture
    from translate.text.script import detect_script
    from translate.text.segment import split_paragraphs, split_sentences

    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise InputError(f"{path or 'input'}: no text to translate")

    def paragraph(source: str, role: str) -> Paragraph:
        return Paragraph([Sentence(source=s) for s in split_sentences(source)], role=role)

    at = 1 if len(paragraphs) > 2 and is_masthead(paragraphs[0]) else 0
    doc = Document(
        title=paragraph(paragraphs[at], TITLE),
        paragraphs=[paragraph(p, BODY) for i, p in enumerate(paragraphs) if i != at],
        path=path,
        encoding=encoding,
        script=detect_script(text),
    )
    mark_furniture(doc)
    return doc


@dataclass
class _Unit:
    """One piece of one sentence that goes to the model."""

    sentence: Sentence
    index: int  # position within sentence.units
    offset: int  # character offset of the piece within the sentence
    text: str  # what is sent to the model (stripped, simplified when the article is traditional)


def translate_document(
    doc: Document,
    backend: Translator,
    options: DecodeOptions,
    *,
    glossary_entries: Sequence[Entry] = (),
    only: Collection[tuple[int, int]] | None = None,
    progress: ProgressFn | None = None,
) -> Document:
    """Translate a document's title and sentences in place, enforcing pinned glossary terms.

    Args:
        doc: a segmented document (from load_document or build_document).
        backend: a loaded Translator.
        options: beam, batch size and length settings.
        glossary_entries: glossary entries; the pinned ones are enforced in every sentence.
        only: if given, translate only these (paragraph index, sentence index) pairs of
            doc.paragraphs (the title is always translated).
        progress: called after each batch with (units just finished, units in all).
    Returns:
        The same document, with targets, term reports and provenance filled in.
    """
    from translate.terms.enforce import render_punctuation
    from translate.text.script import to_simplified
    from translate.text.segment import split_long

    started = time.perf_counter()
    pinned = [e for e in glossary_entries if e.pinned]
    traditional = doc.script == "traditional"

    chosen: list[Sentence] = list(doc.title.sentences)
    for p_index, para in enumerate(doc.paragraphs):
        for s_index, sentence in enumerate(para.sentences):
            if only is None or (p_index, s_index) in only:
                chosen.append(sentence)

    def count_tokens(text: str) -> int:
        # Count what the model will see: traditional text is sent simplified.
        return backend.count_tokens(to_simplified(text) if traditional else text)

    units: list[_Unit] = []
    for sentence in chosen:
        protected = _protected_terms(sentence.source, pinned)
        pieces = split_long(
            sentence.source, count_tokens, backend.max_input_tokens, protected=protected
        )
        sentence.units = pieces
        sentence.unit_targets = [""] * len(pieces)
        sentence.terms = []
        offset = 0
        for index, piece in enumerate(pieces):
            stripped = piece.strip()
            if stripped and not _NOTHING_TO_TRANSLATE.match(stripped):
                lead = len(piece) - len(piece.lstrip())
                text = to_simplified(stripped) if traditional else stripped
                units.append(_Unit(sentence, index, offset + lead, text))
            elif stripped:  # punctuation or symbols only: no model needed
                sentence.unit_targets[index] = render_punctuation(stripped)
            offset += len(piece)

    # Identical units (repeated headlines, boilerplate) are translated once.
    unique: dict[str, int] = {}
    for unit in units:
        unique.setdefault(unit.text, len(unique))
    texts = list(unique)

    segmented = time.perf_counter()
    on_batch = None
    if progress is not None:
        report_progress = progress

        def on_batch(done: int) -> None:
            report_progress(done, len(texts))

    if pinned:
        from translate.terms.enforce import enforce_translate

        outputs, reports = enforce_translate(backend, texts, pinned, options, on_batch=on_batch)
    else:
        outputs = translate_sorted(backend, texts, options, on_batch=on_batch)
        reports = [[] for _ in texts]
    translated = time.perf_counter()

    for unit in units:
        slot = unique[unit.text]
        unit.sentence.unit_targets[unit.index] = outputs[slot]
        original = unit.sentence.source
        for report in reports[slot]:
            start = unit.offset + report.start
            written = original[start : start + len(report.source)]
            unit.sentence.terms.append(
                TermReport(
                    source=written if len(written) == len(report.source) else report.source,
                    target=report.target,
                    status=report.status,
                    start=start,
                    detail=report.detail,
                )
            )
    for sentence in chosen:
        sentence.target = join_english(sentence.unit_targets)

    info = backend.info
    doc.provenance = {
        "tool": "translate",
        "version": __version__,
        "backend": info.backend,
        "model": info.model_id,
        "repo": info.repo,
        "revision": info.revision,
        "device": info.device,
        "decoding": options.to_json(),
        "input": {"path": doc.path, "encoding": doc.encoding, "script": doc.script},
        "units": len(units),
        "unique_units": len(texts),
        "glossary": {"pinned_terms": len(pinned)},
        "timings": {
            "segment_s": round(segmented - started, 4),
            "translate_s": round(translated - segmented, 4),
        },
    }
    return doc


def _protected_terms(source: str, pinned: Sequence[Entry]) -> list[str]:
    """The pinned terms (as written) in a sentence, so long-sentence splitting keeps them whole."""
    if not pinned:
        return []
    from translate.terms.enforce import find_terms

    return [match.text for match in find_terms(source, pinned)]


def join_english(pieces: Sequence[str]) -> str:
    """Join translated pieces of one sentence with single spaces, none before punctuation."""
    text = " ".join(p.strip() for p in pieces if p and p.strip())
    return _SPACE_BEFORE.sub(r"\1", text)


def article_glossary(doc: Document, entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """The names of this article: extracted ones, overridden by the user's glossary entries.

    Returns rows (source, target, type, status, note, origin, count) in first-occurrence order;
    pinned and other user entries that occur in the article are included even if extraction
    missed them.
    """
    from translate.names.extract import extract_names
    from translate.terms.enforce import find_terms
    from translate.text.script import to_simplified

    text = "\n".join(p.source for p in doc.all_paragraphs())
    simplified = to_simplified(text)
    by_source: dict[str, Entry] = {}
    for entry in entries:
        by_source[to_simplified(entry.source)] = entry

    rows: dict[str, dict[str, Any]] = {}
    positions: dict[str, int] = {}
    for found in extract_names(text):
        key = to_simplified(found.source)
        chosen = by_source.get(key, found)
        rows[key] = _row(chosen, found.source, origin=chosen.origin or "extract")
        positions[key] = simplified.find(key)
    for match in find_terms(text, list(entries)):
        key = to_simplified(match.entry.source)
        if key not in rows:
            rows[key] = _row(match.entry, match.text, origin=match.entry.origin or "glossary")
            positions[key] = match.start
    for key, row in rows.items():
        row["count"] = simplified.count(key)
    return sorted(rows.values(), key=lambda r: positions.get(to_simplified(r["source"]), 0))


def _row(entry: Entry, written: str, *, origin: str) -> dict[str, Any]:
    return {
        "source": written,
        "target": entry.target,
        "type": entry.type,
        "status": entry.status,
        "note": entry.note,
        "origin": origin,
    }
