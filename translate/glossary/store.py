"""The glossary file: a plain UTF-8 TSV that survives hand edits, spreadsheets and CLI edits.

Format (one entry per line, tab-separated, header first)::

    # comments and blank lines are kept exactly where they are
    source	target	type	status	note	origin
    陈文清	Chen Wenqing	person	pinned		extract:article.txt

* The header names the columns; any order and any subset that includes `source` and `target` is
  accepted (a spreadsheet may reorder or drop columns). Without a header the order is `COLUMNS`.
* Missing or empty cells take defaults (type `term`, status `suggested`); values are stripped.
* A cell may be quoted the way spreadsheets quote (`"a ""quoted"" word"`); values that would be
  misread (leading `"` or `#`) are written quoted. Tabs and newlines cannot occur in a value.
* UTF-8 with or without BOM (UTF-16 with BOM is accepted too, as Excel's "Unicode Text" writes it);
  LF or CRLF. The file's encoding, BOM and newline style are kept when it is written back.
* Editing rewrites only the lines that changed; new entries are appended at the end. A file with a
  malformed line is never rewritten: loading raises `GlossaryError("path:line: reason")`.
* Control characters (other than tab) are malformed; a file in which no line has tab-separated
  columns is not a glossary (an article, a binary named by mistake) and is refused whole.
* A glossary that is a symbolic link is edited in its target (locked there); the link stays.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.atomic import read_file_bytes
from translate.errors import GlossaryError
from translate.glossary.entry import COLUMNS, STATUSES, TYPES, Entry
from translate.text.controls import first_control, visible

HEADER = "\t".join(COLUMNS)
_QUOTED = re.compile(r'^"((?:[^"]|"")*)"$')
_STATUS_ALIASES = {"needs review": "review", "needs-review": "review", "needs_review": "review"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


@dataclass
class Problem:
    """One finding of `glossary check`: where, how bad, and what."""

    severity: str  # "error" | "warning" | "note"
    message: str
    path: Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.path else "<glossary>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class _Line:
    text: str  # without the line ending
    eol: str  # "\n", "\r\n" or "" (last line without a newline)
    entry: Entry | None = None  # parsed entry; None for comments, blank lines and the header


def _unquote(cell: str) -> str:
    cell = cell.strip()
    match = _QUOTED.match(cell)
    return match.group(1).replace('""', '"') if match else cell


def _quote(value: str) -> str:
    if value.startswith(('"', "#")) or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def _collapse(value: str) -> str:
    """Turn tabs and newlines (which the format cannot hold) into single spaces."""
    return " ".join(value.split()) if any(ch in value for ch in "\t\r\n") else value.strip()


def validate(entry: Entry) -> Entry:
    """Check an entry before it goes into a glossary; return a cleaned copy.

    Args:
        entry: the entry to check.

    Returns:
        A copy with stripped values; whitespace runs in note/origin collapsed to one space.

    Raises:
        GlossaryError: empty source, tab or newline in source/target, unknown type or status,
            a pinned entry without a target.
    """
    source, target = entry.source.strip(), entry.target.strip()
    if not source:
        raise GlossaryError("glossary entry has an empty source term")
    for name, value in (("source", source), ("target", target)):
        if any(ch in value for ch in "\t\r\n"):
            raise GlossaryError(f"{visible(source)}: {name} contains a tab or newline")
    note, origin = _collapse(entry.note), _collapse(entry.origin)
    fields = (("source", source), ("target", target), ("note", note), ("origin", origin))
    for name, value in fields:
        control = first_control(value)
        if control is not None:
            raise GlossaryError(
                f"{visible(source)}: {name} contains a control character "
                f"(U+{ord(control):04X}), which a glossary cannot hold"
            )
    etype = (entry.type or "term").strip().lower()
    status = (entry.status or "suggested").strip().lower()
    status = _STATUS_ALIASES.get(status, status)
    if etype not in TYPES:
        raise GlossaryError(f"{source}: unknown type {entry.type!r} (expected {', '.join(TYPES)})")
    if status not in STATUSES:
        raise GlossaryError(
            f"{source}: unknown status {entry.status!r} (expected {', '.join(STATUSES)})"
        )
    if status == "pinned" and not target:
        raise GlossaryError(f"{source}: cannot pin an entry without a target")
    return Entry(source, target, etype, status, note, origin)


class Glossary:
    """An ordered set of entries, keyed by source, that remembers the file it came from."""

    def __init__(self, entries: Iterable[Entry] = (), *, path: Path | None = None) -> None:
        """Make an in-memory glossary (later duplicates of a source replace earlier ones).

        Args:
            entries: initial entries, validated.
            path: the file this glossary belongs to, if any (used in messages).
        """
        self.path = Path(path) if path is not None else None
        self._lines: list[_Line] = []
        self._columns: tuple[str, ...] = COLUMNS
        self._encoding = "utf-8"
        self._bom = b""
        self._newline = "\n"
        self._index: dict[str, _Line] = {}
        self._simplified: dict[str, str] | None = None
        self._locations: dict[str, tuple[Path | None, int]] = {}
        self._duplicates: list[Problem] = []
        # (entry, its line, the later entry for the same source, its line): the later one is used
        self._redefined: list[tuple[Entry, int, Entry, int]] = []
        self.dirty = False
        self._lines.append(_Line(HEADER, "\n"))
        for entry in entries:
            self.set(entry)
        self.dirty = False

    # ----------------------------------------------------------------- reading

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """Read a glossary file.

        Args:
            path: the TSV file.

        Returns:
            The glossary, remembering comments, blank lines, order, encoding and newline style.

        Raises:
            GlossaryError: missing or undecodable file, or a malformed line (`path:line: reason`).
        """
        glossary, problems = cls._parse_file(Path(path))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            more = f" (and {len(errors) - 1} more; see `translate glossary check`)"
            raise GlossaryError(
                f"{errors[0].path}:{errors[0].line}: {errors[0].message}"
                + (more if len(errors) > 1 else "")
            )
        return glossary

    @classmethod
    def _parse_file(cls, path: Path) -> tuple[Glossary, list[Problem]]:
        data = read_file_bytes(path, GlossaryError, what="glossary file")
        return cls._parse_bytes(data, path)

    @classmethod
    def _parse_bytes(cls, data: bytes, path: Path | None) -> tuple[Glossary, list[Problem]]:
        encoding, bom = "utf-8", b""
        for mark, name in _BOMS:
            if data.startswith(mark):
                encoding, bom = name, mark
                break
        try:
            text = data[len(bom) :].decode(encoding)
        except UnicodeDecodeError as exc:
            bad_line = data[: exc.start].count(b"\n") + 1
            raise GlossaryError(
                f"{path}:{bad_line}: not valid UTF-8 (byte {exc.start}); save the glossary as UTF-8"
            ) from None
        if "\x00" in text:
            raise GlossaryError(f"{path}: binary file, not a glossary")
        glossary = cls(path=path)
        glossary._lines = []
        glossary._encoding, glossary._bom = encoding, bom
        problems: list[Problem] = []
        raw_lines = text.split("\n")
        header_seen = False
        first_eol = None
        columns_seen = False  # a header, or an entry line with a tab
        first_entry_line = 0
        for number, raw in enumerate(raw_lines, start=1):
            if number == len(raw_lines):
                if raw == "":
                    break
                body, eol = raw, ""
            elif raw.endswith("\r"):
                body, eol = raw[:-1], "\r\n"
            else:
                body, eol = raw, "\n"
            if first_eol is None and eol:
                first_eol = eol
            line = _Line(body, eol)
            glossary._lines.append(line)
            stripped = body.strip()
            if not stripped or stripped.startswith("#"):
                continue
            cells = body.split("\t")
            columns_seen = columns_seen or len(cells) > 1
            first_entry_line = first_entry_line or number
            control = first_control(body)
            if control is not None:
                message = f"control character U+{ord(control):04X} in the line (not allowed)"
                problems.append(Problem("error", message, path, number))
                continue
            lowered = [c.strip().lower() for c in cells]
            if "source" in lowered and "target" in lowered:
                if header_seen:
                    message = "a second header line (were two files pasted together?)"
                    problems.append(Problem("error", message, path, number))
                else:
                    problem = glossary._set_columns(lowered)
                    if problem:
                        problems.append(Problem("error", problem, path, number))
                header_seen = True
                continue
            header_seen = True
            try:
                entry = glossary._parse_cells(cells)
            except GlossaryError as exc:
                problems.append(Problem("error", str(exc), path, number))
                continue
            line.entry = entry
            previous = glossary._index.get(entry.source)
            if previous is not None and previous.entry is not None:
                first = glossary._locations[entry.source][1]
                glossary._redefined.append((previous.entry, first, entry, number))
                if previous.entry.target == entry.target:
                    glossary._duplicates.append(
                        Problem(
                            "warning", f"{entry.source}: duplicate of line {first}", path, number
                        )
                    )
                else:
                    glossary._duplicates.append(
                        Problem(
                            "error",
                            f"{entry.source}: defined again with a different target "
                            f"({previous.entry.target!r} on line {first}, {entry.target!r} here); "
                            "the last one wins",
                            path,
                            number,
                        )
                    )
            glossary._index[entry.source] = line
            glossary._locations[entry.source] = (path, number)
        if first_entry_line and not columns_seen:
            # An article, a list of words: nothing here is a glossary entry with a target.
            start = visible(raw_lines[first_entry_line - 1].strip()[:20])
            raise GlossaryError(
                f"{path}: not a glossary: no line has tab-separated columns (line "
                f"{first_entry_line}: '{start}...'); is it an article?"
            )
        glossary._newline = first_eol or "\n"
        return glossary, problems

    def _set_columns(self, names: list[str]) -> str | None:
        unknown = [n for n in names if n not in COLUMNS]
        if unknown:
            return f"unknown column {unknown[0]!r} in header (expected {', '.join(COLUMNS)})"
        dupes = [n for n in names if names.count(n) > 1]
        if dupes:
            return f"column {dupes[0]!r} appears twice in header"
        self._columns = tuple(names)
        return None

    def _parse_cells(self, cells: list[str]) -> Entry:
        if len(cells) > len(self._columns):
            raise GlossaryError(
                f"{len(cells)} fields, expected at most {len(self._columns)} "
                f"({', '.join(self._columns)}); is there a tab inside a note?"
            )
        values = dict(zip(self._columns, (_unquote(c) for c in cells), strict=False))
        if not values.get("source"):
            raise GlossaryError("empty source term")
        source_cell = cells[self._columns.index("source")].strip()
        if (
            not values.get("target")
            and re.search(r"\s", source_cell)
            and not _QUOTED.match(source_cell)
        ):
            raise GlossaryError(
                f"no target, and the source {source_cell[:40]!r} contains spaces: columns "
                "must be separated by tabs (did an editor turn tabs into spaces?)"
            )
        etype = values.get("type", "").lower() or "term"
        status = values.get("status", "").lower() or "suggested"
        status = _STATUS_ALIASES.get(status, status)
        if etype not in TYPES:
            raise GlossaryError(f"unknown type {values['type']!r} (expected {', '.join(TYPES)})")
        if status not in STATUSES:
            raise GlossaryError(
                f"unknown status {values['status']!r} (expected {', '.join(STATUSES)})"
            )
        return Entry(
            values["source"],
            values.get("target", ""),
            etype,
            status,
            values.get("note", ""),
            values.get("origin", ""),
        )

    # ----------------------------------------------------------------- writing

    def _format(self, entry: Entry) -> str:
        values = dict(zip(COLUMNS, entry.row(), strict=True))
        cells = {c: _quote(values[c]) for c in self._columns}
        if not entry.target and re.search(r"\s", entry.source) and cells["source"][:1] != '"':
            # Quoted, so that it is not read back as a line whose tabs became spaces.
            cells["source"] = '"' + entry.source.replace('"', '""') + '"'
        return "\t".join(cells[c] for c in self._columns)

    def dumps(self) -> bytes:
        """Return the file's bytes: untouched lines exactly as read, changed lines rewritten.

        Returns:
            The encoded file content (keeping the BOM and encoding it was read with).
        """
        text = "".join(line.text + line.eol for line in self._lines)
        return self._bom + text.encode(self._encoding)

    def save(self, path: Path | None = None) -> None:
        """Write the glossary atomically (a reader never sees half a file).

        A symbolic link (a team file shared by link) stays a link: its target gets the content.

        Args:
            path: where to write; defaults to the file it was loaded from.
        """
        from translate.atomic import write_bytes_atomic

        target = Path(path) if path is not None else self.path
        if target is None:
            raise GlossaryError("glossary has no file to save to")
        write_bytes_atomic(real_path(target), self.dumps())
        self.dirty = False

    # ----------------------------------------------------------------- access

    @property
    def entries(self) -> list[Entry]:
        """All entries in file order (copies: edit through add/set/remove)."""
        return [
            dataclasses.replace(line.entry)
            for line in self._lines
            if line.entry is not None and self._index.get(line.entry.source) is line
        ]

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, source: object) -> bool:
        return isinstance(source, str) and self.get(source) is not None

    def get(self, source: str, *, exact: bool = False) -> Entry | None:
        """Find an entry by its source, or by the simplified form of a traditional variant.

        Args:
            source: the Chinese term, in simplified or traditional script.
            exact: only an entry with exactly this source counts (no script variants).

        Returns:
            A copy of the exact entry if present, else an entry whose simplified form matches.
        """
        source = source.strip()
        line = self._index.get(source)
        if line is None and not exact:
            key = self._simplified_index().get(_simplify(source))
            line = self._index.get(key) if key is not None else None
        return dataclasses.replace(line.entry) if line is not None and line.entry else None

    def location(self, source: str) -> tuple[Path | None, int] | None:
        """Return (file, line number) where the entry for `source` was read, if it was."""
        return self._locations.get(source)

    def pinned(self) -> list[Entry]:
        """Return the pinned entries that have a target (translation must obey them), in order.

        A hand-edited file may pin an entry without a target; `check` reports it as an error and
        it is left out here, since there is nothing to enforce.
        """
        return [e for e in self.entries if e.pinned and e.target]

    def _simplified_index(self) -> dict[str, str]:
        if self._simplified is None:
            index: dict[str, str] = {}
            for source in self._index:
                key = _simplify(source)
                # prefer the entry that is already written in simplified script
                if key not in index or source == key:
                    index[key] = source
            self._simplified = index
        return self._simplified

    # ----------------------------------------------------------------- editing

    def add(self, entry: Entry) -> Entry:
        """Add a new entry at the end.

        Args:
            entry: the entry; its source must not be in the glossary yet (exact match).

        Returns:
            The stored (validated) entry.

        Raises:
            GlossaryError: the source is already present, or the entry is invalid.
        """
        entry = validate(entry)
        if entry.source in self._index:
            old = self._index[entry.source].entry
            assert old is not None
            raise GlossaryError(
                f"{entry.source} is already in {self.path or 'the glossary'} as {old.target!r} "
                f"({old.status}); use `translate glossary set` to replace it"
            )
        self._append(entry)
        return dataclasses.replace(entry)

    def set(self, entry: Entry) -> Entry | None:
        """Add an entry, or replace the one with the same source in place.

        Args:
            entry: the new entry.

        Returns:
            The entry it replaced, or None when it was added.
        """
        return self._put(validate(entry))

    def _put(self, entry: Entry) -> Entry | None:
        line = self._index.get(entry.source)
        if line is None:
            self._append(entry)
            return None
        old = line.entry
        assert old is not None
        if old != entry:
            line.entry = entry
            line.text = self._format(entry)
            self.dirty = True
        return dataclasses.replace(old)

    def remove(self, source: str) -> Entry:
        """Remove the entry for `source` (every line that defines it).

        Returns:
            The removed entry.

        Raises:
            GlossaryError: no entry has this source.
        """
        source = source.strip()
        line = self._index.pop(source, None)
        if line is None or line.entry is None:
            raise GlossaryError(f"{source} is not in {self.path or 'the glossary'}")
        removed = line.entry
        self._lines = [ln for ln in self._lines if ln.entry is None or ln.entry.source != source]
        self._locations.pop(source, None)
        self._simplified = None
        self.dirty = True
        return dataclasses.replace(removed)

    def _append(self, entry: Entry) -> None:
        if self._lines and self._lines[-1].eol == "":
            if self._lines[-1].text == "":
                self._lines.pop()
            else:
                self._lines[-1].eol = self._newline
        if not any(ln.entry is not None or _is_header(ln.text) for ln in self._lines):
            self._lines.append(_Line("\t".join(self._columns), self._newline))
        line = _Line(self._format(entry), self._newline, entry)
        self._lines.append(line)
        self._index[entry.source] = line
        self._simplified = None
        self.dirty = True

    # ----------------------------------------------------------------- checking

    def find_problems(self) -> list[Problem]:
        """Look for entries that are valid but probably wrong (for `translate glossary check`).

        Returns:
            Problems: pinned entries without a target (error); empty targets, single-character
            pinned terms, script variants with different targets, sources without Chinese
            (warnings); terms nested inside longer terms (notes).
        """
        problems: list[Problem] = list(self._duplicates)
        entries = self.entries

        def at(entry: Entry) -> tuple[Path | None, int | None]:
            loc = self._locations.get(entry.source)
            return (loc[0], loc[1]) if loc else (self.path, None)

        for entry in entries:
            path, line = at(entry)
            if not entry.target:
                severity = "error" if entry.pinned else "warning"
                problems.append(Problem(severity, f"{entry.source}: empty target", path, line))
            if not _has_hanzi(entry.source):
                problems.append(
                    Problem(
                        "warning",
                        f"{entry.source}: source has no Chinese characters "
                        "(are the columns swapped?)",
                        path,
                        line,
                    )
                )
            if entry.pinned and len(entry.source) == 1:
                problems.append(
                    Problem(
                        "warning",
                        f"{entry.source}: pinned single-character term also "
                        "matches inside other words",
                        path,
                        line,
                    )
                )
        by_simplified: dict[str, Entry] = {}
        for entry in entries:
            key = _simplify(entry.source)
            other = by_simplified.get(key)
            if other is not None and other.target != entry.target:
                path, line = at(entry)
                problems.append(
                    Problem(
                        "warning",
                        f"{entry.source} ({entry.target!r}) and {other.source} "
                        f"({other.target!r}) are script variants with different targets",
                        path,
                        line,
                    )
                )
            by_simplified.setdefault(key, entry)
        sources = {e.source for e in entries}
        for entry in entries:
            text = entry.source
            inner: set[str] = set()
            for i in range(len(text)):
                for j in range(i + 1, min(len(text), i + 40) + 1):
                    sub = text[i:j]
                    if sub != text and sub in sources and len(sub) > 1:
                        inner.add(sub)
            for sub in sorted(inner):
                path, line = at(entry)
                problems.append(
                    Problem(
                        "note",
                        f"{sub} occurs inside {text}; the longer term wins where both match",
                        path,
                        line,
                    )
                )
        return problems


def _is_header(text: str) -> bool:
    cells = [c.strip().lower() for c in text.split("\t")]
    return "source" in cells and "target" in cells


def _has_hanzi(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003ffff" for ch in text)


def _simplify(text: str) -> str:
    if not _has_hanzi(text):
        return text
    from translate.text.script import to_simplified

    return to_simplified(text)


def check_file(path: Path) -> tuple[Glossary | None, list[Problem]]:
    """Read a glossary for `glossary check`: every malformed line is reported, not just the first.

    Args:
        path: the TSV file.

    Returns:
        The glossary (None if the file cannot be read at all) and all problems found.
    """
    try:
        glossary, problems = Glossary._parse_file(Path(path))
    except GlossaryError as exc:
        return None, [Problem("error", str(exc).split(": ", 1)[-1], Path(path), None)]
    return glossary, problems + glossary.find_problems()


def load_glossaries(
    paths: Sequence[Path], *, warn: Callable[[Problem], None] | None = None
) -> Glossary:
    """Merge glossary files into one in-memory glossary; later files win per source, in either
    script (a later file's 陳文清 replaces an earlier file's 陈文清).

    Within one file, a source defined on two lines, or two script variants of it that disagree,
    is resolved in favour of the later line, and `warn` is told which line is used (identical
    repeats are not worth a word).

    Args:
        paths: TSV files, in increasing priority.
        warn: called with a warning for each such choice (`path:line` of the line used).

    Returns:
        A glossary with no file of its own; `location(source)` tells where each entry came from.
    """
    merged = Glossary()
    variants: dict[str, list[str]] = {}  # simplified form -> the sources merged under it
    for path in paths:
        glossary = Glossary.load(Path(path))
        for old, old_line, new, new_line in glossary._redefined:
            if warn is not None and _steering(old) != _steering(new):
                warn(
                    Problem(
                        "warning",
                        f"{new.source} is defined twice ({_brief(old)} on line {old_line}, "
                        f"{_brief(new)} on line {new_line}); using line {new_line}",
                        glossary.path,
                        new_line,
                    )
                )
        for entry in glossary.entries:
            where = glossary._locations[entry.source]
            key = _simplify(entry.source)
            for other in list(variants.get(key, ())):
                if other == entry.source:
                    continue
                old_where = merged._locations[other]
                old_entry = merged.get(other, exact=True)
                assert old_entry is not None
                if old_where[0] == where[0]:  # script variants in one file
                    if _steering(old_entry) == _steering(entry):
                        continue
                    if warn is not None:
                        warn(
                            Problem(
                                "warning",
                                f"{entry.source} ({_brief(entry)}) and {other} "
                                f"({_brief(old_entry)}, line {old_where[1]}) are script "
                                f"variants of one term; using line {where[1]}",
                                glossary.path,
                                where[1],
                            )
                        )
                merged.remove(other)
                variants[key].remove(other)
            merged._put(entry)  # already parsed; a file's oddities are check's business
            merged._locations[entry.source] = where
            if entry.source not in variants.setdefault(key, []):
                variants[key].append(entry.source)
    merged.dirty = False
    return merged


def _steering(entry: Entry) -> tuple[str, str, str]:
    """What steers translation (note and origin do not)."""
    return entry.target, entry.type, entry.status


def _brief(entry: Entry) -> str:
    return f"{entry.target!r}, {entry.type}, {entry.status}"


@contextlib.contextmanager
def edit(path: Path) -> Iterator[Glossary]:
    """Lock, load (or start) a glossary file, yield it, and save it atomically if it changed.

    The file is read after the lock is taken, so concurrent edits never lose each other's entries.
    A missing file is created (with a header) if anything was added. A malformed file raises
    GlossaryError before anything is written, so a hand edit is never lost.

    Args:
        path: the TSV file.

    Yields:
        The glossary to modify with add/set/remove.
    """
    from translate.atomic import locked

    path = Path(path)
    real = real_path(path)  # a link is edited in its target, and the lock is taken there
    with locked(real):
        glossary = Glossary.load(path) if real.exists() else Glossary(path=path)
        yield glossary
        if glossary.dirty:
            glossary.save(real)


def real_path(path: Path) -> Path:
    """The file a glossary path stands for: a symbolic link's final target, else the path itself.

    Raises:
        GlossaryError: the link is part of a loop.
    """
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop
        raise GlossaryError(f"{path}: symbolic link loop, not a glossary file") from None


def glossary_hash(entries: Iterable[Entry]) -> str:
    """A short, order-independent fingerprint of the entries that steer translation.

    Args:
        entries: the entries used (source, target, type and status count; note and origin do not).

    Returns:
        The first 16 hex digits of a SHA-256 over the sorted rows.
    """
    rows = sorted("\t".join((e.source, e.target, e.type, e.status)) for e in entries)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()[:16]
