"""From overlapping candidates to one glossary entry per name."""

from __future__ import annotations

from translate.glossary.entry import Entry
from translate.names.candidates import Candidate
from translate.names.scan import occurrences

ORIGIN = "extract"


def resolve(cands: list[Candidate], original: str) -> list[Entry]:
    """Resolve overlapping candidates, then keep the best evidence per source string.

    Longer spans win over spans inside them (中央政法委员会 over 中央政法委 at the same place),
    except that a weak jieba-only span loses to strong evidence inside it (同丹穗 vs 丹穗);
    crossing spans are decided by evidence rank. A name is reported when at least one of
    its occurrences survives. Entries come in order of first occurrence in ``original`` (the
    article as written; candidates' spans index it).
    """

    def strength(c: Candidate) -> tuple[int, int]:
        return (c.rank, -(c.end - c.start))

    def beats(cand: Candidate, other: Candidate) -> bool:  # other is at least as long as cand
        if other.start <= cand.start and cand.end <= other.end:
            return other.rank >= 5 and cand.rank <= 3
        return strength(cand) < strength(other)

    # The accepted spans never overlap (a candidate is accepted only by removing every span it
    # clashes with), so each character belongs to at most one: ``owner`` maps characters to
    # it, and a candidate's clashes are read off its own characters, not found by comparing it
    # with every accepted span (quadratic on a long article). ``accepted`` keeps acceptance
    # order, which decides ties below.
    accepted: dict[int, Candidate] = {}
    owner = [-1] * max(len(original), max((c.end for c in cands), default=0))
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), c.rank))
    for seq, cand in enumerate(ordered):
        clashes = set(owner[cand.start : cand.end])
        clashes.discard(-1)
        if all(beats(cand, accepted[k]) for k in clashes):
            for k in clashes:
                other = accepted.pop(k)
                owner[other.start : other.end] = [-1] * (other.end - other.start)
            owner[cand.start : cand.end] = [seq] * (cand.end - cand.start)
            accepted[seq] = cand
    best: dict[str, Candidate] = {}
    for cand in accepted.values():
        source = original[cand.start : cand.end]
        if source not in best or strength(cand) < strength(best[source]):
            best[source] = cand
    # The strongest evidence for a name may sit at an occurrence that lost an overlap.
    for cand in cands:
        source = original[cand.start : cand.end]
        chosen = best.get(source)
        if chosen is not None and cand.type == chosen.type and cand.rank < chosen.rank:
            best[source] = cand
    first = occurrences(original, best, first_only=True)
    return [
        Entry(source, c.target, c.type, c.status, c.note, ORIGIN)
        for source, c in sorted(best.items(), key=lambda item: first[item[0]][:1] or [-1])
    ]
