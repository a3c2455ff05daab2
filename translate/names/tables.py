"""The hand-curated name tables in data/ (countries, organisations, parts, provinces), loaded once.

See data/README.md for what each table holds.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

# fmt: off
# Second halves of CC-CEDICT definitions such as "Dundee, Scotland" that name a region.
_REGIONS_EN = frozenset((
    "England", "Scotland", "Wales", "Northern Ireland", "Sicily", "Bavaria", "Siberia",
    "California", "Texas", "Florida", "New York", "Pennsylvania", "Louisiana", "Ohio",
    "Ontario", "Quebec", "British Columbia", "Queensland", "New South Wales", "Victoria",
))
# fmt: on


@dataclass(frozen=True)
class Country:
    """One row of data/countries.tsv."""

    name: str
    english: str
    adjective: str
    abbreviations: tuple[str, ...]
    domestic: bool


@dataclass(frozen=True)
class Tables:
    countries: dict[str, Country]
    abbreviations: dict[str, Country]
    curated: dict[str, tuple[str, str]]  # chinese -> (english, type)
    parts: dict[str, str]
    foreign: dict[str, str]
    max_country: int
    country_names: frozenset[str] = frozenset()  # English names of countries and big regions
    central: dict[str, str] = dataclasses.field(default_factory=dict)  # central bodies -> English
    places: dict[str, str] = dataclasses.field(default_factory=dict)  # provinces, capitals


def _tsv(name: str) -> Iterable[list[str]]:
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """All tables, read on first use."""
    countries: dict[str, Country] = {}
    abbreviations: dict[str, Country] = {}
    for row in _tsv("countries.tsv"):
        row += [""] * (5 - len(row))
        country = Country(
            row[0],
            row[1],
            row[2] or row[1],
            tuple(row[3].split(",")) if row[3] else (),
            row[4] == "1",
        )
        countries[country.name] = country
        for abbr in country.abbreviations:
            for ch in abbr if len(abbr) > 1 and abbr == "中华" else [abbr]:
                abbreviations.setdefault(ch, country)
    curated = {row[0]: (row[1], row[2] if len(row) > 2 else "org") for row in _tsv("orgs.tsv")}
    parts = {row[0]: row[1] for row in _tsv("org_parts.tsv")}
    foreign = {row[0]: row[1] for row in _tsv("foreign_names.tsv")}
    english = frozenset(c.english for c in countries.values()) | _REGIONS_EN
    central = {row[0]: row[1] for row in _tsv("central_bodies.tsv")}
    places: dict[str, str] = {}
    for row in _tsv("provinces.tsv"):
        row += [""] * (5 - len(row))
        places[row[0]] = row[1]
        if row[2] == "province":
            places[row[0] + "省"] = row[1] + " Province"
        elif row[2] == "municipality":
            places[row[0] + "市"] = row[1]
        if row[3]:
            places[row[3]] = places[row[3] + "市"] = row[4]
    return Tables(
        countries,
        abbreviations,
        curated,
        parts,
        foreign,
        max(map(len, countries)),
        english,
        central,
        places,
    )
