"""Chinese punctuation rendered as English punctuation, without a model."""

from __future__ import annotations

import re
import unicodedata

# Characters that need no translation: a text made only of these is rendered without the model.
_NOTHING_TO_TRANSLATE = re.compile(r"^[\s\W_]*$", re.UNICODE)


def is_punctuation_only(text: str) -> bool:
    """True for text with nothing for a model to translate (punctuation, symbols, spaces)."""
    return bool(_NOTHING_TO_TRANSLATE.match(text))


# Punctuation rendered by table (at the edge of a spliced piece, or a unit of punctuation only).
PUNCTUATION = {
    "、": ",",
    "。": ".",
    "｡": ".",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "《": '"',
    "》": '"',
    "〈": '"',
    "〉": '"',
    "「": '"',
    "」": '"',
    "『": '"',
    "』": '"',
    "【": "[",
    "】": "]",
    "〔": "[",
    "〕": "]",
    "·": "",  # name separator (本·拉登): a space in English
    "・": "",
    "…": "...",
    "—": "—",
}


def render_punctuation(text: str) -> str:
    """Chinese punctuation as English punctuation (。→. 、→, ……→... ——→—); other text kept."""
    text = text.replace("……", "…").replace("——", "—")
    return "".join(PUNCTUATION.get(ch, unicodedata.normalize("NFKC", ch)) for ch in text)


def is_punct(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] == "P"
