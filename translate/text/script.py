"""Chinese script handling: detect traditional script and convert it to simplified for matching."""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (length-preserving for Hanzi text)."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Convert simplified characters to traditional."""
    return str(_converter("s2t").convert(text))


def detect_script(text: str) -> str:
    """Return "traditional" when converting to simplified changes a noticeable share of Hanzi."""
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return "simplified"
    sample = "".join(hanzi[:4000])
    changed = sum(1 for a, b in zip(sample, to_simplified(sample), strict=False) if a != b)
    return "traditional" if changed / len(sample) > 0.03 else "simplified"


NOT_CHINESE = (
    "no Chinese text found (only English, numbers or symbols); "
    "the output is not a translation from Chinese"
)


def has_hanzi(text: str) -> bool:
    """True when `text` has at least one Chinese character (CJK ideograph, either script)."""
    return any(
        "\u3400" <= ch <= "\u9fff"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
        for ch in text
    )
