"""Segmentation: paragraphs, sentences, and splitting sentences longer than a model's input limit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

# Characters that end a sentence wherever they appear (outside URLs and book titles).
_TERMINATORS = frozenset("。｡！？；…⋯!?;")
# Closing quotes and brackets that stay with the sentence they close.
_CLOSERS = frozenset("”’」』）)］]】》〉〕｝}»›＂＇")
# Characters stripped around a paragraph besides str.isspace() ones (BOM, zero-width spaces).
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")
# Spans in which terminators never end a sentence: URLs, e-mail addresses, 《book titles》.
_PROTECTED_SPANS = re.compile(
    r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|《[^《》\n]{1,80}》"
)
_URL_TRAILING = ".,;:!?)'\""
# Abbreviations after which ". " does not end a sentence (compared lower-case, without dots).
_ABBREVIATION_WORDS = (
    "mr mrs ms dr prof sr jr st mt ft vs etc eg ie us uk un eu no nos vol pp fig ed eds inc ltd co "
    "corp dept gov govt gen col lt sgt capt cmdr adm rep sen pres rev hon jan feb mar apr jun jul "
    "aug sep sept oct nov dec approx est al op ca cf"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# Quotation marks: closing mark -> opening mark (ASCII " is told apart by counting).
_QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『", "’": "‘", "＂": "＂", '"': '"'}
_QUOTE_OPENERS = frozenset("“「『‘")
# Closers that may follow a terminator after stray whitespace ("。 ”") and still close it.
_SPACED_CLOSERS = frozenset("”」』）》】〉〕")
# Speech verbs that end a short attribution clause after a quotation: “……。”他说。
_SPEECH_VERBS = (
    "说道 说 表示 指出 强调 称 声称 认为 介绍 透露 坦言 回应 提到 告诉记者 对记者说 补充道 补充说 "
    "解释说 解释 直言 坦承 感慨 感叹 呼吁 写道 问道 问 答道 回答 笑道 說道 說 強調 稱 聲稱 認為 "
    "介紹 回應 告訴記者 對記者說 補充道 補充說 解釋說 解釋 呼籲 寫道 問道 問"
)
_ATTRIBUTION_HEAD_MAX = 24  # characters of speaker + verb: 中国航天科技集团有关负责人说 is 14
_ATTRIBUTION_TAIL_MAX = 16  # a short clause after 他说， that does not open a quotation
# A character before the verb that makes it a noun: 小说, 名称, 访问, 自我介绍, 他的介绍.
_NOT_SPEECH = {"说": "小学传", "說": "小學傳", "称": "名简号统俗堪对职昵", "稱": "名簡號統俗堪對職暱",
               "问": "学疑顾访询慰", "問": "學疑顧訪詢慰", "介绍": "我", "介紹": "我"}  # fmt: skip
_ATTRIBUTION = re.compile(
    r"\s*(?P<head>[^“”「」『』\"‘’，,：:；;。！？!?…\s]{1,"
    + str(_ATTRIBUTION_HEAD_MAX)
    + r"}?)(?P<verb>"
    + "|".join(sorted(set(_SPEECH_VERBS.split()), key=len, reverse=True))
    + r")(?:(?P<sep>[，,：:])(?P<rest>.*?)|[。.！!]?)\s*",
    re.DOTALL,
)


def split_paragraphs(text: str) -> list[str]:
    """Split article text into paragraphs: every non-empty line is one.

    Args:
        text: the article (any newline convention).
    Returns:
        The non-blank lines, stripped of surrounding whitespace (including U+3000 and BOM).
    """
    paragraphs = []
    for line in _LINE_BREAK.split(text):
        stripped = _strip(line)
        if stripped:
            paragraphs.append(stripped)
    return paragraphs


def _strip(line: str) -> str:
    previous = None
    while previous != line:
        previous = line
        line = line.strip().strip(_INVISIBLE)
    return line


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, Chinese or Latin.

    Sentences end at 。！？；… and !?; (runs such as ？！ or …… stay together) and at "." followed
    by a space or the end, unless it ends an abbreviation or an initial. Closing quotes and
    brackets stay with the sentence they close; whitespace after a sentence stays with it.
    Terminators inside URLs, e-mail addresses and 《titles》 are ignored.

    Args:
        paragraph: one paragraph.
    Returns:
        Non-empty sentences with "".join(result) == paragraph.
    """
    n = len(paragraph)
    if n == 0:
        return []
    blocked = _blocked_mask(paragraph)
    quote_open = _ascii_quote_open(paragraph)
    cuts: list[int] = []
    i = 0
    while i < n:
        ch = paragraph[i]
        if blocked[i] or (ch not in _TERMINATORS and ch != "."):
            i += 1
            continue
        j = i + 1
        if ch == ".":
            while j < n and paragraph[j] == ".":
                j += 1
            if j - i == 1 and paragraph[j : j + 1] in _TERMINATORS:
                j += 1  # ".?" and the like: treat as one run
        while j < n and paragraph[j] in _TERMINATORS:
            j += 1
        k = _skip_closers(paragraph, j, quote_open)
        k = _skip_spaced_closers(paragraph, k, quote_open)
        if ch == "." and not _period_ends_sentence(paragraph, i, j, k):
            i = j
            continue
        while k < n and paragraph[k].isspace():
            k += 1
        if k < n:
            cuts.append(k)
        i = k if k > i else i + 1
    starts = [0] + [cut for cut in cuts if cut > 0]
    return _merge_pieces(paragraph, starts, quote_open)


def _merge_pieces(paragraph: str, starts: list[int], quote_open: list[bool]) -> list[str]:
    """Cut `paragraph` at `starts`, then join pieces that do not stand alone as sentences.

    A piece without a letter, digit or Hanzi (a lone “ or ”) joins the sentence before it, and
    so does a short attribution clause after a quotation that opens a sentence:
    “要坚持。”他说。 is one sentence, as its translation "We must persist," he said. is.
    """
    bounds = sorted(set(starts)) + [len(paragraph)]
    quotes = _quote_openers(paragraph, quote_open)
    sentence_starts: set[int] = set()
    merged: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = paragraph[start:end]
        if merged and (
            not any(c.isalnum() for c in piece)
            or (
                _opens_sentence_quote(paragraph, merged[-1][1], quotes, sentence_starts)
                and is_attribution(piece)
            )
        ):
            merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
        first = start
        while first < end and paragraph[first].isspace():
            first += 1
        sentence_starts.add(first)
    return [paragraph[start:end] for start, end in merged]


def _quote_openers(text: str, quote_open: list[bool]) -> dict[int, int]:
    """Index of each closing quotation mark -> index of the mark that opened it."""
    stacks: dict[str, list[int]] = {}
    found = {}
    for index, ch in enumerate(text):
        if ch == '"' or ch == "＂":
            if ch == '"' and quote_open[index]:
                if stacks.get(ch):
                    found[index] = stacks[ch].pop()
            elif ch == '"':
                stacks.setdefault(ch, []).append(index)
            elif stacks.get(ch):
                found[index] = stacks[ch].pop()
            else:
                stacks.setdefault(ch, []).append(index)
        elif ch in _QUOTE_OPENERS:
            stacks.setdefault(ch, []).append(index)
        elif ch in _QUOTE_PAIRS and stacks.get(_QUOTE_PAIRS[ch]):
            found[index] = stacks[_QUOTE_PAIRS[ch]].pop()
    return found


def _opens_sentence_quote(
    text: str, end: int, quotes: dict[int, int], sentence_starts: set[int]
) -> bool:
    """Does text[:end] end with a quotation that began a sentence (a quote standing alone)?"""
    last = end - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    while last >= 0 and text[last] in _CLOSERS and last not in quotes:
        last -= 1  # a bracket closed after the quote: “……。”）
    if last < 0 or last not in quotes:
        return False
    previous = last - 1
    while previous >= 0 and text[previous] in _CLOSERS:
        previous -= 1
    return (
        previous >= 0
        and (text[previous] in _TERMINATORS or text[previous] == ".")
        and quotes[last] in sentence_starts
    )


def is_attribution(piece: str) -> bool:
    """Is `piece` a short "X said." clause (他说。 / 王毅强调， / 中国航天科技集团有关负责人说。)?"""
    match = _ATTRIBUTION.fullmatch(piece)
    if match is None:
        return False
    head, verb = match["head"], match["verb"]
    if len(head) + len(verb) > _ATTRIBUTION_HEAD_MAX or head[-1] == "的":
        return False
    if head[-1] in _NOT_SPEECH.get(verb, ""):
        return False
    if match["sep"] is None:
        return True
    rest = match["rest"].strip()
    return rest[:1] in _QUOTE_OPENERS or rest[:1] == '"' or len(rest) <= _ATTRIBUTION_TAIL_MAX


def _blocked_mask(text: str) -> list[bool]:
    """True at indices inside a URL, e-mail address or 《title》 (no sentence ends there)."""
    blocked = [False] * len(text)
    for match in _PROTECTED_SPANS.finditer(text):
        start, end = match.span()
        if text[start] != "《":
            while end > start and text[end - 1] in _URL_TRAILING:
                end -= 1
        else:
            end -= 1  # the closing 》 itself may follow a terminator outside the title
        for index in range(start, end):
            blocked[index] = True
    return blocked


def _ascii_quote_open(text: str) -> list[bool]:
    """For each index: is an ASCII double quote open there (odd number of " before it)?"""
    result = []
    open_ = False
    for ch in text:
        result.append(open_)
        if ch == '"':
            open_ = not open_
    return result


def _skip_closers(text: str, j: int, quote_open: list[bool]) -> int:
    n = len(text)
    while j < n:
        ch = text[j]
        closing = (
            ch in _CLOSERS
            or (ch == '"' and quote_open[j])
            or (ch == "'" and (j + 1 == n or not text[j + 1].isalnum()))
        )
        if not closing:
            break
        j += 1
    return j


def _skip_spaced_closers(text: str, k: int, quote_open: list[bool]) -> int:
    """Move past whitespace and the closing marks after it ("。 ”"), so no ” starts a sentence."""
    n = len(text)
    after = k
    while after < n and text[after].isspace():
        after += 1
    if after in (k, n):
        return k
    ch = text[after]
    if ch in _SPACED_CLOSERS or (ch == '"' and quote_open[after]):
        return _skip_closers(text, after + 1, quote_open)
    return k


def _period_ends_sentence(text: str, i: int, j: int, k: int) -> bool:
    """Does the period run text[i:j] (closers up to k) end a sentence?"""
    n = len(text)
    # 上涨0.2%.下一句 and 他来了.然后 end here; 5.3万, U.S.军方, example.com, v1.2 do not.
    if (
        k < n
        and not text[k].isspace()
        and not (_is_hanzi_start(text[k]) and not text[i - 1 : i].isdigit())
    ):
        return False
    after = k
    while after < n and text[after].isspace():
        after += 1
    if after < n and text[after].islower():
        return False  # "the U.S. military", "approx. two"
    if j - i > 1 or k > j:
        return True  # an ellipsis "..." or a closed quote ."
    start = i
    while start > 0 and (
        (text[start - 1].isascii() and text[start - 1].isalnum()) or text[start - 1] == "."
    ):  # the Latin word before the period ("和Mr" is "Mr")
        start -= 1
    word = text[start:i]
    if not word:
        return True
    if word.replace(".", "").lower() in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. K. Rowling"
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return False  # U.S, e.g, Ph.D
    if word.isdigit() and len(word) <= 3:
        before = text[:start].rstrip()
        if not before or before[-1] in _TERMINATORS or before[-1] in _CLOSERS:
            return False  # "1. " opening a list item
    return True


# ---------------------------------------------------------------------------------------------
# Long sentences

# Boundary levels, best first: a cut right after one of these characters (or before, for openers).
_LEVEL_SENTENCE = 0  # after 。！？!?… (and their closers)
_LEVEL_CLAUSE = 1  # after ，,；;：:
_LEVEL_PHRASE = 2  # after 、 or whitespace, before an opening quote/bracket, after a closer
_LEVEL_CHAR = 3  # between characters, not inside a Latin word or number
_LEVEL_GRAPHEME = 4  # anywhere except before a combining mark / joiner
_LEVEL_ANY = 5
_LEVEL_PROTECTED = 6  # inside a protected string: only if nothing else fits

_CLAUSE = frozenset("，,；;：:﹐﹔﹕")
_PHRASE_AFTER = frozenset("、﹑—–")
_OPENERS = frozenset("“‘「『（(［[【《〈〔｛{«‹")
_WORD = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Latin words and numbers with inner punctuation (12,345.6 14:30 U.S v1.2 don't e-mail): cutting
# inside one is a last resort.
_WORD_RUN = re.compile(r"[A-Za-z0-9]+(?:[.,:'’\-][A-Za-z0-9]+)*")


def split_long(
    sentence: str,
    count_tokens: Callable[[str], int],
    limit: int,
    *,
    protected: Sequence[str] = (),
) -> list[str]:
    """Split a sentence into pieces that each fit a model's input limit, dropping nothing.

    Pieces are as long as fit; each ends at the best boundary available: a sentence end, then a
    clause boundary (，,；;：:), then 、 or a space, then between Hanzi, and only as a last resort
    inside a Latin word or number. The tokenizer is called O(pieces * log(piece length)) times,
    on texts about `limit` tokens long, so long inputs stay fast.

    Args:
        sentence: the text to split.
        count_tokens: the model's token count for a text (including any special tokens).
        limit: the most tokens a piece may have.
        protected: strings (pinned glossary terms) never split inside, unless one alone
            exceeds the limit.
    Returns:
        Pieces with "".join(pieces) == sentence and count_tokens(piece) <= limit for each;
        [sentence] when it fits (also when it is empty).
    Raises:
        ValueError: limit is too small for even a single character.
    """
    total = count_tokens(sentence)
    if total <= limit:
        return [sentence]
    n = len(sentence)
    levels = _boundary_levels(sentence, count_tokens, limit, protected)
    cache: dict[tuple[int, int], bool] = {}

    def fits(start: int, end: int) -> bool:
        key = (start, end)
        if key not in cache:
            cache[key] = count_tokens(sentence[start:end]) <= limit
        return cache[key]

    # Estimated characters per piece, refined as pieces are measured.
    chars_per_limit = max(1.0, n * limit / max(total, 1))
    pieces: list[str] = []
    start = 0
    while start < n:
        if n - start <= chars_per_limit * 1.5 and fits(start, n):
            pieces.append(sentence[start:])
            break
        furthest = _furthest_fit(start, n, fits, chars_per_limit)
        if furthest == start:
            raise ValueError(
                f"token limit {limit} is too small: {sentence[start]!r} alone does not fit"
            )
        cut = _best_cut(levels, start, furthest)
        if cut != furthest and not fits(start, cut):
            cut = furthest  # the tokenizer is not monotone here; the measured prefix is safe
        pieces.append(sentence[start:cut])
        chars_per_limit = max(1.0, 0.5 * chars_per_limit + 0.5 * (furthest - start))
        start = cut
    return pieces


def _furthest_fit(start: int, n: int, fits: Callable[[int, int], bool], guess: float) -> int:
    """The largest end such that sentence[start:end] fits (start if not even one character)."""
    step = max(1, int(guess))
    probe = min(n, start + step)
    if fits(start, probe):
        lo, hi = probe, n + 1
        step = max(1, step // 8)
        while lo < n:  # gallop forward
            probe = min(n, lo + step)
            if not fits(start, probe):
                hi = probe
                break
            lo = probe
            step *= 2
        else:
            return n
    else:
        lo, hi = start, probe
        step = max(1, (probe - start) // 8)
        while True:  # gallop backward
            probe = max(start, hi - step)
            if probe == start:
                break
            if fits(start, probe):
                lo = probe
                break
            hi = probe
            step *= 2
    while hi - lo > 1:  # binary search: lo fits (or is start), hi does not
        mid = (lo + hi) // 2
        if fits(start, mid):
            lo = mid
        else:
            hi = mid
    return lo


def _best_cut(levels: list[int], start: int, furthest: int) -> int:
    """The latest cut in (start, furthest] at the best boundary level found there."""
    best_level = _LEVEL_PROTECTED + 1
    best = furthest
    for position in range(furthest, start, -1):
        level = levels[position]
        if level < best_level:
            best_level = level
            best = position
            if level == _LEVEL_SENTENCE:
                break
    return best


def _boundary_levels(
    text: str, count_tokens: Callable[[str], int], limit: int, protected: Sequence[str]
) -> list[int]:
    """levels[p]: how good a cut between text[p-1] and text[p] is (lower is better)."""
    n = len(text)
    levels = [_LEVEL_ANY] * (n + 1)
    for p in range(1, n):
        before, after = text[p - 1], text[p]
        if _is_extender(after) or before == "\u200d":
            continue
        if before in _TERMINATORS or (before in _CLOSERS and _ends_after_closers(text, p)):
            level = _LEVEL_SENTENCE if not after.isspace() else _LEVEL_PHRASE
        elif before in _CLAUSE and not (
            before in ",:" and p < n and text[p - 2 : p - 1].isdigit() and after.isdigit()
        ):
            level = _LEVEL_CLAUSE if not after.isspace() else _LEVEL_PHRASE
        elif (
            before in _PHRASE_AFTER
            or (before.isspace() and not after.isspace())
            or after in _OPENERS
            or before in _CLOSERS
        ):
            level = _LEVEL_PHRASE
        elif _WORD.match(before) and _WORD.match(after):
            level = _LEVEL_GRAPHEME
        else:
            level = _LEVEL_CHAR
        # Keep a clause mark's trailing spaces with it: move the boundary past the whitespace.
        if level <= _LEVEL_CLAUSE and after.isspace():
            level = _LEVEL_PHRASE
        levels[p] = level
    # Whitespace right after a clause or sentence mark: the cut after the spaces is as good.
    for p in range(1, n):
        if text[p - 1].isspace() and not text[p].isspace():
            q = p - 1
            while q > 0 and text[q - 1].isspace():
                q -= 1
            if q > 0:
                mark = text[q - 1]
                if mark in _TERMINATORS or mark in _CLOSERS:
                    levels[p] = min(levels[p], _LEVEL_SENTENCE)
                elif mark in _CLAUSE or mark == ".":  # "." may end "Mr.": not a sure sentence end
                    levels[p] = min(levels[p], _LEVEL_CLAUSE)
    for match in _WORD_RUN.finditer(text):
        for p in range(match.start() + 1, match.end()):
            levels[p] = max(levels[p], _LEVEL_GRAPHEME)
    levels[n] = _LEVEL_SENTENCE
    for term in dict.fromkeys(t for t in protected if t):
        first = text.find(term)
        if first < 0 or len(term) < 2:
            continue
        if count_tokens(term) > limit:
            continue  # too long to keep whole: it may be split like any text
        index = first
        while index >= 0:
            for p in range(index + 1, index + len(term)):
                levels[p] = _LEVEL_PROTECTED
            index = text.find(term, index + 1)
    return levels


def _ends_after_closers(text: str, p: int) -> bool:
    """Is text[:p] a terminator followed only by closing quotes/brackets?"""
    q = p
    while q > 0 and text[q - 1] in _CLOSERS:
        q -= 1
    return q > 0 and text[q - 1] in _TERMINATORS


def _is_hanzi_start(ch: str) -> bool:
    """Can `ch` start a Chinese sentence (a Hanzi, or an opening Chinese quote or bracket)?"""
    return (
        "\u3400" <= ch <= "\u4dbf"
        or "\u4e00" <= ch <= "\u9fff"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003134f"
        or ch in "“「『《（【〈〔"
    )


def _is_extender(ch: str) -> bool:
    """Characters that belong to the previous one: combining marks, joiners, selectors."""
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch in "\u200d\ufe0e\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
        or "\U000e0020" <= ch <= "\U000e007f"
        or "\ufe00" <= ch <= "\ufe0f"
    )
