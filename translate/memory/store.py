"""The translation memory: an SQLite file of finished unit translations.

A machine translation is keyed by what made it — model, revision, decoding settings — and by
what it translates: the normalised unit text and the pinned terms (source and target) in it, so
editing one pinned entry invalidates exactly the units that contain that term. Results are
stored after enforcement. Human translations (imported from TMX) are keyed by the normalised
source sentence alone and win over machine ones.

The schema version lives in the database (`PRAGMA user_version`); `MIGRATIONS` are applied in
order. WAL mode and a busy timeout let several processes read and write one file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.document import TermReport, UnitTerm
from translate.errors import MemoryStoreError

MACHINE = "machine"
HUMAN = "human"


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE units (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            revision TEXT NOT NULL,
            decoding TEXT NOT NULL,
            source TEXT NOT NULL,
            terms TEXT NOT NULL,
            target TEXT NOT NULL,
            reports TEXT NOT NULL,
            created REAL NOT NULL
        )"""
    )
    db.execute("CREATE INDEX units_source ON units (source)")
    db.execute(
        """CREATE TABLE human (
            source TEXT PRIMARY KEY,
            target TEXT NOT NULL,
            origin TEXT NOT NULL,
            created REAL NOT NULL
        )"""
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1,)


def normalise(text: str) -> str:
    """The form a unit is stored under: NFC, whitespace runs as one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class Signature:
    """What made a machine translation: part of every key."""

    model: str
    revision: str
    decoding: str  # canonical JSON of the decoding options

    @classmethod
    def of(cls, model: str, revision: str | None, decoding: dict[str, Any]) -> Signature:
        return cls(model, revision or "", json.dumps(decoding, sort_keys=True))


@dataclass(frozen=True)
class Hit:
    """A stored translation: its English, term reports (offsets in the unit) and origin."""

    target: str
    reports: tuple[TermReport, ...]
    origin: str


def unit_key(signature: Signature, text: str, terms: Sequence[UnitTerm]) -> str:
    """The key of a machine translation of `text` with its pinned terms."""
    payload = json.dumps(
        [
            signature.model,
            signature.revision,
            signature.decoding,
            normalise(text),
            [(t.source, t.target, t.start, t.end) for t in terms],
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _while_locked(step: Callable[[], object], patience: float = 60.0) -> None:
    """Run ``step``, again while SQLite says the database is locked: two processes opening a
    new memory file at once race to switch it to WAL, and the loser gets "database is locked"
    at once, without the busy timeout (seen with two batch jobs started together)."""
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class TranslationMemory:
    """An open translation memory file; use as a context manager or call close()."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 60000")
            _while_locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
            _while_locked(self._migrate)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise MemoryStoreError(
                f"{self.path}: not a usable translation memory ({exc})"
            ) from None

    def _migrate(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise MemoryStoreError(
                    f"{self.path}: written by a newer translate (schema {version}); upgrade"
                )
            for number, migrate in enumerate(MIGRATIONS[version:], start=version + 1):
                migrate(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- machine translations -----------------------------------------------------------------

    def lookup(self, keys: Sequence[str]) -> dict[str, Hit]:
        """The stored machine translations among `keys`."""
        found: dict[str, Hit] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key, target, reports FROM units WHERE key IN ({marks})", chunk
            )
            for key, target, reports in rows:
                found[key] = Hit(target, _reports(reports), MACHINE)
        return found

    def human(self, sources: Iterable[str]) -> dict[str, str]:
        """Human translations of these source texts (normalised), by normalised source."""
        wanted = list(dict.fromkeys(normalise(s) for s in sources))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for source, target in self.db.execute(
                f"SELECT source, target FROM human WHERE source IN ({marks})", chunk
            ):
                found[source] = target
        return found

    def store(
        self,
        signature: Signature,
        rows: Iterable[tuple[str, str, Sequence[UnitTerm], str, Sequence[TermReport]]],
    ) -> int:
        """Store machine translations: (key, text, terms, target, reports) rows, in one
        transaction. Returns how many rows were written."""
        now = time.time()
        values = [
            (
                key,
                signature.model,
                signature.revision,
                signature.decoding,
                normalise(text),
                json.dumps([(t.source, t.target) for t in terms], ensure_ascii=False),
                target,
                json.dumps([r.to_json() for r in reports], ensure_ascii=False),
                now,
            )
            for key, text, terms, target, reports in rows
        ]
        if values:
            with self._transaction():
                self.db.executemany(
                    "INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values
                )
        return len(values)

    def add_human(self, pairs: Iterable[tuple[str, str]], origin: str) -> int:
        """Add human translations (source, target); they win over machine ones. Returns count."""
        now = time.time()
        values = [
            (normalise(s), t.strip(), origin, now) for s, t in pairs if s.strip() and t.strip()
        ]
        if values:
            with self._transaction():
                self.db.executemany("INSERT OR REPLACE INTO human VALUES (?, ?, ?, ?)", values)
        return len(values)

    def entries(self) -> Iterator[tuple[str, str, str]]:
        """Every (source, target, origin): human translations, then machine ones not
        overridden (the newest per source)."""
        yield from self.db.execute("SELECT source, target, 'human' FROM human ORDER BY source")
        yield from self.db.execute(
            """SELECT source, target, 'machine' FROM units AS u
               WHERE source NOT IN (SELECT source FROM human)
               AND created = (SELECT MAX(created) FROM units WHERE source = u.source)
               GROUP BY source ORDER BY source"""
        )

    def stats(self) -> dict[str, Any]:
        """Counts for `translate tm stats`."""
        units = self.db.execute("SELECT COUNT(*), COUNT(DISTINCT source) FROM units").fetchone()
        models = self.db.execute(
            "SELECT model, revision, COUNT(*) FROM units GROUP BY model, revision ORDER BY 3 DESC"
        ).fetchall()
        human = self.db.execute("SELECT COUNT(*) FROM human").fetchone()[0]
        return {
            "path": str(self.path),
            "schema": self.schema_version,
            "machine_units": units[0],
            "distinct_sources": units[1],
            "human_units": human,
            "models": [{"model": m, "revision": r, "units": n} for m, r, n in models],
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
        }

    def clear(self, *, human: bool = False) -> int:
        """Delete machine translations (and human ones with `human`); returns rows deleted."""
        with self._transaction():
            deleted = self.db.execute("DELETE FROM units").rowcount
            if human:
                deleted += self.db.execute("DELETE FROM human").rowcount
        self.db.execute("VACUUM")
        return deleted

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): one writer at a time across processes."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *exc: object) -> None:
        self.db.execute("ROLLBACK" if kind is not None else "COMMIT")


def _reports(data: str) -> tuple[TermReport, ...]:
    return tuple(
        TermReport(r["source"], r["target"], r["status"], r["start"], r.get("detail", ""))
        for r in json.loads(data)
    )


def default_path() -> Path:
    """Where the translation memory lives unless --tm says otherwise."""
    from translate.paths import user_dir

    return user_dir() / "memory.sqlite"
