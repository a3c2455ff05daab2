"""Transliterated foreign names written with a middle dot (唐纳德·特朗普) and their short forms."""

from __future__ import annotations

import re

from translate.names import cedict
from translate.names.article import (
    HANZI,
    NOT_NAME_END,
    STOP_POS,
    STOP_WORDS,
    TITLES,
    TRANSLIT,
    Article,
)
from translate.names.candidates import Candidate, candidate, foreign_person
from translate.names.scan import occurrences

_DOTS = "·・•‧"
_DOTTED = re.compile(r"[\u4e00-\u9fff]+(?:[·・•‧][\u4e00-\u9fff]+)+")


def find_dotted(article: Article) -> list[Candidate]:
    """Transliterated names with a middle dot (美国总统唐纳德·特朗普表示 -> 唐纳德·特朗普)."""
    found: list[Candidate] = []
    text = article.text
    for m in _DOTTED.finditer(text):
        start, end = m.start(), m.end()
        first_dot = next(i for i in range(start, end) if text[i] in _DOTS)
        last_dot = max(i for i in range(start, end) if text[i] in _DOTS)
        while start < first_dot and not all(ch in TRANSLIT for ch in text[start:first_dot]):
            start += 1  # trim the title or place in front (美国总统)
        stop = last_dot + 1
        while stop < end and text[stop] in TRANSLIT:
            stop += 1
        stop = max(stop, _surname_run(article, last_dot + 1, end))
        if start < first_dot and stop > last_dot + 1:
            found += foreign_person(article, start, stop, 1, None)
    return found


def _surname_run(article: Article, pos: int, end: int) -> int:
    """End of the last part of a dotted name from ``pos``: whole jieba words up to a stop
    (涅边贾说 -> 涅边贾, even with characters outside the transliteration table)."""
    stop = pos
    for piece in article.pieces_from(pos):
        word = piece.text
        if piece.start != stop or piece.end > end or not HANZI.match(word):
            break
        if word in STOP_WORDS or any(word.startswith(t) for t in TITLES):
            break
        if len(word) > 1 and (cedict.is_common_word(word) or piece.pos.startswith(STOP_POS)):
            break
        if len(word) == 1 and word in NOT_NAME_END:
            break
        if piece.end - pos > 6:
            break
        stop = piece.end
    return stop


def find_short_forms(article: Article) -> list[Candidate]:
    """The last part of a dotted name standing alone (拉马福萨表示): the same person.

    Reads the dotted person names found so far (find_dotted).
    """
    full_names: dict[str, str] = {}  # last part (2+ characters) -> full dotted name
    for cand in article.cands:
        if cand.type == "person" and any(dot in cand.text for dot in _DOTS):
            last = re.split(f"[{_DOTS}]", cand.text)[-1]
            if len(last) >= 2:
                full_names[last] = cand.text
    found: list[Candidate] = []
    text = article.text
    where = occurrences(text, full_names)  # one pass over the text for all the names
    for last, full in full_names.items():
        for start in where[last]:
            before = text[start - 1] if start else ""
            if before in _DOTS or (before and HANZI.match(before) and before in TRANSLIT):
                continue
            note = f"foreign name: short form of {full}; check"
            found += candidate(article, start, start + len(last), "person", "", "review", note, 2)
    return found
