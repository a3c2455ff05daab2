"""From overlapping candidates to one glossary entry per name."""

from __future__ import annotations

from translate.glossary.entry import Entry
from translate.names.candidates import Candidate

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

    accepted: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank)):
        clashes = [o for o in accepted if o.start < cand.end and cand.start < o.end]
        if all(beats(cand, o) for o in clashes):
            accepted = [o for o in accepted if o not in clashes]
            accepted.append(cand)
    best: dict[str, Candidate] = {}
    for cand in accepted:
        source = original[cand.start : cand.end]
        if source not in best or strength(cand) < strength(best[source]):
            best[source] = cand
    # The strongest evidence for a name may sit at an occurrence that lost an overlap.
    for cand in cands:
        source = original[cand.start : cand.end]
        chosen = best.get(source)
        if chosen is not None and cand.type == chosen.type and cand.rank < chosen.rank:
            best[source] = cand
    return [
        Entry(source, c.target, c.type, c.status, c.note, ORIGIN)
        for source, c in sorted(best.items(), key=lambda item: original.find(item[0]))
    ]
