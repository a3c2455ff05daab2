"""Names the trained tagger (translate.names.tagger) finds, checked before they become candidates.

The tagger sees names the rules have no cue for: bare company brands (宁德时代, 星巴克), banks and
brokers in short form (招商证券, 高盛), sports bodies (中国足协), institutes and departments
(中科院上海分院), media brands (新浪财经), foreign persons without a title or a middle dot
(野口悠纪雄, 马克龙), and names jieba glued to a verb (李明|说 as 李|明说). Its spans are only
evidence: each is trimmed to the jieba word boundaries where the tagger ran over them (陈文清接|连
-> 陈文清, 北京同来华 -> 北京), then

- typed and rendered by what already exists: the official-name tables and CC-CEDICT for English
  (a CC-CEDICT organisation tagged PER, such as 高盛, becomes an organisation), romanize for
  Chinese persons' pinyin, the foreign-name path for the rest (status "review", empty target
  unless CC-CEDICT or the known-names list has one), composed English for organisations
  ("review"); a transliterated brand gets an empty target for review, not pinyin;
- rejected when it is an ordinary word (电信, 人民法院, 高薪), a run of country abbreviations
  (中泰, 中老泰联通), a title, a single character, a generic reference (省政协, 该公司), a known
  organisation plus an activity (联合国维和行动), or a place plus an ordinary word (杭州互联网).

Ranks: 4 when something besides the tagger agrees (a table, CC-CEDICT, jieba's own person tag,
an organisation's head word), else 5, so strong rule evidence (rank 0-3) wins where the two
cross, and a tagger-only span loses to a strong name inside it (see resolve.py).
"""

from __future__ import annotations

import re

from translate.names import cedict, romanize
from translate.names.article import (
    HANZI,
    INTERNATIONAL,
    NOT_NAME_END,
    NUMERAL_START,
    ORG_HEADS,
    SPEECH_VERBS,
    STOP_WORDS,
    TITLES,
    TRANSLIT,
    Article,
    Token,
)
from translate.names.candidates import Candidate, candidate, foreign_person, org, person

CONFIRMED = 4  # the tagger and an independent check agree
TAGGER = 5  # the tagger alone

# fmt: off
# Heads that end an organisation's name besides ORG_HEADS: institutes, departments, hospitals,
# sports bodies, financial firms (招商证券, 中国足协, 中科院上海分院, 附属第一医院).
_HEADS = ORG_HEADS + (
    "院", "所", "中心", "医院", "分院", "分行", "支行", "分公司", "子公司", "总公司", "系", "处", "科",
    "足协", "篮协", "排协", "乒协", "田协", "泳协", "棋协", "奥委会", "体育总会", "联赛", "俱乐部",
    "队", "证券", "保险", "基金", "信托", "期货", "资本", "投资", "控股", "股份", "银行", "农商行",
    "财经", "新闻", "卫视", "频道", "周刊", "杂志", "出版社", "电视台", "广播", "网", "集团",
    "协会", "学会", "商会", "联盟", "组织", "党", "政府", "议会", "法院", "检察院", "研究会",
)
# First characters of generic references, not names (省政协, 市委, 该公司, 本报, 我国).
_GENERIC_START = tuple("省市县区镇乡村本该我各此其全两贵敝") + NUMERAL_START
# Tags of jieba tokens that are (parts of) names.
_PROPER_POS = ("nr", "ns", "nt", "nz", "j", "eng")
_SPEECH = tuple(sorted(SPEECH_VERBS, key=len, reverse=True))
# fmt: on


def find_tagger_names(article: Article) -> list[Candidate]:
    """Candidates from the tagger's PER/ORG/LOC spans (see the module docstring)."""
    found: list[Candidate] = []
    for start, end, label in article.tagged:
        span = _trim(article, start, end, label)
        if span is None:
            continue
        start, end = span
        if label == "PER":
            found += _person(article, start, end)
        elif label == "ORG":
            found += _org(article, start, end, tagged_org=True)
        else:
            found += _place(article, start, end)
    return found


# -- boundaries ------------------------------------------------------------------------------


def _ordinary(tok: Token) -> bool:
    """A jieba word that is not part of a name: a common word, title, stop or function word."""
    text = tok.text
    if text in STOP_WORDS or text in TITLES:
        return True
    if len(text) == 1:
        return text in NOT_NAME_END or tok.pos.startswith(("p", "c", "u", "d", "r", "x"))
    return cedict.is_common_word(text) and not tok.pos.startswith(_PROPER_POS)


def _trim(article: Article, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The span cut back to jieba's word boundaries where the tagger ran over them, or None."""
    text = article.text
    while start < end and not HANZI.match(text[start]):
        start += 1
    while end > start and not HANZI.match(text[end - 1]):
        end -= 1
    if end - start < 2:
        return None
    first = article.token_at(start)
    if first is not None and first.start < start and _ordinary(first):
        start = first.end  # 外长|敦 tagged 长敦: 长 belongs to the title
    # A function word inside cuts the span (北京同来华 -> 北京, 伯尔尼同 -> 伯尔尼).
    pos = start
    while pos < end:
        tok = article.token_at(pos)
        if tok is None:
            break
        if pos > start and tok.start == pos and tok.end <= end and _function(tok):
            end = pos
            break
        pos = tok.end
    # A speech verb the tagger took into a person's name (王毅说 -> 王毅).
    if label == "PER":
        for verb in _SPEECH:
            if text[start:end].endswith(verb) and end - len(verb) - start >= 2:
                end -= len(verb)
                break
    # 陈文清接|连: 接连 is a word that starts inside the span, so the name ends before it. (李|明说
    # is different: for a person the word must start at the last character, after two.)
    last = article.token_at(end - 1) if end > start else None
    if (
        last is not None
        and start < last.start
        and last.end > end
        and _ordinary(last)
        and (label != "PER" or (end - last.start == 1 and last.start - start >= 2))
    ):
        end = last.start
    if end - start < 2:
        return None
    return start, end


def _function(tok: Token) -> bool:
    """A preposition, conjunction, particle or stop word (同, 和, 的, 在, 表示)."""
    return tok.text in STOP_WORDS or (
        len(tok.text) == 1 and tok.pos.startswith(("p", "c", "u")) and tok.text in NOT_NAME_END
    )


def _generic(article: Article, text: str) -> bool:
    """Not a name whatever its type: an ordinary word, abbreviations, a title, a reference."""
    if cedict.is_common_word(text) or text in TITLES or text.endswith(("方面", "人士", "当局")):
        return True
    if article.is_abbreviation(text):
        return True
    for size in range(min(5, len(text) - 1), 1, -1):  # 中老泰|联通: an abbreviation run first
        if article.is_abbreviation(text[:size]) and not cedict.is_proper_noun(text[:size]):
            return True
    return False


def _words(article: Article, start: int, end: int) -> list[Token]:
    """The jieba tokens inside start..end (the first and last cut to the span)."""
    out: list[Token] = []
    pos = start
    while pos < end:
        tok = article.token_at(pos)
        if tok is None:
            break
        stop = min(tok.end, end)
        out.append(Token(article.text[pos:stop], pos, stop, tok.pos))
        pos = stop
    return out


def _is_name_part(article: Article, tok: Token) -> bool:
    """A token that is (part of) a name: jieba's name tags, a table entry or a CC-CEDICT name."""
    text = tok.text
    if tok.pos.startswith(_PROPER_POS) and not cedict.is_common_word(text):
        return True
    data = article.data
    if text in data.countries or text in data.places or text in data.central:
        return True
    if article.use_curated and text in data.curated:
        return True
    noun = cedict.lookup(text)
    return noun is not None and bool(noun.english) and not cedict.is_common_word(text)


# -- persons ---------------------------------------------------------------------------------


def _person(article: Article, start: int, end: int) -> list[Candidate]:
    name = article.text[start:end]
    if not all(HANZI.match(ch) or ch in "·・" for ch in name) or len(name) > 8:
        return []
    if _generic(article, name) or any(name.startswith(t) or name.endswith(t) for t in TITLES):
        return []
    if name in article.data.countries or name in article.data.places:
        return []
    if any(ch in "的了是在和与及或某" for ch in name[1:]):
        return []
    known = cedict.lookup(name, "person")
    if known is not None and known.kind != "person":
        # CC-CEDICT knows it as something else: 高盛 is Goldman Sachs, not a person.
        if known.kind in ("org", "other") and known.english and not known.descriptive:
            return _org(article, start, end)
        return []
    if len(name) == 2 and _surname_then_word(article, start, end) and not _known_person(name):
        return []  # 廖|上诉 after 廖正良: the surname alone, then a verb
    if (
        len(name) == 3
        and _verb_at(article, start + 1, end)
        and not _jieba_person(article, start, end)
        and _someone_else_with_surname(article, name)
    ):
        return []  # 韩|裁示, 金|止跌, 傅|坚持: a surname standing for someone, then a verb
    tok = Token(name, start, end, "nr")
    chinese = article.chinese_name(tok, strong=False)
    if chinese is not None and chinese.text == name and not article.looks_foreign(name):
        tok = article.token_at(start) or tok
        jieba_agrees = tok.start == start and tok.end == end and tok.pos.startswith("nr")
        rank = CONFIRMED if jieba_agrees or known is not None else TAGGER
        return person(article, start, end, rank, "tagger")
    if known is not None or name in article.data.foreign or article.looks_foreign(name):
        # Confirmed: CC-CEDICT or the known-names list has it, or it is all transliteration
        # characters, so it wins over a shorter name jieba cut out of it (穆斯卡特, not 卡特).
        return foreign_person(article, start, end, CONFIRMED, None)
    # Not a Chinese name: a foreign one (野口悠纪雄, 大坂直美) unless it is made of words.
    if len(name) < 3 or name[-1] in NOT_NAME_END or _made_of_words(article, start, end):
        return []
    return foreign_person(article, start, end, TAGGER, None)


def _known_person(name: str) -> bool:
    known = cedict.lookup(name, "person")
    return known is not None and known.kind == "person"


def _someone_else_with_surname(article: Article, name: str) -> bool:
    """Whether the tagger names another person of 3+ characters with ``name``'s first
    character (韩国瑜 before 韩|坚持): the surname alone then stands for that person."""
    return bool(article.long_person_names.get(name[0], frozenset()) - {name})


def _verb_at(article: Article, start: int, end: int) -> bool:
    """Whether jieba reads start..end as one ordinary verb (坚持, 裁示, 止跌)."""
    tok = article.word_at(start)
    return (
        tok is not None
        and tok.end == end
        and tok.pos.startswith("v")
        and cedict.is_common_word(tok.text)
    )


def _jieba_person(article: Article, start: int, end: int) -> bool:
    """Whether jieba took exactly start..end for a person's name as well."""
    tok = article.word_at(start)
    return tok is not None and tok.end == end and tok.pos.startswith("nr")


def _surname_then_word(article: Article, start: int, end: int) -> bool:
    """A two-character span whose second character starts a longer word (上诉, 依法, 有期徒刑),
    in an article where the tagger names a person of 3+ characters with the same first character: the
    surname standing for that person (Taiwan and Hong Kong reports do this), then a word."""
    tok = article.word_at(start + 1)
    if tok is None or tok.end <= end or tok.pos.startswith("nr"):
        return False
    return article.text[start] in article.long_person_names


def _made_of_words(article: Article, start: int, end: int) -> bool:
    """Every jieba word in the span is an ordinary word of 2+ characters (新能源|汽车): a common
    word, or one jieba tags as a plain noun, verb or adjective that CC-CEDICT has no name for."""
    for word in _words(article, start, end):
        if len(word.text) < 2:
            return False
        plain = not word.pos.startswith(_PROPER_POS) and not cedict.is_proper_noun(word.text)
        if not (_ordinary(word) or plain):
            return False
    return True


# -- organisations ---------------------------------------------------------------------------


def _org(article: Article, start: int, end: int, *, tagged_org: bool = False) -> list[Candidate]:
    text = article.text[start:end]
    data = article.data
    if not all(HANZI.match(ch) for ch in text) or article.is_abbreviation(text):
        return []
    company = cedict.company_name(text) if tagged_org else ""
    if company:  # 麦当劳: CC-CEDICT's person sense loses to its company sense here
        note = "tagger; CC-CEDICT company sense"
        return candidate(article, start, end, "org", company, "suggested", note, 2)
    if text in data.central or (article.use_curated and text in data.curated):
        return org(article, start, end, CONFIRMED, "tagger")
    noun = cedict.lookup(text, "org")
    if (
        noun is not None
        and noun.english[:1].isupper()
        and not noun.descriptive
        and (noun.kind == "org" or (noun.kind == "other" and not cedict.is_common_word(text)))
    ):
        note = "CC-CEDICT; tagger"
        return candidate(article, start, end, "org", noun.english, "suggested", note, CONFIRMED)
    if _generic(article, text) or text in data.countries or text in data.places:
        return []
    if noun is not None and noun.kind == "place":
        return []
    if text.startswith(_GENERIC_START):
        return []  # 省政协, 该公司: a reference to a body named elsewhere
    for size in range(min(6, len(text) - 2), 1, -1):  # 纽约|联合国总部: where a body sits
        if _is_place(article, text[:size]) and text[size:].startswith(INTERNATIONAL):
            return []
    head = next((h for h in sorted(_HEADS, key=len, reverse=True) if text.endswith(h)), "")
    stem = text[: len(text) - len(head)]
    if head and stem:
        generic = cedict.is_common_word(stem) and not article.known_org(stem)
        if generic and head not in _BRAND_HEADS:
            return []  # 人民|医院, 地方|政府: a kind of body, not one (but 招商|证券 is a firm)
        return _rendered_org(article, start, end, "tagger; ends like an organisation")
    if _made_of_words(article, start, end):
        return []  # 新能源汽车
    for size in range(len(text) - 1, 1, -1):  # 联合国|维和行动: a body and an activity
        if article.known_org(text[:size]):
            return []
    words = _words(article, start, end)
    if len(words) == 2 and _is_place(article, words[0].text) and words[1].text in _NOT_BRANDS:
        return []  # 杭州|互联网: a place and what goes on there
    return _rendered_org(article, start, end, "tagger")


# Ordinary words after a place that make a description, not a brand (杭州|互联网).
_NOT_BRANDS = frozenset(("互联网", "地区", "市场", "经济", "企业", "方面", "政府", "警方", "媒体"))
# Heads after which an ordinary word is a firm's name (招商|证券, 平安|银行), not a kind of body.
_BRAND_HEADS = frozenset(("证券", "银行", "保险", "基金", "集团", "控股", "财经", "新闻", "卫视"))


def _rendered_org(article: Article, start: int, end: int, why: str) -> list[Candidate]:
    """An organisation the tables do not know: composed English, or none for a transliteration."""
    text = article.text[start:end]
    if len(text) >= 3 and all(ch in TRANSLIT for ch in text) and not cedict.lookup(text):
        note = (
            f"{why}; foreign brand in Chinese transliteration: check "
            f"(pinyin would read {article.compose_org(text)[0]!r})"
        )
        return candidate(article, start, end, "org", "", "review", note, CONFIRMED)
    return org(article, start, end, CONFIRMED, why)


# -- places ----------------------------------------------------------------------------------


def _is_place(article: Article, text: str) -> bool:
    if article.is_region(text):
        return True
    noun = cedict.lookup(text, "place")
    if noun is None or not noun.english or noun.descriptive:
        return False
    return noun.kind == "place" or (noun.kind == "other" and noun.english[:1].isupper())


def _place(article: Article, start: int, end: int) -> list[Candidate]:
    text = article.text[start:end]
    data = article.data
    if not all(HANZI.match(ch) for ch in text) or text.startswith(NUMERAL_START):
        return []
    country = data.countries.get(text)
    if country is not None:
        return candidate(article, start, end, "place", country.english, "suggested", "country", 4)
    if text in data.places:
        english = data.places[text]
        return candidate(article, start, end, "place", english, "suggested", "province list", 4)
    noun = cedict.lookup(text, "place")
    if _generic(article, text) or (noun is not None and noun.english.startswith("Sino-")):
        return []  # 中欧 (in 中欧班列): an adjective, not a place
    if noun is not None and noun.english and not noun.descriptive:
        if noun.kind == "place" or article.other_place(noun):
            note = "CC-CEDICT; tagger"
            return candidate(article, start, end, "place", noun.english, "suggested", note, 4)
        if noun.kind in ("person", "org"):
            return []  # CC-CEDICT knows the word as something else
    words = _words(article, start, end)
    if _made_of_words(article, start, end) or (
        len(words) > 1 and _is_place(article, words[0].text) and _ordinary(words[-1])
    ):
        return []  # 化工园区, 杭州|互联网
    if re.search(r"[的了在和与是]", text):
        return []
    note = "tagger; not in CC-CEDICT; pinyin: check"
    return candidate(article, start, end, "place", _place_english(text), "review", note, TAGGER)


_PLACE_SUFFIXES = (
    ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"), ("新区", "New Area"),
    ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "County"), ("镇", "Town"),
    ("乡", "Township"), ("村", "Village"), ("州", "Prefecture"), ("港", "Port"),
)  # fmt: skip


def _place_english(text: str) -> str:
    """Pinyin for a place no table knows, with its administrative suffix in English
    (光明区 -> "Guangming District"): a gloss would make "Light District" of it."""
    for suffix, english in _PLACE_SUFFIXES:
        stem = text[: -len(suffix)]
        if text.endswith(suffix) and len(stem) >= 2:
            return f"{romanize.pinyin_words(stem)} {english}"
    return romanize.pinyin_words(text)
