"""Glossary import and export in the formats users bring: DeepL, Amazon, Google, TBX, our TSV.

Formats (what each carries; anything else is lost on export and defaulted on import):

=========  ===============================================================  ======================
name       shape                                                            carries
=========  ===============================================================  ======================
tsv        this tool's glossary file (header, all columns)                  everything
deepl-tsv  DeepL: `source<TAB>target`, no header, UTF-8                     source, target
deepl-csv  DeepL: `source,target` CSV (RFC 4180 quoting), no header; on     source, target
           import extra columns (language codes, relevance) are ignored
amazon     Amazon Translate custom terminology: CSV, header row of          source, target
           language codes (`zh,en`); more language columns are allowed and
           every `zh*` column is read as a source
google     Google Cloud Translation equivalent term set: CSV, header of    source, target,
           language codes plus optional `pos` and `description` columns;   type (pos),
           exported as `zh-CN,en,pos,description`. A header-less two-       note (description)
           column file (Google's unidirectional glossary) is read too.
tbx        TBX-Basic shaped TBX v2 (`martif/termEntry/langSet/tig/term`);    everything
           TBX v3 (`tbx/conceptEntry/langSec/termSec`, DCA or DCT style)
           is read too. Note -> `<note>`, origin -> `<admin type="source">`,
           type -> `partOfSpeech` plus custom `x-entityType`, status ->
           `administrativeStatus` (on the English term) plus custom
           `x-status` (on the Chinese term); only `x-status`, written by
           this tool, sets a status on import, so a third-party termbase
           is never pinned by accident (use --pin)
=========  ===============================================================  ======================

Entries without a target are left out of the CSV/TSV service formats (the services reject empty
targets). Tabs and newlines cannot occur in glossary values, so TSV needs no escaping; CSV values
are quoted by the usual rules (commas, quotes). XML is parsed with defusedxml, refusing DTD
subsets, entity declarations and external entities (no XXE, no entity expansion bombs).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, iterparse

from translate.atomic import read_file_bytes
from translate.errors import GlossaryError, OutputError
from translate.glossary.entry import STATUSES, TYPES, Entry
from translate.glossary.store import Glossary, validate

FORMATS = {
    "tsv": "this tool's glossary TSV (all columns)",
    "deepl-tsv": "DeepL glossary, tab-separated, no header",
    "deepl-csv": "DeepL glossary, comma-separated, no header",
    "amazon": "Amazon Translate custom terminology CSV (header zh,en)",
    "google": "Google Cloud Translation glossary CSV (header zh-CN,en,pos,description)",
    "tbx": "TermBase eXchange XML (TBX-Basic, v2 martif; v3 read too)",
}
_LANG = re.compile(r"^[a-z]{2,3}([-_][a-z0-9]{2,8})*$", re.IGNORECASE)
_EXTRA_COLUMNS = ("pos", "description")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TBX_POS = {"person": "properNoun", "org": "properNoun", "place": "properNoun", "term": "noun"}
_TBX_ADMIN_STATUS = {
    "pinned": "preferredTerm-admn-sts",
    "suggested": "admittedTerm-admn-sts",
    "review": "admittedTerm-admn-sts",
}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Term:
    """One term read from an interchange file; None means the format did not carry the field."""

    source: str
    target: str
    type: str | None = None
    status: str | None = None
    note: str | None = None
    origin: str | None = None
    where: str = ""  # "file:line" or "file: termEntry id", for messages


@dataclass
class ImportReport:
    """What an import did: entries added or replaced, identical ones, and conflicts it kept."""

    format: str
    read: int = 0
    added: list[Entry] = field(default_factory=list)
    replaced: list[tuple[Entry, Entry]] = field(default_factory=list)  # (old, new)
    unchanged: int = 0
    conflicts: list[tuple[Entry, Entry]] = field(default_factory=list)  # (kept, rejected)
    duplicates: list[Term] = field(default_factory=list)  # later rows for a source already read


@dataclass
class ExportReport:
    """What an export wrote."""

    format: str
    written: int
    skipped: list[Entry] = field(default_factory=list)  # entries the format cannot carry


# --------------------------------------------------------------------------- format detection


def detect_format(path: Path, data: bytes | None = None) -> str:
    """Guess an import file's format from its extension and first bytes.

    Args:
        path: the file.
        data: its bytes, if already read.

    Returns:
        One of FORMATS.

    Raises:
        GlossaryError: the format cannot be told (pass `--format`).
    """
    path = Path(path)
    if data is None:
        data = read_file_bytes(path, GlossaryError)
    head = _head(data)
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml") or head.startswith("<"):
        return "tbx"
    first = head.split("\n", 1)[0].rstrip("\r")
    content = next(  # this tool's TSV may open with `#` comments and blank lines
        (ln.rstrip("\r") for ln in head.split("\n") if ln.strip() and not ln.startswith("#")), ""
    )
    if "\t" in content and {"source", "target"} <= {c.strip().lower() for c in content.split("\t")}:
        return "tsv"
    if "\t" in first:
        cells = [c.strip().lower() for c in first.split("\t")]
        if "source" in cells and "target" in cells:
            return "tsv"
        if _language_header(cells):
            return "amazon"
        return "deepl-tsv"
    if suffix in (".csv", ".txt", ".tsv", ""):
        row = next(csv.reader([first]), [])
        cells = [c.strip().lower() for c in row]
        if _language_header(cells):
            return "google" if any(c in _EXTRA_COLUMNS for c in cells) else "amazon"
        if suffix == ".tsv":
            return "deepl-tsv"
        return "deepl-csv"
    raise GlossaryError(f"{path}: cannot tell the format; pass --format ({', '.join(FORMATS)})")


def _head(data: bytes) -> str:
    """The first few KB of a file as text (UTF-8 or UTF-16 with BOM), for sniffing."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[:4096].decode("utf-16", errors="replace").lstrip()
    return _strip_bom(data[:4096]).decode("utf-8", errors="replace").lstrip()


def export_format(path: Path, fmt: str | None) -> str:
    """The format to export to: `fmt` if given, else from an unambiguous extension (.tbx)."""
    if fmt:
        return _check_format(fmt)
    if Path(path).suffix.lower() in (".tbx", ".xml"):
        return "tbx"
    raise GlossaryError(
        f"{path}: say which format to write with --format ({', '.join(FORMATS)}); "
        ".csv and .tsv files are used by several services"
    )


def _check_format(fmt: str) -> str:
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise GlossaryError(f"unknown glossary format {fmt!r} (expected {', '.join(FORMATS)})")
    return fmt


def _language_header(cells: Sequence[str]) -> bool:
    codes = [c for c in cells if c and c not in _EXTRA_COLUMNS]
    return bool(codes) and all(_LANG.match(c) for c in codes) and any(_is_zh(c) for c in codes)


def _is_zh(code: str) -> bool:
    code = code.lower().replace("_", "-")
    return code == "zh" or code.startswith("zh-") or code in ("cmn", "chi", "zho")


def _is_en(code: str) -> bool:
    code = code.lower().replace("_", "-")
    return code == "en" or code.startswith("en-") or code == "eng"


# --------------------------------------------------------------------------- reading


def read_terms(path: Path, fmt: str | None = None) -> tuple[str, list[Term]]:
    """Read the terms of an interchange file.

    Args:
        path: the file to read.
        fmt: one of FORMATS, or None to detect it.

    Returns:
        (format used, terms in file order).

    Raises:
        GlossaryError: unreadable, malformed or unsafe file, with `file:line` where known.
    """
    path = Path(path)
    if fmt:
        fmt = _check_format(fmt)
    data = read_file_bytes(path, GlossaryError)
    fmt = fmt or detect_format(path, data)
    if fmt == "tbx":
        terms = _read_tbx(data, path)
    elif fmt == "tsv":
        terms = _read_native(data, path)
    else:
        text = _decode(data, path)
        first = text.lstrip().split("\n", 1)[0]
        if fmt in ("deepl-tsv", "deepl-csv"):
            delimiter = "\t" if fmt == "deepl-tsv" else ","
        else:  # Amazon and Google accept both
            delimiter = "\t" if "\t" in first else ","
        terms = _read_table(text, path, delimiter)
        _refuse_reversed(terms, path)
    return fmt, terms


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return _strip_bom(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"{path}:{line}: not valid UTF-8; save the file as UTF-8") from None


def _read_native(data: bytes, path: Path) -> list[Term]:
    glossary, problems = Glossary._parse_bytes(data, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GlossaryError(f"{path}:{errors[0].line}: {errors[0].message}")
    terms = []
    for entry in glossary.entries:
        loc = glossary.location(entry.source)
        where = f"{path}:{loc[1]}" if loc else str(path)
        terms.append(
            Term(
                entry.source,
                entry.target,
                entry.type,
                entry.status,
                entry.note,
                entry.origin or None,
                where,
            )
        )
    return terms


def _read_table(text: str, path: Path, delimiter: str) -> list[Term]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise GlossaryError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from None
    if not rows:
        return []
    first_line, first = rows[0]
    header = [c.strip().lower() for c in first]
    terms: list[Term] = []
    if _language_header(header):
        sources = [i for i, c in enumerate(header) if _is_zh(c)]
        targets = [i for i, c in enumerate(header) if _is_en(c)]
        if not targets:
            raise GlossaryError(
                f"{path}:{first_line}: no English column in header {','.join(first)!r} "
                "(expected a code such as en or en-US)"
            )
        target_col = targets[0]
        pos_col = header.index("pos") if "pos" in header else None
        note_col = header.index("description") if "description" in header else None
        for line, row in rows[1:]:
            if len(row) > len(header):
                raise GlossaryError(
                    f"{path}:{line}: {len(row)} columns but the header has {len(header)}"
                )
            cell = _cells(row, len(header))
            pos = cell[pos_col].lower() if pos_col is not None else ""
            for col in sources:
                if cell[col]:
                    terms.append(
                        Term(
                            cell[col],
                            cell[target_col],
                            type=pos if pos in TYPES else None,
                            note=cell[note_col] if note_col is not None else None,
                            where=f"{path}:{line}",
                        )
                    )
        return terms
    if header[:2] == ["source", "target"]:
        rows = rows[1:]
    for line, row in rows:
        cell = _cells(row, 2)
        if len(row) < 2:
            raise GlossaryError(f"{path}:{line}: expected a source and a target term")
        if not cell[0]:
            raise GlossaryError(f"{path}:{line}: empty source term")
        terms.append(Term(cell[0], cell[1], where=f"{path}:{line}"))
    return terms


def _cells(row: list[str], width: int) -> list[str]:
    return [_clean(c) for c in row] + [""] * (width - len(row))


def _clean(value: str) -> str:
    return " ".join(value.split())


def _has_hanzi(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003ffff" for ch in text)


def _refuse_reversed(terms: Sequence[Term], path: Path) -> None:
    reversed_rows = sum(1 for t in terms if _has_hanzi(t.target) and not _has_hanzi(t.source))
    if terms and reversed_rows * 2 > len(terms):
        raise GlossaryError(
            f"{path}: the first column looks English and the second Chinese; this tool needs "
            "Chinese source terms first (swap the columns)"
        )


# --------------------------------------------------------------------------- TBX


def _local(tag: str) -> str:
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag


def _key(element: Any) -> str:
    """The data category of a TBX element: its `type` for termNote/descrip/admin, else its name."""
    if element.tag in ("termNote", "descrip", "admin", "transac", "ref", "xref"):
        return str(element.get("type", element.tag))
    return str(element.tag)


def _text(element: Any) -> str:
    return _clean("".join(element.itertext()))


class _TBXParser(DefusedXMLParser):
    """defusedxml's parser, refusing entity declarations, external entities and DTD subsets.

    A DOCTYPE that only names an external DTD (`<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">`,
    common in TBX v2 files) is allowed: expat never fetches it. One with an internal subset
    (`[...]`, where entities are declared) is refused.
    """

    def __init__(self) -> None:
        # the C TreeBuilder: defusedxml's parser class is the pure-Python one, whose default
        # builder would make pure-Python elements (about twice as slow on a large termbase)
        super().__init__(
            target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )

    def defused_start_doctype_decl(
        self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: int
    ) -> None:
        if has_internal_subset:
            raise DTDForbidden(name, sysid, pubid)


def _read_tbx(data: bytes, path: Path) -> list[Term]:
    terms: list[Term] = []
    root: str | None = None
    number = 0
    try:
        events = iterparse(io.BytesIO(data), ("start", "end"), parser=_TBXParser())
        for event, element in events:
            if root is None:
                root = _local(element.tag)
                if root not in ("martif", "tbx"):
                    raise GlossaryError(f"{path}: not a TBX file (root element <{root}>)")
            if event == "end" and _local(element.tag) in ("termEntry", "conceptEntry"):
                number += 1
                terms.extend(_concept_terms(element, path, number))
                element.clear()  # stream: a large termbase is never held whole
    except DTDForbidden:
        raise GlossaryError(
            f"{path}: XML with an internal DTD subset is refused (unsafe)"
        ) from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        raise GlossaryError(
            f"{path}: XML with entity declarations or external entities is refused (unsafe)"
        ) from None
    except ParseError as exc:
        line = exc.position[0]
        reason = str(exc).rsplit(": line", 1)[0]
        raise GlossaryError(f"{path}:{line}: not well-formed XML: {reason}") from None
    return terms


def _concept_terms(concept: Any, path: Path, number: int) -> list[Term]:
    """The terms of one termEntry (TBX 2) or conceptEntry (TBX 3): one per Chinese term."""
    for element in concept.iter():
        if isinstance(element.tag, str) and element.tag[:1] == "{":
            element.tag = _local(element.tag)
    where = f"{path}: {concept.tag} {concept.get('id') or number}"
    notes: list[str] = []
    origin: str | None = None
    entry_type: str | None = None
    status: str | None = None
    sources: list[tuple[str, dict[str, str]]] = []  # (term, its data categories)
    targets: list[tuple[str, dict[str, str]]] = []
    for child in concept:
        key = _key(child)
        if key in ("note", "definition"):
            notes.append(_text(child))
        elif key == "source" and origin is None:
            origin = _text(child)
        elif key == "x-entityType":
            entry_type = _text(child)
        elif key == "x-status":
            status = _text(child)
    for lang_sec in (el for el in concept if el.tag in ("langSet", "langSec")):
        lang = str(lang_sec.get(_XML_LANG) or lang_sec.get("lang") or "")
        for child in lang_sec:
            if _key(child) in ("note", "definition"):
                notes.append(_text(child))
        for term_sec in (el for el in lang_sec.iter() if el.tag in ("tig", "ntig", "termSec")):
            term_el = next(term_sec.iter("term"), None)
            term = _text(term_el) if term_el is not None else ""
            if not term:
                continue
            props: dict[str, str] = {}
            for element in term_sec.iter():
                if element is term_sec or element is term_el:
                    continue
                key = _key(element)
                if key == "note":
                    notes.append(_text(element))
                else:
                    props.setdefault(key, _text(element))
            if _is_zh(lang):
                sources.append((term, props))
            elif _is_en(lang):
                targets.append((term, props))
    target = _choose_target(targets)
    note = "; ".join(dict.fromkeys(n for n in notes if n)) or None
    return [
        Term(
            source,
            target[0] if target else "",
            type=_known(props.get("x-entityType") or entry_type, TYPES),
            status=_known(props.get("x-status") or status, STATUSES),
            note=note,
            origin=origin,
            where=where,
        )
        for source, props in sources
    ]


def _known(value: str | None, allowed: Sequence[str]) -> str | None:
    return value if value in allowed else None


def _choose_target(targets: list[tuple[str, dict[str, str]]]) -> tuple[str, dict[str, str]] | None:
    usable = [
        t
        for t in targets
        if not t[1].get("administrativeStatus", "").startswith(("deprecated", "superseded"))
    ]
    for target in usable:
        if target[1].get("administrativeStatus", "").startswith("preferred"):
            return target
    return usable[0] if usable else None


def _tbx_bytes(entries: Sequence[Entry]) -> bytes:
    import xml.etree.ElementTree as ET

    from translate import __version__

    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(
        ET.SubElement(header, "sourceDesc"), "p"
    ).text = f"Exported by translate {__version__} (Chinese to English glossary)"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, entry in enumerate(entries, start=1):
        for name, value in zip(
            ("source", "target", "note", "origin"),
            (entry.source, entry.target, entry.note, entry.origin),
            strict=True,
        ):
            if _XML_INVALID.search(value):
                raise GlossaryError(
                    f"{entry.source}: {name} has a control character XML cannot hold"
                )
        concept = ET.SubElement(body, "termEntry", {"id": f"e{number}"})
        if entry.note:
            ET.SubElement(concept, "note").text = entry.note
        if entry.origin:
            ET.SubElement(concept, "admin", {"type": "source"}).text = entry.origin
        tig = ET.SubElement(ET.SubElement(concept, "langSet", {_XML_LANG: "zh"}), "tig")
        ET.SubElement(tig, "term").text = entry.source
        ET.SubElement(tig, "termNote", {"type": "partOfSpeech"}).text = _TBX_POS[entry.type]
        ET.SubElement(tig, "termNote", {"type": "x-entityType"}).text = entry.type
        ET.SubElement(tig, "termNote", {"type": "x-status"}).text = entry.status
        if entry.target:
            tig = ET.SubElement(ET.SubElement(concept, "langSet", {_XML_LANG: "en"}), "tig")
            ET.SubElement(tig, "term").text = entry.target
            ET.SubElement(
                tig, "termNote", {"type": "administrativeStatus"}
            ).text = _TBX_ADMIN_STATUS[entry.status]
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "utf-8") + b"\n"


# --------------------------------------------------------------------------- writing


def dumps(entries: Iterable[Entry], fmt: str) -> tuple[bytes, list[Entry]]:
    """Serialize entries in an interchange format.

    Args:
        entries: glossary entries.
        fmt: one of FORMATS.

    Returns:
        (file bytes, entries left out because the format cannot carry them).
    """
    fmt = _check_format(fmt)
    entries = list(entries)
    if fmt == "tbx":
        return _tbx_bytes(entries), []
    if fmt == "tsv":
        return Glossary(entries).dumps(), []
    kept = [e for e in entries if e.target]
    skipped = [e for e in entries if not e.target]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="\t" if fmt == "deepl-tsv" else ",", lineterminator="\n")
    if fmt == "amazon":
        writer.writerow(["zh", "en"])
    elif fmt == "google":
        writer.writerow(["zh-CN", "en", "pos", "description"])
    for entry in kept:
        if fmt == "google":
            writer.writerow([entry.source, entry.target, entry.type, entry.note])
        else:
            writer.writerow([entry.source, entry.target])
    return out.getvalue().encode("utf-8"), skipped


def export_glossary(
    entries: Iterable[Entry], path: Path, fmt: str | None = None, *, force: bool = False
) -> ExportReport:
    """Write entries to an interchange file atomically.

    Args:
        entries: glossary entries to write.
        path: the output file.
        fmt: one of FORMATS; None picks it from the extension (.tbx).
        force: replace an existing file.

    Returns:
        What was written and what the format could not carry.

    Raises:
        OutputError: the file exists and `force` is not set.
    """
    from translate.atomic import write_bytes_atomic

    path = Path(path)
    entries = list(entries)
    fmt = export_format(path, fmt)
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to replace it)")
    data, skipped = dumps(entries, fmt)
    write_bytes_atomic(path, data)
    return ExportReport(fmt, len(entries) - len(skipped), skipped)


# --------------------------------------------------------------------------- merging


def merge_terms(
    glossary: Glossary,
    terms: Iterable[Term],
    *,
    fmt: str = "",
    status: str | None = None,
    overwrite: bool = False,
    overwrite_pinned: bool = False,
    origin: str = "",
) -> ImportReport:
    """Merge imported terms into a glossary without losing curated work.

    New sources are added. A source already present with the same target is left alone. A
    different target is a conflict: kept unless `overwrite` (non-pinned entries) or
    `overwrite_pinned` (pinned ones too). Traditional and simplified sources are distinct.

    Args:
        glossary: the glossary to change (usually from `store.edit`).
        terms: terms from `read_terms`.
        fmt: the format name, for the report.
        status: force this status on added/replaced entries (e.g. "pinned"); None keeps the
            file's own status (TBX written by this tool), else "suggested" (or the old status
            when replacing).
        overwrite: replace conflicting suggested/review entries.
        overwrite_pinned: replace conflicting pinned entries too (implies overwrite).
        origin: origin for entries whose file gives none (e.g. "import:team.tbx").

    Returns:
        The report: added, replaced, unchanged, conflicts kept and duplicate rows in the file.
    """
    report = ImportReport(fmt)
    seen: dict[str, Term] = {}
    for term in terms:
        report.read += 1
        if term.source in seen:
            report.duplicates.append(term)
            continue
        seen[term.source] = term
        existing = glossary.get(term.source, exact=True)
        new = Entry(
            term.source,
            term.target,
            term.type or (existing.type if existing else "term"),
            status or term.status or (existing.status if existing else "suggested"),
            term.note if term.note is not None else (existing.note if existing else ""),
            term.origin or origin,
        )
        if new.status == "pinned" and not new.target:
            new.status = "review"  # nothing to enforce
        try:
            new = validate(new)
        except GlossaryError as exc:
            raise GlossaryError(f"{term.where}: {exc}") from None
        if existing is None:
            report.added.append(glossary.add(new))
        elif existing.target == new.target:
            report.unchanged += 1
        elif (existing.pinned and overwrite_pinned) or (
            not existing.pinned and (overwrite or overwrite_pinned)
        ):
            glossary.set(new)
            report.replaced.append((existing, new))
        else:
            report.conflicts.append((existing, new))
    return report
