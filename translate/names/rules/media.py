"""News sources named in the article's furniture: 据X报道, 《X日报》, mastheads, datelines, credits."""

from __future__ import annotations

import re

from translate.names import cedict
from translate.names.article import HANZI, MEDIA_SUFFIXES, Article
from translate.names.candidates import Candidate, org

# fmt: off
_REPORTED_BY = re.compile(
    r"据(?P<x>[^，。,、；;：:\s“”\"《》（）()]{2,14}?)"
    r"(?:网站|官网|客户端|微信公众号|官方微博|微博)?(?:报道|消息|援引|通报|披露|发布)"
)
# First characters of words that end in 据 (数据, 证据, 占据, 依据 is kept: 依据X报道 is a source).
_WORDS_ENDING_JU = frozenset("数证占盘割收单票论")
_BOOK = re.compile(r"《(?P<x>[^《》]{2,14})》")
_SOURCES = re.compile(
    r"^[ \t]*(?:资料|来源|综合|素材来源|信息来源|资料来源)[ \t]*[|｜:：/][ \t]*(?P<x>.+)$",
    re.MULTILINE,
)
_MASTHEAD = re.compile(
    r"^[ \t]*(?P<x>[\u4e00-\u9fff]{2,12}?)(?:客户端|APP|网站|官网|微信公众号)?[ \t]+"
    r"\d{4}[-/.年]\d{1,2}",
    re.MULTILINE,
)
_DATELINE = re.compile(r"(?:【|^|\n)(?P<x>[\u4e00-\u9fff]{2,10}?)(?:记者|讯|消息)")
_PLACE_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*(?P<x>[\u4e00-\u9fff]{1,8}?(?:日报|晚报|时报|早报|报|社|网|新闻))"
    r"[\u4e00-\u9fff]{2,5}\d{1,2}月\d{1,2}日(?:电|讯)"
)
_COPYRIGHT = re.compile(r"(?:著作权|版权)(?:均)?归(?P<x>[^，。,、\s]{2,14}?)(?:独家)?所有")
_GENERIC_SOURCES = frozenset((
    "媒体", "官方", "外媒", "当地媒体", "报道", "知情人士", "消息人士", "统计", "了解", "悉", "介绍",
    "调查", "新闻", "网络", "网友", "记者", "本报", "本网", "公开资料", "有关报道", "相关报道",
))
# fmt: on


def find_media(article: Article) -> list[Candidate]:
    """Media and sources: 浙江日报杭州12月20日讯, 据X报道, 《X日报》, 著作权归X所有, mastheads
    "X 2024-07-12", 【X记者…】 and 资料|X Y Z."""
    found: list[Candidate] = []
    for start, end in _split_lists(article, _source_spans(article.text)):
        text = article.text[start:end]
        if text in _GENERIC_SOURCES or not 2 <= len(text) <= 14 or not HANZI.match(text):
            continue
        stem = text[:-2]
        if text.endswith(("媒体", "方面", "人士")) and (
            article.is_region(stem) or cedict.lookup(stem, "place") is not None
        ):  # 香港媒体: the media there, not the name of one
            continue
        if article.is_abbreviation(text):
            continue
        found += org(article, start, end, 2, "news source")
    return found


def _split_lists(article: Article, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut at conjunctions jieba sees in them: 澎湃新闻和界面新闻(记者) is two sources."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for pos in range(start + 1, end - 1):
            index = article.starts.get(pos)
            tok = article.tokens[index] if index is not None else None
            if tok is not None and tok.text in ("和", "与", "及", "、") and tok.pos in ("c", "x"):
                out.append((start, pos))
                start = tok.end
        out.append((start, end))
    return out


def _source_spans(text: str) -> list[tuple[int, int]]:
    """Spans the furniture patterns mark as a source, pattern by pattern."""
    spans: list[tuple[int, int]] = []
    for m in _PLACE_DATELINE.finditer(text):  # 浙江日报杭州12月20日讯
        if m.group("x").endswith(MEDIA_SUFFIXES) and not m.group("x").startswith("本"):
            spans.append(m.span("x"))
    for m in _REPORTED_BY.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in _WORDS_ENDING_JU:
            continue  # 数据机制和定期发布: 据 ends 数据 here, it does not mean "according to"
        spans.append(m.span("x"))
    for m in _BOOK.finditer(text):
        if m.group("x").endswith(MEDIA_SUFFIXES):
            spans.append(m.span("x"))
    for m in _COPYRIGHT.finditer(text):
        spans.append(m.span("x"))
    for m in _MASTHEAD.finditer(text):
        spans.append(m.span("x"))
    for m in _DATELINE.finditer(text):
        if m.group("x").endswith(MEDIA_SUFFIXES) and not m.group("x").startswith("本"):
            spans.append(m.span("x"))
    for m in _SOURCES.finditer(text):
        pos = m.start("x")
        for part in re.split(r"([\s、，,；;/|｜]+)", m.group("x")):
            item = part
            if item.endswith("等"):
                item = item[:-1]
            if item and not re.fullmatch(r"[\s、，,；;/|｜]+", item):
                spans.append((pos, pos + len(item)))
            pos += len(part)
    return spans
