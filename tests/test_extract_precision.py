"""Kinds of false names seen on real articles, each on hand-made sentences (none taken from the
real-article sets): anonymised persons, surnames standing for a person before a verb, title +
name readings that swallow the next word, events and roles taken for organisations, places that
stop before the word that belongs to them. Run with the default (LAC) tagger, as users get it."""

from __future__ import annotations

import pytest

from translate.names.extract import extract_names
from translate.names.tagger import NoTagger


def names(text: str) -> dict[str, str]:
    return {e.source: e.type for e in extract_names(text)}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("患者李明（化名）今年50岁，他对记者说，手术很成功。", {}, {"李明"}),
        ("患者张芳(化名)说，她已经康复。", {}, {"张芳"}),
        (
            "前议员林正雄涉嫌受贿，一审判刑6年，林上诉后，高等法院改判林有期徒刑5年。",
            {"林正雄": "person"},
            {"林上", "林有期徒刑"},
        ),
        ("北京市副市长刘红来到现场检查工作。", {"刘红": "person"}, {"刘红来"}),
        ("全市9位副校长全出动，只为这件事。", {}, {"全出动"}),
        ("他将出席上海博览会，并观看亚洲杯比赛。", {}, {"上海博览会", "亚洲杯", "亚洲"}),
        (
            "湖南省委常委、长沙市委书记张建华出席会议。",
            {"湖南省委": "org", "张建华": "person"},
            {"湖南省委常委"},
        ),
        ("广东省政府代表团昨日抵达新加坡。", {"广东省政府": "org"}, {"广东省政府代表团"}),
        (
            "深圳市人工智能产业协会研究部主任王小明介绍了情况。",
            {"深圳市人工智能产业协会": "org"},
            {"深圳市人工智能产业协会研究部"},
        ),
        (
            "工作人员来到高碑店乡和正阳桥附近查看。",
            {"高碑店乡": "place", "正阳桥": "place"},
            {"高碑店", "正阳"},
        ),
        ("河南乡亲们来到郑州。", {"河南": "place"}, {"河南乡"}),
    ],
)
def test_kinds_of_false_names(text: str, present: dict[str, str], absent: set[str]) -> None:
    found = names(text)
    for name, type_ in present.items():
        assert found.get(name) == type_, (name, found)
    assert not absent & set(found), found


def test_the_rules_alone_keep_their_own_evidence_without_a_tagger() -> None:
    """Checks that ask the tagger fall back on the rules' evidence when none runs."""
    found = {e.source for e in extract_names("北京市副市长刘红来到现场。", tagger=NoTagger())}
    assert "刘红" in found
