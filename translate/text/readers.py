"""Read article files: detect the encoding (UTF-8/16/32, GB18030/GBK, Big5), refuse non-text.

Saved news pages (.html, .htm) have their article text, title and date extracted with
trafilatura (navigation, ads and comments left out); Markdown (.md) keeps its headings and list
items as lines of their own, without the markup; anything else is plain text.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from translate.atomic import read_file_bytes
from translate.errors import InputError

# The most frequent Hanzi of news text, simplified and traditional forms. Used to tell a correct
# GB18030 decoding from a correct Big5 one: both codecs accept many of the same byte strings, but
# only the right one yields common characters.
_COMMON_HANZI = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过"
    "发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前"
    "开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重"
    "并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常"
    "先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报"
    "才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼"
    "书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术"
    "领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失"
    "转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技"
    "际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显"
    "吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投"
    "某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇"
    "察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朋温血职讨源帮谁酒钱松座银警罪犯诈骗"
    "网络跨赌博嫌疑抓获移访副席秘央闻编辑户端介绍宣召稳铁校策省县镇村街斤亿港澳湾香州圳庆津汉杭泰缅"
    "甸挝韩俄欧洲检居游乘旅友"
    "這個們來爲國說時會對於過發後裏種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見"
    "產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記類據"
    "邊張該規萬覺術領確傳師觀讓識帶導爭運飛風乾聯組濟車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級"
    "離況亞請際約復線斷滿視須寫稱嗎輕農裝廣顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參眾構節維劃敵陳態"
    "護興驗責營夠嚴續講終緊黃絕項圍織鬥雙紀採舉殺蘇溫職討幫誰錢銀詐騙網絡賭獲訪祕聞編輯戶紹佈穩鐵縣"
    "鎮億灣慶漢緬撾韓歐檢幹遊為著裡"
)
_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》【】〔〕—…·‧「」『』〈〉　﹑﹐｡．／")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters a text file may contain without being binary.
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1b")


@dataclass
class ArticleText:
    """A decoded article: text with BOM removed and newlines normalised to \\n."""

    text: str
    encoding: str  # codec name: "utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "cp950", ...
    path: Path
    format: str = "text"  # "text", "html" or "markdown": what the file was
    date: str | None = None  # publication date, where the page gives one (HTML)


def read_article(path: Path) -> ArticleText:
    """Read a text file in any common Chinese encoding.

    Args:
        path: the file to read.
    Returns:
        The decoded text (BOM removed, CRLF/CR turned into \\n, nothing else changed), the name
        of the encoding used, and the path.
    Raises:
        InputError: the file is missing, a directory, unreadable, empty or whitespace-only,
            binary, or not decodable in any supported encoding.
    """
    path = Path(path)
    shown = _show(path)
    data = read_file_bytes(path, InputError, what="text file", shown=shown)
    return read_text_bytes(data, str(path), path=path)


def read_text_bytes(data: bytes, name: str, *, path: Path | None = None) -> ArticleText:
    """Decode article bytes that did not come from a file (stdin, network, archive members).

    Args:
        data: the raw bytes.
        name: what to call the input in error messages ("<stdin>", a URL, ...).
        path: recorded in the result; defaults to Path(name).
    Returns:
        The decoded article, as read_article returns it.
    Raises:
        InputError: the bytes are empty, whitespace-only, binary or undecodable.
    """
    shown = _show(name)
    if not data:
        raise InputError(f"{shown}: file is empty")
    text, encoding = _decode(data, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip().strip("\ufeff\u200b\u200c\u200d\u2060"):
        raise InputError(f"{shown}: file contains only whitespace")
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls >= 3 and controls * 100 > len(text):
        raise InputError(f"{shown}: looks like a binary file ({controls} control characters)")
    where = Path(name) if path is None else path
    suffix = where.suffix.lower()
    if suffix in HTML_SUFFIXES:
        title, body, date = _html_article(text, shown)
        page = f"{title}\n{body}" if body else title
        return ArticleText(page, encoding, where, format="html", date=date)
    if suffix in MARKDOWN_SUFFIXES:
        return ArticleText(_markdown_lines(text, shown), encoding, where, format="markdown")
    return ArticleText(text=text, encoding=encoding, path=where)


HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# What a folder is searched for. Markdown is read when named (or matched by a glob), but not
# picked up from folders, where .md files are usually notes, READMEs or earlier outputs.
FOLDER_SUFFIXES = (".txt", *HTML_SUFFIXES)


def _html_article(html: str, shown: str) -> tuple[str, str, str | None]:
    """(title, body text, date) of the article in a saved news page, through trafilatura."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, output_format="python"
    )
    body = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not body:
        raise InputError(f"{shown}: no article text found in the page")
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    title = (getattr(found, "title", None) or "").strip()
    if not title or lines[0] == title:
        title = lines.pop(0)
    return title, "\n".join(lines), getattr(found, "date", None) or None


_MD_MARKER = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|>\s?)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$|^\s{0,3}(?:```|~~~)")


def _markdown_lines(text: str, shown: str) -> str:
    """Markdown as plain lines: a heading or list item is a line of its own, markup removed."""
    lines = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            continue
        line = _MD_MARKER.sub("", line)
        line = _MD_EMPHASIS.sub("", _MD_LINK.sub(r"\1", line)).strip().rstrip("#").strip()
        if line:
            lines.append(line)
    if not lines:
        raise InputError(f"{shown}: no text in the Markdown file")
    return "\n".join(lines)


def chinese_score(text: str) -> float:
    """Share of non-ASCII, non-space characters that are common Hanzi or CJK punctuation.

    Args:
        text: decoded text.
    Returns:
        A number in [0, 1]; real Chinese scores about 0.5-0.8, a wrong decoding near 0.
    """
    significant = hits = 0
    for ch in text:
        if ch < "\x80" or ch.isspace():
            continue
        significant += 1
        if ch in _COMMON_HANZI or ch in _CJK_PUNCTUATION:
            hits += 1
        elif "\ue000" <= ch <= "\uf8ff" or unicodedata.category(ch) in ("Cc", "Co", "Cn"):
            hits -= 2  # private use / unassigned: a strong sign of the wrong codec
    return max(hits, 0) / significant if significant else 0.0


def _decode(data: bytes, shown: str) -> tuple[str, str]:
    """Return (text without BOM, encoding name), or raise InputError."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            name = "utf-8-sig" if codec == "utf-8" else codec
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{shown}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(bad bytes at offset {exc.start + len(bom)})"
                ) from None

    if b"\x00" in data:
        wide = _decode_wide(data)
        if wide is None:
            raise InputError(f"{shown}: looks like a binary file (contains NUL bytes), not text")
        return wide

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc

    candidates: list[tuple[float, str, str]] = []  # (score, text, encoding), preferred first
    gb = _try(data, "gb18030")
    if gb is not None:
        candidates.append((chinese_score(gb), gb, "gbk" if _try(data, "gbk") == gb else "gb18030"))
    # Big5 variants map a few symbols differently (A145: CP950 ‧, Big5 •; A241: CP950 ∕,
    # Big5 ／): when both decode and differ, score both; CP950 (what Windows writes) wins ties.
    cp950 = _try(data, "cp950")
    big5 = _try(data, "big5")
    if cp950 is not None:
        candidates.append((chinese_score(cp950), cp950, "big5" if big5 == cp950 else "cp950"))
    if big5 is not None and big5 != cp950:
        candidates.append((chinese_score(big5), big5, "big5"))
    if cp950 is None and big5 is None:
        hk = _try(data, "big5hkscs")
        if hk is not None:
            candidates.append((chinese_score(hk), hk, "big5hkscs"))
    if len(data) % 2 == 0:  # UTF-16 without BOM and without ASCII (so without NUL bytes)
        for codec in ("utf-16-le", "utf-16-be"):
            wide_text = _try(data, codec)
            # Any even-length byte string decodes as UTF-16: accept only convincing Chinese.
            if wide_text is not None and chinese_score(wide_text) >= 0.3:
                candidates.append((chinese_score(wide_text), wide_text, codec))

    bad = data[utf8_error.start : utf8_error.start + 4].hex(" ")
    undecodable = InputError(
        f"{shown}: cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text "
        f"(first bad bytes at offset {utf8_error.start}: {bad}); convert it to UTF-8"
    )
    best = max(candidates, key=lambda c: c[0], default=None)
    damaged = data.decode("utf-8", "replace")
    if chinese_score(damaged) > (best[0] if best else 0.0) + 0.1:
        # Mostly valid UTF-8 with a few bad bytes (truncated or corrupted): the legacy decodings
        # are garbage, and replacing the bad bytes would silently change the text.
        raise InputError(
            f"{shown}: not valid UTF-8: damaged or truncated at byte offset {utf8_error.start} "
            f"({utf8_error.reason})"
        )
    if best is None or (best[0] < 0.1 and _significant(best[1]) >= 10):
        raise undecodable  # decodes, but into no recognisable Chinese (Latin-1, mojibake, ...)
    tied = [c for c in candidates if c[0] >= best[0] - 0.02]
    if len(tied) > 1:
        guess = _charset_normalizer_guess(data)
        for candidate in tied:
            if guess and _same_family(candidate[2], guess):
                return candidate[1], candidate[2]
    return best[1], best[2]


def _significant(text: str) -> int:
    return sum(1 for ch in text if ch >= "\x80" and not ch.isspace())


def _decode_wide(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16/32 whose NUL bytes (ASCII characters) show the byte order."""
    options: list[str] = []
    if len(data) % 4 == 0:
        options += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:
        even = data[0::2].count(0)
        odd = data[1::2].count(0)
        if odd and even * 10 < odd:
            options.append("utf-16-le")
        elif even and odd * 10 < even:
            options.append("utf-16-be")
    for codec in options:
        text = _try(data, codec)
        if text is None or "\x00" in text:
            continue
        controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
        ascii_share = sum(1 for ch in text if " " <= ch < "\x7f" or ch in "\t\n\r") / len(text)
        if controls * 100 <= len(text) and (ascii_share >= 0.5 or chinese_score(text) >= 0.3):
            return text, codec
    return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best guess (lower-case codec name), used only to break ties."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    best = from_bytes(data[:65536]).best()
    return str(best.encoding).lower() if best is not None else None


def _same_family(name: str, guess: str) -> bool:
    families = (
        {"gbk", "gb18030", "gb2312", "cp936"},
        {"big5", "cp950", "big5hkscs"},
        {"utf-16-le", "utf_16_le"},
        {"utf-16-be", "utf_16_be"},
    )
    return name == guess or any(name in f and guess in f for f in families)


def _show(path: Path | str) -> str:
    """The path as one printable line (control characters escaped)."""
    text = os.fspath(path)
    if any(ch < " " or ch == "\x7f" or "\ud800" <= ch <= "\udfff" for ch in text):
        return text.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text
