"""Kinds of false names seen on real articles, each on hand-made sentences (none taken from the
real-article sets): anonymised persons, surnames standing for a person before a verb, title +
name readings that swallow the next word, events and roles taken for organisations, places that
stop before the word that belongs to them. Run with the default (LAC) tagger, as users get it."""

from __future__ import annotations

import pytest
from fakes import ScriptedTagger

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
        (
            "患者刘强（化名）住院三天。医生说，刘强的病情已经稳定。",
            {},
            {"刘强"},  # every mention of a made-up name, marked or not
        ),
        (
            "政制及内地事务局今日公布报告，市经济和信息化局也发布通知。",
            {"政制及内地事务局": "org", "经济和信息化局": "org"},
            {"市经济和信息化局"},
        ),
        ("北京和上海公安局联合行动。", {"北京": "place"}, {"北京和上海公安局"}),
        ("王明说正与市建局商讨。", {}, {"王明说正与市建局"}),
        ("国民党团与民进党团昨日协商。", {"国民党团": "org", "民进党团": "org"}, {"国民党"}),
        (
            "他毕业于美国哈佛大学，后任教于中国人民大学。",
            {"美国": "place", "哈佛大学": "org", "中国人民大学": "org"},
            {"美国哈佛大学"},
        ),
        ("省人大常委会召开会议，人民检察院派员列席。", {}, {"人大常委会", "人民检察院"}),
        ("沃尔玛中国宣布调整架构。", {"沃尔玛中国": "org"}, {"沃尔玛"}),
        ("美国国务院中国事务协调员表示关注。", {"美国国务院": "org"}, {"美国国务院中国"}),
        ("新北市违建拆除大队通知业者。", {"新北市违建拆除大队": "org"}, {"新北市违建拆除"}),
        ("台北驻纽约办事处主任出席。", {"驻纽约办事处": "org"}, {"纽约办事处"}),
        ("屯马线全线通车。", {}, {"屯马"}),
        ("中超联赛第十轮，上海申花主场获胜。", {"上海申花": "org"}, {"中超"}),
        (
            "据市场监管总局4月30日发布的消息，市城市管理委员会整治处处长介绍了情况。",
            {"市场监管总局": "org"},
            {"市场监管总局4月30日", "城市管理委员会整治处"},
        ),
        ("据21世纪经济报道，市场回暖。", {"21世纪经济报道": "org"}, set()),
        ("记者采访了居民王涛说起胡同的变化。", {}, {"王涛说"}),
        ("会议由院长周嘉等人主持。", {}, {"周嘉等"}),
        ("兆丰金控暨兆丰银行董事长出席。", {}, {"兆丰金控暨兆丰银行"}),
        ("复旦大学党委书记出席仪式。", {"复旦大学": "org"}, {"复旦大学党委"}),
        ("他曾获得茅盾文学奖。", {}, {"茅盾文学奖"}),
        ("绿营与蓝营星期五再度交锋。", {}, {"绿营", "蓝营", "星期五"}),
        (
            "苓雅區仁正里長黃裕仁表示，鳳山區博愛里長也參選。",
            {"仁正里": "place", "博愛里": "place", "黃裕仁": "person"},
            {"區仁正"},
        ),
        ("他在这里长期工作，我在城里长大。", {}, {"这里", "城里"}),
        # what those rules must leave alone (found in review)
        ("中国共产党团结带领全国各族人民前进。", {"中国共产党": "org"}, {"中国共产党团"}),
        ("国民党团结一致，反对民进党团队的提案。", {"国民党": "org"}, {"国民党团", "民进党团"}),
        (
            "财政部和国家税务总局日前发布公告。",
            {"财政部": "org", "国家税务总局": "org"},
            {"财政部和国家税务总局"},
        ),
        ("新加坡国立大学和美国哈佛大学合作。", {"新加坡国立大学": "org"}, {"国立大学"}),
        (
            "中国常驻联合国代表团团长张军发言。",
            {"中国常驻联合国代表团": "org"},
            {"中国常驻联合国"},
        ),
        ("该公司是腾讯子公司。", {"腾讯": "org"}, {"腾讯子公司"}),
        ("特斯拉中国市场销量大增。", {"特斯拉": "org"}, {"特斯拉中国"}),
        ("韩国瑜表示，韩正在北京会见外宾。", {"韩国瑜": "person", "韩正": "person"}, set()),
        ("教练刘建设认为，球队状态不错。", {"刘建设": "person"}, set()),
        ("患者“阿强”（化名）说，他已康复。", {}, {"阿强"}),
        ("两名俄罗斯人在比赛中受伤。", {}, {"俄罗斯人"}),
        ("平台建立数据机制和定期发布制度。", {}, {"机制", "定期"}),
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


def test_a_tagger_person_of_a_surname_and_a_verb_is_not_a_name() -> None:
    text = "立法院长韩国瑜宣布散会，韩坚持明日再议。"
    tagger = ScriptedTagger(("韩国瑜", "PER"), ("韩坚持", "PER"))
    found = {e.source for e in extract_names(text, tagger=tagger)}
    assert "韩国瑜" in found and "韩坚持" not in found
    # a given name that is an ordinary adjective or noun is still a name (林高远)
    text = "林高远在比赛中发挥出色。"
    found = {e.source for e in extract_names(text, tagger=ScriptedTagger(("林高远", "PER")))}
    assert "林高远" in found


def test_jieba_tags_alone_do_not_make_names_against_the_tagger() -> None:
    """With a tagger that saw no person or place, jieba's own guesses are left out; with no
    tagger at all they are kept (the rules alone)."""
    text = "展厅里摆放着一件玉雕作品。他在富春山居住多年。"
    alone = {e.source for e in extract_names(text, tagger=NoTagger())}
    assert {"玉雕", "富春山"} <= alone  # jieba's person tags, taken by the rules alone
    assert not {"玉雕", "富春山"} & {e.source for e in extract_names(text, tagger=ScriptedTagger())}
