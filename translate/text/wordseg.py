"""Chinese word segmentation: one jieba dictionary per process, shared by every stage.

jieba's global tokenizer is never touched. The default dictionary is loaded once (about a
second); a stage that adds its own words gets a private copy (about 20 ms) instead of loading
the dictionary again.
"""

from __future__ import annotations

import functools
import logging
from typing import Any


@functools.lru_cache(maxsize=1)
def base_tokenizer() -> Any:
    """jieba's default dictionary, loaded on first use and never modified: only read from it."""
    import jieba

    log = logging.getLogger("jieba")  # jieba announces loading its dictionary on stderr
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
    finally:
        log.setLevel(level)
    return tokenizer


def private_tokenizer() -> Any:
    """A tokenizer with a private copy of the default dictionary, free to add words to."""
    import jieba

    base = base_tokenizer()
    tokenizer = jieba.Tokenizer()
    if hasattr(base, "FREQ") and hasattr(base, "total"):
        tokenizer.FREQ = dict(base.FREQ)
        tokenizer.total = base.total
        tokenizer.initialized = True
    else:  # pragma: no cover - a jieba without these internals: load the dictionary again
        tokenizer.initialize()
    return tokenizer
