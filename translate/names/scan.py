"""Where many words occur in one text, found in one pass (not one scan of the text per word).

The rules look up every occurrence of each name found so far (spread_persons, short forms), and
the results are ordered by first occurrence; done word by word that is names x text, quadratic
on a long article (thousands of names in a 600,000-character digest). Here the text is scanned
once: each position whose first character starts some word is checked against the few words
that begin with the same two characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def occurrences(
    text: str, words: Iterable[str], *, first_only: bool = False
) -> dict[str, list[int]]:
    """Start positions of each word in ``text``, as ``re.finditer(re.escape(word), text)``
    finds them (left to right, not overlapping one another); [] for a word not there.

    With ``first_only``, at most the first position of each (``text.find(word)`` when >= 0),
    and the scan stops once every word is found.
    """
    found: dict[str, list[int]] = {}
    # The first two characters (the one, for a one-character word) -> the words' lengths ->
    # the words: a position is checked with one slice per length, however many words share
    # the same start (中国X, 中国Y, ... for a long list of organisations).
    groups: dict[str, dict[int, set[str]]] = {}
    for word in words:
        if word in found:
            continue
        found[word] = []
        if word:
            groups.setdefault(word[:2], {}).setdefault(len(word), set()).add(word)
    if "" in found:  # re.finditer("") matches everywhere; no caller asks for it
        found[""] = [0] if first_only else list(range(len(text) + 1))
    if not groups:
        return found
    free = dict.fromkeys(found, 0)  # next position a new occurrence of the word may start at
    starts = re.compile("[" + "".join(re.escape(ch) for ch in {key[0] for key in groups}) + "]")
    for m in starts.finditer(text):
        i = m.start()
        pair = text[i : i + 2]
        for key in (pair, pair[:1]) if len(pair) == 2 else (pair,):
            group = groups.get(key)
            if group is None:
                continue
            for size, same in list(group.items()):
                word = text[i : i + size]
                if word not in same or i < free[word]:
                    continue
                found[word].append(i)
                free[word] = i + size
                if first_only:
                    same.discard(word)
                    if not same:
                        del group[size]
            if first_only and not group:
                del groups[key]
        if first_only and not groups:
            break
    return found
