"""Pinned glossary terms: find them in source text and make them come out verbatim in the English.

Finding (`find_terms`, `TermMatcher`): leftmost-longest, non-overlapping matches on the simplified
form of text and entries (so 陳文清 matches the entry 陈文清), accepted only where both ends of the
match fall on word boundaries of a private jieba tokenizer that knows the glossary terms. The
tokenizer runs without its HMM: HMM guesses glue unknown single characters together (王毅和敦 ->
王毅/和敦) and would hide a pinned 敦. Consequences, by design:

- 王 never matches inside 王国 (a dictionary word), nor 中央政法委 inside 中央政法委员会.
- 公安部 matches inside 老挝公安部 when 老挝公安部 is not itself an entry: jieba splits 老挝/公安部.
- 王 does match inside an unknown name such as 王毅 unless 王毅 is an entry (longest wins) or a
  dictionary word; jieba cannot tell an unknown given name from a neighbouring word.
- Latin-script terms match case-sensitively and never inside a longer run of letters or digits.

Enforcing (`enforce_translate`) runs in passes, each batched through `translate_sorted`:

1. inject: each occurrence is replaced by its English target in the source; texts without pinned
   terms ride along unchanged in this same pass. Targets all present -> "enforced".
2. retry: the original source, with `prefer=` the targets (backends that can bias decoding do so)
   -> "retried".
3. splice: the source is cut around the terms, the pieces in between are translated (batched),
   and pieces and targets are joined in order -> "spliced". Every non-term source character goes
   to the model inside some piece, except punctuation at a piece's edges, which is rendered by a
   fixed table (，-> , 。-> . “ -> " ...) so that nothing is dropped.
4. anything still missing (a piece that cannot be brought under the model's input limit) ->
   "missed", with a detail; never an exception.

Each pass is a small public function (`inject_terms`, `verify`, `plan_splice`, `join_splice`) so
other backends (CTranslate2) can reuse them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from translate.backends.base import DecodeOptions, Translator, translate_sorted
from translate.document import TermReport
from translate.glossary.entry import Entry
from translate.text.script import to_simplified

ENFORCED = "enforced"
RETRIED = "retried"
SPLICED = "spliced"
MISSED = "missed"
STATUSES = (ENFORCED, RETRIED, SPLICED, MISSED)


@dataclass
class TermMatch:
    """One occurrence of a glossary entry in a text: [start, end) and the characters as written."""

    entry: Entry
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# Finding terms


def _simplify(text: str) -> str:
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


def _is_latin(ch: str) -> bool:
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
            key = _simplify(source.strip())
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
        simple = _simplify(text)
        cuts: set[int] | None = None
        matches: list[TermMatch] = []
        i, n = 0, len(simple)
        while i < n:
            found = 0
            for key, index in compiled.by_char.get(simple[i], ()):
                end = i + len(key)
                if not simple.startswith(key, i):
                    continue
                if _is_latin(key[0]) and i > 0 and _is_latin(simple[i - 1]):
                    continue
                if _is_latin(key[-1]) and end < n and _is_latin(simple[end]):
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


# --------------------------------------------------------------------------------------------
# The passes


def verify(output: str, targets: Sequence[str]) -> list[str]:
    """Return the targets missing from `output` (with multiplicity; a target needed twice must occur
    twice). Matching is verbatim and case-sensitive; a target whose edge is a letter or digit must
    not continue a longer word ("Thai" is not found in "Thailand"). Longer targets claim their
    text first, so "Wang" is not also counted inside "Wang Yi".

    Args:
        output: the English translation.
        targets: the English targets required, one per occurrence.

    Returns:
        The missing targets, in the order given.
    """
    need = Counter(t for t in targets if t)
    chars = list(output)
    found: Counter[str] = Counter()
    for target in sorted(need, key=len, reverse=True):
        text = "".join(chars)
        start = 0
        while found[target] < need[target]:
            at = text.find(target, start)
            if at < 0:
                break
            end = at + len(target)
            if (_is_latin(target[0]) and at > 0 and _is_latin(text[at - 1])) or (
                _is_latin(target[-1]) and end < len(text) and _is_latin(text[end])
            ):
                start = at + 1
                continue
            found[target] += 1
            chars[at:end] = ["\0"] * len(target)
            start = end
    missing: list[str] = []
    seen: Counter[str] = Counter()
    for target in targets:
        if not target:
            continue
        seen[target] += 1
        if seen[target] > found[target]:
            missing.append(target)
    return missing


def _spaced(before: str, target: str, after: str) -> str:
    """`target` with a space on each side that touches a letter, digit or Han character."""
    left = " " if before and unicodedata.category(before)[0] in "LN" else ""
    right = " " if after and unicodedata.category(after)[0] in "LN" else ""
    return f"{left}{target}{right}"


def inject_terms(text: str, matches: Sequence[TermMatch]) -> str:
    """Replace each matched occurrence in `text` with its English target (spaced from Hanzi)."""
    parts: list[str] = []
    pos = 0
    for m in matches:
        parts.append(text[pos : m.start])
        before = text[m.start - 1] if m.start > 0 else ""
        after = text[m.end] if m.end < len(text) else ""
        parts.append(_spaced(before, m.entry.target, after))
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)


# Punctuation rendered by table when it sits at the edge of a spliced piece.
_PUNCT = {
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
    return "".join(_PUNCT.get(ch, unicodedata.normalize("NFKC", ch)) for ch in text)


def _is_punct(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] == "P"


@dataclass
class _Token:
    """A rendered piece of a spliced sentence and whether it attaches to its neighbours."""

    text: str
    glue_left: bool = False
    glue_right: bool = False


def _punct_tokens(chars: str) -> list[_Token]:
    tokens: list[_Token] = []
    for ch in chars:
        if ch.isspace():
            continue
        rendered = _PUNCT.get(ch, unicodedata.normalize("NFKC", ch))
        category = unicodedata.category(ch)
        if category in ("Ps", "Pi"):
            tokens.append(_Token(rendered, glue_right=True))
        elif category in ("Pe", "Pf", "Po"):
            tokens.append(_Token(rendered, glue_left=True))
        else:
            tokens.append(_Token(rendered))
    return tokens


@dataclass
class SplicePlan:
    """A source text cut around its term occurrences.

    `parts` alternates freely between ("text", core) pieces to translate, ("term", target) and
    ("punct", characters) rendered by table; `pieces` lists the cores in order.
    """

    parts: list[tuple[str, str]]

    @property
    def pieces(self) -> list[str]:
        return [value for kind, value in self.parts if kind == "text"]


def plan_splice(text: str, matches: Sequence[TermMatch]) -> SplicePlan:
    """Cut `text` around `matches`: pieces between terms, with edge punctuation peeled off."""
    parts: list[tuple[str, str]] = []

    def add_piece(piece: str) -> None:
        a = 0
        while a < len(piece) and _is_punct(piece[a]):
            a += 1
        b = len(piece)
        while b > a and _is_punct(piece[b - 1]):
            b -= 1
        if a:
            parts.append(("punct", piece[:a]))
        if b > a:
            parts.append(("text", piece[a:b]))
        if b < len(piece):
            parts.append(("punct", piece[b:]))

    pos = 0
    for m in matches:
        if m.start > pos:
            add_piece(text[pos : m.start])
        parts.append(("term", m.entry.target))
        pos = m.end
    if pos < len(text):
        add_piece(text[pos:])
    return SplicePlan(parts)


_LOWER_FIRST = frozenset(
    ("The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of", "To", "With", "For", "From")
    + ("By", "As", "That", "Which", "Who", "Is", "Are", "Was", "Were", "Has", "Have", "Had")
    + ("Said", "Says", "Also", "Will", "Would", "He", "She", "It", "They", "We", "This", "These")
)
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _clean_piece(translation: str, initial: bool) -> str:
    """Strip the sentence punctuation a model adds around a fragment; lower-case a leading
    function word when the fragment continues a sentence."""
    out = translation.strip()
    out = out.lstrip(",.;:!?。，").lstrip()
    if not _ABBREV_END.search(out):
        out = out.rstrip(",.;:!?。，").rstrip()
    if not initial and out:
        word = out.split(" ", 1)[0]
        if word in _LOWER_FIRST:
            out = word.lower() + out[len(word) :]
    return out


def join_splice(plan: SplicePlan, translations: Sequence[str]) -> str:
    """Assemble a spliced sentence: piece translations, term targets and punctuation, in order.

    Args:
        plan: from `plan_splice`.
        translations: one English string per `plan.pieces` entry, in order.

    Returns:
        The English sentence; it contains every term target verbatim.
    """
    tokens: list[_Token] = []
    it = iter(translations)
    for kind, value in plan.parts:
        if kind == "term":
            tokens.append(_Token(value))
        elif kind == "punct":
            tokens.extend(_punct_tokens(value))
        else:
            initial = not any(t.text for t in tokens)
            tokens.append(_Token(_clean_piece(next(it, ""), initial)))
    out = ""
    glue = True
    for token in tokens:
        if not token.text:
            continue
        if out and not glue and not token.glue_left:
            out += " "
        out += token.text
        glue = token.glue_right
    return out


def _fit(piece: str, count_tokens: Callable[[str], int], limit: int) -> list[str] | None:
    """Split `piece` into parts within `limit` tokens, preferring punctuation near the middle;
    None when even a single character does not fit."""
    if count_tokens(piece) <= limit:
        return [piece]
    if len(piece) <= 1:
        return None
    mid = len(piece) // 2
    cut = mid
    for offset in range(mid):
        for at in (mid - offset, mid + offset):
            if 0 < at < len(piece) and _is_punct(piece[at - 1]):
                cut = at
                break
        else:
            continue
        break
    left = _fit(piece[:cut], count_tokens, limit)
    right = _fit(piece[cut:], count_tokens, limit)
    if left is None or right is None:
        return None
    return left + right


# --------------------------------------------------------------------------------------------
# Driver


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _reports(
    matches: Sequence[TermMatch], missing: Sequence[str], status: str, detail: str, why_missed: str
) -> list[TermReport]:
    """One report per occurrence; the last occurrences of a target short in the output are missed."""
    short = Counter(missing)
    reports: list[TermReport] = []
    for m in reversed(matches):
        target = m.entry.target
        if short[target] > 0:
            short[target] -= 1
            reports.append(TermReport(m.text, target, MISSED, m.start, why_missed))
        else:
            reports.append(TermReport(m.text, target, status, m.start, detail))
    reports.reverse()
    return reports


def enforce_translate(
    backend: Translator,
    texts: Sequence[str],
    entries: Sequence[Entry],
    options: DecodeOptions,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> tuple[list[str], list[list[TermReport]]]:
    """Translate `texts` so every pinned glossary term in them comes out verbatim in the English.

    Only pinned entries with a non-empty target are enforced (an occurrence of a pinned entry
    without a target is reported missed). Texts without one are translated in
    the same single batched pass as the first attempt for texts with terms.

    Args:
        backend: the translation model; each text must fit `backend.max_input_tokens`.
        texts: source texts (sentences or units).
        entries: glossary entries; non-pinned ones are ignored.
        options: decoding options.
        on_batch: progress callback; called with batch sizes that add up to `len(texts)`.

    Returns:
        (translations, reports): one English string per text, and for each text one TermReport
        per pinned term occurrence, status "enforced", "retried", "spliced" or "missed".
    """
    pinned = [e for e in entries if e.pinned and e.target.strip()]
    matcher = TermMatcher(pinned) if pinned else None
    matches = [matcher.find(t) if matcher is not None else [] for t in texts]
    # A pinned entry without a target (a hand edit) cannot be enforced: report each occurrence.
    untargeted = [e for e in entries if e.pinned and not e.target.strip()]
    unmatched = _untargeted(texts, untargeted, matches) if untargeted else {}
    limit = backend.max_input_tokens
    outputs: list[str] = [""] * len(texts)
    reports: list[list[TermReport]] = [[] for _ in texts]
    best: dict[int, tuple[str, list[str], str, str]] = {}  # fallback if splicing fails

    # Pass 1: everything, with terms injected.
    first: list[int] = []
    first_inputs: list[str] = []
    to_splice: dict[int, str] = {}
    for i, (text, found) in enumerate(zip(texts, matches, strict=True)):
        if not found:
            first.append(i)
            first_inputs.append(text)
            continue
        injected = inject_terms(text, found)
        tokens = backend.count_tokens(injected)
        if tokens > limit:
            to_splice[i] = (
                f"injected text exceeds the model input limit ({tokens} > {limit} tokens); "
                "translated around the term"
            )
        else:
            first.append(i)
            first_inputs.append(injected)
    for i, out in zip(
        first, translate_sorted(backend, first_inputs, options, on_batch=on_batch), strict=True
    ):
        outputs[i] = out
        if matches[i]:
            targets = [m.entry.target for m in matches[i]]
            missing = verify(out, targets)
            if not missing:
                reports[i] = _reports(matches[i], [], ENFORCED, "injected", "")
            else:
                best[i] = (out, missing, ENFORCED, "injected")

    # Pass 2: the original source, decoding biased towards the targets.
    retry = [i for i in first if matches[i] and not reports[i]]
    if retry:
        prefer = [_unique([m.entry.target for m in matches[i]]) for i in retry]
        retried = translate_sorted(backend, [texts[i] for i in retry], options, prefer=prefer)
        for i, out in zip(retry, retried, strict=True):
            missing = verify(out, [m.entry.target for m in matches[i]])
            detail = "model lost the injected term; decoding biased towards it"
            if not missing:
                outputs[i] = out
                reports[i] = _reports(matches[i], [], RETRIED, detail, "")
            else:
                if len(missing) < len(best[i][1]):
                    best[i] = (out, missing, RETRIED, detail)
                to_splice[i] = (
                    "model lost the term, also with biased decoding; translated around it"
                )

    # Pass 3: translate around the terms.
    if to_splice:
        _splice(backend, texts, matches, options, to_splice, outputs, reports, best)
        if on_batch is not None:
            skipped = sum(1 for i in to_splice if i not in first)
            if skipped:
                on_batch(skipped)
    for i, extra in unmatched.items():
        reports[i] = sorted(reports[i] + extra, key=lambda r: r.start)
    return outputs, reports


def _untargeted(
    texts: Sequence[str], entries: Sequence[Entry], matches: Sequence[Sequence[TermMatch]]
) -> dict[int, list[TermReport]]:
    """Missed reports for occurrences of pinned entries that have no target (outside real terms)."""
    matcher = TermMatcher(entries)
    found: dict[int, list[TermReport]] = {}
    for i, text in enumerate(texts):
        taken = [(m.start, m.end) for m in matches[i]]
        for m in matcher.find(text):
            if any(m.start < end and start < m.end for start, end in taken):
                continue
            detail = "pinned entry has no target: add the English to the glossary"
            found.setdefault(i, []).append(TermReport(m.text, "", MISSED, m.start, detail))
    return found


def _splice(
    backend: Translator,
    texts: Sequence[str],
    matches: Sequence[Sequence[TermMatch]],
    options: DecodeOptions,
    todo: dict[int, str],
    outputs: list[str],
    reports: list[list[TermReport]],
    best: dict[int, tuple[str, list[str], str, str]],
) -> None:
    """Pass 3: splice each text in `todo` (index -> detail); fill outputs and reports in place."""
    limit = backend.max_input_tokens
    plans: dict[int, tuple[SplicePlan, list[list[str]]]] = {}
    failed: dict[int, str] = {}
    for i in sorted(todo):
        plan = plan_splice(texts[i], matches[i])
        chunks: list[list[str]] = []
        for piece in plan.pieces:
            fitted = _fit(piece, backend.count_tokens, limit)
            if fitted is None:
                failed[i] = (
                    f"a piece between terms does not fit the model input limit ({limit} tokens)"
                )
                break
            chunks.append(fitted)
        else:
            plans[i] = (plan, chunks)
    flat = [c for _plan, chunks in plans.values() for piece in chunks for c in piece]
    translated = iter(translate_sorted(backend, flat, options) if flat else [])
    for i, (plan, chunks) in plans.items():
        pieces = [" ".join(next(translated) for _ in piece).strip() for piece in chunks]
        out = join_splice(plan, pieces)
        missing = verify(out, [m.entry.target for m in matches[i]])
        if missing:  # cannot happen while join_splice inserts every target; stay honest anyway
            failed[i] = "spliced output lost a term"
            continue
        outputs[i] = out
        reports[i] = _reports(matches[i], [], SPLICED, todo[i], "")
    # Rare: a piece cannot be translated at all. Keep the best earlier output; a text that had
    # none (its injected form was too long) gets its plain translation when the source fits.
    plain = [i for i in failed if i not in best and backend.count_tokens(texts[i]) <= limit]
    if plain:
        for i, out in zip(
            plain, translate_sorted(backend, [texts[i] for i in plain], options), strict=True
        ):
            missing = verify(out, [m.entry.target for m in matches[i]])
            best[i] = (out, missing, ENFORCED, "plain translation contains the term")
    for i, why in failed.items():
        targets = [m.entry.target for m in matches[i]]
        out, missing, status, detail = best.get(i, ("", targets, MISSED, ""))
        outputs[i] = out
        reports[i] = _reports(matches[i], missing, status, detail, why)
