"""Furniture detection: a table of hand-made lines, context rules, and the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from translate.document import BODY, FURNITURE_ROLES, Document, Paragraph, Sentence
from translate.text.furniture import (
    classify_line,
    is_furniture_sentence,
    is_masthead,
    mark_furniture,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "beijing-youth-daily-2023-08-20.txt"
SEED = next(
    (
        p
        for p in (ROOT / "samples" / SEED_NAME, Path("/work/shared/seed") / SEED_NAME)
        if p.exists()
    ),
    ROOT / "samples" / SEED_NAME,
)

_SENTENCE = re.compile(r".+?(?:[。！？!?]+[”」』\"']*|$)", re.S)


def make_doc(text: str) -> Document:
    """A Document from text without the segmenter: a line is a paragraph, the first the title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paragraphs = [Paragraph([Sentence(s) for s in _SENTENCE.findall(line)]) for line in lines]
    title = paragraphs[0]
    title.role = "title"
    return Document(title=title, paragraphs=paragraphs[1:])


FURNITURE_LINES = [
    # datelines
    ("北京青年报客户端 2023-08-20 20:54", "dateline"),
    ("2023年08月20日 20:54 来源：北京青年报", "dateline"),
    ("发布时间：2023-08-20 20:54:11", "dateline"),
    ("新华社北京8月20日电（记者 张三）", "dateline"),
    ("新华社北京8月20日电", "dateline"),
    ("中新网8月20日电", "dateline"),
    ("本报讯（记者 张三）", "dateline"),
    # bylines
    ("文/北京青年报记者 孟亚旭", "byline"),
    ("记者 张三", "byline"),
    ("本报记者 张三 李四", "byline"),
    ("新华社记者 欧阳晓明", "byline"),
    ("（记者 张三）", "byline"),
    ("作者：王五", "byline"),
    ("文 | 赵六", "byline"),
    ("摄影/孙七", "byline"),
    # editor lines
    ("编辑/赵红信", "editor"),
    ("责任编辑：刘洋", "editor"),
    ("【责任编辑：刘洋】", "editor"),
    ("[责任编辑:刘洋]", "editor"),
    ("责编：周八 校对：吴九", "editor"),
    # copyright
    ("【版权声明】本文著作权归政知新媒体独家所有,未经授权,不得转载。", "copyright"),
    ("未经授权，不得转载。", "copyright"),
    ("版权所有 © 2023 北京青年报社", "copyright"),
    ("Copyright © 2023 Xinhua. All rights reserved.", "copyright"),
    ("转载请注明出处。", "copyright"),
    # sources
    ("资料 | 新华社 人民网 央视 界面新闻 澎湃新闻等", "source"),
    ("来源：新华社", "source"),
    ("本文来源：人民日报", "source"),
    ("（图片来源：视觉中国）", "source"),
    ("图片来源：IC photo", "source"),
    ("（新华社记者 李四 摄）", "source"),
    ("原标题：王毅同泰国副总理兼外长敦会谈", "source"),
    # related reading
    ("相关阅读", "related"),
    ("延伸阅读：", "related"),
    ("【相关新闻】", "related"),
    # other
    ("最新评论", "other"),
    ("（完）", "other"),
    ("(完)", "other"),
    ("点击进入专题：打击电信网络诈骗", "other"),
    ("扫码关注北京青年报微信公众号", "other"),
    ("打开APP阅读全文", "other"),
    ("图为8月19日,王毅在北京同泰国副总理兼外长敦会谈。新华社记者 张三 摄", "other"),
    ("▲图为会议现场。", "other"),
    ("资料图：缅北电诈园区", "other"),
    # traditional script
    ("責任編輯／許雅婷", "editor"),
    ("【版權聲明】本文著作權歸北城日報所有，未經授權不得轉載。", "copyright"),
    ("相關閱讀", "related"),
    ("來源：中央社", "source"),
    ("本報記者 林怡君", "byline"),
    ("北城日報 2024-03-18 10:32", "dateline"),
    ("記者林佳慧／台北報導", "byline"),
    ("【記者林佳慧／台北報導】", "byline"),
    ("〔記者林佳慧、王小明／台北報導〕", "byline"),
    ("（中央社記者王小明台北17日電）", "dateline"),
    ("【明報專訊】", "dateline"),
    ("（綜合報導）", "byline"),
    ("央视网消息（新闻联播）：", "source"),
    ("澎湃新闻报料：021-962866", "other"),
    ("扫描二维码，关注我们", "other"),
    ("谢绝转载", "copyright"),
    ("本文系原创，转载请注明来源：北京青年报", "copyright"),
    ("凡本网注明来源的作品，版权均归本网所有，未经本网授权不得转载、摘编。", "copyright"),
    ("未经书面许可，任何单位和个人不得转载。", "copyright"),
]

BODY_LINES = [
    "据外交部网站消息,8月19日,中共中央政治局委员、外交部长王毅在北京同来华进行工作访问的泰国副总理兼外长敦会谈。",
    "记者分别与3人的户籍地联系获悉,一人3年前去缅甸后失联,目前属于“在缅劝返人员”之一。",
    "8月19日,王毅和敦会谈时,再度提到了“共同打击电信诈骗”。",
    "新华社北京8月20日电（记者 张三）外交部长王毅20日在北京会见泰国外长。",
    "编辑部收到了很多读者来信。",
    "来源于群众的意见很重要。",
    "他说,要“迅速遏制境外电信网络诈骗反弹势头”。",
    "资料显示,该团伙共有成员40余人。",
    "扫黑除恶专项斗争取得阶段性成效。",
    "图书馆今年新增藏书十万册。",
    "版权保护是文化产业发展的基础,著作权法修订后,侵权成本明显提高。",
    "7月30日,《法治日报》报道,中央政法委书记陈文清主持召开中央政法委员会全体会议。",
    # Sentences about copyright, apps or interviews: news, not notices or prompts.
    "被告公司未经授权使用原告的商标,被判赔偿50万元。",
    "法院认定,原告系涉案作品的版权所有人。",
    "双方就著作权归属产生争议。",
    "该平台严禁转载未经核实的信息,违者将被封号。",
    "美国版权局（U.S. Copyright Office）表示,将发布新规。",
    "扫码支付已成为市民日常生活的一部分。",
    "关注微信公众号的用户数量突破10亿。",
    "点击进入页面后,系统会提示用户输入密码。",
    "打开App就能预约挂号,十分方便。",
    "记者:你们什么时候完工?",
    "网友爆料称,某小区发生火灾。",
    "据新华社北京9月17日电,国务院常务会议17日召开。",
]


@pytest.mark.parametrize(("line", "role"), FURNITURE_LINES)
def test_classify_furniture_line(line: str, role: str) -> None:
    assert role in FURNITURE_ROLES
    assert classify_line(line) == role


@pytest.mark.parametrize("line", BODY_LINES)
def test_classify_body_line(line: str) -> None:
    assert classify_line(line) is None
    assert not is_furniture_sentence(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("北京青年报", True), ("新华社", True), ("人民日报", True), ("澎湃新闻", True),
     ("共同打击", False), ("王毅会见泰国外长。", False)],
)  # fmt: skip
def test_is_masthead(line: str, expected: bool) -> None:
    assert is_masthead(line) is expected


def roles(text: str) -> list[str]:
    doc = make_doc(text)
    mark_furniture(doc)
    return [p.role for p in doc.paragraphs]


def test_short_heading_between_body_paragraphs() -> None:
    text = (
        "标题行\n王毅表示,中方愿同泰方深化合作。\n共同打击\n一个背景是,跨境诈骗犯罪严重。\n他说好。"
    )
    assert roles(text) == [BODY, "heading", BODY, BODY]


def test_numbered_heading() -> None:
    assert roles("标题\n正文第一段。\n一、加强国际合作\n正文第二段。") == [BODY, "heading", BODY]


def test_masthead_only_at_top() -> None:
    assert roles("标题\n新京报\n正文第一段,内容很长。")[0] == "publication"
    assert roles("标题\n正文第一段,内容很长。\n新京报\n正文。")[1] == "heading"


def test_headline_after_masthead_title_is_not_body() -> None:
    text = "北京青年报\n严厉打击!王毅、陈文清接连提到这一问题,公安部已出手\n北京青年报客户端 2023-08-20 20:54\n正文。"
    assert roles(text) == ["heading", "dateline", BODY]


def test_related_block_ends_at_article_text() -> None:
    text = "\n".join(
        [
            "标题",
            "正文第一段。",
            "相关阅读",
            "中缅警方首次在缅北木姐地区开展联合打击行动",
            "北京青年报客户端 2024-04-01",
            "我国持续打击跨境电信网络诈骗犯罪 传递出哪些信息?",
            "央视新闻 2024-03-14",
            "会议强调,要坚决维护人民群众切身利益,持续加大打击力度,决不让犯罪分子逍遥法外。",
        ]
    )
    assert roles(text) == [BODY, "related", "related", "related", "related", "related", BODY]


def test_everything_after_comments_header_is_other() -> None:
    text = "标题\n正文。\n最新评论\n网友甲:说得好,支持严厉打击。\n网友乙:赞。"
    assert roles(text) == [BODY, "other", "other", "other"]


def test_mark_furniture_is_idempotent() -> None:
    doc = make_doc("标题\n正文。\n编辑/赵红信")
    mark_furniture(doc)
    mark_furniture(doc)
    assert [p.role for p in doc.paragraphs] == [BODY, "editor"]
    assert doc.title.role == "title"


# A dateline or byline opening a body paragraph, and the article text after it.
LEADS = [
    (
        "新华社北京9月17日电（记者 张三 李四）9月17日，我国成功发射卫星。",
        "新华社北京9月17日电（记者 张三 李四）",
    ),
    ("新华社北京9月17日电 9月17日，我国成功发射卫星。", "新华社北京9月17日电 "),
    ("中新网北京9月17日电 (记者 赵六)国家统计局17日发布数据。", "中新网北京9月17日电 (记者 赵六)"),
    ("本报讯（记者 王五）昨天，北京市发布暴雨预警。", "本报讯（记者 王五）"),
    ("本报北京9月17日讯 记者从市教委获悉，新学期开学。", "本报北京9月17日讯 "),
    ("（中央社記者王小明台北17日電）行政院今天通過預算。", "（中央社記者王小明台北17日電）"),
    ("〔記者林佳慧／台北報導〕台北市政府昨天宣布。", "〔記者林佳慧／台北報導〕"),
    ("【明報專訊】政府昨日公布施政報告。", "【明報專訊】"),
    ("（綜合報導）美國總統今天表示。", "（綜合報導）"),
    ("（记者 张三）昨天，北京下雨。", "（记者 张三）"),
    ("央视网消息（新闻联播）：今天，全国人大常委会会议闭幕。", "央视网消息（新闻联播）："),
    ("人民网讯：北京今天迎来降雨。", "人民网讯："),
    # Article text: nothing to split off.
    ("据外交部网站消息，8月19日，王毅会见敦。", ""),
    ("据新华社北京9月17日电，国务院常务会议17日召开。", ""),
    ("国务院9月17日电贺中国女排夺冠。", ""),
    ("新华社8月20日电称，双方同意加强合作。", ""),
    ("（上接第一版）改革持续推进。", ""),
    ("新华社北京9月17日电（记者 张三）", ""),  # a line of its own: a dateline paragraph
]


@pytest.mark.parametrize(("text", "lead"), LEADS)
def test_lead_dateline_is_split_off_the_first_sentence(text: str, lead: str) -> None:
    doc = Document(
        title=Paragraph([Sentence("标题")], role="title"),
        paragraphs=[Paragraph([Sentence(text)]), Paragraph([Sentence("第二段正文。")])],
    )
    mark_furniture(doc)
    mark_furniture(doc)  # idempotent
    first = doc.paragraphs[0]
    assert first.source == text
    if lead:
        assert first.role == BODY
        assert [s.source for s in first.sentences] == [lead, text[len(lead) :]]
        assert first.sentences[0].role in FURNITURE_ROLES and first.sentences[1].role is None
        assert is_furniture_sentence(lead)
        assert not is_furniture_sentence(text[len(lead) :])
    else:
        assert len(first.sentences) == 1


# Seed article: expected role of every furniture paragraph (by its text); all others are body.
SEED_FURNITURE = {
    "北京青年报": "publication",  # masthead (the pipeline keeps it out of the title)
    "严厉打击!王毅、陈文清接连提到这一问题,公安部已出手": "heading",  # headline (title = masthead)
    "北京青年报客户端 2023-08-20 20:54": "dateline",
    "共同打击": "heading",
    "政法系统多次发声": "heading",
    "解救被困中方人员": "heading",
    "资料 | 新华社 人民网 央视 界面新闻 澎湃新闻等": "source",
    "【版权声明】本文著作权归政知新媒体独家所有,未经授权,不得转载。": "copyright",
    "文/北京青年报记者 孟亚旭": "byline",
    "编辑/赵红信": "editor",
    "相关阅读": "related",
    "最新评论": "other",
}


def _check_seed(doc: Document) -> None:
    mark_furniture(doc)
    assert doc.title.role == "title"
    lines = [p.source for p in doc.paragraphs]
    related_start = lines.index("相关阅读")
    comments = lines.index("最新评论")
    assert comments == len(lines) - 1
    for index, paragraph in enumerate(doc.paragraphs):
        if related_start < index < comments:
            expected = "related"  # the headline list with its source + date lines
        else:
            expected = SEED_FURNITURE.get(paragraph.source, BODY)
        assert paragraph.role == expected, (index, paragraph.source)
    assert sum(p.role == BODY for p in doc.paragraphs) == 35


def test_seed_article_roles() -> None:
    _check_seed(make_doc(SEED.read_text(encoding="utf-8")))


def test_seed_article_roles_through_pipeline() -> None:
    from translate.pipeline.plan import load_document

    doc = load_document(SEED)
    _check_seed(doc)


@pytest.mark.parametrize(
    "name",
    ["chengdu-flood-response.gbk.txt", "hong-kong-airport-runway.utf16.txt",
     "taipei-metro-expansion.big5.txt"],
)  # fmt: skip
def test_sample_articles_roles(name: str) -> None:
    from translate.pipeline.plan import load_document

    doc = load_document(ROOT / "samples" / name)
    roles = [p.role for p in doc.paragraphs]
    assert roles[0] == "dateline" and roles[-1] == "editor"
    assert set(roles[1:-1]) == {BODY}
