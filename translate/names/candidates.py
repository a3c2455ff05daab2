"""Candidate names and how a rule's evidence becomes one (English target, status, note).

Each builder returns a list of zero or one candidate, so a rule can write
``found += person(article, start, end, 3, "speech verb")``; it returns [] when the span is not a
name after all (a date fragment such as 5日, a title such as 外交部长).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translate.names import cedict, romanize
from translate.names.tables import Country

if TYPE_CHECKING:
    from translate.names.article import Article, Token


@dataclass
class Candidate:
    """A span of the article that a rule takes for a name, with the evidence's strength."""

    start: int
    end: int
    type: str
    target: str
    status: str
    note: str
    rank: int  # lower is stronger evidence
    text: str  # the span in the simplified text
    # Found by foreign_person(); places jieba sees inside such a name are not places (拉马福萨).
    foreign: bool = dataclasses.field(default=False, compare=False)


def candidate(
    article: Article,
    start: int,
    end: int,
    type_: str,
    target: str,
    status: str,
    note: str,
    rank: int,
    *,
    foreign: bool = False,
) -> list[Candidate]:
    """A candidate for start..end as given, unless the span is a date fragment or a title."""
    text = article.text
    if end - start < 1:
        return []
    if start > 0 and text[start - 1].isdigit() and text[start] in "年月日时号":
        return []  # a date fragment (3月5日电), not a name
    if type_ == "org" and text[end : end + 1] == "长" and text[end - 1] in "部局厅署委":
        return []  # 外交部长, 公安局长: a title, not a mention of the ministry
    span = text[start:end]
    cut = next((i for i, ch in enumerate(span) if ch.isdigit()), 0)
    if (
        type_ in ("org", "place")
        and cut >= 2
        and span[cut:].lstrip("0123456789").startswith(("年", "月", "日"))
    ):  # 市场监管总局4月30日: a date glued to the name (not 唐宁街10号, 58同城)
        return candidate(article, start, start + cut, type_, target, status, note, rank)
    adjust = _ADJUST.get(type_)
    adjusted = adjust(article, start, end, target, note, rank) if adjust is not None else None
    if adjusted is not None:
        return adjusted
    return [Candidate(start, end, type_, target, status, note, rank, span, foreign)]


# The span rules of each type, applied by candidate(): each returns the candidates to use instead
# of start..end as given ([] for none), or None to keep it.
_Adjusted = list[Candidate] | None


def _person_span(
    article: Article, start: int, end: int, target: str, note: str, rank: int
) -> _Adjusted:
    span = article.text[start:end]
    ending = next((w for w in _PERSON_GLUE if span.endswith(w) and len(span) - len(w) >= 2), "")
    if ending:  # 王涛说, 周嘉等: a speech verb or 等 glued to the name
        return person(article, start, end - len(ending), rank, note.split(";")[0])
    if span in article.pseudonyms or (len(span) >= 3 and span.endswith(("网", "报"))):
        return []  # 陈益（化名）: anonymised; 记者观察网: an outlet after 记者, not a reporter
    return None


def _place_span(
    article: Article, start: int, end: int, target: str, note: str, rank: int
) -> _Adjusted:
    text = article.text
    span = text[start:end]
    if span.startswith(("星期", "礼拜")):
        return []  # 星期五: a weekday
    if text[end : end + 1] == "杯" or _line_after(article, end):
        return []  # 亚洲杯, 屯马|线: a cup or a railway line named after places, not a place
    tok = article.word_at(end)
    english = _PLACE_PARTS.get(tok.text) if tok is not None and target else None
    if tok is not None and english is not None:
        # 高碑店|乡, 正阳|桥, 午门|展厅: the named place includes the word after it
        note = f"{note}; with {tok.text}: check"
        return candidate(
            article, start, tok.end, "place", f"{target} {english}", "review", note, rank
        )
    if span.endswith("人") and span[:-1] in article.data.countries:
        return []  # 俄罗斯人: people of the country, not the place
    return None


def _org_span(
    article: Article, start: int, end: int, target: str, note: str, rank: int
) -> _Adjusted:
    text = article.text
    span = text[start:end]
    why = note.split(";")[0]
    tok = article.word_at(end)
    if tok is not None and _tail_belongs(article, span, tok):
        # 新北市违建拆除|大队, 沃尔玛|中国: the unit or the arm is part of the name
        return org(article, start, tok.end, rank, why)
    if start > 0 and text[start - 1] == "驻" and span.endswith(_MISSIONS):
        return org(article, start - 1, end, rank, why)  # 驻纽约办事处
    if span.endswith("党") and _caucus_after(article, end):
        # 国民党|团: the party's caucus in the legislature, a body of its own
        note = f"{note}; caucus (党团): check"
        return candidate(
            article, start, end + 1, "org", f"{target} caucus".strip(), "review", note, rank
        )
    split = _country_before_school(article, start, end)
    if split is not None:  # 美国|哈佛大学: the country is a place, the school the organisation
        return [*country_place(article, start, split), *org(article, split, end, rank, why)]
    if "暨" in span[2:-1]:  # 兆丰金控暨兆丰银行: two bodies; the first one here
        return org(article, start, start + span.index("暨"), rank, why)
    department = _DEPARTMENT.search(span)
    if department is not None and department.start(2) >= 2:
        # 城市管理委员会|整治处: a department's name after its body's
        return org(article, start, start + department.start(2), rank, why)
    if span in _GENERIC_BODIES or span.endswith("奖"):  # 茅盾文学奖: an award
        return []  # 人民检察院, 人大常委会 alone: a kind of body, named elsewhere in full
    if span.endswith(_EVENTS) or span in _LEAGUES:
        return []  # 世博会, 亚洲杯, 中超: events and competitions, not organisations
    for trailing, heads in _TRAILING:
        stem = span[: -len(trailing)]
        if span.endswith(trailing) and len(stem) >= 2 and (not heads or stem.endswith(heads)):
            # 河南省委|常委, 特区政府|代表团, 协会|研究部: the body is the part before
            return org(article, start, end - len(trailing), rank, f"{why}; {trailing} cut off")
    return None


_ADJUST = {"person": _person_span, "place": _place_span, "org": _org_span}


def _country_before_school(article: Article, start: int, end: int) -> int | None:
    """Where the school starts in a foreign country's name + a university or college
    (美国哈佛大学, 瑞士洛桑大学); None otherwise. China's own (中国人民大学) are names."""
    span = article.text[start:end]
    if span in article.data.curated or cedict.lookup(span, "org") is not None:
        return None  # 新加坡国立大学: one name (National University of Singapore)
    for size in range(min(article.data.max_country, len(span) - 4), 1, -1):
        country = article.data.countries.get(span[:size])
        school = span[size:]
        if country is None or country.domestic or not school.endswith(("大学", "学院")):
            continue
        if cedict.is_common_word(school[:-2]) or cedict.is_common_word(school):
            return None  # 国立大学, 外国语大学: a kind of school, part of the country's name
        return start + size
    return None


def _tail_belongs(article: Article, span: str, tok: Token) -> bool:
    """Whether the word ``tok`` right after the organisation ``span`` is part of its name: a
    unit (大队, 派出所), a mission (办事处), a branch named by a place (香港|分行), or the arm
    of a firm the curated list knows in a country (沃尔玛|中国 宣布), not a description
    (腾讯子公司, 招商银行支行, 特斯拉|中国市场)."""
    if tok.text not in _ORG_TAILS:
        return False
    if tok.text in _ARMS:
        after = article.word_at(tok.end)
        return span in article.data.curated and not (
            after is not None and after.pos.startswith("n")
        )
    if tok.text in _BRANCHES:
        last = article.token_at(tok.start - 1)
        return last is not None and (
            article.is_region(last.text) or cedict.lookup(last.text, "place") is not None
        )
    return True


def _caucus_after(article: Article, end: int) -> bool:
    """Whether 团 at ``end`` makes a party caucus (国民党|团), not 团结, 团员 or 团队."""
    tok = article.word_at(end)
    if tok is not None and tok.text == "团":
        return True
    tok = article.token_at(end - 1)
    return tok is not None and tok.text == "党团" and tok.end == end + 1


def country_place(article: Article, start: int, end: int) -> list[Candidate]:
    """The country named at start..end as a place candidate."""
    country = article.data.countries[article.text[start:end]]
    return candidate(article, start, end, "place", country.english, "suggested", "country", 4)


# Words that, right after a place name, are part of it (a whole jieba word there: 乡亲 is not).
_PLACE_PARTS = {
    "乡": "Township", "镇": "Town", "村": "Village", "桥": "Bridge", "片区": "Area",
    "展厅": "Exhibition Hall", "南口": "South Entrance", "北口": "North Entrance",
    "东口": "East Entrance", "西口": "West Entrance",
}  # fmt: skip


def _line_after(article: Article, end: int) -> bool:
    """Whether a railway or metro line's 线 follows as a word of its own (屯马|线)."""
    tok = article.word_at(end)
    return tok is not None and tok.text == "线"


# Words glued after a person's name by the tokenizer: speech verbs and 等 (王涛说, 周嘉等).
_PERSON_GLUE = ("表示", "认为", "指出", "介绍", "说", "称", "等")
# A department (X处) after the body it belongs to: 城市管理委员会|整治处.
_DEPARTMENT = re.compile(r"(委员会|局|厅)([\u4e00-\u9fff]{1,4}处)$")
# Kinds of bodies, not names of one, when they stand alone (省人大常委会 is named by its place).
_GENERIC_BODIES = frozenset((
    "人民代表大会", "人大常委会", "人大", "政协", "人民政府", "政府", "人民法院", "高级人民法院",
    "中级人民法院", "人民检察院", "国会", "议会", "党委", "市委", "省委", "县委", "区委",
    "市政府", "省政府", "县政府", "区政府", "公安局", "检察院", "法院", "绿营", "蓝营", "泛绿",
    "泛蓝", "中国政府",
))  # fmt: skip
# Organisation-like spans that are events, not bodies.
_EVENTS = (
    "世博会",
    "博览会",
    "运动会",
    "奥运会",
    "亚运会",
    "全运会",
    "奥运",
    "亚运",
    "世界杯",
    "亚洲杯",
)
# Words after an organisation that name a unit of it or its arm in a country (大队, 分行,
# 中国 in 沃尔玛中国): the name runs on. Missions whose name starts with 驻 (驻纽约办事处).
_ORG_TAILS = frozenset((
    "大队", "支队", "中队", "分局", "派出所", "办事处", "代表处", "分行", "支行", "分公司",
    "中国", "香港",
))  # fmt: skip
_BRANCHES = frozenset(("分行", "支行", "分公司"))  # only when a place names the branch
_ARMS = frozenset(("中国", "香港"))  # only after a firm the curated list knows (not 国务院|中国)
_MISSIONS = ("办事处", "代表处", "大使馆", "总领事馆", "领事馆", "使馆", "代表团")
# Football leagues in short form: competitions (the clubs in them are the organisations).
_LEAGUES = frozenset(("中超", "中甲", "英超", "西甲", "意甲", "德甲", "法甲", "日职联", "韩职联"))
# Words after an organisation that make a role, a group or a part of it, not another body:
# (word, heads the part before must end with; empty: any).
_ORG_HEADS_BEFORE_PART = ("协会", "学会", "商会", "公司", "集团", "大学", "学院", "医院", "研究院")
_TRAILING = (
    ("常委", ("省委", "市委", "县委", "区委", "党委")),
    ("代表团", ("政府", "省委", "市委", "党委", "议会", "人大")),
    ("党委", ("大学", "学院", "医院", "二院", "研究院", "公司", "集团", "银行", "中心")),
    ("官方微信", ()),
    ("官方微博", ()),
    ("建院", ("院",)),
    ("领办", ()),
    ("研究部", _ORG_HEADS_BEFORE_PART),
)


def person(article: Article, start: int, end: int, rank: int, why: str) -> list[Candidate]:
    """A person found by rule ``why``: pinyin, CC-CEDICT, or the foreign-name path."""
    name = article.text[start:end]
    known = cedict.lookup(name, "person")
    if article.looks_foreign(name) and not known:
        return foreign_person(article, start, end, rank, None)
    if known is not None and known.kind == "person" and known.english:
        pinyin = romanize.person(name)
        if known.english.replace(" ", "").lower() == pinyin.replace(" ", "").lower():
            return candidate(article, start, end, "person", pinyin, "suggested", "CC-CEDICT", rank)
        # CC-CEDICT knows this spelling as someone else (a foreign or Hong Kong name).
        note = "CC-CEDICT; check it is this person"
        return candidate(article, start, end, "person", known.english, "review", note, rank)
    return candidate(
        article,
        start,
        end,
        "person",
        romanize.person(name),
        "suggested" if rank <= 4 else "review",
        f"pinyin ({why})",
        rank,
    )


def foreign_person(
    article: Article, start: int, end: int, rank: int, owner: Country | str | None
) -> list[Candidate]:
    """A foreign (or Hong Kong/Macao/Taiwan) person, always "review"; ``owner`` is whose title."""
    name = article.text[start:end]
    known = cedict.lookup(name, "person")
    whose = ""
    if isinstance(owner, Country):
        whose = f" ({owner.adjective})"
    if isinstance(owner, Country) and owner.domestic:
        target = known.english if known and known.kind == "person" else romanize.person(name)
        note = f"{owner.english} name: usually not romanized in Hanyu Pinyin; check"
        return _foreign(article, start, end, target, note, rank)
    if known is not None and known.kind == "person" and known.english:
        note = f"foreign name{whose}; CC-CEDICT: check"
        return _foreign(article, start, end, known.english, note, rank)
    if name in article.data.foreign:
        note = f"foreign name{whose}; known-names list: check"
        return _foreign(article, start, end, article.data.foreign[name], note, rank)
    last = re.split(r"[·・•‧]", name)[-1]
    part = cedict.lookup(last, "person")
    if last != name and part is not None and part.kind == "person" and part.english:
        note = f"foreign name{whose}; CC-CEDICT ({last}): check"
        return _foreign(article, start, end, part.english, note, rank)
    note = f"foreign name{whose} in Chinese transliteration: check (pinyin would read {romanize.person(name)!r})"
    return _foreign(article, start, end, "", note, rank)


def _foreign(
    article: Article, start: int, end: int, target: str, note: str, rank: int
) -> list[Candidate]:
    foreign = end - start >= 2  # only names of 2+ characters hide places (see Candidate.foreign)
    return candidate(article, start, end, "person", target, "review", note, rank, foreign=foreign)


def org(article: Article, start: int, end: int, rank: int, why: str) -> list[Candidate]:
    """An organisation found by rule ``why``: central bodies, curated list, CC-CEDICT, or composed."""
    text = article.text[start:end]
    data = article.data
    if text in data.central:
        return candidate(
            article, start, end, "org", data.central[text], "suggested", "central body", rank
        )
    if article.use_curated and text in data.curated:
        english, type_ = data.curated[text]
        return candidate(article, start, end, type_, english, "suggested", "curated list", rank)
    noun = cedict.lookup(text, "org")
    if noun is not None and noun.english and not noun.descriptive:
        return candidate(article, start, end, "org", noun.english, "suggested", "CC-CEDICT", rank)
    english, used_pinyin = article.compose_org(text)
    note = f"{why}; composed from parts" + (" and pinyin" if used_pinyin else "") + ": check"
    return candidate(article, start, end, "org", english, "review", note, rank)
