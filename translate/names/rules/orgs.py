"""Organisations: jieba's tag, anchor + parts + head compounds, N国集团, companies' short forms."""

from __future__ import annotations

import re

from translate.names import cedict
from translate.names.article import (
    HANZI,
    INTERNATIONAL,
    ORG_HEADS,
    STOP_WORDS,
    Article,
    Token,
    is_punct,
)
from translate.names.candidates import Candidate, candidate, org
from translate.names.scan import occurrences

# fmt: off
_ORG_END_CHARS = ("部", "委", "局", "署", "厅", "院", "会", "社", "报", "网", "台", "党", "军", "行",
                  "司", "团", "所", "校", "处", "办", "组织", "中心", "联盟", "政府", "总部", "卫视",
                  "新闻", "大学", "学院", "银行", "集团", "公司", "协会", "基金会", "队", "馆")
_COMPANY_HEADS = ("有限公司", "有限责任公司", "集团", "公司", "科技", "律师事务所", "事务所")
_COMPANY_TAILS = ("集团控股有限公司", "控股有限公司", "股份有限公司", "有限责任公司", "技术有限公司",
                  "有限公司", "控股集团")
_GROUP_OF = re.compile(r"(?<![0-9一二三四五六七八九十])(?P<n>[二三四五六七八九十]{1,3})国集团")
_NUMBERS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# fmt: on


def find_tagged_orgs(article: Article) -> list[Candidate]:
    """Words jieba tags as organisations that end like one or are known (and place + org)."""
    found: list[Candidate] = []
    data = article.data
    for tok in article.tokens:
        if tok.pos != "nt" or len(tok.text) < 2:
            continue
        noun = cedict.lookup(tok.text)
        if noun is not None and noun.kind == "place" and noun.english and not noun.descriptive:
            found += candidate(
                article, tok.start, tok.end, "place", noun.english, "suggested", "CC-CEDICT", 3
            )
            continue
        known = noun is not None and noun.english and not noun.descriptive
        curated = article.use_curated and tok.text in data.curated
        ends_known = any(tok.text.endswith(k) for k in data.parts if len(k) >= 2)
        if not (known or curated or ends_known or tok.text.endswith(_ORG_END_CHARS)):
            continue  # 国际航空 (in 国际航空枢纽): jieba's tag alone is not enough
        if cedict.is_common_word(tok.text) and not (curated or tok.text in data.central):
            continue  # 商业银行: an ordinary word
        index = article.starts[tok.start]
        prev = article.tokens[index - 1] if index > 0 else None
        if (
            prev is not None
            and article.is_region(prev.text)
            and not tok.text.startswith(INTERNATIONAL)
        ):
            found += org(
                article, prev.start, tok.end, 3, "place + organisation"
            )  # 浙江省|杭州市中级人民法院
        size = _leading_place(article, tok.text)
        if size and tok.text[size:].startswith(INTERNATIONAL):
            # 纽约联合国总部: a place + an international body located there, not one name.
            place = tok.text[:size]
            noun = cedict.lookup(place, "place")
            english = data.places.get(place) or (noun.english if noun else "")
            if place in data.countries:
                english = data.countries[place].english
            found += candidate(
                article, tok.start, tok.start + size, "place", english, "suggested", "CC-CEDICT", 3
            )
            found += org(article, tok.start + size, tok.end, 3, "organisation after a place")
            continue
        found += org(article, tok.start, tok.end, 4, "jieba organisation tag")
    return found


# An official body whose name joins two fields with 及/和/与 (政制及内地事务局, 经济和信息化局).
_JOINED_BODY = re.compile(
    r"[\u4e00-\u9fff]{2,6}[及和与][\u4e00-\u9fff]{2,8}?(?:局|司|署|委员会|办公室)"
)
# Kinds of words a field of a body's name is not: names, places, verbs, prepositions, numbers.
_NOT_FIELD = ("nr", "ns", "p", "u", "m", "r")  # and plain verbs ("v"; 发展 as "vn" is a field)


def find_joined_bodies(article: Article) -> list[Candidate]:
    """Bodies named by two fields joined by 及/和/与 and ending in 局/司/署/委员会/办公室:
    政制及内地事务局, 政策研究和区域发展局. The name starts where jieba starts a word, neither side
    is a place (北京和上海公安局 is two bodies) and no word in it is a name, verb or function word;
    a title right after it (局长) does not stop it being the body's name."""
    found: list[Candidate] = []
    text = article.text
    for m in _JOINED_BODY.finditer(text):
        end = m.end()
        for start in range(m.start(), end - 5):
            joint = next((i for i in range(start + 2, end) if text[i] in "及和与"), None)
            if joint is None or joint - start > 6:
                break
            if start not in article.starts or (
                text[start] in "省市县区" and start + 1 in article.starts
            ):
                continue  # 市|经济和信息化局: the city's bureau; the name starts after 市
            left = text[start:joint]
            if article.is_region(left) or any(article.is_region(left[:k]) for k in (2, 3)):
                continue
            if left.endswith(_BODY_ENDS) or article.known_org(left):
                break  # 财政部和国家税务总局: two bodies, each found by the other rules
            if _has_non_field(article, start, end, joint):
                continue
            english = " and ".join(
                article.compose_org(part)[0] for part in (left, text[joint + 1 : end])
            )
            note = "joined body name; composed from parts: check"
            found += candidate(article, start, end, "org", english, "review", note, 3)
            break
    return found


_BODY_ENDS = ("部", "局", "委", "会", "署", "厅", "办", "院", "司", "处", "所", "中心")


def _has_non_field(article: Article, start: int, end: int, joint: int) -> bool:
    pos = start
    while pos < end:
        tok = article.token_at(pos)
        if tok is None:
            return True
        if pos == joint:
            pass
        elif len(tok.text) > 1 and (tok.pos.startswith(_NOT_FIELD) or tok.pos == "v"):
            return True
        elif len(tok.text) == 1 and tok.pos.startswith(("v", "d", "p", "u", "c", "r")):
            return True  # 甯汉豪说正与市建局: a verb and an adverb, not a field of a name
        pos = tok.end
    return False


def find_org_compounds(article: Article) -> list[Candidate]:
    """Anchor (country, place, 国家, 中央, ...) + up to 3 parts + an organisation head."""
    found: list[Candidate] = []
    toks = article.tokens
    parts = article.data.parts
    for j, head in enumerate(toks):
        is_head = (
            head.text in ORG_HEADS
            or _generic_head(article, head)
            or (
                len(head.text) >= 2
                and (cedict.lookup(head.text, "org") is not None or head.text in parts)
                and head.text.endswith(
                    ("部", "委", "局", "署", "厅", "院", "办", "中心", "委员会", "总部", "省")
                )
            )
        )
        if not is_head:
            continue
        best = -1
        for i in range(j - 1, max(-1, j - 6), -1):
            tok = toks[i]
            if (
                is_punct(tok.text)
                or tok.text in STOP_WORDS
                or tok.pos.startswith(("p", "c", "u", "m", "r", "d", "t", "f"))
                or (
                    not tok.text.startswith("驻")
                    and tok.pos.startswith("v")
                    and tok.pos != "vn"
                    and tok.text not in parts
                )
            ):
                break
            if article.is_anchor(tok) or (
                head.text in ("实验室", "研究院", "研究所", "大学", "学院")
                and article.is_proper(tok)
            ):
                best = i
        if best < 0 and head.text.endswith(_COMPANY_HEADS):
            best = _brand_before(article, j)
        if best == j - 1 and toks[best].text == "全国" and head.text in ORG_HEADS:
            continue  # 全国法院: the courts nationwide, not a named body
        if best >= 0:
            found += org(article, toks[best].start, head.end, 2, "organisation compound")
    return found


def _generic_head(article: Article, tok: Token) -> bool:
    """An unlisted organisation head word such as 体育局 or 组委会 (not 格局, 南部)."""
    text = tok.text
    if not 2 <= len(text) <= 4 or not tok.pos.startswith(("n", "j")):
        return False
    if not text.endswith(("局", "厅", "署", "委", "部", "院", "办", "委会", "中心", "集团")):
        return False
    return text in article.data.parts or not cedict.is_common_word(text)


def _brand_before(article: Article, j: int) -> int:
    """Index of a brand or company name before a company head (阿里巴巴|集团, 快数|科技|有限公司)."""
    best = -1
    for i in range(j - 1, max(-1, j - 5), -1):
        tok = article.tokens[i]
        if tok.text in article.data.parts or tok.text in ("股份", "控股", "技术", "网络", "信息"):
            continue
        noun = cedict.lookup(tok.text, "org")
        proper = tok.pos in ("nr", "nrt", "nz", "nt", "ns", "nrfg") or (
            noun is not None and noun.english[:1].isupper()
        )
        if len(tok.text) >= 2 and HANZI.match(tok.text) and proper:
            best = i
        break
    if best > 0 and article.is_region(article.tokens[best - 1].text.removesuffix("市")):
        best -= 1  # 深圳市快数科技有限公司
    return best


def find_groups(article: Article) -> list[Candidate]:
    """二十国集团 -> "Group of 20", 七国集团 -> "Group of Seven" (jieba cuts 二|十国集团)."""
    found: list[Candidate] = []
    for m in _GROUP_OF.finditer(article.text):
        digits = m.group("n")
        if len(digits) == 1:
            n = _NUMBERS[digits]
        elif digits[0] == "十":
            n = 10 + _NUMBERS.get(digits[1], 0)
        else:
            n = _NUMBERS[digits[0]] * 10 + _NUMBERS.get(digits[2:3] or "x", 0)
        found += candidate(
            article, m.start(), m.end(), "org", f"Group of {n}", "suggested", "N国集团", 1
        )
    return found


def find_international_organs(article: Article) -> list[Candidate]:
    """联合国|安理会常任理事国 -> 联合国安理会: a body + an organ jieba joined to more words."""
    found: list[Candidate] = []
    for i, tok in enumerate(article.tokens[:-1]):
        if tok.text not in INTERNATIONAL:
            continue
        nxt = article.tokens[i + 1]
        for size in range(min(8, len(nxt.text) - 1), 1, -1):
            part = nxt.text[:size]
            noun = cedict.lookup(part, "org")
            if part in article.data.parts or (noun is not None and noun.kind == "org"):
                found += org(article, tok.start, nxt.start + size, 2, "international body + organ")
                break
    return found


def find_company_short_forms(article: Article) -> list[Candidate]:
    """Shorter forms of a full company name found so far: 阿里巴巴集团控股有限公司 ->
    阿里巴巴集团, 阿里巴巴; 深圳市快数科技有限公司 -> 快数科技.

    Reads the organisation candidates found so far.
    """
    forms: dict[str, str] = {}
    for cand in article.cands:
        if cand.type != "org" or not cand.text.endswith(_COMPANY_TAILS):
            continue
        stem = cand.text
        size = _leading_place(article, stem.removesuffix("有限公司"), strict=True)
        if size and stem[size : size + 1] == "市":
            size += 1
        stem = stem[size:]
        for tail in _COMPANY_TAILS:
            if stem.endswith(tail):
                stem = stem[: -len(tail)]
                break
        for form in (stem, stem + "集团", stem.removesuffix("技术"), stem.removesuffix("集团")):
            if len(form) >= 2 and form != cand.text and not cedict.is_common_word(form):
                forms[form] = cand.text
    found: list[Candidate] = []
    where = occurrences(article.text, forms)  # one pass over the text for all the forms
    for form, full in forms.items():
        for start in where[form]:
            end = start + len(form)
            if article.text[end : end + 1] in ("有", "控", "股"):
                continue
            found += org(article, start, end, 3, f"short form of {full}")
    return found


def _leading_place(article: Article, text: str, *, strict: bool = False) -> int:
    """Length of a known place at the start of ``text`` (纽约 in 纽约联合国总部), or 0.

    ``strict``: only countries, provinces and CC-CEDICT places (not names of unknown kind
    such as 华为).
    """
    for size in range(min(6, len(text) - 2), 1, -1):
        head = text[:size]
        if article.is_region(head):
            return size
        if strict:
            noun = cedict.lookup(head, "place")
            if noun is not None and noun.kind == "place":
                return size
            continue
        noun = cedict.lookup(head, "place")
        if (
            noun is not None
            and noun.english
            and not noun.descriptive
            and (noun.kind == "place" or (noun.kind == "other" and noun.english[:1].isupper()))
        ):
            return size
    return 0
