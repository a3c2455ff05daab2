"""English given in brackets after a name: 蔡崇信(Joe Tsai), 国际货币基金组织（IMF）."""

from __future__ import annotations

import re

from translate.names import cedict
from translate.names.article import ORG_HEADS, STOP_WORDS, TITLES, Article, is_punct
from translate.names.candidates import Candidate, candidate

_BRACKET_EN = re.compile(r"[(（]\s*(?P<en>[A-Za-z][A-Za-z0-9 .,'’&\-]*[A-Za-z0-9.])\s*[)）]")
_ORG_WORDS = re.compile(
    r"\b(Ministry|Agency|Group|Bank|University|Company|News|Daily|Times|Police|Office|Bureau|"
    r"Commission|Committee|Council|Association|Inc|Ltd|Corp)\b"
)


def find_brackets(article: Article) -> list[Candidate]:
    """The name before English in brackets, with that English as its target (rank 0).

    Reads the candidates found so far: the English goes to the longest one ending at the bracket
    (an organisation for an acronym); only without one is the name before it delimited here.
    """
    found: list[Candidate] = []
    # The candidates so far, then those found here, by where they end (in the order found): a
    # bracket looks up its own position instead of every candidate (quadratic on long text).
    by_end: dict[int, list[Candidate]] = {}

    def add(new: list[Candidate]) -> None:
        for c in new:
            by_end.setdefault(c.end, []).append(c)

    add(article.cands)
    text = article.text
    for m in _BRACKET_EN.finditer(text):
        english = m.group("en").strip()
        pos = m.start()
        if re.fullmatch(r"[A-Z]{2,6}", english):  # 国际货币基金组织（IMF）: an acronym
            if any(c.type == "org" for c in by_end.get(pos, ())):
                at = m.start("en")
                new = candidate(
                    article, at, at + len(english), "org", english, "suggested", "acronym", 2
                )
                found += new
                add(new)
            continue
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        ending = [c for c in by_end.get(pos, ()) if c.rank <= 6]
        if ending:
            best = min(ending, key=lambda c: (-(c.end - c.start), c.rank))
            new = candidate(
                article,
                best.start,
                best.end,
                best.type,
                english,
                "suggested",
                "English given in text",
                0,
            )
            found += new
            add(new)
            continue
        start, run = _run_before(article, pos)
        if len(run) < 2 or (cedict.is_common_word(run) and not cedict.is_proper_noun(run)):
            continue
        type_ = "person"
        if run.endswith(ORG_HEADS) or _ORG_WORDS.search(english):
            type_ = "org"
        elif run in article.data.countries or getattr(cedict.lookup(run), "kind", "") == "place":
            type_ = "place"
        new = candidate(
            article, start, pos, type_, english, "suggested", "English given in text", 0
        )
        found += new
        add(new)
    return found


def _run_before(article: Article, pos: int) -> tuple[int, str]:
    """The words right before ``pos`` that can be a name (up to 10 characters): (start, text)."""
    run = ""
    start = pos
    for piece in article.pieces_before(pos):
        if (
            is_punct(piece.text)
            or piece.text in STOP_WORDS
            or any(piece.text.endswith(t) for t in TITLES)
        ):
            break
        if piece.pos.startswith(
            ("v", "p", "c", "u", "d", "m", "q", "r")
        ) and not piece.pos.startswith("vn"):
            break
        if len(run) + len(piece.text) > 10:
            break
        run = piece.text + run
        start = piece.start
    return start, run
