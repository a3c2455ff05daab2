"""models.yaml validation: every mistake is one line naming the file, the entry and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import ConfigError, ModelNotFoundError
from translate.registry import ENV_MODELS_FILE, load_registry, models_file

VALID = """\
models:
  mt:
    task: translation
    repo: owner/mt
    revision: 0123456789abcdef0123456789abcdef01234567
    max_input_tokens: 512
    decoding: {beam: 4, batch_size: 16, max_new_tokens: null}
  sum:
    task: summarization
    repo: owner/sum
    revision: main
    max_input_tokens: 1024
    decoding: {beam: 4, min_length: 56, max_length: 142, no_repeat_ngram_size: 3, length_penalty: 2.0}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "models.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_models_yaml_is_valid() -> None:
    registry = load_registry()
    mt = registry.default("translation")
    assert mt.name == "opus-mt-zh-en"
    assert mt.repo == "Helsinki-NLP/opus-mt-zh-en"
    assert mt.max_input_tokens == 512
    assert dict(mt.decoding) == {"beam": 4, "batch_size": 16, "max_new_tokens": None}
    assert len(mt.revision) == 40  # pinned to a commit
    summ = registry.default("summarization")
    assert summ.name == "distilbart-cnn-12-6"
    assert summ.max_input_tokens == 1024
    assert {"beam", "min_length", "max_length", "no_repeat_ngram_size", "length_penalty"} <= set(
        summ.decoding
    )


def test_valid_file_loads(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, VALID))
    assert registry.names() == ["mt", "sum"]
    spec = registry.get("mt")
    assert spec.backend == "transformers"
    assert spec.prefer_safetensors is True
    assert spec.short_revision == "0123456789"
    assert spec.source == tmp_path / "models.yaml"
    assert registry.default("summarization").name == "sum"


def test_default_true_wins_over_first(tmp_path: Path) -> None:
    text = VALID + (
        "  mt2:\n    task: translation\n    repo: owner/mt2\n    revision: main\n"
        "    max_input_tokens: 256\n    default: true\n"
    )
    assert load_registry(write(tmp_path, text)).default("translation").name == "mt2"


def test_unknown_name_lists_known(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, VALID))
    with pytest.raises(ModelNotFoundError, match=r"unknown model 'nope'.*known models: mt, sum"):
        registry.get("nope")


# (description, edit of VALID as (old, new), expected fragments after "models.yaml")
CASES = [
    ("unknown key", ("    max_input_tokens: 512\n", "    max_input_tokens: 512\n    beem: 4\n"),
     ["entry 'mt'", "unknown key 'beem'"]),
    ("unknown decoding key", ("{beam: 4, batch_size", "{beem: 4, batch_size"),
     ["entry 'mt'", "'decoding.beem'", "did you mean 'beam'"]),
    ("summarization key on translator", ("{beam: 4, batch_size", "{min_length: 4, batch_size"),
     ["entry 'mt'", "'decoding.min_length'"]),
    ("missing field", ("    repo: owner/mt\n", ""), ["entry 'mt'", "missing key 'repo'"]),
    ("wrong type", ("max_input_tokens: 512", "max_input_tokens: lots"),
     ["entry 'mt'", "key 'max_input_tokens'", "expected an integer"]),
    ("bool is not an int", ("max_input_tokens: 512", "max_input_tokens: true"),
     ["entry 'mt'", "key 'max_input_tokens'"]),
    ("wrong decoding type", ("{beam: 4,", "{beam: four,"), ["entry 'mt'", "key 'decoding.beam'"]),
    ("decoding out of range", ("{beam: 4,", "{beam: 0,"), ["entry 'mt'", "'decoding.beam'", "at least 1"]),
    ("bad task", ("task: translation", "task: translate"), ["entry 'mt'", "key 'task'", "'translate'"]),
    ("bad backend", ("    max_input_tokens: 512\n", "    max_input_tokens: 512\n    backend: onnx\n"),
     ["entry 'mt'", "key 'backend'", "'onnx'"]),
    ("bad repo", ("repo: owner/mt", "repo: justaname"), ["entry 'mt'", "key 'repo'"]),
    ("duplicate entry", ("  sum:\n", "  mt:\n"), ["duplicate entry 'mt'"]),
    ("duplicate key", ("    repo: owner/mt\n", "    repo: owner/mt\n    repo: owner/other\n"),
     ["entry 'mt'", "duplicate key 'repo'"]),
    ("yaml syntax error", ("    task: translation\n", "    task: [translation\n"),
     ["invalid YAML"]),
    ("entry not a mapping", ("  mt:\n    task: translation\n", "  mt: 3\n  mtx:\n    task: translation\n"),
     ["entry 'mt'", "expected a mapping"]),
    ("unknown top-level key", ("models:\n", "modles: {}\nmodels:\n"), ["unknown top-level key 'modles'"]),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_file_is_one_line_naming_file_entry_key(
    tmp_path: Path, edit: tuple[str, str], fragments: list[str]
) -> None:
    old, new = edit
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(ConfigError) as info:
        load_registry(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("    task: translation\n", "    task: [translation\n"))
    with pytest.raises(ConfigError, match=r"models\.yaml:\d+(:\d+)?: invalid YAML"):
        load_registry(path)


def test_duplicate_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("  sum:\n", "  mt:\n"))
    with pytest.raises(
        ConfigError, match=r"models\.yaml:8: duplicate entry 'mt' \(first on line 2\)"
    ):
        load_registry(path)


@pytest.mark.parametrize("text", ["", "[1, 2]\n", "models: [a, b]\n"])
def test_wrong_shape(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError, match="models.yaml"):
        load_registry(write(tmp_path, text))


def test_two_defaults_for_one_task(tmp_path: Path) -> None:
    text = VALID.replace(
        "    max_input_tokens: 512\n", "    max_input_tokens: 512\n    default: true\n"
    )
    text += "  mt2:\n    task: translation\n    repo: a/b\n    revision: main\n"
    text += "    max_input_tokens: 9\n    default: true\n"
    with pytest.raises(ConfigError, match=r"entry 'mt2': key 'default'"):
        load_registry(write(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nothere.yaml: models file not found"):
        load_registry(tmp_path / "nothere.yaml")


def test_env_var_chooses_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, VALID)
    monkeypatch.setenv(ENV_MODELS_FILE, str(path))
    assert models_file() == path
    assert load_registry().names() == ["mt", "sum"]
    monkeypatch.setenv(ENV_MODELS_FILE, str(tmp_path / "gone.yaml"))
    with pytest.raises(ConfigError, match=ENV_MODELS_FILE):
        load_registry()


def test_default_for_task_without_models(tmp_path: Path) -> None:
    text = VALID[: VALID.index("  sum:")]
    registry = load_registry(write(tmp_path, text))
    with pytest.raises(ConfigError, match="no model with task 'summarization'"):
        registry.default("summarization")
    with pytest.raises(ConfigError, match="unknown task"):
        registry.default("poetry")
