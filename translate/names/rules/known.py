"""Names the tables or CC-CEDICT list: countries, central bodies, provinces, curated, proper nouns."""

from __future__ import annotations

from collections.abc import Sequence

from translate.names import cedict
from translate.names.article import HANZI, NUMERAL_START, Article, Token, is_punct
from translate.names.candidates import Candidate, candidate, person

_LOCATIVES = ("在", "赴", "到", "抵达", "前往", "飞往", "驶往", "途经", "位于", "来自", "从", "于")


def find_known(article: Article) -> list[Candidate]:
    """Countries, curated names and CC-CEDICT proper nouns on token boundaries (1-4 tokens)."""
    found: list[Candidate] = []
    toks = article.tokens
    countries = article.data.countries
    for i, first in enumerate(toks):
        if is_punct(first.text):
            continue
        text = ""
        for j in range(i, min(i + 5, len(toks))):
            if is_punct(toks[j].text) and toks[j].text not in "·":
                break
            text += toks[j].text
            if len(text) > 16:
                break
            found += _classify(article, first.start, toks[j].end, text, toks[i : j + 1])
        # Country names at the start of a longer token (中国公安部, 缅甸联邦).
        for size in range(min(article.data.max_country, len(first.text) - 1), 1, -1):
            if first.text[:size] in countries:
                found += _classify(
                    article, first.start, first.start + size, first.text[:size], [first]
                )
                break
    return found


def _classify(
    article: Article, start: int, end: int, text: str, toks: Sequence[Token]
) -> list[Candidate]:
    """The known name start..end (``text``, made of ``toks``) is, if any: place, org or person."""
    data = article.data
    if len(text) < 2 or not (
        text in data.countries
        or text in data.central
        or text in data.places
        or text in data.curated
        or cedict.is_proper_noun(text)
    ):
        return []  # nothing below knows it (the quick test first: most spans are not names)
    if article.is_abbreviation(text):
        return []
    if text.startswith(NUMERAL_START) and text not in data.places:
        return []  # 四川 is a province; 一二 is not a name
    country = data.countries.get(text)
    if country is not None:
        return candidate(article, start, end, "place", country.english, "suggested", "country", 3)
    if text in data.central:
        english = data.central[text]
        return candidate(article, start, end, "org", english, "suggested", "central body", 2)
    if text in data.places:
        english = data.places[text]
        return candidate(article, start, end, "place", english, "suggested", "province list", 3)
    if article.use_curated and text in data.curated:
        english, type_ = data.curated[text]
        return candidate(article, start, end, type_, english, "suggested", "curated list", 2)
    noun = cedict.lookup(text)
    if noun is None or not noun.english or noun.descriptive:
        return []
    if text.endswith("市") and len(text) >= 3:  # 臺北市 -> "Taipei" like 臺北, not "Taibei"
        base = cedict.lookup(text[:-1], "place")
        if base is not None and base.kind == "place" and base.english and not base.descriptive:
            noun = base
    if noun.english.startswith("Sino-"):
        return []  # 中欧 (in 中欧班列): an adjective, not a place
    kind = noun.kind
    if kind == "other" and (
        article.other_place(noun)
        or (_after_locative(article, start) and not noun.english.isupper())
    ):
        kind = "place"
    if kind == "other" and len(toks) == 1:
        kind = {"ns": "place", "nt": "org", "j": "org"}.get(toks[0].pos, "other")
        if kind == "other" and toks[0].pos == "nz" and cedict.lookup(text, "org"):
            kind = "org"
    if kind == "person":
        if len(toks) == 1 and toks[0].pos.startswith("nr") and not cedict.is_common_word(text):
            return person(article, start, end, 4, "CC-CEDICT")
        return []
    if kind not in ("org", "place"):
        return []
    if cedict.is_common_word(text) and not toks[0].pos.startswith(("ns", "nt", "j")):
        return []
    return candidate(article, start, end, kind, noun.english, "suggested", "CC-CEDICT", 3)


def _after_locative(article: Article, start: int) -> bool:
    """Whether a locative word (在, 前往, 抵达 ...) stands right before ``start``."""
    before = article.text[max(0, start - 2) : start]
    return before.endswith(_LOCATIVES) and not before.endswith(("现在", "正在", "存在"))


def find_long_known(article: Article) -> list[Candidate]:
    """CC-CEDICT places/organisations of 3+ characters anywhere (jieba may cut 内比都 apart)."""
    found: list[Candidate] = []
    text = article.text
    for i in range(len(text)):
        if not HANZI.match(text[i]):
            continue
        for size in cedict.proper_noun_sizes(text[i : i + 2]):  # longest first, 3+
            if size > min(12, len(text) - i):
                continue
            word = text[i : i + size]
            if not cedict.is_proper_noun(word):
                continue
            noun = cedict.lookup(word)
            if noun and noun.kind in ("place", "org") and noun.english and not noun.descriptive:
                found += candidate(
                    article, i, i + size, noun.kind, noun.english, "suggested", "CC-CEDICT", 3
                )
                break
    return found
