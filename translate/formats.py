"""Output writers: Markdown, JSON and plain text renderings of a translated Document."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .document import Document, Paragraph
from .glossary.entry import STATUS_LABELS

FORMATS = ("md", "json", "txt")

_RELATED_HEADING = re.compile(r"^[【\[]?(相关|延伸|推荐)(阅读|新闻|报道|链接)[】\]]?[:：]?$")

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


def render(doc: Document, fmt: str, *, bilingual: bool = False) -> str:
    """Render a translated document as `md`, `json` or `txt`."""
    writers: dict[str, Callable[[Document, bool], str]] = {
        "md": to_markdown,
        "json": lambda d, _b: to_json(d),
        "txt": to_text,
    }
    return writers[fmt](doc, bilingual)


def to_json(doc: Document) -> str:
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
            for t in sentence.terms
        ],
        "provenance": doc.provenance,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _indexed_paragraphs(doc: Document) -> list[tuple[int | str, Paragraph]]:
    return [("title", doc.title), *enumerate(doc.paragraphs)]


def to_markdown(doc: Document, bilingual: bool = False) -> str:
    """Markdown: the translated title, the body paragraph by paragraph, summary, glossary."""
    out: list[str] = [f"# {_md_line(doc.title.target or doc.title.source)}", ""]
    if bilingual:
        out += [f"> {_md_line(doc.title.source)}", ""]
    related_open = False
    for para in doc.paragraphs:
        english = _md_line(para.target)
        if para.role == "related":
            if not related_open:
                out += ["## Related reading", ""]
                related_open = True
            if _RELATED_HEADING.match(para.source.strip()):
                continue  # the 相关阅读 line itself is the heading above
            if bilingual:
                out.append(f"- {english}  \n  {_md_line(para.source)}")
            else:
                out.append(f"- {english}")
            continue
        if related_open:
            out.append("")
            related_open = False
        if bilingual:
            out += [f"> {_md_line(para.source)}", ""]
        if para.role == "heading":
            out += [f"## {english}", ""]
        elif para.role in _ROLE_LABELS:
            out += [f"*{_ROLE_LABELS[para.role]}: {english}*", ""]
        else:
            out += [english, ""]
    if related_open:
        out.append("")

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
    missed = [t for t in doc.terms() if t.status == "missed"]
    if missed:
        out += ["## Terms not enforced", ""]
        out += [f"- {_md_line(t.source)} → {_md_line(t.target)}: {t.detail}" for t in missed]
        out.append("")
    out += [_provenance_line(doc.provenance), ""]
    return "\n".join(out)


def to_text(doc: Document, bilingual: bool = False) -> str:
    """Plain text: title, blank line, paragraphs; then summary and glossary."""
    out: list[str] = [doc.title.target or doc.title.source, ""]
    if bilingual:
        out[1:1] = [doc.title.source]
        out.append("")
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
    return "\n".join(out)


def _provenance_line(prov: dict[str, Any]) -> str:
    if not prov:
        return ""
    model = prov.get("model", "?")
    revision = prov.get("revision")
    decoding = prov.get("decoding", {})
    rev = f"@{str(revision)[:12]}" if revision else ""
    return (
        f"<!-- translate {prov.get('version', '?')}; model {model}{rev}; "
        f"backend {prov.get('backend', '?')} on {prov.get('device', '?')}; "
        f"beam {decoding.get('beam', '?')} -->"
    )


def _md_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _md_line(text).replace("|", "\\|")
