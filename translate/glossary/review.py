"""Review suggested and needs-review glossary entries one at a time, saving every decision at once.

``review(path, keys)`` walks the entries whose status is "suggested" or "review" in file order
and shows each (source, proposed English, type, status, note, and a line of the article it came
from); one key decides:

    a  accept: pin the entry (it needs English: press e first when it has none)
    e  edit the English (a prompt; the entry is shown again to accept, retype or skip)
    t  change the type (person, org, place, term; shown again afterwards)
    r  reject: remove the entry
    s  skip: leave it as it is
    q  quit

Every decision is written immediately through ``store.edit`` (file lock, atomic replace, comments
and untouched lines kept), so quitting or an interrupt at any point keeps every decision made so
far. The entry is re-read under the lock before each write: a concurrent edit is never
overwritten, and an entry changed or removed meanwhile is skipped with a message.

The terminal is behind ``Keys`` (one key, one line of text, output), so the loop is driven by
the CLI's real keyboard and by scripted keys in tests alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translate.glossary.entry import STATUS_LABELS, Entry
from translate.glossary.store import Glossary, edit

PENDING = ("suggested", "review")
HELP = "[a]ccept (pin)  [e]dit English  [t]ype  [r]eject (remove)  [s]kip  [q]uit"
TYPE_KEYS = {"p": "person", "o": "org", "l": "place", "m": "term"}


class Keys(Protocol):
    """The terminal the review talks to."""

    def key(self, prompt: str) -> str:
        """Show ``prompt`` and read one key (lower-cased; "" at end of input)."""
        ...

    def line(self, prompt: str, default: str) -> str:
        """Show ``prompt`` and read a line of text (``default`` when left empty)."""
        ...

    def say(self, text: str) -> None:
        """Show a line of output."""
        ...


@dataclass
class ReviewReport:
    """What one review session did (every item is already saved)."""

    pinned: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    retyped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    quit: bool = False
    left: int = 0  # pending entries not reached (after q)

    def summary(self) -> str:
        parts = [
            f"{len(self.pinned)} pinned",
            f"{len(self.edited)} edited",
            f"{len(self.retyped)} retyped",
            f"{len(self.removed)} removed",
            f"{len(self.skipped)} skipped",
        ]
        if self.left:
            parts.append(f"{self.left} not reviewed")
        return ", ".join(parts)


def pending(glossary: Glossary) -> list[Entry]:
    """The entries a review walks: status suggested or review, in file order."""
    return [e for e in glossary.entries if e.status in PENDING]


def describe(entry: Entry, context: str | None) -> list[str]:
    """The lines that show one entry for review."""
    lines = [
        f"{entry.source} → {entry.target or '(no English yet)'}",
        f"  type: {entry.type}   status: {STATUS_LABELS.get(entry.status, entry.status)}",
    ]
    if entry.note:
        lines.append(f"  note: {entry.note}")
    if context:
        lines.append(f"  context: {context}")
    elif context is not None:
        lines.append("  context: (not found in the article)")
    return lines


def review(
    path: Path,
    keys: Keys,
    *,
    context: Callable[[Entry], str | None] = lambda entry: None,
    sources: Iterable[str] | None = None,
) -> ReviewReport:
    """Review the pending entries of the glossary at ``path`` with ``keys``.

    Args:
        path: the glossary TSV (it must exist).
        keys: the terminal (see Keys).
        context: a line of article text around an entry's source, "" when the article does not
            contain it, None when there is no article to look in.
        sources: review only these sources (default: every pending entry).

    Returns:
        What was done; every decision is already written to ``path``.
    """
    todo = [e.source for e in pending(Glossary.load(path))]
    if sources is not None:
        wanted = set(sources)
        todo = [s for s in todo if s in wanted]
    report = ReviewReport()
    total = len(todo)
    for number, source in enumerate(todo, 1):
        current = Glossary.load(path).get(source, exact=True)
        if current is None or current.status not in PENDING:
            keys.say(f"({number}/{total}) {source}: changed meanwhile, skipped")
            continue
        keys.say("")
        keys.say(f"({number}/{total})")
        done = _decide(path, current, keys, context(current), report)
        if not done:
            report.quit = True
            report.left = total - number + 1
            break
    return report


def _decide(
    path: Path, entry: Entry, keys: Keys, context: str | None, report: ReviewReport
) -> bool:
    """Ask about one entry until a decision moves on; False when the user quits."""
    shown = True
    while True:
        if shown:
            for line in describe(entry, context):
                keys.say(line)
            shown = False
        key = keys.key(f"{HELP} ? ")
        if key in ("q", ""):  # end of input counts as quit
            return False
        if key == "s":
            report.skipped.append(entry.source)
            return True
        if key == "a":
            if not entry.target:
                keys.say("  no English yet: press e to enter it first")
                continue
            if _save(path, entry, dataclasses.replace(entry, status="pinned"), keys):
                report.pinned.append(entry.source)
                keys.say(f"  pinned {entry.source} → {entry.target}")
            return True
        if key == "r":
            if _save(path, entry, None, keys):
                report.removed.append(entry.source)
                keys.say(f"  removed {entry.source}")
            return True
        if key == "e":
            target = keys.line("  English", entry.target).strip()
            if "\t" in target or "\n" in target:
                keys.say("  English cannot contain tabs or line breaks")
                continue
            if target == entry.target:
                continue
            new = dataclasses.replace(entry, target=target)
            if not _save(path, entry, new, keys):
                return True
            report.edited.append(entry.source)
            entry, shown = new, True
            continue
        if key == "t":
            choice = keys.key("  type: [p]erson [o]rg p[l]ace ter[m] ? ")
            new_type = TYPE_KEYS.get(choice)
            if new_type is None or new_type == entry.type:
                continue
            new = dataclasses.replace(entry, type=new_type)
            if not _save(path, entry, new, keys):
                return True
            report.retyped.append(entry.source)
            entry, shown = new, True
            continue
        keys.say(f"  unknown key {key!r}: {HELP}")


def _save(path: Path, old: Entry, new: Entry | None, keys: Keys) -> bool:
    """Write one decision (``new`` None removes); False when the entry changed meanwhile."""
    with edit(path) as glossary:
        current = glossary.get(old.source, exact=True)
        if current != old:
            keys.say(f"  {old.source} changed in {path} meanwhile: left as it is now")
            return False
        if new is None:
            glossary.remove(old.source)
        else:
            glossary.set(new)
    return True


# -- context ---------------------------------------------------------------------------------


def context_line(source: str, texts: Sequence[str], width: int = 20) -> str:
    """The first line of ``texts`` that contains ``source`` (either script), around it:
    ``…left[source]right…``; "" when none does."""
    from translate.text.script import to_simplified

    wanted = to_simplified(source)
    for text in texts:
        for line in text.split("\n"):
            simple = to_simplified(line)
            at = simple.find(wanted) if len(simple) == len(line) else line.find(source)
            if at < 0:
                continue
            end = at + len(source)
            left, right = line[max(0, at - width) : at], line[end : end + width]
            dots = ("…" if at > width else "", "…" if end + width < len(line) else "")
            return f"{dots[0]}{left}[{line[at:end]}]{right}{dots[1]}".strip()
    return ""


def origin_article(entry: Entry, folders: Sequence[Path]) -> Path | None:
    """The article an extracted entry came from (origin ``extract:<file name>``), looked up in
    ``folders`` (the glossary's folder, then the current one); None when not found."""
    if not entry.origin.startswith("extract:"):
        return None
    name = entry.origin.split(":", 1)[1].strip()
    for folder in folders:
        if name and (folder / name).is_file():
            return folder / name
    return None
