"""Pinned glossary terms: finding them in source text, and making them come out verbatim."""

from __future__ import annotations

import dataclasses
import random
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeTranslator

from translate.backends.base import DecodeOptions
from translate.glossary.entry import Entry
from translate.terms.enforce import (
    STATUSES,
    enforce_translate,
    inject_terms,
    join_splice,
    plan_splice,
    verify,
)
from translate.terms.match import TermMatcher, find_terms, pinned_terms
from translate.text.wordseg import base_tokenizer

OPTS = DecodeOptions(beam=1, batch_size=16)


def enforce_entries(
    backend: Any, texts: list[str], entries: list[Entry], options: DecodeOptions, **kwargs: Any
) -> tuple[list[str], list[list[Any]]]:
    """Find the pinned entries in each text, as planning does, then enforce them."""
    matcher = TermMatcher(entries)
    terms = [pinned_terms(text, matcher) for text in texts]
    return enforce_translate(backend, texts, terms, options, **kwargs)


def pin(source: str, target: str, status: str = "pinned") -> Entry:
    return Entry(source=source, target=target, type="term", status=status)


GLOSSARY = [
    pin("王毅", "Wang Yi"),
    pin("陈文清", "Chen Wenqing"),
    pin("敦", "Don Pramudwinai"),
    pin("中央政法委员会", "Central Political and Legal Affairs Commission"),
    pin("中央政法委", "Central Political and Legal Affairs Commission"),
    pin("公安部", "Ministry of Public Security"),
    pin("老挝公安部", "Lao Ministry of Public Security"),
    pin("泰国", "Thailand"),
]


# --------------------------------------------------------------------------------------------
# find_terms

FIND_CASES = [
    # (id, text, entries as (source, target), expected [(text as written, start)])
    ("none", "今天天气很好。", GLOSSARY, []),
    ("empty text", "", GLOSSARY, []),
    ("no entries", "王毅说", [], []),
    ("simple", "王毅表示同意", GLOSSARY, [("王毅", 0)]),
    ("two terms", "王毅、陈文清接连提到", GLOSSARY, [("王毅", 0), ("陈文清", 3)]),
    ("twice", "王毅说王毅", GLOSSARY, [("王毅", 0), ("王毅", 3)]),
    ("longest first", "中央政法委员会秘书长", GLOSSARY, [("中央政法委员会", 0)]),
    ("short org name", "中央政法委今天开会", GLOSSARY, [("中央政法委", 0)]),
    # 中央政法委员会 is a jieba word: the short name never matches inside it
    ("short inside long", "中央政法委员会", [pin("中央政法委", "X")], []),
    ("王 not in 王国", "王国的军队", [pin("王", "Wang")], []),
    ("王 alone", "王与王国", [pin("王", "Wang")], [("王", 0)]),
    ("王毅 wins over 王", "王毅说", [pin("王", "Wang"), pin("王毅", "Wang Yi")], [("王毅", 0)]),
    (
        "王国 entry",
        "王与王国",
        [pin("王", "Wang"), pin("王国", "kingdom")],
        [("王", 0), ("王国", 2)],
    ),
    # a pinned 公安部 matches inside 老挝公安部 when the longer name is not an entry:
    # jieba splits 老挝/公安部, so both ends of 公安部 are word boundaries
    ("inside unlisted org", "老挝公安部部长", [pin("公安部", "MPS")], [("公安部", 2)]),
    ("listed org wins", "老挝公安部部长", GLOSSARY, [("老挝公安部", 0)]),
    ("not in 公安部长", "公安部长说", [pin("公安部", "MPS")], []),
    ("traditional text", "陳文清說", GLOSSARY, [("陳文清", 0)]),
    ("traditional entry", "陈文清说", [pin("陳文清", "Chen Wenqing")], [("陈文清", 0)]),
    ("traditional org", "中央政法委員會", GLOSSARY, [("中央政法委員會", 0)]),
    # jieba's HMM would glue 和敦 together; without it the single-character name is found
    ("one-char name", "王毅和敦会谈时", GLOSSARY, [("王毅", 0), ("敦", 3)]),
    ("one-char not in word", "伦敦的天气", GLOSSARY, []),
    ("overlap leftmost", "中泰国", [pin("中泰", "A"), pin("泰国", "B")], [("泰国", 1)]),
    (
        "overlap longest",
        "泰国国家警察总署称",
        [pin("泰国", "A"), pin("国家警察总署", "B"), pin("泰国国家警察总署", "C")],
        [("泰国国家警察总署", 0)],
    ),
    (
        "adjacent",
        "泰国国家警察总署称",
        [pin("泰国", "A"), pin("国家警察总署", "B")],
        [("泰国", 0), ("国家警察总署", 2)],
    ),
    ("latin", "APEC会议在曼谷", [pin("APEC", "APEC")], [("APEC", 0)]),
    ("latin inside word", "APECX会议", [pin("APEC", "APEC")], []),
    ("latin after digits", "2023APEC会议", [pin("APEC", "APEC")], []),
    ("latin case-sensitive", "apec会议", [pin("APEC", "APEC")], []),
    ("punctuation around", "“王毅”：", GLOSSARY, [("王毅", 1)]),
    ("suggested entries too", "王毅说", [pin("王毅", "Wang Yi", "suggested")], [("王毅", 0)]),
]


@pytest.mark.parametrize(
    ("text", "entries", "expected"),
    [pytest.param(t, e, x, id=i) for i, t, e, x in FIND_CASES],
)
def test_find_terms(text: str, entries: list[Entry], expected: list[tuple[str, int]]) -> None:
    matches = find_terms(text, entries)
    assert [(m.text, m.start) for m in matches] == expected
    for m in matches:
        assert text[m.start : m.end] == m.text
        assert m.entry in entries


def test_find_terms_returns_the_entry_and_first_duplicate_wins() -> None:
    first, second = pin("王毅", "Wang Yi"), pin("王毅", "Wang Y.")
    (match,) = find_terms("王毅说", [first, second])
    assert match.entry is first


def test_matcher_is_fast_for_big_glossaries() -> None:
    base_tokenizer()  # jieba's dictionary loads once per process (~1 s): not what is measured
    rng = random.Random(7)
    chars = "王陈李张刘中国泰缅老挝公安部外交政法委员会北京曼谷清迈警察总署新闻社报电信诈骗"
    entries = [pin("".join(rng.choices(chars, k=rng.randint(2, 5))), f"T{i}") for i in range(5000)]
    entries += GLOSSARY
    sentences = [
        "据外交部网站消息，8月19日，中共中央政治局委员、外交部长王毅在北京同泰国副总理兼外长敦会谈。",
        "中央政法委员会秘书长陈文清同缅甸、老挝、泰国警方负责人举行会谈，公安部已出手。",
        "近期，打击治理电信网络诈骗犯罪，备受外界关注。",
        "记者分别与3人的户籍地联系获悉，一人3年前去缅甸后失联。",
        "今天天气很好，我们去公园散步。",
    ] * 100
    start = time.perf_counter()
    matcher = TermMatcher(entries)
    found = [matcher.find(s) for s in sentences]
    elapsed = time.perf_counter() - start
    assert sum(len(f) for f in found) >= 500
    assert elapsed < 2.0, f"5,000 entries x 500 sentences took {elapsed:.2f} s"


# --------------------------------------------------------------------------------------------
# verify, inject, splice


@pytest.mark.parametrize(
    ("output", "targets", "missing"),
    [
        ("Wang Yi met Don.", ["Wang Yi"], []),
        ("Wang met Don.", ["Wang Yi"], ["Wang Yi"]),
        ("wang yi met Don.", ["Wang Yi"], ["Wang Yi"]),
        ("Wang Yi and Wang Yi", ["Wang Yi", "Wang Yi"], []),
        ("Wang Yi said", ["Wang Yi", "Wang Yi"], ["Wang Yi"]),
        ("Wang Yi said", ["Wang", "Wang Yi"], ["Wang"]),  # Wang is not counted inside Wang Yi
        ("Wang Yi met Wang", ["Wang", "Wang Yi"], []),
        ("Thailand", ["Thai"], ["Thai"]),
        ("the Thai side", ["Thai"], []),
        ("Thai's", ["Thai"], []),
        ("", ["Thai"], ["Thai"]),
        ("anything", [], []),
    ],
)
def test_verify(output: str, targets: list[str], missing: list[str]) -> None:
    assert verify(output, targets) == missing


@pytest.mark.parametrize(
    ("text", "injected"),
    [
        ("王毅在北京", "Wang Yi 在北京"),
        ("外长王毅在北京", "外长 Wang Yi 在北京"),
        ("“王毅”说", "“Wang Yi”说"),
        ("王毅", "Wang Yi"),
        ("会见王毅。", "会见 Wang Yi。"),
    ],
)
def test_inject_terms(text: str, injected: str) -> None:
    assert inject_terms(text, find_terms(text, GLOSSARY)) == injected


def _non_punct(text: str) -> str:
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch)[0] == "P"))


@pytest.mark.parametrize(
    ("text", "pieces", "english"),
    [
        (
            "王毅在北京同敦会谈。",
            ["在北京同", "会谈"],
            "Wang Yi <在北京同> Don Pramudwinai <会谈>.",
        ),
        ("王毅", [], "Wang Yi"),
        ("“王毅”说：", ["说"], '"Wang Yi" <说>:'),
        ("据报道，王毅、陈文清表示", ["据报道", "表示"], "<据报道>, Wang Yi, Chen Wenqing <表示>"),
        ("（王毅）", [], "(Wang Yi)"),
        ("他说，王毅！", ["他说"], "<他说>, Wang Yi!"),
    ],
)
def test_splice_plan_and_join(text: str, pieces: list[str], english: str) -> None:
    matches = find_terms(text, GLOSSARY)
    plan = plan_splice(text, matches)
    assert plan.pieces == pieces
    # every non-punctuation source character is in a piece or a term
    covered = "".join(pieces) + "".join(m.text for m in matches)
    assert sorted(_non_punct(covered)) == sorted(_non_punct(text))
    assert join_splice(plan, [f"<{p}>" for p in pieces]) == english


@pytest.mark.parametrize(
    ("model_output", "english"),
    [
        ("He met with.", "Wang Yi he met with Don Pramudwinai"),  # spurious period dropped
        ("The meeting", "Wang Yi the meeting Don Pramudwinai"),  # continues the sentence
        ("  , met  ", "Wang Yi met Don Pramudwinai"),
        ("in the U.S.", "Wang Yi in the U.S. Don Pramudwinai"),
    ],
)
def test_join_cleans_model_fragments(model_output: str, english: str) -> None:
    plan = plan_splice("王毅同外长敦", find_terms("王毅同外长敦", GLOSSARY))
    assert plan.pieces == ["同外长"]
    assert join_splice(plan, [model_output]) == english


# --------------------------------------------------------------------------------------------
# enforce_translate with the fake backend

TEXTS = [
    "据外交部网站消息，王毅在北京同泰国副总理兼外长敦会谈。",
    "今天没有专名。",
    "王毅",
    "“王毅”说：王毅！",
    "陳文清說，中央政法委員會已部署。",
]


def _targets(reports: list) -> list[str]:
    return [r.target for r in reports]


@pytest.mark.parametrize(
    ("mode", "honour_prefer", "status"),
    [
        ("keep", False, "enforced"),
        ("keep", True, "enforced"),
        ("drop", False, "spliced"),
        ("drop", True, "retried"),
        ("mangle", False, "spliced"),
    ],
)
def test_enforce_modes(mode: str, honour_prefer: bool, status: str) -> None:
    fake = FakeTranslator(mode=mode, honour_prefer=honour_prefer)
    texts = [t for t in TEXTS if t != "“王毅”说：王毅！"]  # twice: see its own test
    outputs, reports = enforce_entries(fake, texts, GLOSSARY, OPTS)
    assert len(outputs) == len(reports) == len(texts)
    expected_terms = [
        ["王毅", "泰国", "敦"],
        [],
        ["王毅"],
        ["陳文清", "中央政法委員會"],
    ]
    assert [[r.source for r in rs] for rs in reports] == expected_terms
    for text, out, rs in zip(texts, outputs, reports, strict=True):
        for r in rs:
            assert r.status == status, (text, out, r)
            assert text[r.start :].startswith(r.source)
            assert r.detail
        assert verify(out, _targets(rs)) == []
    assert outputs[1] == "zh6 。"  # no terms: the fake's plain translation, untouched


def test_backend_that_cannot_bias_skips_the_retry_pass() -> None:
    # honour_prefer would make a retry succeed; a backend that says it cannot bias is not asked.
    fake = FakeTranslator(mode="drop", honour_prefer=True, supports_prefer=False)
    texts = ["王毅在北京会见泰国外长。", "今天没有专名。"]
    outputs, reports = enforce_entries(fake, texts, GLOSSARY, OPTS)
    assert [r.status for r in reports[0]] == ["spliced", "spliced"]
    assert "cannot bias" in reports[0][0].detail
    assert verify(outputs[0], _targets(reports[0])) == []
    assert not any(call == ["王毅在北京会见泰国外长。"] for call in fake.calls)  # no retry batch


def test_spliced_output_holds_the_pieces_fake_translations() -> None:
    fake = FakeTranslator(mode="drop")
    outputs, reports = enforce_entries(fake, [TEXTS[0]], GLOSSARY, OPTS)
    # pieces: 据外交部网站消息 (8) | 王毅 | 在北京同 (4) | 泰国 | 副总理兼外长 (6) | 敦 | 会谈 (2)
    assert outputs == ["zh8, Wang Yi zh4 Thailand zh6 Don Pramudwinai zh2."]
    assert [r.status for r in reports[0]] == ["spliced"] * 3
    assert len(fake.calls) == 3  # inject, retry, splice
    assert sorted(fake.calls[2]) == sorted(["据外交部网站消息", "在北京同", "副总理兼外长", "会谈"])


def test_term_twice() -> None:
    for mode, status in [("keep", "enforced"), ("drop", "spliced")]:
        fake = FakeTranslator(mode=mode, honour_prefer=True)  # appends Wang Yi once: not enough
        outputs, reports = enforce_entries(fake, ["“王毅”说：王毅！"], GLOSSARY, OPTS)
        assert [(r.source, r.start, r.status) for r in reports[0]] == [
            ("王毅", 1, status),
            ("王毅", 6, status),
        ]
        assert outputs[0].count("Wang Yi") == 2
    assert outputs == ['"Wang Yi" zh1: Wang Yi!']


def test_sentence_that_is_only_the_term() -> None:
    for mode in ("keep", "drop", "mangle"):
        outputs, reports = enforce_entries(FakeTranslator(mode=mode), ["王毅"], GLOSSARY, OPTS)
        assert outputs == ["Wang Yi"]
        assert len(reports[0]) == 1


def test_one_batched_pass_when_no_pinned_terms() -> None:
    fake = FakeTranslator(mode="drop")
    texts = ["今天没有专名。", "天气很好。", "王毅说。"]
    suggested = [pin("王毅", "Wang Yi", "suggested"), pin("天气", "weather", "review")]
    outputs, reports = enforce_entries(fake, texts, suggested, OPTS)
    assert len(fake.calls) == 1
    assert sorted(fake.calls[0]) == sorted(texts)
    assert reports == [[], [], []]
    assert outputs == ["zh6 。", "zh4 。", "zh3 。"]


def test_texts_with_and_without_terms_share_the_first_pass() -> None:
    fake = FakeTranslator(mode="keep")
    progress: list[int] = []
    texts = ["今天没有专名。", "王毅说。", "天气很好。"]
    enforce_entries(fake, texts, GLOSSARY, OPTS, on_batch=progress.append)
    assert len(fake.calls) == 1
    assert sorted(fake.calls[0]) == sorted(["今天没有专名。", "Wang Yi 说。", "天气很好。"])
    assert sum(progress) == len(texts)


def test_no_entries_is_a_plain_translation() -> None:
    fake = FakeTranslator()
    outputs, reports = enforce_entries(fake, ["王毅说。"], [], OPTS)
    assert outputs == ["zh3 。"] and reports == [[]]
    assert enforce_entries(fake, [], GLOSSARY, OPTS) == ([], [])


def test_injected_text_over_the_limit_is_spliced() -> None:
    # "王毅说" is 4 fake tokens; injected "Wang Yi 说" is 10. The fake raises past its limit.
    fake = FakeTranslator(mode="keep", limit=6)
    progress: list[int] = []
    outputs, reports = enforce_entries(
        fake, ["王毅说", "好的"], GLOSSARY, OPTS, on_batch=progress.append
    )
    assert outputs == ["Wang Yi zh1", "zh2"]
    assert reports[0][0].status == "spliced"
    assert "limit" in reports[0][0].detail
    assert all(fake.count_tokens(t) <= 6 for call in fake.calls for t in call)
    assert sum(progress) == 2


def test_a_miss_is_reported_not_raised() -> None:
    # limit 1: not even one character fits, so nothing can be translated: a reported miss
    fake = FakeTranslator(mode="keep", limit=1)
    outputs, reports = enforce_entries(fake, ["王毅说"], GLOSSARY, OPTS)
    assert outputs == [""]
    (report,) = reports[0]
    assert report.status == "missed"
    assert report.source == "王毅" and report.target == "Wang Yi"
    assert "limit" in report.detail


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("王毅说。", "Wang Yi zh1."),
        ("他会见了王毅。", "zh4 Wang Yi."),
        ("，王毅，", ", Wang Yi,"),
        ("王毅：“泰国！”", 'Wang Yi: "Thailand!"'),
    ],
)
def test_term_at_the_edges_next_to_punctuation(text: str, english: str) -> None:
    outputs, reports = enforce_entries(FakeTranslator(mode="drop"), [text], GLOSSARY, OPTS)
    assert outputs == [english]
    assert {r.status for r in reports[0]} == {"spliced"}


# --------------------------------------------------------------------------------------------
# A tiny real Marian model: random weights, so it copies nothing; enforcement must still hold.


def test_tiny_marian_outputs_hold_every_pinned_term(tiny_marian_dir: Path) -> None:
    from translate.backends import load_translator

    backend, opts = load_translator(str(tiny_marian_dir), device="cpu")
    opts = dataclasses.replace(opts, beam=1, max_new_tokens=24)  # random weights: keep it short
    texts = [t for t in TEXTS if t != "今天没有专名。"] + ["今天没有专名。"]
    outputs, reports = enforce_entries(backend, texts, GLOSSARY, opts)
    assert len(outputs) == len(texts)
    assert reports[-1] == []
    # Every text but the last has pinned terms: each must be reported, none missed.
    assert all(reports[:-1]), reports
    for out, rs in zip(outputs, reports, strict=True):
        for r in rs:
            assert r.status in STATUSES
            assert r.status != "missed", r
        assert verify(out, _targets(rs)) == [], out


def test_pinned_entry_without_target_is_reported_missed() -> None:
    # A hand-edited glossary can pin an entry and leave its target empty: never silent.
    entries = [*GLOSSARY, Entry("丹穗", "", "person", "pinned")]
    outputs, reports = enforce_entries(
        FakeTranslator(mode="keep"), ["王毅会见丹穗。", "丹穗说。"], entries, OPTS
    )
    assert [(r.source, r.status) for r in reports[0]] == [("王毅", "enforced"), ("丹穗", "missed")]
    assert [(r.source, r.target, r.status) for r in reports[1]] == [("丹穗", "", "missed")]
    assert "no target" in reports[1][0].detail
    assert outputs[1]
