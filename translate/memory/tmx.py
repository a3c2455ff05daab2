"""TMX 1.4b: export the translation memory for CAT tools (OmegaT, Trados), import human work."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from translate.errors import InputError
from translate.memory.store import TranslationMemory

SOURCE_LANG = "zh-CN"
TARGET_LANG = "en"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export_tmx(memory: TranslationMemory, path: Path) -> int:
    """Write every translation in `memory` as a TMX 1.4b file (atomically); return the count.

    Human translations are written for their sources; machine ones only where no human one
    exists. Each unit says where it came from in a `x-origin` property.
    """
    from translate import __version__
    from translate.atomic import write_text_atomic

    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "translate",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "translate-sqlite",
            "adminlang": "en",
            "srclang": SOURCE_LANG,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    count = 0
    for source, target, origin in memory.entries():
        unit = ET.SubElement(body, "tu")
        ET.SubElement(unit, "prop", type="x-origin").text = origin
        for lang, text in ((SOURCE_LANG, source), (TARGET_LANG, target)):
            variant = ET.SubElement(unit, "tuv", {_XML_LANG: lang})
            ET.SubElement(variant, "seg").text = text
        count += 1
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    write_text_atomic(Path(path), text)
    return count


def read_tmx(path: Path) -> list[tuple[str, str]]:
    """(Chinese, English) pairs of a TMX file (any version 1.x), parsed through defusedxml.

    Raises:
        InputError: the file cannot be read, is not TMX, or declares a DTD or entities.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    from translate.atomic import read_file_bytes

    data = read_file_bytes(Path(path), InputError, what="TMX file", shown=str(path))
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"{path}: refused (unsafe XML: {type(exc).__name__})") from None
    except ET.ParseError as exc:
        raise InputError(f"{path}: not valid XML ({exc})") from None
    if root.tag != "tmx":
        raise InputError(f"{path}: not a TMX file (root element <{root.tag}>)")
    pairs: list[tuple[str, str]] = []
    for unit in root.iter("tu"):
        texts: dict[str, str] = {}
        for variant in unit.iter("tuv"):
            lang = (variant.get(_XML_LANG) or variant.get("lang") or "").lower()
            seg = variant.find("seg")
            if seg is not None:
                texts.setdefault(lang.split("-")[0], "".join(seg.itertext()).strip())
        if texts.get("zh") and texts.get("en"):
            pairs.append((texts["zh"], texts["en"]))
    return pairs


def import_tmx(memory: TranslationMemory, path: Path) -> int:
    """Add the Chinese-English pairs of a TMX file as human translations; return how many."""
    return memory.add_human(read_tmx(path), origin=f"tmx:{Path(path).name}")
