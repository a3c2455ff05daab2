"""The article engine: plan -> translate -> assemble over plain units, and the library's front door."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED
from fakes import FakeTranslator

from translate.backends.base import DecodeOptions
from translate.document import Provenance, Unit, UnitResult, UnitTerm
from translate.glossary.entry import Entry
from translate.output.render import render
from translate.pipeline.article import translate_article, translate_document
from translate.pipeline.assemble import assemble
from translate.pipeline.plan import build_document, load_document, plan_units
from translate.pipeline.translate import translate_units

OPTS = DecodeOptions(beam=1, batch_size=8)
PINNED = [Entry("王毅", "Wang Yi", "person", "pinned"), Entry("陈文清", "Chen Wenqing", "person")]


def test_units_are_plain_records_with_their_pinned_terms() -> None:
    doc = build_document("王毅会见外长\n\n据报道，王毅主持会议。陈文清出席。\n\n——\n")
    units = plan_units(doc, FakeTranslator(), PINNED)
    assert [u.id for u in units] == ["0.0.0", "1.0.0", "1.1.0", "2.0.0"]
    title, first, second, dash = units
    assert first.text == "据报道，王毅主持会议。" and first.tokens == len(first.text) + 1
    # Only pinned entries are terms; offsets are in the unit text.
    assert first.terms == (UnitTerm("王毅", "Wang Yi", 4, 6),)
    assert first.text[4:6] == "王毅"
    assert second.terms == ()  # 陈文清 is in the glossary but not pinned
    assert title.terms == (UnitTerm("王毅", "Wang Yi", 0, 2),)
    assert dash.text == "——"
    for unit in units:
        assert pickle.loads(pickle.dumps(unit)) == unit
        assert all(isinstance(v, (str, int, tuple)) for v in dataclasses.astuple(unit))


def test_long_sentence_units_keep_terms_whole_and_offsets_in_the_sentence() -> None:
    sentence = "，".join(["中国泰国缅甸老挝警方联合打击电信诈骗"] * 6) + "，王毅出席。"
    doc = build_document(f"标题\n{sentence}\n")
    units = plan_units(doc, FakeTranslator(limit=40), PINNED)
    pieces = doc.paragraphs[0].sentences[0].units
    assert len(pieces) > 2 and "".join(pieces) == sentence
    for unit in units[1:]:
        assert unit.tokens <= 40
        assert sentence[unit.offset : unit.offset + len(unit.text)] == unit.text
    (term_unit,) = [u for u in units if u.terms]
    (term,) = term_unit.terms
    assert term_unit.text[term.start : term.end] == "王毅"


def test_traditional_units_are_simplified_at_the_same_length() -> None:
    doc = build_document("陳文清主持會議\n\n中央政法委員會全體會議在北京舉行。")
    pinned = [Entry("陈文清", "Chen Wenqing", "person", "pinned")]
    title = plan_units(doc, FakeTranslator(), pinned)[0]
    assert title.text == "陈文清主持会议"
    assert title.terms == (UnitTerm("陳文清", "Chen Wenqing", 0, 3),)


def test_three_stages_match_translate_document() -> None:
    text = SEED.read_text(encoding="utf-8")
    staged = build_document(text)
    units = plan_units(staged, FakeTranslator(), PINNED)
    results = translate_units(units, FakeTranslator(mode="drop"), OPTS)
    assert [r.id for r in results] == [u.id for u in units]
    assemble(staged, units, results)
    whole = translate_document(
        build_document(text), FakeTranslator(mode="drop"), OPTS, glossary_entries=PINNED
    )
    assert [s.target for s in staged.all_sentences()] == [s.target for s in whole.all_sentences()]
    assert [t.to_json() for t in staged.terms()] == [t.to_json() for t in whole.terms()]
    assert any(t.status == "spliced" for t in staged.terms())  # "drop" loses injected English


def test_identical_units_across_articles_are_translated_once() -> None:
    first = build_document("标题一\n\n重复的句子。第一篇。")
    second = build_document("标题二\n\n重复的句子。第二篇。")
    fake = FakeTranslator()
    units_a = plan_units(first, fake, ())
    units_b = plan_units(second, fake, ())
    results = translate_units([*units_a, *units_b], fake, OPTS)
    sent = [t for batch in fake.calls for t in batch]
    assert sent.count("重复的句子。") == 1 and len(sent) == 5
    assemble(first, units_a, results[: len(units_a)])
    assemble(second, units_b, results[len(units_a) :])
    assert first.paragraphs[0].sentences[0].target == second.paragraphs[0].sentences[0].target
    assert second.paragraphs[0].sentences[1].target == "zh3 。"


def test_assemble_refuses_results_of_other_units() -> None:
    doc = build_document("标题\n\n正文。")
    units = plan_units(doc, FakeTranslator(), ())
    with pytest.raises(ValueError, match="does not belong"):
        assemble(doc, units, [UnitResult("9.9.9", "x") for _ in units])
    with pytest.raises(ValueError, match="results for"):
        assemble(doc, units, [])


WORKER = """
import pickle, sys
from fakes import FakeTranslator
from translate.backends.base import DecodeOptions
from translate.pipeline.translate import translate_units

units = pickle.load(sys.stdin.buffer)
results = translate_units(units, FakeTranslator(mode="drop"), DecodeOptions(beam=1))
sys.stdout.buffer.write(pickle.dumps(results))
"""


def test_units_pickled_to_another_process_come_back_and_assemble() -> None:
    doc = load_document(SEED)
    units = plan_units(doc, FakeTranslator(), PINNED)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    proc = subprocess.run(
        [sys.executable, "-c", WORKER],
        input=pickle.dumps(units),
        capture_output=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    results = pickle.loads(proc.stdout)
    assert len(results) == len(units) and all(isinstance(r, UnitResult) for r in results)
    assemble(doc, units, results)
    here = translate_document(
        load_document(SEED), FakeTranslator(mode="drop"), OPTS, glossary_entries=PINNED
    )
    assert [s.target for s in doc.all_sentences()] == [s.target for s in here.all_sentences()]
    wang = [t for t in doc.terms() if t.source == "王毅"]
    assert wang and all(t.status == "spliced" for t in wang)
    assert all("Wang Yi" in s.target for s in doc.all_sentences() if "王毅" in s.source)


def test_translate_article_returns_a_finished_article_without_the_cli() -> None:
    doc = translate_article(SEED, FakeTranslator(), OPTS, glossary_entries=PINNED)
    assert doc.title.target and all(s.target for s in doc.all_sentences())
    assert doc.summary is not None and doc.summary["method"] == "extractive"
    assert doc.summary["text"] and len(doc.summary["sentences"]) == 3
    names = {row["source"]: row for row in doc.glossary}
    assert names["王毅"]["status"] == "pinned" and names["王毅"]["target"] == "Wang Yi"
    assert names["陈文清"]["count"] >= 2
    prov = doc.provenance
    assert isinstance(prov, Provenance)
    assert prov.backend == "fake" and prov.decoding["beam"] == 1
    assert prov.glossary["pinned_terms"] == 1 and len(prov.glossary["hash"]) == 16
    assert prov.input["path"] == str(SEED)
    assert {"segment_s", "translate_s", "summary_s", "glossary_s", "total_s"} <= set(prov.timings)
    assert prov.units >= prov.unique_units > 10
    data = json.loads(render(doc, "json"))
    assert data["provenance"] == json.loads(json.dumps(prov.to_json()))


def test_translate_article_takes_text_and_skips_what_is_not_asked() -> None:
    doc = translate_article(
        "标题\n\n正文第一句。", FakeTranslator(), summary_sentences=0, names=False
    )
    assert doc.paragraphs[0].sentences[0].target == "zh5 。"
    assert doc.summary is None and doc.glossary == []
    assert doc.provenance is not None and doc.provenance.decoding == DecodeOptions().to_json()


def test_article_glossary_counts_on_word_boundaries() -> None:
    # 王 inside 王国 is not an occurrence, exactly as enforcement would not touch it.
    entries = [Entry("王", "Wang", "person", "pinned")]
    doc = translate_article(
        "标题\n\n王说，王国很大。王来了。", FakeTranslator(), glossary_entries=entries
    )
    (row,) = [r for r in doc.glossary if r["source"] == "王"]
    assert row["count"] == 2
    assert len([t for t in doc.terms() if t.source == "王"]) == 2


@pytest.mark.parametrize("backend_name", ["transformers", "ctranslate2"])
def test_provenance_records_library_versions_of_a_real_backend(
    tiny_marian_dir: Path, backend_name: str
) -> None:
    from translate.backends import load_translator

    backend, options = load_translator(str(tiny_marian_dir), device="cpu", backend=backend_name)
    options = dataclasses.replace(options, beam=1, max_new_tokens=8)
    doc = translate_article("标题\n\n正文。", backend, options, summary_sentences=0, names=False)
    assert doc.provenance is not None
    assert doc.provenance.backend == backend_name
    if backend_name == "transformers":
        import torch
        import transformers

        expected = {"torch": torch.__version__, "transformers": transformers.__version__}
    else:
        import ctranslate2

        expected = {"ctranslate2": ctranslate2.__version__}
    assert doc.provenance.libraries == expected


def test_units_round_trip_through_json_too() -> None:
    unit = Unit("1.0.0", "王毅说。", (UnitTerm("王毅", "Wang Yi", 0, 2),), 5, 1, 0, 0, 0)
    data = json.loads(json.dumps(dataclasses.asdict(unit), ensure_ascii=False))
    again = Unit(**{**data, "terms": tuple(UnitTerm(**t) for t in data["terms"])})
    assert again == unit and again.key == unit.key


def test_the_readme_python_example_runs(
    tiny_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it from Python")[1].split("\n## ")[0]
    blocks = [b.split("```")[0] for b in section.split("```python\n")[1:]]
    assert len(blocks) == 2
    (tmp_path / "article.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "glossary.tsv").write_text("王毅\tWang Yi\tperson\tpinned\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    load = 'load_translator("opus-mt-zh-en")'
    assert load in blocks[0]
    # The tiny random model in place of the real one, decoding kept short.
    first = blocks[0].replace(
        load,
        f"load_translator({str(tiny_marian_dir)!r}, device='cpu')\n"
        "options = dataclasses.replace(options, beam=1, max_new_tokens=6)",
    )
    namespace: dict[str, Any] = {"dataclasses": dataclasses}
    exec(compile(first, "README.md", "exec"), namespace)
    doc = namespace["doc"]
    assert doc.summary["text"] and doc.provenance.backend == "ctranslate2"  # fastest installed
    assert any(row["source"] == "王毅" and row["status"] == "pinned" for row in doc.glossary)
    assert "Wang Yi" in capsys.readouterr().out
    exec(compile(blocks[1], "README.md", "exec"), namespace)  # the three stages
    staged = namespace["doc"]
    assert staged is not doc and all(s.target for s in staged.all_sentences())
    assert [t.source for t in staged.terms()] == [t.source for t in doc.terms()]
