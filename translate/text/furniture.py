"""Article furniture: datelines, bylines, editor lines, notices, link lists and headings.

Furniture is translated like everything else but never ranked for the summary; its role is
recorded on each Paragraph (`Paragraph.role`, roles from translate.document) so outputs can show
it as what it is. Detection is a table of patterns on single lines, plus a little context:
a masthead only at the top, a "related reading" block runs until the first line that reads like
article text, and a comments header ends the article. A dateline or byline that opens a body
paragraph (新华社北京9月17日电（记者 张三）…) is split off into a sentence of its own.
"""

from __future__ import annotations

import re
import unicodedata

from translate.document import BODY, FURNITURE_ROLES, Document, Paragraph, Sentence

__all__ = ["classify_line", "is_furniture_sentence", "is_masthead", "mark_furniture"]

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_SEP = r"\s*[:/|丨]\s*"  # after NFKC: ： -> :, ｜ -> |
_OPEN = r"^[\[【(〔]?\s*"
_DATE = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_SENTENCE_END = re.compile(r"[。!?;]|\.\.\.")
_COMMA = re.compile(r"[,,、]")
_CONTENT = re.compile(r"[" + _HAN + r"A-Za-z0-9]")

# Calls to action, end marks and comment prompts (a line of its own; see _reads_like_text).
_CALL_TO_ACTION = re.compile(
    r"^(?:\(完\)|【?纠错】?|最新评论|热门评论|全部评论|精彩评论|网友评论|发表评论|评论"
    r"|点击(?:进入|查看|阅读|关注|收听|观看).{0,30}|扫(?:码|描).{0,40}|长按.{0,40}二维码.{0,20}"
    r"|关注.{0,15}(?:公众号|微信|微博|视频号).{0,20}|(?:打开|下载).{0,12}(?:APP|App|app|客户端).{0,20}"
    r"|分享到.{0,20}|(?:点赞|收藏|转发|分享|在看)\s*\d*|阅读原文|查看原文|查看更多|加载更多"
    r"|返回.{0,10}(?:首页|搜狐|顶部).{0,6}|更多精彩.{0,20}|本文(?:已)?(?:完|结束)|END"
    r"|.{0,12}(?:(?:报料|爆料)(?:热线|电话|邮箱)?|新闻(?:热线|邮箱)):.{0,30})$",
)
_READER = re.compile(r"二维码|下方|上方|我们|本号|本站|本网|本报|原文|全文|更多|详情|专题")

# Role, pattern, longest line (in characters, after NFKC) the pattern may classify.
_TABLE: tuple[tuple[str, re.Pattern[str], int], ...] = (
    (
        "copyright",
        # A notice forbids or licenses; a news sentence about a lawsuit ("被告未经授权使用…",
        # "原告是版权所有人", "著作权归属争议") only describes, and stays article text.
        re.compile(
            r"版权声明|版权所有(?![人者方])|版权(?:均)?归.{0,20}所有|著作权(?:均)?归.{0,20}所有"
            r"|未经.{0,15}(?:授权|许可|允许|同意).{0,3}(?:不得|禁止|严禁|请勿|谢绝|不可|不准|任何)"
            r"|©|copyright\s*(?:\(c\)|\d{4})|all rights reserved",
            re.IGNORECASE,
        ),
        200,
    ),
    (
        "copyright",  # short notices only: "谢绝转载", "转载请注明出处。", "如需转载请联系本号"
        re.compile(r"(?:禁止|严禁|谢绝|请勿).{0,4}转载|转载(?:请|须|需).{0,8}(?:注明|联系|授权)"),
        20,
    ),
    (
        "editor",
        re.compile(
            _OPEN + r"(?:责任编辑|责编|值班编辑|编辑|主编|校对|审核|审校|终审|初审|二审|三审|编审"
            r"|监制|美编|统筹|策划|编辑整理)" + _SEP + r"\S"
        ),
        60,
    ),
    (
        "source",
        re.compile(
            _OPEN + r"(?:本文)?(?:来源|来自|资料来源|资料|稿件来源|信息来源|消息来源|数据来源"
            r"|图片来源|图片|图源|视频来源|原标题|原文标题|原文链接|原文)" + _SEP + r"\S"
        ),
        120,
    ),
    ("source", re.compile(r"^\(.{0,40}摄\)$"), 50),  # photo credit: (新华社记者 张三 摄)
    (
        "other",
        re.compile(r"^[▲△↑↓]?\s*(?:图|上图|下图|左图|右图|资料图)(?:为|:)"),
        160,
    ),  # photo caption
    (
        "byline",
        re.compile(
            _OPEN + r"(?:文|撰文|作者|记者|本报记者|特约记者|采写|文字|图文|文图|图|摄影|摄像|视频"
            r"|通讯员|实习生|整理|翻译|编译)" + _SEP + r"\S"
        ),
        60,
    ),
    (
        "byline",
        re.compile(
            r"^[(\[【〔]?[" + _HAN + r"]{0,12}(?:记者|通讯员|实习生|特约撰稿人?)"
            r"(?:\s*[" + _HAN + r"·]{2,5})+\s*(?:报道|摄)?[)\]】〕]?$"
        ),
        60,
    ),
    (
        "byline",  # Taiwan / Hong Kong: 記者林佳慧／台北報導, 〔記者林佳慧、王小明／台北報導〕
        re.compile(
            r"^[(\[【〔]?["
            + _HAN
            + r"]{0,12}?(?:记者|特派员|通讯员|实习记者)\s*["
            + _HAN
            + r"·]{2,5}"
            r"(?:\s*[、,]\s*[" + _HAN + r"·]{2,5})*\s*[/|]\s*[" + _HAN + r"]{0,10}"
            r"(?:报道|报导|专电|电)[)\]】〕]?$"
        ),
        60,
    ),
    (
        "dateline",
        re.compile(
            r"^[(\[【]?[" + _HAN + r"]{0,16}?" + _DATE + r"\s*(?:电|讯)\s*(?:\(.{0,40}\))?[)\]】]?$"
            r"|^[【\[]?本报讯\s*(?:\(.{0,40}\))?[】\]]?$"
        ),
        70,
    ),
    (
        "other",
        _CALL_TO_ACTION,
        60,
    ),
)

# A dateline or byline that opens the first paragraph, before article text on the same line:
# 新华社北京9月17日电（记者 张三）…, 本报讯（记者 王五）…, （中央社记者王小明台北17日电）…,
# 〔记者林佳慧/台北报导〕…, 【明报专讯】…, （综合报导）…, 央视网消息（新闻联播）：…. Never "据新华社报道，…" (the sentence
# itself) and never "…9月17日电贺…": an unbracketed wire dateline ends at a byline in
# brackets or at a space.
_LEAD_INNER = r"[^()\[\]【】〔〕。!?]"
_LEAD = re.compile(
    r"[(\[【〔]\s*(?:"
    + _LEAD_INNER
    + r"{0,30}?(?:记者|通讯员|特约撰稿人?|实习生|特派员)"
    + _LEAD_INNER
    + r"{0,30}|"
    + _LEAD_INNER
    + r"{0,30}?(?:电|讯|报道|报导))\s*[)\]】〕]\s*"
    r"|(?!据|另据|又据)[" + _HAN + r"]{2,20}?(?:" + _DATE + r"|\d{1,2}\s*日)\s*(?:专电|电|讯)"
    r"(?:\s*\(" + _LEAD_INNER + r"{0,40}\)\s*|\s+)"
    r"|本报(?:[" + _HAN + r"]{0,10}?(?:" + _DATE + r"|\d{1,2}\s*日))?讯"
    r"(?:\s*\(" + _LEAD_INNER + r"{0,40}\))?\s*"
    r"|(?!据|另据|又据)[" + _HAN + r"]{1,10}(?:网|社|台|报|客户端)(?:消息|讯)"
    r"(?:\s*\(" + _LEAD_INNER + r"{0,20}\))?\s*:\s*"
)

_RELATED = re.compile(
    r"^[\[【■●▲◆>]?\s*(?:相关阅读|相关新闻|相关链接|相关报道|相关文章|延伸阅读|推荐阅读|往期回顾"
    r"|往期推荐|猜你喜欢|热点推荐|更多阅读|今日推荐|精彩推荐|你可能还想看|相关推荐)\s*[\]】]?\s*:?$"
)
_COMMENTS = re.compile(r"^(?:最新评论|热门评论|全部评论|精彩评论|网友评论|发表评论)$")
_DATE_RE = re.compile(_DATE)
_PUBLICATION = re.compile(
    r"^["
    + _HAN
    + r"A-Za-z]{2,14}(?:日报|晚报|早报|晨报|时报|青年报|商报|法制报|法治报|周刊|周报|新闻|新闻网"
    r"|网|客户端|电视台|卫视|通讯社|社|报|杂志)$"
)
_PUBLICATIONS = frozenset(
    {"新华社", "中新社", "人民网", "新华网", "央视新闻", "澎湃新闻", "界面新闻", "财新", "观察者网"}
)
_HEADING_DECOR = re.compile(
    r"^(?:[■●▲◆◇□○☆★>#\-*]+\s*|[一二三四五六七八九十]+\s*[、.]\s*|\(\s*[一二三四五六七八九十\d]+\s*\)\s*"
    r"|\d{1,2}\s*[、.]\s*)|[【\]】\[]"
)
_HEADING_MAX = 20
_LIST_ITEM_MAX = 80


def _normalize(text: str) -> str:
    """Simplified script, half-width punctuation (NFKC)."""
    from translate.text.script import to_simplified

    return unicodedata.normalize("NFKC", to_simplified(text))


def _norm(text: str) -> str:
    """Simplified script, half-width punctuation (NFKC), stripped: what the patterns expect."""
    return _normalize(text).strip()


def classify_line(text: str) -> str | None:
    """Return the furniture role of one line or sentence taken on its own, or None for text.

    Context-free: headings, mastheads and link lists need their neighbours and are decided by
    `mark_furniture`.

    Args:
        text: a paragraph or sentence of the article.

    Returns:
        One of translate.document.FURNITURE_ROLES, or None when it reads like article text.
    """
    line = _norm(text)
    if not line:
        return None
    if _RELATED.match(line):
        return "related"
    for role, pattern, longest in _TABLE:
        if (
            len(line) <= longest
            and pattern.search(line)
            and not _reads_like_text(role, pattern, line)
        ):
            return role
    if _is_date_line(line):
        return "dateline"
    lead = _lead_match(line)
    if lead is not None and not line[lead.end() :].strip():
        if re.search(r"电|讯", lead.group()):
            return "dateline"
        return "source" if "消息" in lead.group() else "byline"
    return None


def _reads_like_text(role: str, pattern: re.Pattern[str], line: str) -> bool:
    """True when a pattern's hit is a sentence of article text, not furniture.

    Bylines and editor lines never end a sentence ("记者：你们何时完工？" is an interview
    question); a call to action is addressed to the reader ("扫码关注我们"), while
    "扫码支付已成为日常。" or "关注微信公众号的用户突破10亿。" report something.
    """
    if role in ("byline", "editor"):
        return re.search(r"[。!?]", line) is not None
    if pattern is _CALL_TO_ACTION:
        return (
            _SENTENCE_END.search(line) is not None or _COMMA.search(line) is not None
        ) and _READER.search(line) is None
    return False


def _lead_match(line: str) -> re.Match[str] | None:
    """A dateline or byline opening a (normalised) paragraph, before its first sentence."""
    return _LEAD.match(line)


def is_furniture_sentence(text: str) -> bool:
    """True when a sentence on its own is furniture (a dateline or byline opening a paragraph)."""
    return classify_line(text) is not None


def _is_date_line(line: str) -> bool:
    """A source + date/time line: 北京青年报客户端 2023-08-20 20:54, 发布时间:2023年8月20日."""
    match = _DATE_RE.search(line)
    if match is None or _SENTENCE_END.search(line) or _COMMA.search(line):
        return False
    rest = (line[: match.start()] + line[match.end() :]).strip()
    return len(rest) <= 30


def _is_heading(line: str) -> bool:
    """A short section heading: a few words, no sentence punctuation, no commas."""
    bare = _HEADING_DECOR.sub("", line).strip()
    if not bare or len(bare) > _HEADING_MAX:
        return False
    if _SENTENCE_END.search(bare) or _COMMA.search(bare) or bare.endswith(":"):
        return False
    return re.search(r"[" + _HAN + r"A-Za-z]", bare) is not None


def is_masthead(text: str) -> bool:
    """True when a line on its own reads like a publication's name (北京青年报, 新华社)."""
    line = _norm(text)
    return line in _PUBLICATIONS or (len(line) <= 16 and _PUBLICATION.match(line) is not None)


def _is_headline(line: str) -> bool:
    """A headline: one line, not too long, not ending like a sentence of article text."""
    return 0 < len(line) <= 60 and not re.search(r"[。;:]$", line)


def _is_list_item(line: str) -> bool:
    """A headline or source+date line inside a "related reading" block."""
    if _is_date_line(line):
        return True
    return len(line) <= _LIST_ITEM_MAX and not re.search(r"[。;]$", line)


def _split_lead(paragraph: Paragraph) -> None:
    """Split a dateline or byline that opens a body paragraph off into a sentence of its own.

    "新华社北京9月17日电（记者 张三）9月17日，我国……" becomes two sentences, so the dateline is
    translated on its own and `is_furniture_sentence` keeps it out of summaries.
    """
    first = paragraph.sentences[0] if paragraph.sentences else None
    if first is None:
        return
    line = _norm(first.source)
    lead = _lead_match(line)
    if lead is None or not _CONTENT.search(line[lead.end() :]):
        return
    # The match is on normalised text: find the same prefix in the original.
    for end in range(1, len(first.source)):
        prefix = _normalize(first.source[:end])
        if len(prefix) >= lead.end():
            if prefix == lead.group() and _CONTENT.search(first.source[end:]):
                paragraph.sentences[0:1] = [
                    Sentence(first.source[:end], role=classify_line(prefix) or "dateline"),
                    Sentence(first.source[end:]),
                ]
            return


def mark_furniture(doc: Document) -> None:
    """Set `role` on every paragraph of `doc` (not the title): "body" or a furniture role.

    A dateline or byline that opens a body paragraph ("新华社北京9月17日电（记者 张三）9月17日，…")
    is split off into a sentence of its own, which is never ranked for the summary.

    Args:
        doc: the document; its paragraphs are updated in place (idempotent).
    """
    in_related = False
    in_comments = False
    seen_body = False
    # When the first line (the title) is the masthead, the real headline comes next.
    headline_next = is_masthead(doc.title.source)
    for paragraph in doc.paragraphs:
        line = _norm(paragraph.source)
        role: str | None
        if headline_next and classify_line(line) is None and _is_headline(line):
            role = "heading"
        elif in_comments:
            role = "other"
        elif _COMMENTS.match(line):
            role, in_comments = "other", True
        else:
            role = classify_line(line)
            if role == "related":
                in_related = True
            elif role == "dateline" and in_related:
                role = "related"  # the source + date line under a related headline
            elif role is None and in_related:
                if _is_list_item(line):
                    role = "related"
                else:
                    in_related = False
            if role is None and not seen_body and is_masthead(line):
                role = "publication"
            if role is None and _is_heading(line):
                role = "heading"
        if role is None:
            seen_body = True
            _split_lead(paragraph)
        if role != "publication" and role != "dateline":
            headline_next = False
        assert role is None or role in FURNITURE_ROLES, role
        paragraph.role = role or BODY
