"""A glossary entry: the one record every glossary module shares."""

from __future__ import annotations

from dataclasses import dataclass

TYPES = ("person", "org", "place", "term")
STATUSES = ("pinned", "suggested", "review")  # "review": needs review (e.g. a foreign name)
COLUMNS = ("source", "target", "type", "status", "note", "origin")
STATUS_LABELS = {"pinned": "pinned", "suggested": "suggested", "review": "needs review"}


@dataclass
class Entry:
    """One glossary line: a Chinese source term and its English rendering."""

    source: str
    target: str
    type: str = "term"
    status: str = "suggested"
    note: str = ""
    origin: str = ""

    @property
    def pinned(self) -> bool:
        return self.status == "pinned"

    def row(self) -> list[str]:
        return [self.source, self.target, self.type, self.status, self.note, self.origin]
