"""MarianTranslator on a tiny random-weight model: the same load path users get."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from translate.backends import DecodeOptions, Translator, load_translator, translate_sorted
from translate.errors import ConfigError, InputError, ModelNotFoundError
from translate.hub import PULL_METADATA
from translate.paths import models_dir

if TYPE_CHECKING:
    from translate.backends.marian import MarianTranslator

SENTENCES = [
    "北京市政府昨天在上海宣布了新的经济政策。",
    "专家提醒，市民外出时应注意天气变化！",
    "国家统计局发布了第二季度数据。",
    "记者从市应急管理局获悉，道路已经全部恢复通行。",
]


@pytest.fixture(scope="module")
def marian(tiny_marian_dir: Path) -> MarianTranslator:
    from translate.backends.marian import MarianTranslator

    return MarianTranslator(tiny_marian_dir, device="cpu")


def test_implements_protocol(marian: MarianTranslator) -> None:
    assert isinstance(marian, Translator)
    assert marian.info.backend == "transformers"
    assert marian.info.device == "cpu"
    assert marian.max_input_tokens == 512


def test_translate_batch(marian: MarianTranslator) -> None:
    out = marian.translate(SENTENCES, DecodeOptions(beam=2))
    assert len(out) == len(SENTENCES)
    assert all(isinstance(s, str) and s for s in out)
    assert marian.translate(SENTENCES, DecodeOptions(beam=2)) == out  # deterministic


def test_empty_texts_stay_empty(marian: MarianTranslator) -> None:
    out = marian.translate(["", SENTENCES[0], "  "], DecodeOptions(beam=1))
    assert out[0] == "" and out[2] == "" and out[1]
    assert marian.translate([], DecodeOptions()) == []


def test_batch_equals_one_at_a_time(marian: MarianTranslator) -> None:
    options = DecodeOptions(beam=1, max_new_tokens=12)
    batched = marian.translate(SENTENCES, options)
    single = [marian.translate([s], options)[0] for s in SENTENCES]
    assert batched == single


def test_translate_sorted_keeps_order(marian: MarianTranslator) -> None:
    options = DecodeOptions(beam=1, batch_size=3, max_new_tokens=8)
    assert translate_sorted(marian, SENTENCES, options) == marian.translate(SENTENCES, options)


def test_count_tokens_includes_eos(marian: MarianTranslator) -> None:
    assert marian.count_tokens("") == 1
    ids = marian.tokenizer(SENTENCES[0])["input_ids"]
    assert ids[-1] == marian.tokenizer.eos_token_id
    assert marian.count_tokens(SENTENCES[0]) == len(ids)
    assert marian.count_tokens(SENTENCES[0] * 2) > marian.count_tokens(SENTENCES[0])


def test_over_limit_input_is_a_clear_error(marian: MarianTranslator) -> None:
    long = "北京市政府宣布了新的经济政策，" * 80
    assert marian.count_tokens(long) > marian.max_input_tokens
    with pytest.raises(InputError, match=r"text 2 of the batch has \d+ tokens.*at most 512"):
        marian.translate([SENTENCES[0], long], DecodeOptions(beam=1))


def test_max_new_tokens_bounds_output(marian: MarianTranslator) -> None:
    out = marian.translate(SENTENCES[:2], DecodeOptions(beam=2, max_new_tokens=3))
    for text in out:
        assert len(marian.tokenizer(text_target=text, add_special_tokens=False)["input_ids"]) <= 4


def test_prefer_biases_towards_terms(marian: MarianTranslator) -> None:
    term = "Chen Wenqing"
    for beam in (1, 4):
        options = DecodeOptions(beam=beam, max_new_tokens=20)
        plain = marian.translate(SENTENCES[:2], options)
        biased = marian.translate(SENTENCES[:2], options, prefer=[[term], []])
        assert term not in plain[0]
        assert term in biased[0]
        assert biased[0].count(term) == 1  # once produced, the bias stops
        assert biased[1] == plain[1]  # the bias is per example


def test_prefer_ignores_empty_and_unknown_terms(marian: MarianTranslator) -> None:
    options = DecodeOptions(beam=2, max_new_tokens=10)
    plain = marian.translate(SENTENCES[:2], options)
    assert marian.translate(SENTENCES[:2], options, prefer=[[], [""]]) == plain
    with pytest.raises(ValueError):
        marian.translate(SENTENCES[:2], options, prefer=[[]])


def test_fullwidth_forms_are_normalised_only_when_unknown(marian: MarianTranslator) -> None:
    assert marian.normalise("Ａ１２　") == "A12 "
    assert marian.normalise("，！？（）") == "，！？（）"  # Chinese punctuation the model knows
    unk = marian.tokenizer.unk_token_id
    assert unk in marian.tokenizer("２０２３")["input_ids"]
    assert unk not in marian.tokenizer(marian.normalise("２０２３"))["input_ids"]
    assert marian.count_tokens("２０２３") == marian.count_tokens("2023")


def test_max_input_tokens_capped_by_spec(tiny_marian_dir: Path) -> None:
    from translate.backends.marian import MarianTranslator

    assert (
        MarianTranslator(tiny_marian_dir, device="cpu", max_input_tokens=64).max_input_tokens == 64
    )
    assert (
        MarianTranslator(tiny_marian_dir, device="cpu", max_input_tokens=4096).max_input_tokens
        == 512
    )


@pytest.mark.parametrize("device", ["tpu", "cuda:x", ""])
def test_bad_device(tiny_marian_dir: Path, device: str) -> None:
    from translate.backends.marian import resolve_device

    if device == "":
        assert resolve_device(device) in {"cpu", "cuda"}
        return
    with pytest.raises(ConfigError, match="unknown device"):
        resolve_device(device)


def test_cuda_unavailable_is_one_line() -> None:
    import torch

    from translate.backends.marian import resolve_device

    if torch.cuda.is_available():
        pytest.skip("CUDA is available here")
    with pytest.raises(ConfigError, match="CUDA is not available.*--device cpu"):
        resolve_device("cuda")
    assert resolve_device("auto") == "cpu"


def test_not_a_marian_model(tiny_marian_dir: Path, tmp_path: Path) -> None:
    from translate.backends.marian import MarianTranslator

    model = Path(shutil.copytree(tiny_marian_dir, tmp_path / "m"))
    config = json.loads((model / "config.json").read_text())
    config["model_type"] = "bart"
    (model / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelNotFoundError, match="not a Marian model"):
        MarianTranslator(model)


def test_load_translator_from_directory(tiny_marian_dir: Path) -> None:
    translator, options = load_translator(str(tiny_marian_dir), device="cpu")
    assert options == DecodeOptions()
    assert translator.info.revision is not None and translator.info.revision.startswith("local:")
    assert translator.translate(["国务院"], options)[0]


def test_load_translator_by_name_uses_models_yaml(tiny_marian_dir: Path) -> None:
    sha = "cf109095479db38d6df799875e34039d4938aaa6"
    dest = Path(shutil.copytree(tiny_marian_dir, models_dir() / "opus-mt-zh-en"))
    meta = {"repo": "Helsinki-NLP/opus-mt-zh-en", "revision": sha, "commit": sha}
    (dest / PULL_METADATA).write_text(json.dumps(meta))
    translator, options = load_translator(device="cpu")  # the default translation model
    assert options == DecodeOptions(beam=4, batch_size=16, max_new_tokens=None)
    info = translator.info
    assert (info.model_id, info.repo, info.revision) == (
        "opus-mt-zh-en",
        "Helsinki-NLP/opus-mt-zh-en",
        sha,
    )


def test_load_translator_missing_model_offline() -> None:
    with pytest.raises(ModelNotFoundError, match="translate models pull opus-mt-zh-en"):
        load_translator("opus-mt-zh-en")


def test_importing_backends_does_not_import_torch() -> None:
    code = (
        "import sys, translate.backends, translate.hub, translate.registry, translate.devmodels, "
        "translate.cli.models_cmd; "
        "print(sorted(m for m in ('torch', 'transformers', 'huggingface_hub') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_devmodels_cli_builds_marian(tmp_path: Path) -> None:
    from translate.devmodels.__main__ import main

    assert main(["marian", str(tmp_path / "m"), "--seed", "1"]) == 0
    assert (tmp_path / "m" / "model.safetensors").is_file()
    assert (tmp_path / "m" / "source.spm").is_file()


def test_default_length_is_bounded(marian: MarianTranslator) -> None:
    # the tiny model stores max_length 40: untrained output stays short by default
    out = marian.translate([SENTENCES[3] * 3], DecodeOptions(beam=1))
    assert len(marian.tokenizer(text_target=out[0], add_special_tokens=False)["input_ids"]) <= 40


def test_translate_sorted_hands_parallel_backends_several_batches_a_call() -> None:
    from fakes import FakeTranslator

    texts = [f"第{i}句话" * (1 + i % 4) for i in range(14)]
    serial, parallel = FakeTranslator(), FakeTranslator(parallel_batches=3)
    options = DecodeOptions(batch_size=2)
    done: list[int] = []
    out = translate_sorted(parallel, texts, options, on_batch=done.append)
    assert out == translate_sorted(serial, texts, options)
    assert [len(c) for c in serial.calls] == [2] * 7
    assert [len(c) for c in parallel.calls] == done == [6, 6, 2]
