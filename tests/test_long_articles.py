"""Long articles stay linear: the extractive summary and name extraction of a 4,000-sentence
article finish in bounded time, their work grows about linearly with the article, and the
helpers that made them so give what the quadratic code gave. Progress is reported, not printed.

The articles come from benchmarks/bench_long.py (samples/ paragraphs and generated ones that
name new persons as the article goes on). Timings use process CPU time (all threads), which a
loaded machine inflates far less than wall-clock time, and bounds are loose: the quadratic code
took 53 s for names and ~1 min for the summary at 4,000 sentences, and grew ~14x from 1,000.
"""

from __future__ import annotations

import importlib.util
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import translate.summarize.extractive as summarize
from translate.names.article import Article, Token
from translate.names.extract import extract_names
from translate.names.scan import occurrences
from translate.pipeline.plan import build_document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_long", ROOT / "benchmarks" / "bench_long.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def texts(bench: ModuleType) -> dict[int, str]:
    return {size: bench.long_article(size) for size in (1000, 4000)}


def _cpu(fn: Callable[[], Any]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


# -- summary -------------------------------------------------------------------------------


def test_long_summary_is_bounded_and_grows_linearly(texts: dict[int, str]) -> None:
    docs = {size: build_document(text) for size, text in texts.items()}
    summarize.extractive(docs[1000], sentences=3)  # warm-up: jieba loads
    small = min(_cpu(lambda: summarize.extractive(docs[1000], sentences=3)) for _ in range(2))
    result: dict[str, Any] = {}
    large = _cpu(lambda: result.update(summarize.extractive(docs[4000], sentences=3)))
    assert len(result["sentences"]) >= 3
    assert large < 60, f"4,000-sentence summary took {large:.1f} s of CPU"
    assert large < 8 * max(small, 0.05), f"1k: {small:.2f} s, 4k: {large:.2f} s"


def test_sparse_graph_edges_grow_linearly(texts: dict[int, str]) -> None:
    # At most NEIGHBOURS edges per (sentence, word) posting, and postings grow with the text.
    # (The exact graph had 82k edges at 1k sentences and grows ~16x for 4x the sentences; the
    # sparse one grows a little over 4x as more words reach the cap.)
    edges = {}
    for size, text in texts.items():
        doc = build_document(text)
        tokens = [
            summarize._tokens(doc.paragraphs[p].sentences[s].source)
            for p, s in summarize._eligible(doc)
        ]
        assert len(tokens) > summarize.DENSE_LIMIT
        postings = sum(len(set(t)) for t in tokens)
        edges[size] = len(summarize._sparse_edges(tokens)[0])
        assert edges[size] <= summarize.NEIGHBOURS * postings
    assert edges[4000] < 8 * edges[1000], edges


def _token_lists(n: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(60)]
    return [rng.sample(vocabulary, rng.randint(0, 8)) for _ in range(n)]


def test_sparse_graph_without_a_cap_is_the_exact_graph() -> None:
    tokens = _token_lists(300)
    exact = summarize._dense_scores(tokens)
    a, b, weight = summarize._sparse_edges(tokens, neighbours=len(tokens))
    dense_pairs = 0
    sets = [set(t) for t in tokens]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            if sets[i] & sets[j] and len(sets[i]) >= 2 and len(sets[j]) >= 2:
                dense_pairs += 1
    assert len(a) == dense_pairs
    sparse = summarize._sparse_scores(tokens, neighbours=len(tokens))
    assert max(abs(x - y) for x, y in zip(exact, sparse, strict=True)) < 1e-12


def test_short_articles_keep_the_exact_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_sparse(tokens: Any) -> list[float]:
        raise AssertionError("sparse graph used at or below DENSE_LIMIT")

    monkeypatch.setattr(summarize, "_sparse_scores", no_sparse)
    summarize._scores(_token_lists(summarize.DENSE_LIMIT))
    monkeypatch.undo()
    scores = summarize._scores(_token_lists(summarize.DENSE_LIMIT + 1))
    assert len(scores) == summarize.DENSE_LIMIT + 1 and abs(sum(scores) - 1) < 1e-6


def test_summary_reports_progress(texts: dict[int, str]) -> None:
    doc = build_document(texts[1000])
    n = len(summarize._eligible(doc))
    calls: list[tuple[str, int, int]] = []
    summary = summarize.extractive(doc, sentences=3, progress=lambda *a: calls.append(a))
    assert len(summary["sentences"]) == 3
    assert {c[0] for c in calls} == {"summary"}
    assert calls[-1] == ("summary", n, n) and len(calls) >= 3
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)


# -- names ---------------------------------------------------------------------------------


def test_long_names_are_bounded_and_grow_linearly(texts: dict[int, str]) -> None:
    extract_names("外交部长王毅在北京会见泰国副总理兼外长敦。")  # warm-up: jieba, CC-CEDICT, tagger
    small = _cpu(lambda: extract_names(texts[1000]))
    found: list[Any] = []
    large = _cpu(lambda: found.extend(extract_names(texts[4000])))
    assert len(found) > 1000
    assert large < 300, f"names of a 4,000-sentence article took {large:.1f} s of CPU"
    assert large < 8 * small, f"1k: {small:.2f} s, 4k: {large:.2f} s"


def test_names_report_progress() -> None:
    calls: list[tuple[str, int, int]] = []
    text = "外交部长王毅在北京会见泰国副总理兼外长敦。王毅表示，双方要加强合作。\n" * 2000
    entries = extract_names(text, progress=lambda *a: calls.append(a))
    assert {e.source for e in entries} >= {"王毅", "北京"}
    words = [c for c in calls if c[0] == "names: words"]
    rules = [c for c in calls if c[0] == "names: rules"]
    assert len(words) >= 3 and words[-1] == ("names: words", len(text), len(text))
    assert rules[0][1] == 0 and rules[-1][1] == rules[-1][2] > 10
    assert calls.index(words[-1]) < calls.index(rules[0])


def test_occurrences_match_finditer_and_find() -> None:
    rng = random.Random(3)
    alphabet = "王毅丹穗陈海·a "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(5)]
        every = occurrences(text, words)
        first = occurrences(text, words, first_only=True)
        for word in words:
            assert every[word] == [m.start() for m in re.finditer(re.escape(word), text)]
            at = text.find(word)
            assert first[word] == ([at] if at >= 0 else [])


def _pieces_by_scan(tokens: list[Token], pos: int, before: bool) -> list[Token]:
    """pieces_from / pieces_before as they were: a scan over every token."""
    out: list[Token] = []
    for tok in reversed(tokens) if before else tokens:
        if before and tok.start < pos:
            cut = tok.end > pos
            out.append(Token(tok.text[: pos - tok.start], tok.start, pos, tok.pos) if cut else tok)
        elif not before and tok.end > pos:
            cut = tok.start < pos
            out.append(Token(tok.text[pos - tok.start :], pos, tok.end, tok.pos) if cut else tok)
        if len(out) > 8:
            break
    return out


def test_indexed_pieces_match_the_scan() -> None:
    article = Article(
        "8月19日，中共中央政治局委员、外交部长王毅在北京同来华进行工作访问的泰国副总理兼外长敦会谈。",
        curated=True,
    )
    for pos in range(-1, len(article.text) + 2):
        assert article.pieces_from(pos) == _pieces_by_scan(article.tokens, pos, before=False)
        assert article.pieces_before(pos) == _pieces_by_scan(article.tokens, pos, before=True)


def test_cli_step_bar_shows_steps_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from translate.cli import progress

    class Bar:
        def __init__(self) -> None:
            self.n, self.total, self.desc, self.unit = 0, 0, "", ""
            self.log: list[tuple[str, int, int]] = []

        def set_description(self, desc: str, refresh: bool = True) -> None:
            self.desc = desc

        def reset(self, total: int) -> None:
            self.n, self.total = 0, total

        def update(self, n: int) -> None:
            self.n += n
            self.log.append((self.desc, self.n, self.total))

    monkeypatch.setattr(progress, "stderr_is_tty", lambda: False)
    quiet = progress.StepBar("a.txt", bar=Bar())
    quiet("summary", 5, 10)
    assert quiet.bar.log == []
    monkeypatch.setattr(progress, "stderr_is_tty", lambda: True)
    bar = Bar()
    steps = progress.StepBar("a.txt", bar=bar)
    for call in [("summary", 0, 10), ("summary", 10, 10), ("names: words", 50, 100)]:
        steps(*call)
    assert bar.log == [("a.txt: summary", 0, 10), ("a.txt: summary", 10, 10),
                       ("a.txt: names: words", 50, 100)]  # fmt: skip
    assert bar.unit == "char"
    steps.close()  # not its own bar: the command closes it
