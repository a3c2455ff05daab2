"""Hong Kong, Macao and Taiwan: person names there are rarely spelled in Hanyu Pinyin."""

from __future__ import annotations

import re

from translate.glossary.entry import Entry

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
    for entry in entries:
        if entry.type != "person" or not entry.note.startswith("pinyin"):
            continue
        region = _region_context(simple, _simplified_same(entry.source, original, simple))
        if region:
            entry.status = "review"
            entry.note += f"; {region} context: names there are usually not spelled in Hanyu Pinyin"
    return entries


def _simplified_same(source: str, original: str, simple: str) -> str:
    """The simplified form of ``source`` as it stands in the article (same span)."""
    at = original.find(source)
    return simple[at : at + len(source)] if at >= 0 else source


def _region_context(simple: str, name: str) -> str:
    """The region named in the clause before some occurrence of ``name``, or ""."""
    for m in re.finditer(re.escape(name), simple):
        window = re.split(r"[。！？!?；;，,\n]", simple[max(0, m.start() - 20) : m.start()])[-1]
        for region, marks in _REGION_CONTEXT.items():
            if any(mark in window for mark in marks):
                return region
    return ""
