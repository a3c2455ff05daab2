"""`translate glossary ...` commands: thin wrappers over translate.glossary.store/interchange."""

from __future__ import annotations

import os
import unicodedata
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from translate.cli.common import cli_errors, fail
from translate.errors import GlossaryError
from translate.text.controls import visible

if TYPE_CHECKING:
    from translate.glossary.entry import Entry
    from translate.glossary.store import Glossary

app = typer.Typer(
    help="Extract, edit, check, import and export glossaries of names.",
    no_args_is_help=True,
)

ENV = "TRANSLATE_GLOSSARY"
DEFAULT = Path("glossary.tsv")
_G_HELP = f"Glossary TSV file (default: ${ENV}, else glossary.tsv)."
_GS_HELP = f"Glossary TSV file; repeatable, later files win (default: ${ENV}, else glossary.tsv)."


class EntryType(str, Enum):
    person = "person"
    org = "org"
    place = "place"
    term = "term"


class Status(str, Enum):
    pinned = "pinned"
    suggested = "suggested"
    review = "review"


class Format(str, Enum):
    tsv = "tsv"
    deepl_tsv = "deepl-tsv"
    deepl_csv = "deepl-csv"
    amazon = "amazon"
    google = "google"
    tbx = "tbx"


def _glossary_option() -> Path:
    return typer.Option(DEFAULT, "--glossary", "-g", envvar=ENV, help=_G_HELP)  # type: ignore[no-any-return]


def _glossaries_option() -> list[Path]:
    return typer.Option(None, "--glossary", "-g", help=_GS_HELP)  # type: ignore[no-any-return]


def _edit_path(path: Path) -> Path:
    """The one file an edit command changes (refuse a $TRANSLATE_GLOSSARY list)."""
    if os.pathsep in str(path) and not path.exists():
        raise GlossaryError(
            f"{ENV} names several files ({path}); pass -g FILE to choose the one to edit"
        )
    return path


def _read_paths(paths: list[Path] | None) -> list[Path]:
    """Glossaries to read: the -g options, else $TRANSLATE_GLOSSARY (a path list), else default."""
    if paths:
        return paths
    env = os.environ.get(ENV, "").strip()
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    return [DEFAULT]


def _load(paths: list[Path]) -> Glossary:
    from translate.glossary.store import Glossary, load_glossaries

    for path in paths:
        if not path.exists():
            raise GlossaryError(
                f"{path}: glossary file not found (create it with `translate glossary add` "
                "or `translate glossary extract`)"
            )
    return Glossary.load(paths[0]) if len(paths) == 1 else load_glossaries(paths)


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _table(rows: list[list[str]]) -> list[str]:
    """Align columns for a terminal (CJK characters are two columns wide); last column free."""
    if not rows:
        return []
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    ]


def _say(text: str, *, err: bool = False) -> None:
    """Echo text that may come from an article or a file: control characters shown, not sent."""
    typer.echo(visible(text), err=err)


def _describe(entry: Entry) -> str:
    from translate.glossary.entry import STATUS_LABELS

    target = entry.target or "(no target)"
    return f"{entry.source} → {target} ({entry.type}, {STATUS_LABELS[entry.status]})"


def _resolve(glossary: Glossary, source: str) -> Entry:
    entry = glossary.get(source)
    if entry is None:
        raise GlossaryError(f"{source}: not in {glossary.path}")
    return entry


# --------------------------------------------------------------------------- extract


@app.command("extract")
@cli_errors
def extract(
    articles: list[Path] = typer.Argument(..., help="Chinese article files."),
    glossary: Path = _glossary_option(),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would be added; write nothing."
    ),
) -> None:
    """Find the names (persons, organisations, places) in articles; add the new ones.

    New names are added as `suggested` or `review` (needs review, e.g. foreign names) with origin extract:<article file name>. Names already in the glossary, in either script, are left alone: nothing existing is changed, least of all a pinned entry. Review the result, then pin.

    Example: translate glossary extract samples/*.txt -g glossary.tsv
    """
    import dataclasses

    from translate.cli.progress import StepBar
    from translate.glossary.store import Glossary, edit
    from translate.names.extract import extract_names
    from translate.text.readers import read_article

    found: list[tuple[Path, Entry]] = []
    for article in articles:  # extraction happens before the glossary is locked
        with StepBar(article.name) as bar:  # progress of a long article, on a terminal only
            text = read_article(article).text
            names = extract_names(text, progress=bar) if bar.enabled else extract_names(text)
        for entry in names:
            status = "review" if entry.status == "review" else "suggested"
            origin = f"extract:{article.name}"
            found.append((article, dataclasses.replace(entry, status=status, origin=origin)))
    path = _edit_path(glossary)
    added = skipped = 0

    def apply(target: Glossary) -> None:
        nonlocal added, skipped
        for _, entry in found:
            existing = target.get(entry.source)
            if existing is not None:
                skipped += 1
                typer.echo(f"= {entry.source}: already there as {_describe(existing)}")
                continue
            target.add(entry)
            added += 1
            typer.echo(f"+ {_describe(entry)}  [{entry.origin}]")

    if dry_run:
        apply(Glossary.load(path) if path.exists() else Glossary(path=path))
    else:
        with edit(path) as target:
            apply(target)
    verb = "would add" if dry_run else "added"
    typer.echo(f"{path}: {verb} {added}, {skipped} already present", err=True)


# --------------------------------------------------------------------------- reading


@app.command("list")
@cli_errors
def list_entries(
    glossaries: list[Path] = _glossaries_option(),
    pinned: bool = typer.Option(False, "--pinned", help="Only pinned entries."),
    suggested: bool = typer.Option(False, "--suggested", help="Only suggested entries."),
    review: bool = typer.Option(False, "--review", help="Only entries that need review."),
    entry_type: EntryType | None = typer.Option(None, "--type", help="Only this type."),
    tsv: bool = typer.Option(False, "--tsv", help="Print TSV (with header) instead of a table."),
) -> None:
    """List glossary entries as an aligned table (or TSV for scripts).

    Status filters combine (--pinned --review shows both). With several -g the files are merged, later files winning.

    Example: translate glossary list --review --type person
    """
    from translate.glossary.entry import COLUMNS, STATUS_LABELS

    glossary = _load(_read_paths(glossaries))
    wanted = {
        s for s, on in (("pinned", pinned), ("suggested", suggested), ("review", review)) if on
    }
    entries = [
        e
        for e in glossary.entries
        if (not wanted or e.status in wanted) and (entry_type is None or e.type == entry_type.value)
    ]
    if tsv:
        _say("\t".join(COLUMNS))
        for e in entries:
            _say("\t".join(e.row()))
        return
    rows = [["SOURCE", "TARGET", "TYPE", "STATUS", "NOTE"]]
    rows += [[e.source, e.target, e.type, STATUS_LABELS[e.status], e.note] for e in entries]
    for line in _table(rows):
        _say(line.rstrip())
    _say(f"{len(entries)} of {len(glossary)} entries", err=True)


@app.command("show")
@cli_errors
def show(
    term: str = typer.Argument(..., help="Source term (simplified or traditional)."),
    articles: list[Path] = typer.Argument(None, help="Articles to search (default: its origin)."),
    glossaries: list[Path] = _glossaries_option(),
) -> None:
    """Show one entry and where it occurs, with context.

    Occurrences are searched in the given articles, else in the article named by the entry's origin (extract:<file>, looked up beside the glossary and in the current directory). Traditional and simplified spellings both match. An occurrence is found as translation finds a term: on word boundaries (王 is not found inside 王国); occurrences inside a longer entry are listed too (see nested).

    Example: translate glossary show 陈文清 samples/beijing-youth-daily-2023-08-20.txt
    """
    from translate.text.readers import read_article

    paths = _read_paths(glossaries)
    glossary = _load(paths)
    entry = glossary.get(term)
    if entry is None:
        raise GlossaryError(f"{term}: not in {', '.join(map(str, paths))}")
    _say(_describe(entry))
    location = glossary.location(entry.source)
    if location:
        _say(f"  file:   {location[0]}:{location[1]}")
    for label, value in (("note", entry.note), ("origin", entry.origin)):
        if value:
            _say(f"  {label}: {' ' * (6 - len(label))}{value}")
    related = [
        e.source
        for e in glossary.entries
        if e.source != entry.source and (e.source in entry.source or entry.source in e.source)
    ]
    if related:
        _say(f"  nested: {', '.join(related)}")
    if not articles:
        articles = _origin_articles(entry, paths)
    from translate.terms.match import TermMatcher

    matcher = TermMatcher([entry])
    for article in articles:
        lines = read_article(article).text.split("\n")
        hits = [(n, m.start, m.end) for n, line in enumerate(lines, 1) for m in matcher.find(line)]
        _say(f"{article}: {len(hits)} occurrence{'s' if len(hits) != 1 else ''}")
        for number, start, end in hits[:50]:
            line = lines[number - 1]
            left, right = line[max(0, start - 20) : start], line[end : end + 20]
            dots = ("…" if start > 20 else "", "…" if end + 20 < len(line) else "")
            _say(f"  {number}: {dots[0]}{left}[{line[start:end]}]{right}{dots[1]}")
        if len(hits) > 50:
            _say(f"  … and {len(hits) - 50} more")


@app.command("review")
@cli_errors
def review(
    articles: list[Path] = typer.Argument(
        None, help="Articles to take context lines from (default: each entry's origin)."
    ),
    glossary: Path = _glossary_option(),
    yes_interactive: bool = typer.Option(
        False,
        "--yes-interactive",
        hidden=True,
        help="Read keys from stdin even when it is not a terminal (tests, expect scripts).",
    ),
) -> None:
    """Review suggested and needs-review entries one by one; every decision is saved at once.

    Each entry is shown with its type, proposed English, note and a line of context from the article (the articles given, else the one named by its origin, as `glossary show` finds it). Keys: a accept (pin), e edit the English, t change the type, r reject (remove), s skip, q quit. Decisions are written through the same locked, atomic store as the other commands, so quitting or Ctrl-C keeps every decision made so far. Needs a terminal: in scripts use pin, set and remove.

    Example: translate glossary review -g glossary.tsv samples/beijing-youth-daily-2023-08-20.txt
    """
    import sys

    from translate.glossary.review import context_line, origin_article
    from translate.glossary.review import review as run_review
    from translate.text.readers import read_article

    path = _edit_path(glossary)
    if not path.exists():
        raise GlossaryError(
            f"{path}: glossary file not found (create it with `translate glossary extract`)"
        )
    if not (yes_interactive or sys.stdin.isatty()):
        raise fail(
            "glossary review needs an interactive terminal (stdin is not a TTY); "
            "in scripts use `translate glossary pin`, `set` or `remove`",
            2,
        )
    given = [read_article(a).text for a in articles or []]
    origins: dict[Path, str] = {}

    def context(entry: Entry) -> str | None:
        if given:
            return context_line(entry.source, given)
        origin = origin_article(entry, [path.parent, Path.cwd()])
        if origin is None:
            return None
        if origin not in origins:
            origins[origin] = read_article(origin).text
        return context_line(entry.source, [origins[origin]])

    try:
        report = run_review(path, _Terminal(), context=context)
    except KeyboardInterrupt:
        typer.echo("", err=True)
        raise fail("interrupted; every decision made before it is saved", 130) from None
    if report.quit:
        typer.echo("quit; every decision made so far is saved", err=True)
    typer.echo(f"{path}: {report.summary()}", err=True)


class _Terminal:
    """The review's keyboard: one key without Enter (click.getchar) on a terminal, one key per
    line when stdin is not one (--yes-interactive); prompts for text."""

    def key(self, prompt: str) -> str:
        import sys

        import click

        typer.echo(prompt, nl=False)
        if sys.stdin.isatty():
            try:
                char = click.getchar()
            except EOFError:  # Ctrl-D
                char = ""
        else:  # --yes-interactive with keys piped in: one key (or answer) per line
            line = sys.stdin.readline()
            while line and not line.strip():
                line = sys.stdin.readline()
            char = line.strip()[:1]
        typer.echo(char if char.isprintable() else "")
        return char.strip().lower()[:1]

    def line(self, prompt: str, default: str) -> str:
        import click

        try:
            return str(typer.prompt(prompt, default=default, show_default=bool(default)))
        except click.exceptions.Abort:  # end of input: keep the English as it was
            return default

    def say(self, text: str) -> None:
        _say(text)  # entries and context lines from articles: control characters shown


def _origin_articles(entry: Entry, glossary_paths: list[Path]) -> list[Path]:
    if not entry.origin.startswith("extract:"):
        return []
    name = entry.origin.split(":", 1)[1].strip()
    for folder in [*(p.parent for p in glossary_paths), Path.cwd()]:
        if (folder / name).is_file():
            return [folder / name]
    typer.echo(f"  ({name}, where it was found, is not beside the glossary; name the article)")
    return []


# --------------------------------------------------------------------------- editing


@app.command("add")
@cli_errors
def add(
    source: str = typer.Argument(..., help="Chinese source term."),
    target: str = typer.Argument(..., help="English rendering."),
    entry_type: EntryType = typer.Option(EntryType.term, "--type", help="Kind of term."),
    pin: bool = typer.Option(False, "--pin", help="Pin it: translation must use this target."),
    note: str = typer.Option("", "--note", help="Free-text note (why, source of truth)."),
    glossary: Path = _glossary_option(),
) -> None:
    """Add a new entry (an error if the source is already there; use `set` to replace).

    The file is created with a header if it does not exist.

    Example: translate glossary add 陈文清 "Chen Wenqing" --type person --pin
    """
    from translate.glossary.entry import Entry
    from translate.glossary.store import edit, validate

    entry = Entry(
        source, target, entry_type.value, "pinned" if pin else "suggested", note, "manual"
    )
    validate(entry)  # before taking the lock: a typo leaves no trace
    with edit(_edit_path(glossary)) as g:
        variant = g.get(source)
        stored = g.add(entry)
    typer.echo(f"added {_describe(stored)}")
    if variant is not None:
        typer.echo(f"note: {variant.source} (a script variant) is also there as {variant.target!r}")


@app.command("set")
@cli_errors
def set_entry(
    source: str = typer.Argument(..., help="Chinese source term."),
    target: str = typer.Argument(..., help="English rendering."),
    entry_type: EntryType | None = typer.Option(None, "--type", help="Kind (default: keep)."),
    pin: bool = typer.Option(False, "--pin", help="Pin it (same as --status pinned)."),
    status: Status | None = typer.Option(None, "--status", help="New status (default: keep)."),
    note: str | None = typer.Option(None, "--note", help="New note (default: keep)."),
    glossary: Path = _glossary_option(),
) -> None:
    """Add an entry or replace the one with this exact source, in place.

    Options left out keep the existing entry's values (a new entry gets type term, suggested).

    Example: translate glossary set 敦 "Don Pramudwinai" --type person --pin --note "Thai FM"
    """
    from translate.glossary.entry import Entry
    from translate.glossary.store import edit, validate

    new_type = entry_type.value if entry_type else "term"
    validate(Entry(source, target, new_type, "pinned" if pin else status.value if status else ""))
    with edit(_edit_path(glossary)) as g:
        old = g.get(source, exact=True)
        new_status = "pinned" if pin else status.value if status else None
        entry = Entry(
            source,
            target,
            entry_type.value if entry_type else old.type if old else "term",
            new_status or (old.status if old else "suggested"),
            note if note is not None else old.note if old else "",
            old.origin if old else "manual",
        )
        g.set(entry)
    if old is None:
        typer.echo(f"added {_describe(entry)}")
    elif old == entry:
        typer.echo(f"unchanged {_describe(entry)}")
    else:
        typer.echo(f"replaced {_describe(old)}\n    with {_describe(entry)}")


def _set_status(sources: list[str], glossary: Path, status: str) -> None:
    import dataclasses

    from translate.glossary.store import edit

    with edit(_edit_path(glossary)) as g:
        entries = [_resolve(g, s) for s in sources]  # all or nothing
        for entry in entries:
            if status == "pinned" and not entry.target:
                raise GlossaryError(f"{entry.source}: cannot pin an entry without a target")
        for entry in entries:
            if entry.status == status:
                typer.echo(f"already {status}: {_describe(entry)}")
                continue
            g.set(dataclasses.replace(entry, status=status))
            typer.echo(
                f"{'pinned' if status == 'pinned' else 'unpinned'} {entry.source} → {entry.target}"
            )


@app.command("pin")
@cli_errors
def pin(
    sources: list[str] = typer.Argument(..., help="Source terms to pin."),
    glossary: Path = _glossary_option(),
) -> None:
    """Pin entries: every translation must then use their target.

    Example: translate glossary pin 陈文清 訚柏
    """
    _set_status(sources, glossary, "pinned")


@app.command("unpin")
@cli_errors
def unpin(
    sources: list[str] = typer.Argument(..., help="Source terms to unpin."),
    glossary: Path = _glossary_option(),
) -> None:
    """Unpin entries (they become suggested again).

    Example: translate glossary unpin 敦
    """
    _set_status(sources, glossary, "suggested")


@app.command("remove")
@cli_errors
def remove(
    sources: list[str] = typer.Argument(..., help="Source terms to remove."),
    glossary: Path = _glossary_option(),
) -> None:
    """Remove entries (all or nothing: an unknown term changes nothing).

    Example: translate glossary remove 缅北
    """
    from translate.glossary.store import edit

    with edit(_edit_path(glossary)) as g:
        entries = [_resolve(g, s) for s in sources]
        for entry in entries:
            g.remove(entry.source)
    for entry in entries:
        typer.echo(f"removed {_describe(entry)}")


# --------------------------------------------------------------------------- checking


@app.command("check")
@cli_errors
def check(
    glossaries: list[Path] = _glossaries_option(),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
) -> None:
    """Check glossaries: malformed lines, duplicates, conflicts, empty targets, nested terms.

    Prints `file:line: severity: message` lines. Errors: malformed lines, a source defined twice with different targets, a pinned entry without a target. Warnings: identical duplicates, empty targets, script variants or files that disagree, pinned single characters, sources without Chinese. Notes: terms nested in longer terms. Exits non-zero when errors are found.

    Example: translate glossary check -g base.tsv -g project.tsv
    """
    from translate.glossary.store import Problem, check_file
    from translate.text.script import to_simplified

    paths = _read_paths(glossaries)
    problems: list[Problem] = []
    seen: dict[str, tuple[Entry, Path, int | None]] = {}  # by simplified form: either script
    for path in paths:
        glossary, found = check_file(path)
        problems.extend(found)
        if glossary is None:
            continue
        for entry in glossary.entries:
            loc = glossary.location(entry.source)
            line = loc[1] if loc else None
            key = to_simplified(entry.source)
            previous = seen.get(key)
            if previous and previous[1] != path and previous[0].target != entry.target:
                other = previous[0]
                written = f"{other.source} " if other.source != entry.source else ""
                problems.append(
                    Problem(
                        "warning",
                        f"{entry.source}: {entry.target!r} overrides {written}{other.target!r} "
                        f"from {previous[1]}:{previous[2]}",
                        path,
                        line,
                    )
                )
            seen[key] = (entry, path, line)
    order = {"error": 0, "warning": 1, "note": 2}
    problems.sort(key=lambda p: (str(p.path), p.line or 0, order[p.severity]))
    for problem in problems:
        typer.echo(str(problem))
    counts = {s: sum(1 for p in problems if p.severity == s) for s in order}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    failing = counts["error"] + (counts["warning"] if strict else 0)
    if failing:
        raise fail(f"{', '.join(map(str, paths))}: {summary}", GlossaryError.exit_code)
    typer.echo(f"{', '.join(map(str, paths))}: {summary}", err=True)


# --------------------------------------------------------------------------- exchange


@app.command("import")
@cli_errors
def import_file(
    file: Path = typer.Argument(..., help="File to import (DeepL, Amazon, Google, TBX, TSV)."),
    fmt: Format | None = typer.Option(None, "--format", help="File format (default: detect)."),
    pin: bool = typer.Option(False, "--pin", help="Pin every added or replaced entry."),
    status: Status | None = typer.Option(
        None, "--status", help="Status for added entries (default: the file's, else suggested)."
    ),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="Replace entries whose target differs (not pinned ones)."
    ),
    overwrite_pinned: bool = typer.Option(
        False, "--overwrite-pinned", help="Replace differing entries, pinned ones too."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Report what would change; write nothing."
    ),
    glossary: Path = _glossary_option(),
) -> None:
    """Merge a glossary file from another tool into this glossary.

    New sources are added (suggested unless --pin/--status, or the status a TBX written by this tool carries). An existing entry is never changed: a different target is reported as a conflict and kept, unless --overwrite (or --overwrite-pinned for pinned entries). What a format cannot carry (type, status, note for DeepL/Amazon) gets defaults.

    Example: translate glossary import team-terms.tbx --pin
    """
    from translate.glossary.interchange import ImportReport, merge_terms, read_terms
    from translate.glossary.store import Glossary, edit

    used, terms = read_terms(file, fmt.value if fmt else None)  # before taking the lock
    path = _edit_path(glossary)
    forced = "pinned" if pin else status.value if status else None

    def merge(target: Glossary) -> ImportReport:
        return merge_terms(
            target,
            terms,
            fmt=used,
            status=forced,
            overwrite=overwrite,
            overwrite_pinned=overwrite_pinned,
            origin=f"import:{file.name}",
        )

    if dry_run:
        report = merge(Glossary.load(path) if path.exists() else Glossary(path=path))
    else:
        with edit(path) as g:
            report = merge(g)
    for entry in report.added:
        typer.echo(f"+ {_describe(entry)}")
    for old, new in report.replaced:
        typer.echo(f"~ {old.source}: {old.target!r} → {new.target!r}")
    for kept, rejected in report.conflicts:
        hint = "--overwrite-pinned" if kept.pinned else "--overwrite"
        typer.echo(
            f"! {kept.source}: kept {kept.target!r} ({kept.status}); file has "
            f"{rejected.target!r} (use {hint} to replace)"
        )
    for term in report.duplicates:
        typer.echo(f"! {term.where}: {term.source} appears again in the file; first one used")
    verb = "would import" if dry_run else "imported"
    typer.echo(
        f"{path}: {verb} {report.read} terms from {file} ({used}): {len(report.added)} added, "
        f"{len(report.replaced)} replaced, {report.unchanged} unchanged, "
        f"{len(report.conflicts)} conflicts kept",
        err=True,
    )


@app.command("export")
@cli_errors
def export(
    file: Path = typer.Argument(..., help="File to write."),
    fmt: Format | None = typer.Option(
        None, "--format", help="deepl-tsv, deepl-csv, amazon, google, tbx or tsv (.tbx: tbx)."
    ),
    pinned_only: bool = typer.Option(False, "--pinned-only", help="Only pinned entries."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file."),
    glossaries: list[Path] = _glossaries_option(),
) -> None:
    """Write the glossary for DeepL, Amazon Translate, Google Cloud Translation or a TBX tool.

    DeepL/Amazon/Google files carry source and target only (Google also type and note); entries without a target are left out. TBX and tsv carry everything. The write is atomic.

    Example: translate glossary export deepl.tsv --format deepl-tsv --pinned-only
    """
    from translate.errors import OutputError
    from translate.glossary.interchange import export_glossary

    paths = _read_paths(glossaries)
    if any(file.resolve() == p.resolve() for p in paths):
        raise OutputError(f"{file}: is the glossary itself; export to another file")
    glossary = _load(paths)
    entries = glossary.pinned() if pinned_only else glossary.entries
    report = export_glossary(entries, file, fmt.value if fmt else None, force=force)
    left_out = f"; {len(report.skipped)} without a target left out" if report.skipped else ""
    typer.echo(f"{file}: wrote {report.written} entries ({report.format}){left_out}", err=True)
