"""Every occurrence of a pinned term's characters is either enforced or reported with its reason.

The matcher takes an occurrence inside a longer word as the term only where that word is a longer
official name of the same place or organisation (北京市, 中国外交部); everything else inside a
word is reported "skipped" (王 inside 王国). See translate/terms/match.py for the rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED
from fakes import FakeTranslator
from typer.testing import CliRunner

from translate.cli import app
from translate.glossary.entry import Entry
from translate.output.render import to_json, to_markdown
from translate.pipeline.article import translate_article
from translate.terms.match import TermMatcher, count_terms, pinned_occurrences
from translate.text.script import to_simplified

ENFORCED = "enforced"
NOT_A_NAME = "not a name"
NOT_PLACE = "not the place on its own"
NOT_ORG = "not the organisation on its own"
NOT_TERM = "not the term on its own"
FOREIGN = "another country's organisation"


def pin(source: str, kind: str, target: str = "") -> Entry:
    return Entry(source, target or f"<{source}>", kind, "pinned")


def inside(word: str, why: str) -> str:
    return f"inside the word {word}, {why}"


# (id, sentence, pinned entry (source, type), expected outcome of each occurrence in text order:
#  "enforced", or the reason it is reported skipped)
CASES: list[tuple[str, str, tuple[str, str], list[str]]] = [
    # places: inside a longer official name of the same place
    ("place + 市", "北京市今天发布通知。", ("北京", "place"), [ENFORCED]),
    ("place + 省", "台湾省是中国的一部分。", ("台湾", "place"), [ENFORCED]),
    ("place + 自治区", "西藏自治区召开会议。", ("西藏", "place"), [ENFORCED]),
    ("place + ethnic 自治区", "新疆维吾尔自治区举行发布会。", ("新疆", "place"), [ENFORCED]),
    ("place + 特别行政区政府", "香港特别行政区政府发表声明。", ("香港", "place"), [ENFORCED]),
    ("place + 市委", "北京市委书记出席会议。", ("北京", "place"), [ENFORCED]),
    ("place + 地区", "台湾地区领导人发表讲话。", ("台湾", "place"), [ENFORCED]),
    ("place + 人 (its people)", "许多台湾人来到大陆。", ("台湾", "place"), [ENFORCED]),
    ("中国 in 中国人", "中国人民很勤劳，中国人很友好。", ("中国", "place"), [ENFORCED, ENFORCED]),
    ("place after a place", "中国台湾的代表出席。", ("台湾", "place"), [ENFORCED]),
    ("traditional script", "臺灣省的居民。", ("台湾", "place"), [ENFORCED]),
    # places: a different name built on the place
    (
        "place in a university",
        "他毕业于北京大学。",
        ("北京", "place"),
        [inside("北京大学", NOT_PLACE)],
    ),
    ("place in a bank", "中国银行发布公告。", ("中国", "place"), [inside("中国银行", NOT_PLACE)]),
    (
        "place in a party",
        "中国共产党成立于1921年。",
        ("中国", "place"),
        [inside("中国共产党", NOT_PLACE)],
    ),
    ("place in a strait", "台湾海峡风平浪静。", ("台湾", "place"), [inside("台湾海峡", NOT_PLACE)]),
    ("place in a street", "他住在北京路。", ("北京", "place"), [inside("北京路", NOT_PLACE)]),
    (
        "place in a river basin",
        "黄河流域降雨。",
        ("黄河", "place"),
        [inside("黄河流域", NOT_PLACE)],
    ),
    ("one-character place", "南京市举办活动。", ("京", "place"), [inside("南京市", NOT_PLACE)]),
    # organisations: after a Chinese qualifier
    ("中国外交部", "中国外交部发言人表示。", ("外交部", "org"), [ENFORCED]),
    ("中国人民银行", "中国人民银行宣布降息。", ("人民银行", "org"), [ENFORCED]),
    ("中华人民共和国外交部", "中华人民共和国外交部发表声明。", ("外交部", "org"), [ENFORCED]),
    ("中共中央政法委", "中共中央政法委召开会议。", ("中央政法委", "org"), [ENFORCED]),
    ("国家外汇管理局", "国家外汇管理局公布数据。", ("外汇管理局", "org"), [ENFORCED]),
    ("traditional org", "中國外交部發言人表示。", ("外交部", "org"), [ENFORCED]),
    ("on word boundaries", "老挝公安部联合行动。", ("公安部", "org"), [ENFORCED]),
    # organisations: another word, or another country's body
    ("departments", "各地公安部门加强巡逻。", ("公安部", "org"), [inside("公安部门", NOT_ORG)]),
    ("the minister", "公安部长出席会议。", ("公安部", "org"), [inside("公安部长", NOT_ORG)]),
    (
        "foreign minister",
        "外交部长王毅会见客人。",
        ("外交部", "org"),
        [inside("外交部长", NOT_ORG)],
    ),
    (
        "full name",
        "中央政法委员会召开会议。",
        ("中央政法委", "org"),
        [inside("中央政法委员会", NOT_ORG)],
    ),
    (
        "US State Department",
        "美国国务院发表声明。",
        ("国务院", "org"),
        [inside("美国国务院", FOREIGN)],
    ),
    (
        "Japan's ministry",
        "日本外务省表示抗议。",
        ("外务省", "org"),
        [inside("日本外务省", FOREIGN)],
    ),
    (
        "org typed term",
        "中国公安部派出工作组。",
        ("公安部", "term"),
        [inside("中国公安部", NOT_TERM)],
    ),
    # persons: never inside a word
    ("王 in 王国", "王国的军队很强大。", ("王", "person"), [inside("王国", NOT_A_NAME)]),
    ("王 in 国王", "国王发表讲话。", ("王", "person"), [inside("国王", NOT_A_NAME)]),
    ("traditional 國王", "國王發表講話。", ("王", "person"), [inside("國王", NOT_A_NAME)]),
    ("敦 in 伦敦", "他在伦敦工作。", ("敦", "person"), [inside("伦敦", NOT_A_NAME)]),
    ("敦 in 敦煌", "他去过敦煌。", ("敦", "person"), [inside("敦煌", NOT_A_NAME)]),
    (
        "both, in order",
        "王说，王国很大。王来了。",
        ("王", "person"),
        [ENFORCED, inside("王国", NOT_A_NAME), ENFORCED],
    ),
    (
        "name across words",
        "王毅然决定离开。",
        ("王毅", "person"),
        ["splits the word 毅然决定, not a name"],
    ),
    # plain terms and Latin script
    ("term on its own", "一带一路倡议提出十年。", ("一带一路", "term"), [ENFORCED]),
    ("Latin inside a longer word", "APECX会议", ("APEC", "term"), [inside("APECX", NOT_TERM)]),
    ("Latin after digits", "2023APEC会议", ("APEC", "term"), [inside("2023APEC", NOT_TERM)]),
    ("Latin on its own", "APEC会议在曼谷举行。", ("APEC", "term"), [ENFORCED]),
]


def _occurrences(text: str, term: str) -> list[int]:
    """Where the term's characters occur in the text (simplified), overlaps included."""
    simple, key = to_simplified(text), to_simplified(term)
    return [i for i in range(len(simple)) if simple.startswith(key, i)]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    ("text", "entry", "expected"), [pytest.param(t, e, x, id=i) for i, t, e, x in CASES]
)
def test_every_occurrence_is_enforced_or_reported(
    text: str, entry: tuple[str, str], expected: list[str]
) -> None:
    source, kind = entry
    terms, skipped = pinned_occurrences(text, TermMatcher([pin(source, kind)]))
    outcomes = sorted([(t.start, ENFORCED) for t in terms] + [(s.start, s.detail) for s in skipped])
    assert [why for _start, why in outcomes] == expected
    # every occurrence of the characters is accounted for, exactly once, at its place
    assert [start for start, _why in outcomes] == _occurrences(text, source)
    for t in terms:
        assert (
            to_simplified(text[t.start : t.end]) == to_simplified(source) == to_simplified(t.source)
        )
        assert t.target == f"<{source}>"
    for s in skipped:
        assert s.status == "skipped" and s.target == f"<{source}>"
        assert text[s.start : s.start + len(s.source)] == s.source


def test_longest_entry_wins_and_contained_terms_are_part_of_it() -> None:
    # 外交部 inside a matched 中国外交部 is enforced as part of it, not listed again
    entries = [pin("外交部", "org"), pin("中国外交部", "org")]
    terms, skipped = pinned_occurrences("中国外交部和外交部", TermMatcher(entries))
    assert [(t.source, t.start) for t in terms] == [("中国外交部", 0), ("外交部", 6)]
    assert skipped == []


def test_an_occurrence_overlapping_a_match_is_reported() -> None:
    entries = [pin("中泰", "term"), pin("泰国", "place")]
    terms, skipped = pinned_occurrences("中泰国", TermMatcher(entries))
    assert [(t.source, t.start) for t in terms] == [("泰国", 1)]
    assert [(s.source, s.detail) for s in skipped] == [
        ("中泰", "splits the word 泰国, not the term on its own")
    ]
    terms, skipped = pinned_occurrences(
        "王毅然", TermMatcher([pin("王毅", "person"), pin("毅然", "term")])
    )
    assert len(terms) + len(skipped) == 2


def test_unpinned_entries_are_neither_enforced_nor_reported() -> None:
    entry = Entry("王", "Wang", "person", "suggested")
    assert pinned_occurrences("王国和王", TermMatcher([entry])) == ([], [])


def test_counts_use_the_same_rule() -> None:
    text = "北京市和北京大学，王说王国。"
    entries = [pin("北京", "place"), pin("王", "person")]
    assert count_terms(text, entries) == {"北京": 1, "王": 1}


# --------------------------------------------------------------------------------------------
# The seed article: a pinned 公安部 occurs six times


def test_seed_article_accounts_for_every_公安部() -> None:
    occurrences = len(_occurrences(SEED.read_text(encoding="utf-8"), "公安部"))
    assert occurrences == 6
    # As an organisation: all six are enforced, 中国公安部 included.
    doc = translate_article(
        SEED,
        FakeTranslator(),
        glossary_entries=[pin("公安部", "org", "Ministry of Public Security")],
    )
    reports = [t for t in doc.all_terms() if t.source == "公安部"]
    assert [t.status for t in reports] == [ENFORCED] * 6
    assert [t for t in doc.terms() if t.source == "公安部"] == reports
    assert sum(1 for t in json.loads(to_json(doc))["terms"] if t["source"] == "公安部") == 6
    # As a plain term: five are enforced and the one inside 中国公安部 is reported, with why.
    doc = translate_article(
        SEED,
        FakeTranslator(),
        glossary_entries=[pin("公安部", "term", "Ministry of Public Security")],
    )
    reports = [t for t in doc.all_terms() if t.source == "公安部"]
    assert len(reports) == 6
    assert [t.status for t in reports].count(ENFORCED) == 5
    (skipped,) = [t for t in reports if t.status == "skipped"]
    assert skipped.detail == inside("中国公安部", NOT_TERM)
    data = json.loads(to_json(doc))
    assert [t["status"] for t in data["terms"] if t["source"] == "公安部"].count("skipped") == 1
    assert "- 公安部 → Ministry of Public Security: inside the word 中国公安部" in to_markdown(doc)


# --------------------------------------------------------------------------------------------
# The CLI: a warning on stderr and the Markdown's "Terms not enforced"

runner = CliRunner()


def test_run_reports_skipped_occurrences(fake: FakeTranslator, tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text("测试标题\n\n王说，王国的公安部门在北京市开会。\n", encoding="utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text(
        "source\ttarget\ttype\tstatus\n"
        "王\tWang\tperson\tpinned\n"
        "公安部\tMinistry of Public Security\torg\tpinned\n"
        "北京\tBeijing\tplace\tpinned\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(article), "-g", str(glossary)])
    assert result.exit_code == 0, result.output
    assert (
        f"translate: warning: {article}: pinned term 王 -> Wang not enforced "
        "(inside the word 王国, not a name)"
    ) in result.stderr
    assert (
        "pinned term 公安部 -> Ministry of Public Security not enforced "
        "(inside the word 公安部门, not the organisation on its own)"
    ) in result.stderr
    assert "北京" not in result.stderr  # 北京 inside 北京市 is enforced
    markdown = article.with_name("news.en.md").read_text(encoding="utf-8")
    section = markdown.split("## Terms not enforced", 1)[1]
    assert "- 王 → Wang: inside the word 王国, not a name" in section
    assert (
        "- 公安部 → Ministry of Public Security: "
        "inside the word 公安部门, not the organisation on its own"
    ) in section
    assert "Beijing" in markdown.split("## Terms not enforced", 1)[0]

    result = runner.invoke(
        app, ["run", str(article), "-g", str(glossary), "--format", "json", "-o", "-"]
    )
    data = json.loads(result.stdout)
    assert [(t["source"], t["status"]) for t in data["terms"]] == [
        ("王", "enforced"),
        ("王", "skipped"),
        ("公安部", "skipped"),
        ("北京", "enforced"),
    ]
