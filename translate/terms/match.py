"""One term matcher: where a glossary entry occurs in Chinese text, and which occurrences count.

Used everywhere a pinned or glossary term is looked for: enforcement during translation, the
article glossary's counts, and `translate glossary show`.

`TermMatcher.scan` finds every occurrence of every entry's characters, on the simplified form of
text and entries (so 陳文清 matches the entry 陈文清), and sorts each into a match (`TermMatch`:
the term is there and is enforced) or a skipped occurrence (`SkippedTerm`, with the reason), so
that no occurrence goes unaccounted for. Matches are leftmost-longest and never overlap.

Which occurrences match, by design:

- One on word boundaries of a private jieba tokenizer that knows the glossary terms always does.
  The tokenizer runs without its HMM: HMM guesses glue unknown single characters together
  (王毅和敦 -> 王毅/和敦) and would hide a pinned 敦. So 公安部 matches inside 老挝公安部 (jieba
  splits 老挝/公安部), and 王 inside an unknown name such as 王毅 unless 王毅 is an entry (longest
  wins) or a dictionary word.
- One inside a longer word W matches only where W is a longer official name of the same thing:
  a place (type place, two characters or more) preceded within W by nothing or a place name
  (中国台湾) and followed by nothing, 人 (its people) or an administrative suffix, optionally
  with a government body (北京市, 台湾省, 西藏自治区, 北京市委, 香港特别行政区政府, 台湾人); an
  organisation (type org, two characters or more) preceded by a Chinese qualifier or a Chinese
  administrative unit and followed by nothing (中国外交部, 中国人民银行, 中共中央政法委).
- Everything else inside a word is skipped with the reason: persons and plain terms never match
  inside a word (王 in 王国 "not a name", 敦 in 伦敦, 中央政法委 in 中央政法委员会); nor do one-character
  terms; an organisation followed by more (公安部门 departments, 公安部长 the minister) or
  preceded by another country (美国国务院 is the State Department, not the State Council).
- An occurrence that overlaps a match without lying inside it is skipped ("overlaps ...");
  one inside a longer match (王 inside a matched 王毅) is part of that match.
- Latin-script terms match case-sensitively and never inside a longer run of letters or digits
  (such an occurrence is skipped).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from translate.document import TermReport, UnitTerm
from translate.glossary.entry import Entry
from translate.text.script import to_simplified

SKIPPED = "skipped"  # TermReport status of an occurrence that is not taken as the term

# Inside a longer word, what may precede an organisation (China, the Party, the state) ...
_CHINESE_QUALIFIERS = frozenset(
    ("中国", "中华人民共和国", "我国", "中共", "中共中央", "中央", "国家")
)
# ... and the administrative suffixes a place takes, with the bodies of that unit after them.
_ADMIN = "特别行政区|自治区|自治州|自治县|自治旗|新区|地区|省|市|县|区|州|盟|旗|镇|乡|村|岛"
_BODIES = "委|政府|人民政府|人大|政协|党委"
_PLACE_SUFFIX = re.compile(rf"人|(?:维吾尔|[\u4e00-\u9fff]{{1,3}}族)?(?:{_ADMIN})(?:{_BODIES})?")
_CHINESE_UNIT = re.compile(r".+(?:特别行政区|自治区|自治州|自治县|省|市|县|区)")

_NOT_ITSELF = {
    "person": "not a name",
    "place": "not the place on its own",
    "org": "not the organisation on its own",
}
_NOT_A_TERM = "not the term on its own"


@dataclass
class TermMatch:
    """One occurrence of a glossary entry in a text: [start, end) and the characters as written.

    `inside` is the longer word it was found in ("" when it stands on word boundaries).
    """

    entry: Entry
    start: int
    end: int
    text: str
    inside: str = ""

    @property
    def target(self) -> str:
        return self.entry.target


@dataclass
class SkippedTerm:
    """An occurrence of an entry's characters that is not taken as the term, and why."""

    entry: Entry
    start: int
    end: int
    text: str
    reason: str

    @property
    def target(self) -> str:
        return self.entry.target


@dataclass
class TermScan:
    """Every occurrence in a text: the matches (in text order) and the skipped ones."""

    matches: list[TermMatch]
    skipped: list[SkippedTerm]


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


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word (read once, on first need)."""
    import jieba.posseg

    tags = getattr(jieba.posseg.dt, "word_tag_tab", None)
    return tags if isinstance(tags, dict) else {}


class _Words:
    """A text cut into jieba words: where each starts and ends."""

    def __init__(self, tokens: Sequence[tuple[str, int, int]], length: int) -> None:
        self.starts = [start for _word, start, _end in tokens]
        self.ends = [end for _word, _start, end in tokens]
        self.cuts = {0, length, *self.ends}

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Indexes of the first and last words that [start, end) touches."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        return max(first, 0), max(last, 0)


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

    def words(self, simple: str) -> _Words:
        """`simple` cut into words by the private tokenizer (no HMM)."""
        if self._tokenizer is None:
            self._tokenizer = _term_tokenizer(self.keys)
        return _Words(list(self._tokenizer.tokenize(simple, HMM=False)), len(simple))

    def boundaries(self, simple: str) -> set[int]:
        """Offsets in `simple` where a jieba word starts or ends."""
        return self.words(simple).cuts


@functools.lru_cache(maxsize=4)
def _compile(sources: tuple[str, ...]) -> _Compiled:
    return _Compiled(sources)


def _latin_word(simple: str, start: int, end: int) -> str:
    """The longer run of letters and digits a Latin-edged occurrence continues; "" if none."""
    a, b = start, end
    if is_latin(simple[start]):
        while a > 0 and is_latin(simple[a - 1]):
            a -= 1
    if is_latin(simple[end - 1]):
        while b < len(simple) and is_latin(simple[b]):
            b += 1
    return simple[a:b] if (a, b) != (start, end) else ""


def in_word_verdict(
    kind: str, term: str, before: str, after: str, is_place: Callable[[str], bool]
) -> str:
    """Whether an occurrence of `term` glued inside a longer word is that name: "" when it is,
    else why not.

    Args:
        kind: the entry's type (person, org, place, term).
        term: the term as found (simplified).
        before: the characters of the word before the term ("" when the term starts it).
        after: the characters of the word after the term.
        is_place: tells whether a word is a place name.
    """
    if kind not in ("place", "org") or len(term) < 2:
        return _NOT_ITSELF.get(kind, _NOT_A_TERM)
    if kind == "org":
        if after:
            return _NOT_ITSELF["org"]
        if not before or before in _CHINESE_QUALIFIERS or _CHINESE_UNIT.fullmatch(before):
            return ""
        return "another country's organisation" if is_place(before) else _NOT_ITSELF["org"]
    if before and not (before in _CHINESE_QUALIFIERS or is_place(before)):
        return _NOT_ITSELF["place"]
    if after and not _PLACE_SUFFIX.fullmatch(after):
        return _NOT_ITSELF["place"]
    return ""


class TermMatcher:
    """Finds glossary entries in texts; build once per entry list, then call `find` per text."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self._compiled = _compile(tuple(e.source for e in self.entries))
        self._places: frozenset[str] | None = None

    def find(self, text: str) -> list[TermMatch]:
        """The matches: leftmost-longest, non-overlapping occurrences taken as the term.

        Args:
            text: source text as written (simplified or traditional).

        Returns:
            Matches in text order; `TermMatch.text` holds the characters as written.
        """
        return self.scan(text).matches

    def scan(self, text: str) -> TermScan:
        """Every occurrence of an entry's characters in `text`: matched, or skipped with why.

        An occurrence inside a longer match (王 inside a matched 王毅) is part of that match and
        is not listed again.
        """
        compiled = self._compiled
        if not text or not compiled.by_char:
            return TermScan([], [])
        simple = simplify_same_length(text)
        words: _Words | None = None
        matches: list[TermMatch] = []
        skipped: list[SkippedTerm] = []
        covered = 0  # end of the last match
        for i, ch in enumerate(simple):
            for key, index in compiled.by_char.get(ch, ()):
                if not simple.startswith(key, i):
                    continue
                end = i + len(key)
                entry = self.entries[index]
                if i < covered:
                    if end > covered:
                        last = matches[-1].text
                        why = f"overlaps {last}, which is taken instead"
                        skipped.append(SkippedTerm(entry, i, end, text[i:end], why))
                    continue
                latin = _latin_word(simple, i, end)
                if latin:
                    why = f"inside the word {latin}, {_NOT_ITSELF.get(entry.type, _NOT_A_TERM)}"
                    skipped.append(SkippedTerm(entry, i, end, text[i:end], why))
                    continue
                if words is None:
                    words = compiled.words(simple)
                if i in words.cuts and end in words.cuts:
                    inside = ""
                else:
                    first, last_word = words.around(i, end)
                    before = simple[words.starts[first] : i]
                    after = simple[end : words.ends[last_word]]
                    why = in_word_verdict(entry.type, key, before, after, self._is_place)
                    inside = text[words.starts[first] : words.ends[last_word]]
                    if why:
                        if first == last_word:
                            where = f"inside the word {inside}"
                        else:  # across a word boundary: name the word it cuts
                            cut = first if before else last_word
                            where = f"splits the word {text[words.starts[cut] : words.ends[cut]]}"
                        skipped.append(SkippedTerm(entry, i, end, text[i:end], f"{where}, {why}"))
                        continue
                matches.append(TermMatch(entry, i, end, text[i:end], inside))
                covered = end
        return TermScan(matches, skipped)

    def _is_place(self, word: str) -> bool:
        """A place name: one of this matcher's place entries, or a place in jieba's dictionary."""
        if self._places is None:
            self._places = frozenset(
                simplify_same_length(e.source.strip()) for e in self.entries if e.type == "place"
            )
        return word in self._places or _word_tags().get(word, "").startswith("ns")


def find_terms(text: str, entries: Sequence[Entry]) -> list[TermMatch]:
    """Find glossary entries in `text`: non-overlapping, leftmost-longest matches (see the module).

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


def pinned_occurrences(text: str, matcher: TermMatcher) -> tuple[list[UnitTerm], list[TermReport]]:
    """Every occurrence of `matcher`'s pinned entries in `text`, accounted for.

    Returns:
        (terms, skipped): the occurrences to enforce, as plain records with offsets (a pinned
        entry without a target is kept, with an empty target, so enforcement can report it),
        and a "skipped" report, with its reason, for each occurrence that is not the term.
    """
    found = matcher.scan(text)
    terms = [
        UnitTerm(m.text, m.entry.target.strip(), m.start, m.end)
        for m in found.matches
        if m.entry.pinned
    ]
    skipped = [
        TermReport(s.text, s.entry.target.strip(), SKIPPED, s.start, s.reason)
        for s in found.skipped
        if s.entry.pinned
    ]
    return terms, skipped


def pinned_terms(text: str, matcher: TermMatcher) -> list[UnitTerm]:
    """The pinned entries of `matcher` that occur in `text` as terms, as plain records with
    offsets (the occurrences to enforce; see `pinned_occurrences` for the skipped ones).

    Entries that are not pinned are ignored; a pinned entry without a target is kept (with an
    empty target) so enforcement can report it.
    """
    return pinned_occurrences(text, matcher)[0]


def count_terms(text: str, entries: Sequence[Entry]) -> Counter[str]:
    """How often each entry occurs in `text` as a term, by the entry's simplified source (the
    matches of `find_terms`: 王 is not counted inside 王国, 北京 (a place) is inside 北京市)."""
    return Counter(to_simplified(m.entry.source) for m in find_terms(text, entries))
