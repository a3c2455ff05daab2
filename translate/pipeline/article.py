"""One call for a finished article: plan -> translate -> assemble, then summary and names.

`translate_article` is the library's front door; `translate_document` is its translation part
(the three stages over one document), and `summarize_article` translates only what a summary
needs. Provenance is filled in here and nowhere else.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from translate.backends.base import DecodeOptions, Translator
from translate.document import Document, Provenance
from translate.glossary.entry import Entry
from translate.pipeline.translate import ProgressFn
from translate.progress import StepProgress


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
    from translate.pipeline.assemble import assemble
    from translate.pipeline.plan import plan_units
    from translate.pipeline.translate import translate_units

    started = time.perf_counter()
    units = plan_units(doc, backend, glossary_entries, only=only)
    planned = time.perf_counter()
    results = translate_units(units, backend, options, progress=progress)
    translated = time.perf_counter()
    assemble(doc, units, results)
    doc.provenance = make_provenance(doc, backend, options, glossary_entries, units)
    doc.provenance.timings.update(
        segment_s=round(planned - started, 4), translate_s=round(translated - planned, 4)
    )
    return doc


def translate_article(
    article: str | Path | Document,
    backend: Translator,
    options: DecodeOptions | None = None,
    *,
    glossary_entries: Sequence[Entry] = (),
    summary_sentences: int = 3,
    summarizer: Any = None,
    names: bool = True,
    progress: ProgressFn | None = None,
    steps: StepProgress | None = None,
) -> Document:
    """Translate an article and add its summary, its glossary of names and provenance.

    Args:
        article: article text (str), a path to an article file (any encoding), or a
            Document from load_document/build_document.
        backend: a loaded Translator (`translate.load_translator`).
        options: decoding settings; None takes DecodeOptions().
        glossary_entries: the user's glossary entries: pinned ones are enforced, all of them
            override extracted names in the article glossary.
        summary_sentences: sentences in the summary; 0 for none.
        summarizer: a loaded model summarizer (`load_summarizer`); None for an extractive
            summary (the article's best sentences, no extra model).
        names: extract the article's names (persons, organisations, places).
        progress: called after each batch with (units just finished, units in all).
        steps: called as the summary and the names of a long article get done, with (step,
            done, total) (translate.progress).
    Returns:
        The Document: sentences with targets and term reports, `summary`, `glossary` (name
        rows) and `provenance`.
    """
    started = time.perf_counter()
    doc = as_document(article)
    translate_document(
        doc,
        backend,
        options or DecodeOptions(),
        glossary_entries=glossary_entries,
        progress=progress,
    )
    complete_article(
        doc,
        glossary_entries,
        summary_sentences=summary_sentences,
        summarizer=summarizer,
        names=names,
        started=started,
        steps=steps,
    )
    return doc


def as_document(article: str | Path | Document) -> Document:
    """A Document from article text, a path to an article file, or a Document (as it is)."""
    from translate.pipeline.plan import build_document, load_document

    if isinstance(article, Document):
        return article
    if isinstance(article, Path):
        return load_document(article)
    return build_document(article)


def complete_article(
    doc: Document,
    glossary_entries: Sequence[Entry] = (),
    *,
    summary_sentences: int | None = 3,
    summary_words: int | None = None,
    summarizer: Any = None,
    names: bool = True,
    started: float | None = None,
    steps: StepProgress | None = None,
) -> Document:
    """Add the summary and the article's names to a translated document, with their timings.

    Args:
        doc: a document after assembly, provenance set (translate_document, or a batch job).
        glossary_entries: the user's entries; they override extracted names.
        summary_sentences: sentences in the summary (0: none); or
        summary_words: about this many words instead.
        summarizer: a loaded model summarizer, or None for extractive.
        names: extract the article's names.
        started: perf_counter() when work on the article began, for total_s.
        steps: progress of the summary and the names, (step, done, total) (translate.progress).
    Returns:
        The same document.
    """
    t0 = time.perf_counter()
    if summary_sentences != 0 or summary_words is not None:
        doc.summary = _summary(
            doc, summarizer, sentences=summary_sentences, words=summary_words, steps=steps
        )
    t1 = time.perf_counter()
    if names:
        doc.glossary = article_glossary(doc, glossary_entries, steps=steps)
    t2 = time.perf_counter()
    if doc.provenance is not None:
        doc.provenance.timings.update(summary_s=round(t1 - t0, 4))
        if names:
            doc.provenance.timings.update(glossary_s=round(t2 - t1, 4))
        if started is not None:
            doc.provenance.timings.update(total_s=round(t2 - started, 4))
    return doc


def summarize_article(
    article: str | Path | Document,
    backend: Translator,
    options: DecodeOptions | None = None,
    *,
    sentences: int | None = None,
    words: int | None = None,
    summarizer: Any = None,
    glossary_entries: Sequence[Entry] = (),
) -> Document:
    """Summarize an article in English, translating only what the summary needs.

    Extractive (no `summarizer`): the title and the chosen sentences are translated. With a
    model summarizer the whole article is translated and summarized.

    Args:
        article: article text, a path, or a Document.
        backend: a loaded Translator.
        options: decoding settings; None takes DecodeOptions().
        sentences: sentences in the summary (default 3); or
        words: about this many words instead.
        summarizer: a loaded model summarizer, or None for extractive.
        glossary_entries: the user's glossary; pinned terms are enforced.
    Returns:
        The (partly) translated Document with `summary` and `provenance` set.
    """
    from translate.summarize.extractive import select_sentences

    doc = as_document(article)
    only = None
    if summarizer is None:
        only = select_sentences(doc, sentences=sentences, words=words)
    translate_document(
        doc, backend, options or DecodeOptions(), glossary_entries=glossary_entries, only=only
    )
    return complete_article(
        doc, summary_sentences=sentences, summary_words=words, summarizer=summarizer, names=False
    )


def _summary(
    doc: Document,
    summarizer: Any,
    *,
    sentences: int | None,
    words: int | None,
    steps: StepProgress | None = None,
) -> dict[str, Any]:
    if summarizer is None:
        from translate.summarize.extractive import extractive

        return extractive(doc, sentences=sentences, words=words, progress=steps)
    from translate.summarize.abstractive import body_english

    summary: dict[str, Any] = summarizer.summarize(
        body_english(doc), sentences=sentences, words=words
    )
    return summary


def make_provenance(
    doc: Document,
    backend: Translator,
    options: DecodeOptions,
    entries: Sequence[Entry],
    units: Sequence[Any],
) -> Provenance:
    """How this document was translated: the one place provenance is made."""
    from translate import __version__

    info = backend.info
    glossary: dict[str, Any] = {"pinned_terms": sum(1 for e in entries if e.pinned)}
    if entries:
        from translate.glossary.store import glossary_hash

        glossary["hash"] = glossary_hash(entries)
    return Provenance(
        version=__version__,
        backend=info.backend,
        model=info.model_id,
        repo=info.repo,
        revision=info.revision,
        device=info.device,
        decoding=options.to_json(),
        input={"path": doc.path, "encoding": doc.encoding, "script": doc.script},
        units=len(units),
        unique_units=len({u.key for u in units}),
        glossary=glossary,
        libraries=dict(info.libraries),
    )


def article_glossary(
    doc: Document, entries: Sequence[Entry], *, steps: StepProgress | None = None
) -> list[dict[str, Any]]:
    """The names of this article: extracted ones, overridden by the user's glossary entries.

    Returns rows (source, target, type, status, note, origin, count) in first-occurrence order,
    count as the term matcher sees it (the occurrences enforcement would take as the name,
    longest name first, each row with its type: 北京 counts inside 北京市, 王 not inside 王国);
    pinned and other user entries that occur in the article are included even if extraction
    missed them.
    """
    from translate.names.extract import extract_names
    from translate.terms.match import count_terms, find_terms
    from translate.text.script import to_simplified

    text = "\n".join(p.source for p in doc.all_paragraphs())
    simplified = to_simplified(text)
    by_source: dict[str, Entry] = {}
    for entry in entries:
        by_source[to_simplified(entry.source)] = entry

    rows: dict[str, dict[str, Any]] = {}
    positions: dict[str, int] = {}
    for found in extract_names(text, progress=steps):
        key = to_simplified(found.source)
        chosen = by_source.get(key, found)
        rows[key] = _row(chosen, found.source, origin=chosen.origin or "extract")
        positions[key] = simplified.find(key)
    for match in find_terms(text, list(entries)):
        key = to_simplified(match.entry.source)
        if key not in rows:
            rows[key] = _row(match.entry, match.text, origin=match.entry.origin or "glossary")
            positions[key] = match.start
    # Occurrences as the term matcher sees them (王 is not counted inside 王国), matching the
    # article's rows together, so the longest name wins; the type decides names inside words.
    counts = count_terms(text, [Entry(key, "", type=row["type"]) for key, row in rows.items()])
    for key, row in rows.items():
        row["count"] = counts[key]
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
