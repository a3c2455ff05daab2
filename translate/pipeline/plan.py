"""Plan: an article becomes a Document (title, paragraphs, sentences) and plain units of work.

`load_document` / `build_document` read and segment; `plan_units` cuts the chosen sentences into
pieces that fit the model and returns one `Unit` per piece that needs the model, with the
pinned terms in it found once, by the one term matcher. Occurrences of a pinned term's characters
that are not the term (王 inside 王国) are recorded on the sentence as "skipped" reports.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Protocol

from translate.document import BODY, TITLE, Document, Paragraph, Sentence, Unit, UnitTerm
from translate.errors import InputError
from translate.glossary.entry import Entry


class TokenCounter(Protocol):
    """What planning needs of a model: its token count for a text and its input limit."""

    @property
    def max_input_tokens(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...


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


def plan_units(
    doc: Document,
    model: TokenCounter,
    glossary_entries: Sequence[Entry] = (),
    *,
    only: Collection[tuple[int, int]] | None = None,
) -> list[Unit]:
    """Cut the document's sentences into units of work for the model.

    Each chosen sentence is split into pieces that fit `model.max_input_tokens` (never inside a
    pinned term) and recorded in `Sentence.units`; each piece with something to translate
    (not blank) becomes a `Unit` with its pinned terms (offsets in the unit text) and token count.
    Each occurrence of a pinned term's characters that the matcher does not take as the term is
    recorded in `Sentence.skipped` as a "skipped" report with its reason.

    Args:
        doc: a segmented document (from load_document or build_document).
        model: the backend (or anything that counts tokens the same way).
        glossary_entries: glossary entries; the pinned ones are found in every sentence.
        only: if given, plan only these (paragraph index, sentence index) pairs of
            doc.paragraphs (the title is always planned).
    Returns:
        Units in document order; ids are "paragraph.sentence.piece" with paragraph 0 the title.
    """
    from translate.terms.match import TermMatcher, pinned_occurrences, simplify_same_length
    from translate.text.script import to_simplified
    from translate.text.segment import split_long

    pinned = [e for e in glossary_entries if e.pinned]
    matcher = TermMatcher(pinned) if pinned else None
    traditional = doc.script == "traditional"

    def model_text(text: str) -> str:
        # Traditional text is sent simplified, at the same length so term offsets still hold.
        return simplify_same_length(text) if traditional else text

    counted: dict[str, int] = {}  # the splitter and the unit record ask for the same counts

    def count_tokens(text: str) -> int:
        if text not in counted:
            counted[text] = model.count_tokens(to_simplified(text) if traditional else text)
        return counted[text]

    units: list[Unit] = []
    for p_index, para in enumerate(doc.all_paragraphs()):
        for s_index, sentence in enumerate(para.sentences):
            if p_index > 0 and only is not None and (p_index - 1, s_index) not in only:
                continue
            terms, skipped = (
                pinned_occurrences(sentence.source, matcher) if matcher is not None else ([], [])
            )
            pieces = split_long(
                sentence.source,
                count_tokens,
                model.max_input_tokens,
                protected=[t.source for t in terms],
            )
            sentence.units = pieces
            sentence.unit_targets = [""] * len(pieces)
            sentence.terms = []
            sentence.skipped = skipped
            offset = 0
            for k, piece in enumerate(pieces):
                stripped = piece.strip()
                if stripped:
                    start = offset + len(piece) - len(piece.lstrip())
                    end = start + len(stripped)
                    text = model_text(stripped)
                    units.append(
                        Unit(
                            id=f"{p_index}.{s_index}.{k}",
                            text=text,
                            terms=tuple(
                                UnitTerm(t.source, t.target, t.start - start, t.end - start)
                                for t in terms
                                if start <= t.start and t.end <= end
                            ),
                            tokens=count_tokens(stripped),
                            paragraph=p_index,
                            sentence=s_index,
                            piece=k,
                            offset=start,
                        )
                    )
                offset += len(piece)
    return units
