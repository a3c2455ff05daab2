"""The ctranslate2 backend on the tiny random Marian model: conversion, cache, CLI end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from translate.backends import DecodeOptions, Translator, load_translator
from translate.cli import app
from translate.errors import InputError

if TYPE_CHECKING:
    from translate.backends.ct2 import CT2Translator
    from translate.backends.marian import MarianTranslator

ctranslate2 = pytest.importorskip("ctranslate2")

SENTENCES = [
    "北京市政府昨天在上海宣布了新的经济政策。",
    "专家提醒，市民外出时应注意天气变化！",
    "国家统计局发布了第二季度数据。",
    "记者从市应急管理局获悉，道路已经全部恢复通行。",
    "王毅在北京会见泰国外长。",
]
ARTICLE = "测试标题\n\n王毅在北京会见泰国外长。双方同意加强合作。\n\n会议取得成果。\n"
runner = CliRunner()


@pytest.fixture(scope="module")
def ct2_float32(tiny_marian_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> CT2Translator:
    """The tiny model converted at float32 (exact: must decode like transformers)."""
    from translate.backends.ct2 import CT2Translator, convert
    from translate.hub import locate

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRANSLATE_HOME", str(tmp_path_factory.mktemp("ct2-home")))
        located = locate(str(tiny_marian_dir), task="translation")
        path, converted = convert(located, "float32", announce=False)
    assert converted
    return CT2Translator(path, tiny_marian_dir, quantization="float32", device="cpu")


@pytest.fixture(scope="module")
def marian(tiny_marian_dir: Path) -> MarianTranslator:
    from translate.backends.marian import MarianTranslator

    return MarianTranslator(tiny_marian_dir, device="cpu")


def test_float32_conversion_decodes_like_transformers_token_for_token(
    ct2_float32: CT2Translator, marian: MarianTranslator
) -> None:
    import torch

    tok = marian.tokenizer
    enc = tok([marian.normalise(s) for s in SENTENCES], padding=True, return_tensors="pt")
    with torch.inference_mode():
        ids = marian.model.generate(**enc, num_beams=1, max_new_tokens=24)
    expected = [
        [t for t in tok.convert_ids_to_tokens(row) if t not in ("<pad>", "</s>")] for row in ids
    ]
    got = ct2_float32.model.translate_batch(
        ct2_float32.text.source_pieces(SENTENCES), beam_size=1, max_decoding_length=23
    )  # transformers' 24 new tokens include the </s> opus-mt forces at the last step
    assert [r.hypotheses[0] for r in got] == expected
    # and through both backends' translate(), default length cap included
    for options in (DecodeOptions(beam=1), DecodeOptions(beam=1, max_new_tokens=7)):
        assert ct2_float32.translate(SENTENCES, options) == marian.translate(SENTENCES, options)


def test_float32_conversion_scores_like_transformers(
    ct2_float32: CT2Translator, marian: MarianTranslator
) -> None:
    # A random model decodes much the same text for every input, so also compare what depends on
    # every weight: the log-probability of each token of given English targets.
    import torch

    tok = marian.tokenizer
    english = [
        "The government announced a new policy.",
        "Experts remind citizens.",
        "Data",
        "A",
        "B",
    ]
    enc = tok([marian.normalise(s) for s in SENTENCES], padding=True, return_tensors="pt")
    labels = tok(text_target=english, padding=True, return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        logits = marian.model(**enc, labels=labels).logits.clone()
        logits[..., tok.pad_token_id] = float("-inf")  # the converter drops <pad>
    logp = torch.log_softmax(logits, dim=-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    targets = [tok.convert_ids_to_tokens(row) for row in tok(text_target=english)["input_ids"]]
    assert all(t[-1] == "</s>" for t in targets)  # CTranslate2 adds the </s> itself
    scored = ct2_float32.model.score_batch(
        ct2_float32.text.source_pieces(SENTENCES), [t[:-1] for t in targets]
    )
    for i, result in enumerate(scored):
        expected = logp[i, : len(targets[i])].tolist()
        assert result.log_probs == pytest.approx(expected, abs=2e-4), english[i]


def test_protocol_and_provenance(ct2_float32: CT2Translator) -> None:
    assert isinstance(ct2_float32, Translator)
    info = ct2_float32.info
    assert (info.backend, info.device) == ("ctranslate2", "cpu")
    assert info.libraries == {"ctranslate2": ctranslate2.__version__}
    assert info.extra["quantization"] == "float32"
    assert ct2_float32.supports_prefer is False
    assert ct2_float32.translate(["", " "], DecodeOptions(beam=1)) == ["", ""]


def test_token_batches_stay_within_the_padded_budget_longest_first() -> None:
    from translate.backends.ct2 import token_batches

    lengths = [5, 40, 12, 12, 3, 90, 7, 25]
    batches = token_batches(lengths, 64)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert batches[0] == [5]  # 90 tokens: over the budget, alone
    for batch in batches:
        longest = lengths[batch[0]]
        assert all(lengths[i] <= longest for i in batch)
        assert len(batch) == 1 or len(batch) * longest <= 64
    firsts = [lengths[b[0]] for b in batches]
    assert firsts == sorted(firsts, reverse=True)


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (1, (1, 1)), (2, (2, 1)), (3, (3, 1)), (4, (4, 1)), (5, (4, 1)), (6, (3, 2)),
        (7, (4, 1)), (8, (4, 2)), (9, (3, 3)), (10, (2, 5)), (12, (4, 3)), (16, (4, 4)),
    ],
)  # fmt: skip
def test_cpu_threads_prefer_parallel_workers(budget: int, expected: tuple[int, int]) -> None:
    from translate.backends.ct2 import cpu_threads

    assert cpu_threads(budget) == expected


def test_parallel_workers_translate_like_one_worker(
    ct2_float32: CT2Translator, tiny_marian_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.backends.ct2 import CT2Translator

    def load(threads: int) -> CT2Translator:
        monkeypatch.setenv("TRANSLATE_NUM_THREADS", str(threads))
        return CT2Translator(
            ct2_float32.path, tiny_marian_dir, quantization="float32", device="cpu"
        )

    one, two = load(1), load(2)
    assert (one.info.extra["workers"], two.info.extra["workers"]) == (1, 2)
    assert one.parallel_batches == two.parallel_batches  # grouping never depends on the cores
    texts = [s * (1 + i % 3) for i, s in enumerate(SENTENCES * 8)]  # 40 texts, 3 lengths
    options = DecodeOptions(beam=2, batch_size=2)  # many small batches queued at once
    together = two.translate(texts, options)
    assert together == one.translate(texts, options)
    assert len(set(together)) > 1


def test_each_batch_gets_its_own_output_cap(ct2_float32: CT2Translator) -> None:
    """A short sentence queued with a long one is decoded as if alone: its output is not allowed
    to run to the long one's length (the random model never stops early, so it would)."""
    short, long = SENTENCES[2], SENTENCES[0] * 4
    options = DecodeOptions(beam=1, batch_size=2)  # 64 tokens: the two go in separate batches
    alone = ct2_float32.translate([short], options)
    assert ct2_float32.translate([long, short], options)[1] == alone[0]


def test_too_long_input_is_refused_not_cut(ct2_float32: CT2Translator) -> None:
    long = "北京市政府宣布了新的经济政策，" * 80
    assert ct2_float32.count_tokens(long) > ct2_float32.max_input_tokens
    with pytest.raises(InputError, match="accepts at most 512"):
        ct2_float32.translate([SENTENCES[0], long], DecodeOptions(beam=1))


def test_conversion_is_cached_and_a_half_written_one_is_ignored(
    tiny_marian_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from translate.backends.ct2 import conversion_dir
    from translate.hub import locate

    dest = conversion_dir(locate(str(tiny_marian_dir), task="translation"), "int8")
    leftover = dest.parent / f".{dest.name}.killed.partial"  # an interrupted conversion
    leftover.mkdir(parents=True)
    (leftover / "model.bin").write_bytes(b"half")
    dest.mkdir()  # a directory without the completion marker is not a conversion either
    (dest / "model.bin").write_bytes(b"half")

    first, _ = load_translator(str(tiny_marian_dir), device="cpu", backend="ctranslate2")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "converting" in err and "int8" in err
    assert first.info.extra["quantization"] == "int8"
    out = first.translate(SENTENCES[:2], DecodeOptions(beam=2, max_new_tokens=8))
    assert all(out)

    second, _ = load_translator(str(tiny_marian_dir), device="cpu", backend="ctranslate2")
    assert capsys.readouterr().err == ""  # reused: not converted again
    assert second.translate(SENTENCES[:2], DecodeOptions(beam=2, max_new_tokens=8)) == out


def test_a_directory_saved_again_is_converted_again(tiny_marian_dir: Path, tmp_path: Path) -> None:
    """Weights saved again (same size, same config: a model retrained in place) must not be
    served from the old conversion."""
    import os
    import shutil

    from translate.backends.ct2 import conversion_dir
    from translate.hub import locate

    model = tmp_path / "my-model"
    shutil.copytree(tiny_marian_dir, model)
    before = conversion_dir(locate(str(model), task="translation"), "int8")
    assert conversion_dir(locate(str(model), task="translation"), "int8") == before
    weights = model / "model.safetensors"
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert conversion_dir(locate(str(model), task="translation"), "int8") == before  # a copy
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF  # retrained in place: same size, other bytes
    weights.write_bytes(bytes(data))
    assert conversion_dir(locate(str(model), task="translation"), "int8") != before


def test_run_with_ctranslate2_end_to_end_with_pinned_terms(
    tiny_marian_dir: Path, tmp_path: Path
) -> None:
    from conftest import SEED

    article = tmp_path / "news.txt"
    long_sentence = "北京市政府宣布了新的经济政策，" * 80  # over 512 tokens: must be split
    article.write_text(ARTICLE + "\n" + long_sentence + "\n", encoding="utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text(
        "source\ttarget\ttype\tstatus\tnote\torigin\n"
        "王毅\tWang Yi\tperson\tpinned\t\t\n泰国\tThailand\tplace\tpinned\t\t\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    args = ["run", str(article), str(SEED), "--model", str(tiny_marian_dir), "-o", str(out_dir)]
    args += ["--backend", "ctranslate2", "-g", str(glossary), "--format", "json", "--beam", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads((out_dir / "news.en.json").read_text(encoding="utf-8"))
    prov = data["provenance"]
    assert prov["backend"] == "ctranslate2"
    assert prov["libraries"] == {"ctranslate2": ctranslate2.__version__}
    terms = data["terms"]
    assert {t["source"] for t in terms} == {"王毅", "泰国"}
    assert all(t["status"] != "missed" for t in terms), terms
    first = data["paragraphs"][0]["sentences"][0]["target"]
    assert "Wang Yi" in first and "Thailand" in first
    sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
    long = [s for s in sentences if s["source"].startswith("北京市政府宣布")]
    assert long and all(s["target"].strip() for s in long)
    assert json.loads((out_dir / f"{SEED.stem}.en.json").read_text(encoding="utf-8"))["paragraphs"]


def test_models_convert_command(tiny_marian_dir: Path) -> None:
    args = ["models", "convert", str(tiny_marian_dir), "--quantization", "float32"]
    result = runner.invoke(app, [*args, "--device", "cpu"])
    assert result.exit_code == 0, result.output
    assert "converted" in result.stdout and "float32" in result.stdout
    again = runner.invoke(app, [*args, "--device", "cpu"])
    assert again.exit_code == 0 and "already converted" in again.stdout
    bad = runner.invoke(app, [*args[:3], "--quantization", "int4"])
    assert bad.exit_code == 3 and "unknown quantization 'int4'" in bad.stderr
    assert "Traceback" not in bad.output


def test_unknown_backend_is_one_line(tiny_marian_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(
        app, ["run", str(article), "--model", str(tiny_marian_dir), "--backend", "onnx"]
    )
    assert result.exit_code == 2 and "onnx" in result.output
