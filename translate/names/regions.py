"""Hong Kong, Macao and Taiwan: person names there are rarely spelled in Hanyu Pinyin."""

from __future__ import annotations

import re

from translate.glossary.entry import Entry
from translate.names.scan import occurrences

_REGION_MARKERS = {
    "Hong Kong": ("香港", "九龙", "新界", "港岛"),
    "Macao": ("澳门", "氹仔"),
    "Taiwan": ("台湾", "台北", "新北", "高雄", "台中", "台南", "桃园"),
}
# Words in the same clause before a name that tie the person to Hong Kong, Macao or Taiwan.
_REGION_CONTEXT = {
    "Hong Kong": ("香港", "港府", "特区政府", "立法会", "行政会议", "港区", "九龙", "新界"),
    "Macao": ("澳门", "澳府"),
    "Taiwan": (
        "台湾",
        "台北",
        "新北",
        "高雄",
        "台中",
        "台南",
        "桃园",
        "行政院",
        "立法院",
        "民进党",
        "国民党",
        "民众党",
        "陆委会",
    ),
}


def mark_region(entries: list[Entry], simple: str, original: str) -> list[Entry]:
    """In a traditional-script Hong Kong/Macao/Taiwan article, flag pinyin person names.

    Names there are usually spelled in Cantonese or Wade-Giles-style romanization (陳家樂 Chan
    Ka-lok, 陳俊宏 Chen Chun-hung), so a pinyin rendering is only a placeholder to review.
    """
    from translate.text.script import detect_script

    if detect_script(original) != "traditional":
        return entries
    counts = {
        region: sum(simple.count(m) for m in marks) for region, marks in _REGION_MARKERS.items()
    }
    if not any(counts.values()):
        return entries
    persons = [e for e in entries if e.type == "person" and e.note.startswith("pinyin")]
    # One pass over each text for all the names, not one per name (quadratic on long text).
    first = occurrences(original, [e.source for e in persons], first_only=True)
    names = {e.source: _simplified_same(e.source, first[e.source], simple) for e in persons}
    where = occurrences(simple, names.values())
    for entry in persons:
        name = names[entry.source]
        region = _region_context(simple, where[name])
        if region:
            entry.status = "review"
            entry.note += f"; {region} context: names there are usually not spelled in Hanyu Pinyin"
    return entries


def _simplified_same(source: str, found: list[int], simple: str) -> str:
    """The simplified form of ``source`` as it stands in the article (same span); ``found``:
    where it first occurs in the article as written ([] if nowhere)."""
    return simple[found[0] : found[0] + len(source)] if found else source


def _region_context(simple: str, starts: list[int]) -> str:
    """The region named in the clause before some occurrence of a name (at ``starts``), or ""."""
    for start in starts:
        window = re.split(r"[。！？!?；;，,\n]", simple[max(0, start - 20) : start])[-1]
        for region, marks in _REGION_CONTEXT.items():
            if any(mark in window for mark in marks):
                return region
    return ""
