"""Places jieba tags but no table knows (pinyin, "review"), and place + facility compounds."""

from __future__ import annotations

import re

from translate.names import cedict
from translate.names.article import (
    MEDIA_SUFFIXES,
    NOT_NAME_END,
    NUMERAL_START,
    ORG_ANCHORS,
    STOP_WORDS,
    Article,
    is_punct,
)
from translate.names.candidates import Candidate, candidate

_DIRECTIONS = {
    "北": "northern",
    "南": "southern",
    "东": "eastern",
    "西": "western",
    "中": "central",
}
# fmt: off
_PLACE_HEADS = ("机场", "国际机场", "大桥", "火车站", "高铁站", "车站", "口岸", "港口", "港", "广场", "公园",
                "街道", "开发区", "新区", "高新区", "自贸区", "工业园", "大坝", "水库")
# fmt: on


def find_tagged_places(article: Article) -> list[Candidate]:
    """Words jieba tags as places: abbreviation + direction (缅北), else pinyin for review.

    Reads the foreign persons found so far: jieba's place guesses inside them (拉马 in
    西里尔·拉马福萨) are skipped.
    """
    data = article.data
    name_parts = _foreign_name_parts(article)
    found: list[Candidate] = []
    for tok in article.tokens:
        if tok.pos != "ns" or len(tok.text) < 2 or tok.text.startswith(NUMERAL_START):
            continue
        text = tok.text
        if article.is_abbreviation(text) or text in data.countries:
            continue
        if len(text) == 2 and text[1] in _DIRECTIONS and text[0] in data.abbreviations:
            country = data.abbreviations[text[0]]
            if not cedict.lookup(text) and not cedict.is_common_word(text):
                target = f"{_DIRECTIONS[text[1]]} {country.english}"
                note = f"{text[0]} = {country.english} + direction"
                found += candidate(
                    article, tok.start, tok.end, "place", target, "suggested", note, 4
                )
                continue
        if cedict.lookup(text) is not None or cedict.is_common_word(text) or len(text) > 4:
            continue
        if _made_of_words(text) or text[0] in NOT_NAME_END:
            continue
        if text in name_parts:
            continue  # 拉马 in 西里尔·拉马福萨: jieba's place guess inside a person's name
        if article.text[tok.end : tok.end + 2].startswith(MEDIA_SUFFIXES):
            continue  # 北城日报: the name of a newspaper, found elsewhere
        if article.tagger_denies(tok.start, tok.end, "LOC"):
            continue  # jieba's guess alone, against the trained tagger (苏姓, 智联)
        english = article.compose_org(text)[0]
        note = "pinyin; not in CC-CEDICT"
        found += candidate(article, tok.start, tok.end, "place", english, "review", note, 6)
    return found


def _foreign_name_parts(article: Article) -> set[str]:
    """The pieces of 2-4 characters of the parts of the foreign persons found so far (西里尔,
    拉马福萨: 西里, 拉马, 马福萨, ...): a set to look a place up in, not a scan of every name."""
    parts = {part for c in article.cands if c.foreign for part in re.split(r"[·・•‧]", c.text)}
    return {
        part[i : i + size]
        for part in parts
        for size in (2, 3, 4)
        for i in range(len(part) - size + 1)
    }


def _made_of_words(text: str) -> bool:
    """Whether text splits into ordinary words or function characters (周边地区, 的北)."""
    for i in range(1, len(text)):
        left, right = text[:i], text[i:]
        ok_left = cedict.is_common_word(left) or left in NOT_NAME_END
        ok_right = cedict.is_common_word(right) or right in NOT_NAME_END
        if ok_left and ok_right and (len(left) > 1 or len(right) > 1):
            return True
    return False


def find_place_compounds(article: Article) -> list[Candidate]:
    """Place + parts + a facility head: 成都双流国际机场, 港珠澳大桥香港口岸."""
    found: list[Candidate] = []
    toks = article.tokens
    for j, head in enumerate(toks):
        if head.text not in _PLACE_HEADS:
            continue
        best = -1
        for i in range(j - 1, max(-1, j - 5), -1):
            tok = toks[i]
            if (
                is_punct(tok.text)
                or tok.text in STOP_WORDS
                or not tok.pos.startswith(("n", "j", "b"))
            ):
                break
            if (article.is_anchor(tok) or article.is_proper(tok)) and tok.text not in ORG_ANCHORS:
                best = i
        if best >= 0 and best < j - 1 and article.is_region(toks[best].text):
            best += 1  # 柬埔寨|西哈努克港: the country is not part of the port's name
        if best >= 0:
            start, end = toks[best].start, head.end
            english, used_pinyin = article.compose_org(article.text[start:end])
            note = (
                "place compound; composed from parts"
                + (" and pinyin" if used_pinyin else "")
                + ": check"
            )
            found += candidate(article, start, end, "place", english, "review", note, 2)
    return found


# A Taiwan village (里) named with its chief (里长): 苓雅区仁正里长 -> 仁正里. The district before it
# (区, 乡, 镇, 市) anchors it, so 这里长期 and 城里长大 are not taken.
_VILLAGE = re.compile(r"(?<=[区乡镇市])([\u4e00-\u9fff]{2}里)(?=长)")


def find_villages(article: Article) -> list[Candidate]:
    """Villages (里) before 长 (their chief) right after a district: 凤山区|博爱里|长."""
    found: list[Candidate] = []
    for m in _VILLAGE.finditer(article.text):
        start, end = m.span(1)
        if any(ch in "的了是在和与" for ch in m.group(1)):
            continue
        english = f"{article.compose_org(m.group(1)[:-1])[0]} Village"
        note = "village before its chief (里长); pinyin: check"
        # rank 0: district + village + 长 outweighs a title reading (区仁正|里长 as a person)
        found += candidate(article, start, end, "place", english, "review", note, 0)
    return found
