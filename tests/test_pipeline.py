"""Pipeline logic with a fake backend: segmentation into units, batching, terms, assembly."""

from __future__ import annotations

import json

import pytest
from conftest import SEED
from fakes import FakeTranslator

from translate.backends.base import DecodeOptions
from translate.document import Document
from translate.glossary.entry import Entry
from translate.output.render import render
from translate.pipeline.article import translate_document
from translate.pipeline.assemble import join_english
from translate.pipeline.plan import build_document, load_document

ARTICLE = "标题在这里\n\n第一段第一句。第一段第二句！\n\n第二段只有一句。\n"


def test_masthead_line_is_not_the_title() -> None:
    doc = build_document("北京青年报\n王毅会见泰国外长\n正文第一句。\n")
    assert doc.title.source == "王毅会见泰国外长"
    assert [(p.source, p.role) for p in doc.paragraphs] == [
        ("北京青年报", "publication"),
        ("正文第一句。", "body"),
    ]


def test_first_line_is_title_and_sentences_cover_paragraphs() -> None:
    doc = build_document(ARTICLE)
    assert doc.title.source == "标题在这里"
    assert [p.source for p in doc.paragraphs] == [
        "第一段第一句。第一段第二句！",
        "第二段只有一句。",
    ]
    assert [s.source for s in doc.paragraphs[0].sentences] == ["第一段第一句。", "第一段第二句！"]


def test_every_sentence_is_translated_in_sorted_batches() -> None:
    doc = build_document(ARTICLE)
    fake = FakeTranslator()
    translate_document(doc, fake, DecodeOptions(beam=1, batch_size=2))
    assert all(s.target for s in doc.all_sentences())
    assert doc.paragraphs[0].sentences[0].target == "zh6 。"
    sent = [t for batch in fake.calls for t in batch]
    assert sorted(sent) == sorted(s.source for s in doc.all_sentences())
    assert all(len(batch) <= 2 for batch in fake.calls)
    lengths = [len(t) for t in sent]
    assert lengths == sorted(lengths, reverse=True)


def test_identical_units_are_translated_once() -> None:
    doc = build_document("标题\n\n重复的句子。重复的句子。\n\n重复的句子。")
    fake = FakeTranslator()
    translate_document(doc, fake, DecodeOptions(beam=1))
    sent = [t for batch in fake.calls for t in batch]
    assert sent.count("重复的句子。") == 1
    assert all(s.target for s in doc.all_sentences())
    assert doc.provenance is not None
    assert doc.provenance.units == 4 and doc.provenance.unique_units == 2


@pytest.mark.parametrize("length", [100, 3000])
def test_long_run_on_paragraph_is_split_and_nothing_is_dropped(length: int) -> None:
    body = "".join("中国泰国缅甸老挝警方联合打击电信诈骗"[i % 18] for i in range(length))
    doc = build_document(f"标题\n{body}\n")
    fake = FakeTranslator(limit=64)
    translate_document(doc, fake, DecodeOptions(beam=1, batch_size=8))
    sentence = doc.paragraphs[0].sentences[0]
    assert "".join(sentence.units) == sentence.source == body
    assert len(sentence.units) >= length // 64
    assert all(fake.count_tokens(u) <= 64 for u in sentence.units)
    assert all(sentence.unit_targets)
    han = sum(int(tok[2:]) for tok in sentence.target.split() if tok.startswith("zh"))
    assert han == length  # every character reached the model


def test_only_translates_chosen_sentences_and_title() -> None:
    doc = build_document(ARTICLE)
    fake = FakeTranslator()
    translate_document(doc, fake, DecodeOptions(beam=1), only={(1, 0)})
    assert doc.title.target
    assert doc.paragraphs[1].sentences[0].target
    assert not doc.paragraphs[0].sentences[0].target


def test_traditional_article_is_sent_simplified_but_kept_as_written() -> None:
    doc = build_document("陳文清主持會議\n\n中央政法委員會全體會議在北京舉行。")
    assert doc.script == "traditional"
    fake = FakeTranslator()
    translate_document(doc, fake, DecodeOptions(beam=1))
    sent = [t for batch in fake.calls for t in batch]
    assert "中央政法委员会全体会议在北京举行。" in sent
    assert doc.paragraphs[0].source == "中央政法委員會全體會議在北京舉行。"


def test_pinned_terms_are_reported_at_their_place_in_the_sentence() -> None:
    doc = build_document("标题\n\n据报道，陈文清主持会议。陈文清指出了问题。")
    entries = [
        Entry("陈文清", "Chen Wenqing", "person", "pinned"),
        Entry("会议", "meeting", "term", "suggested"),
    ]
    fake = FakeTranslator(mode="keep")
    translate_document(doc, fake, DecodeOptions(beam=1), glossary_entries=entries)
    first, second = doc.paragraphs[0].sentences
    assert [(t.source, t.start) for t in first.terms] == [("陈文清", 4)]
    assert [(t.source, t.start) for t in second.terms] == [("陈文清", 0)]
    assert "Chen Wenqing" in first.target and "Chen Wenqing" in second.target
    assert all(t.status in {"enforced", "retried", "spliced"} for t in doc.terms())
    assert "meeting" not in first.target  # suggested entries are not enforced


def test_punctuation_only_units_are_copied_not_translated() -> None:
    doc = build_document("标题\n\n——\n\n……”\n")
    fake = FakeTranslator()
    translate_document(doc, fake, DecodeOptions(beam=1))
    assert [p.target for p in doc.paragraphs] == ["—", '..."']  # in English punctuation
    assert all("—" not in t and "…" not in t for batch in fake.calls for t in batch)


@pytest.mark.parametrize(
    ("pieces", "joined"),
    [
        (["Hello", "world ."], "Hello world."),
        (["A,", " b "], "A, b"),
        (["", "x", "  "], "x"),
        (["It rose", "% today"], "It rose% today"),
    ],
)
def test_join_english(pieces: list[str], joined: str) -> None:
    assert join_english(pieces) == joined


def test_seed_article_json_has_the_documented_shape() -> None:
    doc = load_document(SEED)
    translate_document(doc, FakeTranslator(), DecodeOptions(beam=1, batch_size=32))
    data = json.loads(render(doc, "json"))
    assert data["title"]["source"] == "严厉打击!王毅、陈文清接连提到这一问题,公安部已出手"
    assert data["paragraphs"][0]["role"] == "publication"  # the masthead above the headline
    assert {"paragraphs", "summary", "glossary", "terms", "provenance"} <= set(data)
    assert len(data["paragraphs"]) == len(doc.paragraphs)
    for para, original in zip(data["paragraphs"], doc.paragraphs, strict=True):
        assert "".join(s["source"] for s in para["sentences"]) == original.source
        assert all(s["target"] for s in para["sentences"])
    prov = data["provenance"]
    assert prov["backend"] == "fake" and prov["decoding"]["beam"] == 1
    assert prov["input"]["encoding"].lower().replace("-", "").startswith("utf8")
    roles = {p["role"] for p in data["paragraphs"]}
    assert "related" in roles and "body" in roles


def test_markdown_bilingual_interleaves_chinese_and_english() -> None:
    doc = build_document(ARTICLE)
    translate_document(doc, FakeTranslator(), DecodeOptions(beam=1))
    md = render(doc, "md", bilingual=True)
    lines = [line for line in md.splitlines() if line]
    assert lines[0].startswith("# ")
    i = lines.index("> 第一段第一句。第一段第二句！")
    assert lines[i + 1] == doc.paragraphs[0].target
    plain = render(doc, "md")
    assert "第一段" not in plain


def _translated(text: str, targets: list[str]) -> Document:
    """A document whose paragraphs have the given English (one sentence each)."""
    doc = build_document(text)
    translate_document(doc, FakeTranslator(), DecodeOptions(beam=1))
    for para, target in zip(doc.paragraphs, targets, strict=True):
        for sentence in para.sentences:
            sentence.target = ""
        para.sentences[0].target = target
    return doc


@pytest.mark.parametrize(
    ("english", "line"),
    [
        ("#Wang Yi# meets guests", "\\#Wang Yi\\# meets guests"),
        ("- 5% growth", "\\- 5% growth"),
        ("> quoted", "\\> quoted"),
        ("1. First point", "1\\. First point"),
        ("+ plus", "\\+ plus"),
        ("Sources | Xinhua", "Sources \\| Xinhua"),
        ("a *starred* _word_ [x](y) <b>", "a \\*starred\\* \\_word\\_ \\[x\\](y) \\<b\\>"),
        ("It rose 1.5 times.", "It rose 1.5 times."),
    ],
)
def test_markdown_escapes_text_that_would_render_as_markup(english: str, line: str) -> None:
    doc = _translated("标题\n正文。\n", [english])
    assert line in render(doc, "md").splitlines()


def test_markdown_body_renders_as_plain_paragraphs() -> None:
    import markdown_it

    english = ["#1 trending", "- a", "> b", "2. c", "*d*", "=== ", "`e`", "a | b"]
    doc = _translated("标题\n" + "".join(f"第{i}段。\n" for i in range(len(english))), english)
    md = render(doc, "md", bilingual=True).split("<!--")[0]
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(md)
    kinds = {t.type for t in tokens}
    assert kinds <= {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
        "blockquote_open",
        "blockquote_close",
    }
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1  # the title only
    texts = [t.content for t in tokens if t.type == "inline"]
    rendered = markdown_it.MarkdownIt("commonmark").renderInline
    plain = [rendered(x) for x in texts]
    for target in english:
        assert any(target.strip().replace("<", "&lt;").replace(">", "&gt;") == p for p in plain)


def test_markdown_related_reading_pairs_headlines_with_their_source_line() -> None:
    doc = build_document(
        "标题\n正文第一句。\n往期回顾\n警方打击电诈重要战果\n央视新闻客户端 2024-11-23\n"
        "中缅警方开展联合打击行动\n法治日报 2024-10-02\n"
    )
    translate_document(doc, FakeTranslator(), DecodeOptions(beam=1))
    assert [p.role for p in doc.paragraphs][1:] == ["related"] * 5
    md = render(doc, "md")
    items = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(items) == 2, md
    assert items[0] == f"- {doc.paragraphs[2].target} — {doc.paragraphs[3].target}"
    assert "## Related reading" in md and "往期回顾" not in md  # its heading replaces it
    bilingual = render(doc, "md", bilingual=True)
    assert "> 往期回顾" in bilingual  # nothing of the source is left out
    assert "  央视新闻客户端 2024-11-23" not in bilingual
    assert "  警方打击电诈重要战果 — 央视新闻客户端 2024-11-23" in bilingual


def test_markdown_provenance_comment_survives_dashes_in_the_model_path() -> None:
    doc = _translated("标题\n正文。\n", ["Text."])
    assert doc.provenance is not None
    doc.provenance.model = "/models/opus--v2-->x"
    last = render(doc, "md").rstrip().splitlines()[-1]
    assert last.startswith("<!-- ") and last.endswith(" -->")
    assert "--" not in last[4:-3]


def test_text_bilingual_puts_chinese_above_english_title_included() -> None:
    doc = _translated("标题\n正文。\n", ["Text."])
    doc.title.sentences[0].target = "Title"
    assert render(doc, "txt", bilingual=True).splitlines()[:5] == [
        "标题",
        "Title",
        "",
        "正文。",
        "Text.",
    ]
