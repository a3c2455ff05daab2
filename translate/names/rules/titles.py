"""Persons next to a title or role noun: 外交部长王毅, 陈海大使, 村民王德福, 缅甸外长丹穗."""

from __future__ import annotations

import re

from translate.names import cedict, romanize
from translate.names.article import (
    HANZI,
    INTERNATIONAL,
    NOT_NAME_END,
    SPEECH_VERBS,
    STOP_POS,
    STOP_WORDS,
    TITLES,
    Article,
    Token,
    is_punct,
)
from translate.names.candidates import Candidate, foreign_person, person
from translate.names.tables import Country

_NONPINYIN_REGIONS = ("香港", "澳门", "台湾")


def find_titles(article: Article) -> list[Candidate]:
    """Persons right after or right before a title (外长王毅, 陈海大使)."""
    found: list[Candidate] = []
    titles = sorted(TITLES, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, titles)))
    for m in pattern.finditer(article.text):
        if m.end() not in article.starts and m.end() < len(article.text):
            continue  # the title is part of a longer word (委员会, 主任务)
        found += _name_around_title(article, m.start(), m.end(), 1)
    return found


def find_role_nouns(article: Article) -> list[Candidate]:
    """Persons right after a role noun (村民王德福, 首席预报员李静, 议员邓嘉欣)."""
    found: list[Candidate] = []
    for tok in article.tokens:
        if tok.text not in TITLES and article.is_role(tok):
            found += _name_around_title(article, tok.start, tok.end, 2, before=False)
    return found


def _name_around_title(
    article: Article, start: int, end: int, rank: int, *, before: bool = True
) -> list[Candidate]:
    """The person named right after (or before) a title occupying start..end."""
    found: list[Candidate] = []
    owner = _owner_of_title(article, start)
    nonpinyin = isinstance(owner, Country) and owner.name in _NONPINYIN_REGIONS
    foreign = owner is not None and not (isinstance(owner, Country) and owner.domestic)
    if foreign:
        run = _name_run(article, end, 8)
        if run is not None and not (len(run.text) > 1 and cedict.is_common_word(run.text)):
            found += foreign_person(article, run.start, run.end, rank, owner)
    else:
        name = _name_after(article, end)
        if name is None:  # no Chinese name here; a transliterated one (总统泽连斯基)?
            run = _name_run(article, end, 8)
            if run is not None and len(run.text) >= 3 and article.looks_foreign(run.text):
                found += foreign_person(article, run.start, run.end, rank, None)
            return found
        if nonpinyin:
            found += foreign_person(article, name.start, name.end, rank, owner)
        elif name is not None:
            found += person(article, name.start, name.end, rank, "title")
    if not before:
        return found
    # Name before the title (陈海大使, 丹穗外长).
    pieces = article.pieces_before(start)
    if pieces and not is_punct(pieces[0].text):
        tok = pieces[0]
        if 2 <= len(tok.text) <= 3 and tok.pos.startswith("nr"):
            name = article.chinese_name(tok, strong=False)
            if name is not None and name.end == start:
                found += person(article, name.start, name.end, 3, "title")
    return found


def _owner_of_title(article: Article, start: int) -> Country | str | None:
    """The country (or international body) a title at ``start`` belongs to, if stated.

    Looks back over the words before the title up to a verb, preposition, name or punctuation
    (会见缅甸外长 -> Myanmar); in X驻Y大使 the owner is X.
    """
    data = article.data
    window = ""
    for piece in article.pieces_before(start):
        word = piece.text
        if is_punct(word) or len(window) + len(word) > 16:
            break
        is_country = any(word.endswith(c) or word.startswith(c) for c in data.countries)
        if (
            word != "驻"
            and not is_country
            and piece.pos.startswith(("v", "nr", "p", "c", "u", "r", "m"))
        ):
            break
        window = word + window
    if "驻" in window:
        window = window[: window.index("驻")]
    best: Country | str | None = None
    best_pos = -1
    for i in range(len(window)):
        for size in range(min(data.max_country, len(window) - i), 1, -1):
            country = data.countries.get(window[i : i + size])
            if country is not None and window[i + size : i + size + 1] == "族":
                break  # 延边朝鲜族自治州: an ethnic group in a Chinese place name
            if country is not None:
                if i > best_pos:
                    best, best_pos = country, i
                break
    for body in INTERNATIONAL:
        pos = window.rfind(body)
        if pos > best_pos:
            best, best_pos = body, pos
    return best


def _name_run(article: Article, pos: int, max_len: int) -> Token | None:
    """A foreign name's token run from ``pos``: stops at punctuation, verbs and particles.

    One-character pieces are kept (transliterations are often cut into single characters)
    unless they are function words.
    """
    text = ""
    end = pos
    for piece in article.pieces_from(pos):
        word = piece.text
        if is_punct(word) or word in STOP_WORDS or not HANZI.match(word):
            break
        if any(word.startswith(t) for t in TITLES):
            break
        if len(word) > 1 and text and piece.pos.startswith(STOP_POS):
            break
        if len(word) > 1 and piece.pos.startswith(("v", "p", "c", "u", "d", "r", "i", "l")):
            break
        if len(text) + len(word) > max_len:
            break
        if len(text) >= 2 and len(word) >= 2 and word[0] in NOT_NAME_END | {"时"}:
            break  # 蒂尔克|时说
        if text and (
            (len(text) >= 2 and _known_person(article, text))
            or (len(word) >= 3 and cedict.is_common_word(word))
            or (len(text) >= 2 and len(word) >= 2 and cedict.is_common_word(word))
        ):
            break  # 普京|当地时间
        text += word
        end = piece.end
    return Token(text, pos, end, "nr") if text else None


def _known_person(article: Article, name: str) -> bool:
    """Whether CC-CEDICT or the known-names list has ``name`` as a person."""
    noun = cedict.lookup(name, "person")
    return name in article.data.foreign or bool(noun and noun.kind == "person")


def _name_after(article: Article, pos: int) -> Token | None:
    """A Chinese name starting at ``pos`` (after a title): surname + 1-2 characters.

    The longer reading wins when it ends on a word boundary and not on a function character
    (书记陈文清主持 -> 陈文清; 秘书长訚柏到 -> 訚柏; 大使陈海在 -> 陈海).
    """
    table = romanize.surnames()
    text = article.text
    for sur_len in (2, 1):
        surname = text[pos : pos + sur_len]
        if len(surname) < sur_len or surname not in table.reading:
            continue
        if sur_len == 2 and surname not in table.compound:
            continue
        for given_len in (2, 1):
            end = pos + sur_len + given_len
            name = text[pos:end]
            if end > len(text) or not all(HANZI.match(ch) for ch in name):
                continue
            if name[sur_len:] in STOP_WORDS or "某" in name[sur_len:]:
                continue  # 孙某: an anonymised name, not one to put in a glossary
            if given_len == 2 and (_starts_word(article, end - 1) or _word_across(article, end)):
                continue  # 宗良认为: 认 starts the verb 认为; 程红来到: 来 starts 来到
            if name[-1] in NOT_NAME_END and not _strong_boundary(article, end):
                continue  # 王毅同泰国: 同 is a preposition here; 王大同议员: part of the name
            if cedict.is_common_word(name) or not _boundary_after(article, end):
                continue
            if article.not_a_person(name):
                continue
            if (
                given_len == 2
                and cedict.is_common_word(name[sur_len:])
                and article.tagger_denies(pos, end, "PER")
            ):
                continue  # 副市长全|出动: an ordinary word after a surname-like character, and
                # the trained tagger sees no one there
            if surname not in table.common and (
                pos not in article.starts
                or end not in article.starts
                or (given_len == 2 and cedict.is_common_word(name[sur_len:]))
            ):
                continue  # a rare surname needs jieba to agree on both boundaries, and a given
                # name that is not an ordinary word (副市长全|出动, 音乐家和|诗人)
            return Token(name, pos, end, "nr")
    return None


def _word_across(article: Article, end: int) -> bool:
    """Whether an ordinary jieba word of 2+ characters starts at ``end - 1`` and runs past
    ``end``: the name's last character belongs to the next word (程红|来到, not 程红来)."""
    tok = article.word_at(end - 1)
    return (
        tok is not None
        and tok.end > end
        and cedict.is_common_word(tok.text)
        and not tok.pos.startswith("nr")
    )


def _starts_word(article: Article, pos: int) -> bool:
    """Whether a speech verb or another stop word of 2+ characters starts at ``pos``."""
    rest = article.text[pos : pos + 4]
    return any(rest.startswith(w) for w in STOP_WORDS if len(w) >= 2)


def _strong_boundary(article: Article, end: int) -> bool:
    """Punctuation, a title, a role noun or a speech verb follows ``end``."""
    text = article.text
    if end >= len(text) or is_punct(text[end]):
        return True
    rest = text[end : end + 6]
    if any(rest.startswith(w) for w in SPEECH_VERBS) or any(rest.startswith(t) for t in TITLES):
        return True
    index = article.starts.get(end)
    tok = article.tokens[index] if index is not None else None
    return bool(tok and article.is_role(tok))


def _boundary_after(article: Article, end: int) -> bool:
    """Whether a name may end at ``end``: punctuation, a stop word, or a real word follows."""
    text = article.text
    if end >= len(text) or is_punct(text[end]) or not HANZI.match(text[end]):
        return True
    rest = text[end : end + 6]
    if any(rest.startswith(w) for w in STOP_WORDS) or any(rest.startswith(t) for t in TITLES):
        return True
    index = article.starts.get(end)
    if index is None:
        return False
    tok = article.tokens[index]
    return len(tok.text) >= 2 or tok.pos.startswith(STOP_POS)
