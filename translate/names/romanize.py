"""Romanize Chinese names in Hanyu Pinyin: persons (surname first) and a fallback for places/orgs.

Conventions:
- Persons: surname first and separate, given name joined with one capital letter
  (陈文清 -> "Chen Wenqing", 欧阳娜娜 -> "Ouyang Nana"). No tone marks.
- Surnames use their surname reading from ``data/surnames.tsv`` (曾 Zeng, 单 Shan, 解 Xie,
  仇 Qiu, 区 Ou, 朴 Piao, 长孙 Zhangsun, ...), not the everyday reading pypinyin would give.
  尉 alone reads Wei (尉健行 Wei Jianxing); Yu only in the compound 尉迟 Yuchi.
- Given names use pypinyin with its phrase data, so polyphones read as in words (文清 wen qing).
- Apostrophe before a syllable starting with a, o or e inside a word (李德安 -> "Li De'an",
  西安 -> "Xi'an").
- ü (only distinct after l and n): the ``u`` parameter picks the convention. Default "ü" is
  standard pinyin (吕 -> "Lü", 女 -> "nü"); "yu" is the PRC passport style (吕 -> "Lyu");
  "v" is the keyboard style ("Lv"); "u" drops the diaeresis ("Lu").
- Traditional-script input is converted to simplified first (陳文清 -> "Chen Wenqing").
- Text that is not Hanzi (Latin letters, digits) is kept as written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.text.script import to_simplified

U_STYLES = ("ü", "yu", "v", "u")
DATA_DIR = Path(__file__).parent / "data"
_NAME_SEPARATORS = "·・•‧.．-"
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


@dataclass(frozen=True)
class Surnames:
    """The surname table: readings, and which surnames are common enough to trust without context."""

    reading: dict[str, str]
    common: frozenset[str]
    compound: frozenset[str]


@functools.lru_cache(maxsize=1)
def surnames() -> Surnames:
    """Load ``data/surnames.tsv`` (surname, pinyin, common flag) once per process.

    Returns:
        The table; keys are simplified characters.
    """
    reading: dict[str, str] = {}
    common: set[str] = set()
    compound: set[str] = set()
    for line in (DATA_DIR / "surnames.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        hanzi, pinyin, flag = line.split("\t")[:3]
        reading[hanzi] = pinyin
        if flag.strip() == "1":
            common.add(hanzi)
        if len(hanzi) > 1:
            compound.add(hanzi)
    return Surnames(reading, frozenset(common), frozenset(compound))


def _simplified(text: str) -> str:
    """Simplified form of text, character for character where OpenCC keeps the length."""
    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    return "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in text)


def _check_u(u: str) -> None:
    if u not in U_STYLES:
        raise ValueError(f"unknown ü convention {u!r}; use one of {', '.join(U_STYLES)}")


def _apply_u(syllable: str, u: str) -> str:
    if "ü" not in syllable and "Ü" not in syllable:
        return syllable
    replacement = {"ü": "ü", "yu": "yu", "v": "v", "u": "u"}[u]
    return syllable.replace("ü", replacement).replace("Ü", replacement.capitalize())


def _syllables(text: str) -> list[str]:
    """Toneless pinyin syllables for text (pypinyin phrase data); non-Hanzi runs kept whole."""
    from pypinyin import Style, lazy_pinyin

    return list(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors=_keep))


def _keep(chars: str) -> Any:
    """pypinyin error handler: keep characters it has no reading for, one per syllable."""
    return list(chars)


def _join(syllables: Sequence[str]) -> str:
    """Join syllables into one word, with an apostrophe before a, o, e after the first syllable."""
    out = ""
    for syl in syllables:
        if out and syl[:1].lower() in "aoe" and out[-1:].isalpha():
            out += "'"
        out += syl
    return out


# Readings that names use where pypinyin picks the everyday one (内比都 -du, not -dou).
_NAME_READINGS = {"都": "du"}


def _word(text: str, u: str, *, place: bool = False) -> str:
    """One capitalised pinyin word for a run of Hanzi (non-Hanzi kept as written)."""
    if not _HANZI.search(text):
        return text
    syllables = _syllables(text)
    if place and len(syllables) == len(text):
        syllables = [_NAME_READINGS.get(ch, syl) for ch, syl in zip(text, syllables, strict=True)]
    joined = _join([_apply_u(s, u) for s in syllables])
    return joined[:1].upper() + joined[1:]


def split_surname(name: str) -> tuple[str, str]:
    """Split a Chinese personal name into (surname, given name), as written.

    Compound surnames (欧阳, 司马, 万俟, ...) are recognised; otherwise the first character is
    the surname. A name that is only a surname gives an empty given name.

    Args:
        name: the name in simplified or traditional script.

    Returns:
        (surname, given) slices of ``name``.
    """
    name = name.strip()
    simple = _simplified(name)
    table = surnames()
    if len(simple) >= 3 and simple[:4] in table.compound and len(simple) > 4:
        return name[:4], name[4:]
    if len(simple) >= 2 and simple[:2] in table.compound:
        return name[:2], name[2:]
    return name[:1], name[1:]


def surname_reading(surname: str, *, u: str = "ü") -> str:
    """Pinyin of a surname with its surname reading (曾 -> "Zeng", 长孙 -> "Zhangsun").

    Args:
        surname: one surname, simplified or traditional.
        u: the ü convention (see module docstring).

    Returns:
        The capitalised reading; pypinyin's reading when the surname is not in the table.
    """
    _check_u(u)
    simple = _simplified(surname)
    reading = surnames().reading.get(simple)
    if reading is None:
        return _word(simple, u)
    return _apply_u(reading, u)


def person(name: str, *, u: str = "ü") -> str:
    """Romanize a Chinese personal name: surname first, given name joined (陈文清 -> "Chen Wenqing").

    Args:
        name: the name in simplified or traditional script. Names with a middle dot (foreign
            names in transliteration) get one pinyin word per part; Latin text is kept.
        u: the ü convention: "ü" (standard, 吕 -> "Lü", default), "yu" (passport, "Lyu"),
            "v" ("Lv") or "u" ("Lu").

    Returns:
        The romanized name, or "" for an empty name.
    """
    _check_u(u)
    name = name.strip()
    if not name:
        return ""
    if not _HANZI.search(name):
        return name
    if any(sep in name for sep in _NAME_SEPARATORS):
        parts = re.split(f"[{re.escape(_NAME_SEPARATORS)}]+", name)
        return " ".join(_word(_simplified(p), u) for p in parts if p)
    surname, given = split_surname(name)
    first = surname_reading(surname, u=u)
    if not given:
        return first
    return f"{first} {_word(_simplified(given), u)}"


def pinyin_words(text: str, words: Sequence[str] | None = None, *, u: str = "ü") -> str:
    """Pinyin fallback for a place or organisation name, each word capitalised.

    Args:
        text: the name (simplified or traditional).
        words: an optional segmentation of ``text`` (e.g. jieba tokens); each becomes one
            capitalised word ("政知 新媒体" -> "Zhengzhi Xinmeiti"). Without it, ``text`` is one
            word per run of Hanzi (内比都 -> "Neibidu").
        u: the ü convention (see module docstring).

    Returns:
        The capitalised pinyin words joined by spaces.
    """
    _check_u(u)
    if words is None or "".join(words) != text:
        words = [w for w in re.split(r"[\s·・•‧]+", text) if w]
    return " ".join(_word(_simplified(w), u, place=True) for w in words if w.strip())
