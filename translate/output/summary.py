"""Summary-only outputs (`translate summarize`): Markdown, JSON and text."""

from __future__ import annotations

import json
from typing import Any

from translate.document import Document
from translate.text.controls import escape_json, visible


def summary_record(doc: Document, summary: dict[str, Any]) -> dict[str, Any]:
    """The JSON record of a summary-only output: path, title, summary and provenance.

    Args:
        doc: the (partly) translated document the summary is of.
        summary: what `extractive` or `model_summary` returned.

    Returns:
        JSON-ready dict.
    """
    return {
        "path": doc.path,
        "title": {"source": doc.title.source, "target": doc.title.target},
        "summary": summary,
        "provenance": doc.provenance.to_json() if doc.provenance else {},
    }


def render_summary(doc: Document, summary: dict[str, Any], fmt: str) -> str:
    """Render a summary-only output as "md", "json" or "txt".

    Args:
        doc: the document the summary is of (its title and provenance are shown).
        summary: what `extractive` or `model_summary` returned.
        fmt: "md", "json" or "txt".

    Returns:
        The text to write, ending with a newline.
    """
    if fmt == "json":
        return (
            escape_json(json.dumps(summary_record(doc, summary), ensure_ascii=False, indent=2))
            + "\n"
        )
    title = visible(" ".join((doc.title.target or doc.title.source).split()))
    text = visible(" ".join(str(summary.get("text", "")).split()))
    if fmt == "txt":
        return f"{title}\n\n{text}\n"
    if fmt != "md":
        raise ValueError(f"unknown summary format {fmt!r}")
    return f"# {title}\n\n{text}\n\n{visible(_how_made(doc, summary))}\n"


def _how_made(doc: Document, summary: dict[str, Any]) -> str:
    """One Markdown comment saying how the summary was made."""
    prov = doc.provenance
    translation = f"translation {prov.model if prov else '?'}"
    if prov is not None and prov.revision:
        translation += f"@{prov.revision[:12]}"
    if summary.get("method") == "model":
        how = f"model {summary.get('model')}"
        if summary.get("revision"):
            how += f"@{str(summary['revision'])[:12]}"
        how += f", {summary.get('chunks', 1)} chunk(s)"
    else:
        how = f"extractive ({summary.get('ranker', 'textrank+lead')}), "
        how += f"{len(summary.get('sentences', []))} sentence(s)"
    version = prov.version if prov else "?"
    return f"<!-- translate {version}; summary: {how}; {translation} -->"
