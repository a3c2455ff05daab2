"""Output writers: Markdown, JSON and plain text renderings of a translated Document."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from translate.document import Document, Paragraph, Provenance
from translate.glossary.entry import STATUS_LABELS
from translate.terms.enforce import NOT_ENFORCED
from translate.text.controls import escape_json, visible
from translate.text.furniture import classify_line

FORMATS = ("md", "json", "txt")

# Markdown: characters escaped wherever they occur (emphasis, code, links, raw HTML, table cells,
# heading markers), and what only matters at the start of a line (lists, quotes, rules, fences).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|#])")
_MD_LEADING = re.compile(r"^([-+=~])|^(\d{1,9})([.)])(?=\s|$)")

_TYPE_LABELS = {"person": "person", "org": "organisation", "place": "place", "term": "term"}
_ROLE_LABELS = {
    "publication": "Publication",
    "dateline": "Dateline",
    "byline": "Byline",
    "editor": "Editor",
    "copyright": "Copyright",
    "source": "Sources",
    "other": "Note",
}


def render(doc: Document, fmt: str, *, bilingual: bool = False, stream: bool = False) -> str:
    """Render a translated document as `md`, `json` or `txt`.

    With `stream`, JSON is one compact line (JSON Lines), so several documents on stdout parse.
    """
    writers: dict[str, Callable[[Document, bool], str]] = {
        "md": to_markdown,
        "json": lambda d, _b: to_json(d, indent=None if stream else 2),
        "txt": to_text,
    }
    return writers[fmt](doc, bilingual)


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    """The full JSON record: title, paragraphs of sentences, summary, glossary, terms, provenance."""
    data: dict[str, Any] = {
        "title": {
            "source": doc.title.source,
            "target": doc.title.target,
            "sentences": [s.to_json() for s in doc.title.sentences],
        },
        "paragraphs": [
            {"role": p.role, "sentences": [s.to_json() for s in p.sentences]}
            for p in doc.paragraphs
        ],
        "summary": doc.summary,
        "glossary": doc.glossary,
        "terms": [
            {**t.to_json(), "paragraph": p_index, "sentence": s_index}
            for p_index, para in _indexed_paragraphs(doc)
            for s_index, sentence in enumerate(para.sentences)
            for t in sentence.all_terms()
        ],
        "provenance": doc.provenance.to_json() if doc.provenance else {},
    }
    return escape_json(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"


def _indexed_paragraphs(doc: Document) -> list[tuple[int | str, Paragraph]]:
    return [("title", doc.title), *enumerate(doc.paragraphs)]


def to_markdown(doc: Document, bilingual: bool = False) -> str:
    """Markdown: the translated title, the body paragraph by paragraph, summary, glossary."""
    out: list[str] = [f"# {_md_line(doc.title.target or doc.title.source)}", ""]
    if bilingual:
        out += [f"> {_md_line(doc.title.source)}", ""]
    related: list[tuple[str, str]] | None = None  # (English, Chinese) items of an open list
    for para in doc.paragraphs:
        english = _md_line(para.target)
        if para.role == "related":
            if related is None:
                out += ["## Related reading", ""]
                related = []
            if classify_line(para.source) == "related":
                # The 相关阅读 line itself: it is the heading above.
                if bilingual:
                    out += [f"> {_md_line(para.source)}", ""]
                continue
            if related and classify_line(para.source) == "dateline":
                # The source and date under a headline belong to that headline's item.
                last_en, last_zh = related[-1]
                related[-1] = (f"{last_en} — {english}", f"{last_zh} — {_md_line(para.source)}")
            else:
                related.append((english, _md_line(para.source)))
            continue
        if related is not None:
            out += _related_items(related, bilingual)
            related = None
        if bilingual:
            out += [f"> {_md_line(para.source)}", ""]
        if para.role == "heading":
            out += [f"## {english}", ""]
        elif para.role in _ROLE_LABELS:
            out += [f"*{_ROLE_LABELS[para.role]}: {english}*", ""]
        else:
            out += [english, ""]
    if related is not None:
        out += _related_items(related, bilingual)

    if doc.summary and doc.summary.get("text"):
        out += ["## Summary", "", _md_line(doc.summary["text"]), ""]
    if doc.glossary:
        out += [
            "## Glossary",
            "",
            "| Chinese | English | Type | Status | Note |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in doc.glossary:
            note = row.get("note", "") if row["status"] == "review" else ""
            out.append(
                f"| {_cell(row['source'])} | {_cell(row['target']) or '—'} "
                f"| {_TYPE_LABELS.get(row['type'], row['type'])} "
                f"| {STATUS_LABELS.get(row['status'], row['status'])} | {_cell(note)} |"
            )
        out.append("")
    missed = [t for t in doc.all_terms() if t.status in NOT_ENFORCED]
    if missed:
        out += ["## Terms not enforced", ""]
        out += [
            f"- {_md_line(t.source)} → {_md_line(t.target)}: {_md_line(t.detail)}" for t in missed
        ]
        out.append("")
    out += [_provenance_line(doc.provenance), ""]
    return visible("\n".join(out))  # control characters (ESC, BEL) shown, never sent raw


def _related_items(items: list[tuple[str, str]], bilingual: bool) -> list[str]:
    """A "related reading" list: one item per headline (with its source and date)."""
    if bilingual:
        lines = [f"- {english}  \n  {chinese}" for english, chinese in items]
    else:
        lines = [f"- {english}" for english, _ in items]
    return [*lines, ""] if lines else []


def to_text(doc: Document, bilingual: bool = False) -> str:
    """Plain text: title, blank line, paragraphs; then summary and glossary."""
    out: list[str] = []
    if bilingual:
        out.append(doc.title.source)  # Chinese above English, as for every paragraph
    out += [doc.title.target or doc.title.source, ""]
    for para in doc.paragraphs:
        if bilingual:
            out.append(para.source)
        out += [para.target, ""]
    if doc.summary and doc.summary.get("text"):
        out += ["Summary:", doc.summary["text"], ""]
    if doc.glossary:
        out.append("Glossary:")
        out += [
            f"  {row['source']}\t{row['target']}\t{row['type']}\t"
            f"{STATUS_LABELS.get(row['status'], row['status'])}"
            for row in doc.glossary
        ]
        out.append("")
    return visible("\n".join(out))  # control characters (ESC, BEL) shown, never sent raw


def _provenance_line(prov: Provenance | None) -> str:
    if prov is None:
        return ""
    rev = f"@{prov.revision[:12]}" if prov.revision else ""
    text = (
        f"translate {prov.version}; model {prov.model}{rev}; "
        f"backend {prov.backend} on {prov.device}; "
        f"beam {prov.decoding.get('beam', '?')}"
    )
    # "--" inside an HTML comment (a model directory such as ./opus--v2) would end or break it.
    return f"<!-- {re.sub(r'-(?=-)', '- ', ' '.join(text.split()))} -->"


def _md_line(text: str) -> str:
    """Text as one line of Markdown that renders as written: never a heading, list or link."""
    line = _MD_INLINE.sub(r"\\\1", " ".join(text.split()))
    return _MD_LEADING.sub(_escape_leading, line)


def _escape_leading(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)  # - + = ~ : list item, setext underline, fence
    return f"{match.group(2)}\\{match.group(3)}"  # 1. or 1) : ordered list


def _cell(text: str) -> str:
    """Text for a Markdown table cell (| is escaped with the rest)."""
    return _md_line(text)
