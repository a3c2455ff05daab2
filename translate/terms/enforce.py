"""Pinned glossary terms: make them come out verbatim in the English.

Finding terms is `translate.terms.match` (planning does it once per sentence); enforcing runs in
passes over the texts that carry terms, each batched through `translate_sorted`:

1. inject: each occurrence is replaced by its English target in the source; texts without pinned
   terms ride along unchanged in this same pass. Targets all present -> "enforced".
2. retry: the original source, with `prefer=` the targets -> "retried". Only for backends that
   can bias decoding (`supports_prefer`); with others this pass is skipped.
3. splice: the source is cut around the terms, the pieces in between are translated (batched),
   and pieces and targets are joined in order -> "spliced". Every non-term source character goes
   to the model inside some piece, except punctuation at a piece's edges, which is rendered by a
   fixed table (，-> , 。-> . “ -> " ...) so that nothing is dropped.
4. anything still missing (a piece that cannot be brought under the model's input limit) ->
   "missed", with a detail; never an exception.

Occurrences of a pinned term's characters that the matcher does not take as the term (王 inside
王国) never reach these passes: planning reports them "skipped", with the reason.

Each pass is a small public function (`inject_terms`, `verify`, `plan_splice`, `join_splice`) so
other backends (CTranslate2) can reuse them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from translate.backends.base import DecodeOptions, Translator, translate_sorted
from translate.document import TermReport, UnitTerm
from translate.terms.match import SKIPPED, is_latin
from translate.terms.punctuation import PUNCTUATION, is_punct

ENFORCED = "enforced"
RETRIED = "retried"
SPLICED = "spliced"
MISSED = "missed"
STATUSES = (ENFORCED, RETRIED, SPLICED, MISSED, SKIPPED)
NOT_ENFORCED = (MISSED, SKIPPED)  # the statuses listed as "not enforced" in outputs


class Span(Protocol):
    """A term occurrence: [start, end) in a text, and the English it must come out as."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def target(self) -> str: ...


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
            if (is_latin(target[0]) and at > 0 and is_latin(text[at - 1])) or (
                is_latin(target[-1]) and end < len(text) and is_latin(text[end])
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


def inject_terms(text: str, matches: Sequence[Span]) -> str:
    """Replace each matched occurrence in `text` with its English target (spaced from Hanzi)."""
    parts: list[str] = []
    pos = 0
    for m in matches:
        parts.append(text[pos : m.start])
        before = text[m.start - 1] if m.start > 0 else ""
        after = text[m.end] if m.end < len(text) else ""
        parts.append(_spaced(before, m.target, after))
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)


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
        rendered = PUNCTUATION.get(ch, unicodedata.normalize("NFKC", ch))
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


def plan_splice(text: str, matches: Sequence[Span]) -> SplicePlan:
    """Cut `text` around `matches`: pieces between terms, with edge punctuation peeled off."""
    parts: list[tuple[str, str]] = []

    def add_piece(piece: str) -> None:
        a = 0
        while a < len(piece) and is_punct(piece[a]):
            a += 1
        b = len(piece)
        while b > a and is_punct(piece[b - 1]):
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
        parts.append(("term", m.target))
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


# --------------------------------------------------------------------------------------------
# Driver


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _reports(
    terms: Sequence[UnitTerm], missing: Sequence[str], status: str, detail: str, why_missed: str
) -> list[TermReport]:
    """One report per occurrence; the last occurrences of a target short in the output are missed."""
    short = Counter(missing)
    reports: list[TermReport] = []
    for term in reversed(terms):
        if short[term.target] > 0:
            short[term.target] -= 1
            reports.append(TermReport(term.source, term.target, MISSED, term.start, why_missed))
        else:
            reports.append(TermReport(term.source, term.target, status, term.start, detail))
    reports.reverse()
    return reports


def enforce_translate(
    backend: Translator,
    texts: Sequence[str],
    terms: Sequence[Sequence[UnitTerm]],
    options: DecodeOptions,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> tuple[list[str], list[list[TermReport]]]:
    """Translate `texts` so every pinned term in them comes out verbatim in the English.

    Texts without terms are translated in the same single batched pass as the first attempt
    for texts with terms. A term without a target (a pinned entry whose English was left
    empty) cannot be enforced: each of its occurrences is reported missed.

    Args:
        backend: the translation model; each text must fit `backend.max_input_tokens`.
        texts: source texts (units).
        terms: for each text, its pinned term occurrences (from `terms.match.pinned_terms`),
            offsets in that text.
        options: decoding options.
        on_batch: progress callback; called with batch sizes that add up to `len(texts)`.

    Returns:
        (translations, reports): one English string per text, and for each text one TermReport
        per pinned term occurrence, status "enforced", "retried", "spliced" or "missed".
    """
    matches = [[t for t in found if t.target] for found in terms]
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
            missing = verify(out, [m.target for m in matches[i]])
            if not missing:
                reports[i] = _reports(matches[i], [], ENFORCED, "injected", "")
            else:
                best[i] = (out, missing, ENFORCED, "injected")

    # Pass 2: the original source, decoding biased towards the targets (backends that cannot
    # bias would only repeat a plain translation: those texts go straight to splicing).
    retry = [i for i in first if matches[i] and not reports[i]]
    if retry and not backend.supports_prefer:
        for i in retry:
            to_splice[i] = (
                "model lost the injected term and the backend cannot bias decoding; "
                "translated around it"
            )
        retry = []
    if retry:
        prefer = [_unique([m.target for m in matches[i]]) for i in retry]
        retried = translate_sorted(backend, [texts[i] for i in retry], options, prefer=prefer)
        for i, out in zip(retry, retried, strict=True):
            missing = verify(out, [m.target for m in matches[i]])
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
    for i, occurrences in enumerate(terms):
        untargeted = [
            TermReport(t.source, "", MISSED, t.start, _NO_TARGET)
            for t in occurrences
            if not t.target
        ]
        if untargeted:
            reports[i] = sorted(reports[i] + untargeted, key=lambda r: r.start)
    return outputs, reports


_NO_TARGET = "pinned entry has no target: add the English to the glossary"


def _fit(piece: str, count_tokens: Callable[[str], int], limit: int) -> list[str] | None:
    """`piece` split into parts within `limit` tokens; None when even one character is too long."""
    from translate.text.segment import split_long

    try:
        return split_long(piece, count_tokens, limit)
    except ValueError:
        return None


def _splice(
    backend: Translator,
    texts: Sequence[str],
    matches: Sequence[Sequence[UnitTerm]],
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
        missing = verify(out, [m.target for m in matches[i]])
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
            missing = verify(out, [m.target for m in matches[i]])
            best[i] = (out, missing, ENFORCED, "plain translation contains the term")
    for i, why in failed.items():
        targets = [m.target for m in matches[i]]
        out, missing, status, detail = best.get(i, ("", targets, MISSED, ""))
        outputs[i] = out
        reports[i] = _reports(matches[i], missing, status, detail, why)
