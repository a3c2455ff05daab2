"""One term matcher: where a glossary entry occurs in Chinese text.

Used everywhere a pinned or glossary term is looked for: enforcement during translation, the
article glossary's counts, and `translate glossary show`.

`find_terms` and `TermMatcher` find leftmost-longest, non-overlapping matches on the simplified
form of text and entries (so 陳文清 matches the entry 陈文清), accepted only where both ends of the
match fall on word boundaries of a private jieba tokenizer that knows the glossary terms. The
tokenizer runs without its HMM: HMM guesses glue unknown single characters together (王毅和敦 ->
王毅/和敦) and would hide a pinned 敦. Consequences, by design:

- 王 never matches inside 王国 (a dictionary word), nor 中央政法委 inside 中央政法委员会.
- 公安部 matches inside 老挝公安部 when 老挝公安部 is not itself an entry: jieba splits 老挝/公安部.
- 王 does match inside an unknown name such as 王毅 unless 王毅 is an entry (longest wins) or a
  dictionary word; jieba cannot tell an unknown given name from a neighbouring word.
- Latin-script terms match case-sensitively and never inside a longer run of letters or digits.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from translate.document import UnitTerm
from translate.glossary.entry import Entry
from translate.text.script import to_simplified


@dataclass
class TermMatch:
    """One occurrence of a glossary entry in a text: [start, end) and the characters as written."""

    entry: Entry
    start: int
    end: int
    text: str

    @property
    def target(self) -> str:
        return self.entry.target


def simplify_same_length(text: str) -> str:
    """Simplified form of `text` with the same length (so offsets carry over to the original)."""
    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    # A rare phrase conversion changed the length: convert character by character instead.
    return "".join(_simplify_char(ch) for ch in text)


@functools.lru_cache(maxsize=65536)
def _simplify_char(ch: str) -> str:
    simple = to_simplified(ch)
    return simple if len(simple) == 1 else ch


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _term_tokenizer(terms: Sequence[str]) -> Any:
    """A private jieba tokenizer: the default dictionary plus `terms`, each able to stand as a word.

    Each term gets just the frequency that keeps it whole when it stands alone
    (`suggest_freq`), not more, so a short term such as 王 does not start splitting 王国.
    """
    from translate.text.wordseg import private_tokenizer

    tokenizer = private_tokenizer()
    for term in terms:
        tokenizer.suggest_freq(term, tune=True)
    return tokenizer


class _Compiled:
    """Match tables for one tuple of entry sources: shared by every entry list with those sources."""

    def __init__(self, sources: tuple[str, ...]) -> None:
        first: dict[str, int] = {}
        for i, source in enumerate(sources):
            key = simplify_same_length(source.strip())
            if key and key not in first:
                first[key] = i  # duplicates: the first entry wins
        by_char: dict[str, list[tuple[str, int]]] = {}
        for key, i in first.items():
            by_char.setdefault(key[0], []).append((key, i))
        for candidates in by_char.values():
            candidates.sort(key=lambda c: len(c[0]), reverse=True)
        self.by_char = by_char
        self.keys = tuple(first)
        self._tokenizer: Any = None

    def boundaries(self, simple: str) -> set[int]:
        """Offsets in `simple` where a jieba word starts or ends."""
        if self._tokenizer is None:
            self._tokenizer = _term_tokenizer(self.keys)
        cuts = {0, len(simple)}
        for _word, _start, end in self._tokenizer.tokenize(simple, HMM=False):
            cuts.add(end)
        return cuts


@functools.lru_cache(maxsize=4)
def _compile(sources: tuple[str, ...]) -> _Compiled:
    return _Compiled(sources)


class TermMatcher:
    """Finds glossary entries in texts; build once per entry list, then call `find` per text."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self._compiled = _compile(tuple(e.source for e in self.entries))

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping, leftmost-longest matches that start and end on word boundaries.

        Args:
            text: source text as written (simplified or traditional).

        Returns:
            Matches in text order; `TermMatch.text` holds the characters as written.
        """
        compiled = self._compiled
        if not text or not compiled.by_char:
            return []
        simple = simplify_same_length(text)
        cuts: set[int] | None = None
        matches: list[TermMatch] = []
        i, n = 0, len(simple)
        while i < n:
            found = 0
            for key, index in compiled.by_char.get(simple[i], ()):
                end = i + len(key)
                if not simple.startswith(key, i):
                    continue
                if is_latin(key[0]) and i > 0 and is_latin(simple[i - 1]):
                    continue
                if is_latin(key[-1]) and end < n and is_latin(simple[end]):
                    continue
                if cuts is None:
                    cuts = compiled.boundaries(simple)
                if i in cuts and end in cuts:
                    matches.append(TermMatch(self.entries[index], i, end, text[i:end]))
                    found = end - i
                    break
            i += found or 1
        return matches


def find_terms(text: str, entries: Sequence[Entry]) -> list[TermMatch]:
    """Find glossary entries in `text`: non-overlapping, leftmost-longest, on word boundaries.

    Matching uses the simplified form of both text and entries, so traditional text matches
    simplified entries. Match tables are cached per tuple of entry sources; for many texts,
    build a `TermMatcher` once instead.

    Args:
        text: source text as written.
        entries: glossary entries (any status).

    Returns:
        Matches in text order.
    """
    if not text or not entries:
        return []
    return TermMatcher(entries).find(text)


def pinned_terms(text: str, matcher: TermMatcher) -> list[UnitTerm]:
    """The pinned entries of `matcher` that occur in `text`, as plain records with offsets.

    Entries that are not pinned are ignored; a pinned entry without a target is kept (with an
    empty target) so enforcement can report it.
    """
    return [
        UnitTerm(m.text, m.entry.target.strip(), m.start, m.end)
        for m in matcher.find(text)
        if m.entry.pinned
    ]


def count_terms(text: str, entries: Sequence[Entry]) -> Counter[str]:
    """How often each entry occurs in `text`, by the entry's simplified source (word boundaries
    respected: 王 is not counted inside 王国)."""
    return Counter(to_simplified(m.entry.source) for m in find_terms(text, entries))
