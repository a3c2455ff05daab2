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
    assert spec.backend is None  # not given: ctranslate2 when installed (load_translator)
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
    # pydantic errors of each kind, turned into one line naming the entry and the key
    ("null text", ("    max_input_tokens: 512\n", "    max_input_tokens: 512\n    description:\n"),
     ["entry 'mt'", "key 'description'", "expected a string, got nothing (null)"]),
    ("text not a string", ("    max_input_tokens: 512\n", "    max_input_tokens: 512\n    license: 3\n"),
     ["entry 'mt'", "key 'license'", "expected a string, got number 3"]),
    ("bool not a bool", ("    max_input_tokens: 512\n", "    max_input_tokens: 512\n    default: 1\n"),
     ["entry 'mt'", "key 'default'", "expected true or false, got number 1"]),
    ("float not a number", ("length_penalty: 2.0", "length_penalty: yes"),
     ["entry 'sum'", "key 'decoding.length_penalty'", "expected a number, got boolean true"]),
    ("float where int", ("{beam: 4,", "{beam: 4.5,"),
     ["entry 'mt'", "key 'decoding.beam'", "expected an integer, got number 4.5"]),
    ("decoding not a mapping", ("decoding: {beam: 4, batch_size: 16, max_new_tokens: null}", "decoding: [4]"),
     ["entry 'mt'", "key 'decoding'", "expected a mapping, got a list"]),
    ("decoding null", ("decoding: {beam: 4, batch_size: 16, max_new_tokens: null}", "decoding:"),
     ["entry 'mt'", "key 'decoding'", "got nothing (null)"]),
    ("summarization minimum", ("min_length: 56", "min_length: -1"),
     ["entry 'sum'", "key 'decoding.min_length'", "must be at least 0"]),
    ("translation key on summarizer", ("{beam: 4, min_length", "{max_new_tokens: 4, min_length"),
     ["entry 'sum'", "unknown key 'decoding.max_new_tokens' for a summarization model"]),
    ("task missing", ("    task: translation\n", ""), ["entry 'mt'", "missing key 'task'"]),
    ("misspelt task", ("    task: translation\n", "    tsak: translation\n"),
     ["entry 'mt'", "unknown key 'tsak' (did you mean 'task'?)"]),
    ("bad task and unknown key", ("task: translation", "task: translate\n    beem: 4"),
     ["entry 'mt'", "unknown key 'beem'"]),
    ("task not a string", ("task: translation", "task: 3"),
     ["entry 'mt'", "key 'task'", "expected one of translation, summarization, got number 3"]),
    ("backend not a string", ("    max_input_tokens: 512\n", "    max_input_tokens: 512\n    backend: 3\n"),
     ["entry 'mt'", "key 'backend'", "expected one of transformers, ctranslate2, got number 3"]),
    ("repo with two slashes", ("repo: owner/mt", "repo: a/b/c"),
     ["entry 'mt'", "key 'repo'", "'a/b/c' is not a repository id like 'owner/name'"]),
    ("blank revision", ("revision: main", "revision: '  '"), ["entry 'sum'", "key 'revision'", "must not be empty"]),
    ("zero max_input_tokens", ("max_input_tokens: 512", "max_input_tokens: 0"),
     ["entry 'mt'", "key 'max_input_tokens'", "must be at least 1"]),
    ("name not a string", ("  mt:\n", "  7:\n"), ["model names must be non-empty strings, got 7"]),
    ("blank name", ("  mt:\n", "  ' ':\n"), ["model names must be non-empty strings, got ' '"]),
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


def test_models_key_missing_or_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"models\.yaml: missing top-level key 'models'$"):
        load_registry(write(tmp_path, "{}\n"))
    with pytest.raises(
        ConfigError, match=r"'models' must be a mapping of name -> entry, got a list"
    ):
        load_registry(write(tmp_path, "models: [a, b]\n"))
    with pytest.raises(ConfigError, match=r"models\.yaml: empty file"):
        load_registry(write(tmp_path, "# only a comment\n"))


def test_unknown_key_is_reported_before_other_mistakes_of_its_entry(tmp_path: Path) -> None:
    text = VALID.replace("    repo: owner/mt\n", "    repo: owner/mt\n    beams: 4\n")
    text = text.replace("max_input_tokens: 512", "max_input_tokens: lots")
    with pytest.raises(ConfigError) as info:
        load_registry(write(tmp_path, text))
    assert str(info.value) == f"{tmp_path / 'models.yaml'}: entry 'mt': unknown key 'beams'"


def test_first_entry_with_a_mistake_is_reported(tmp_path: Path) -> None:
    text = VALID.replace("repo: owner/sum", "repo: nope").replace("revision: main", "revision: ''")
    text = text.replace("task: translation", "task: translation\n    licence: MIT")
    with pytest.raises(ConfigError) as info:
        load_registry(write(tmp_path, text))
    assert str(info.value) == (
        f"{tmp_path / 'models.yaml'}: entry 'mt': unknown key 'licence' (did you mean 'license'?)"
    )


def test_validated_values_reach_the_spec(tmp_path: Path) -> None:
    text = VALID.replace("revision: main", "revision: '  main  '").replace(
        "    max_input_tokens: 1024\n",
        "    max_input_tokens: 1024\n    backend: ctranslate2\n    prefer_safetensors: false\n"
        "    description: a summarizer\n    license: MIT\n",
    )
    registry = load_registry(write(tmp_path, text))
    mt, summ = registry.get("mt"), registry.get("sum")
    assert dict(mt.decoding) == {"beam": 4, "batch_size": 16, "max_new_tokens": None}
    assert (mt.description, mt.license, mt.default) == (None, None, False)
    assert summ.revision == "main"
    assert (summ.backend, summ.prefer_safetensors) == ("ctranslate2", False)
    assert (summ.description, summ.license) == ("a summarizer", "MIT")
    assert set(summ.decoding) == {
        "beam",
        "min_length",
        "max_length",
        "no_repeat_ngram_size",
        "length_penalty",
    }  # only the keys the file gives: consumers' own defaults apply to the rest
    assert summ.decoding["length_penalty"] == 2.0


# --------------------------------------------------------------------- issue 12: hostile files

ENTRY = "{task: translation, repo: o/m, revision: main, max_input_tokens: 512}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("models:\n  mt: " + "[" * 5000 + "]" * 5000 + "\n", r"models\.yaml:2:.*nested more than"),
        ("models:\n  mt: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", "nested more than 32"),
        ("models:\n  ? [mt, other]\n  : " + ENTRY + "\n", r"models\.yaml:2:5: .*plain value"),
        ("? {models: 1}\n: 2\n", r"models\.yaml:1:3: .*plain value"),
        ("models:\n  1: " + ENTRY + "\n", "model names must be non-empty strings, got 1"),
        (
            "models:\n  mt:\n    task: translation\n    repo: o/m\n    revision: main\n"
            "    max_input_tokens: " + "9" * 5000 + "\n",
            r"models\.yaml:6:23: invalid YAML: number too long \(5,000 characters\)",
        ),
        (
            "models:\n" + "".join(f"  m{i}: {ENTRY}\n" for i in range(100_000)),
            r"models\.yaml: \d,\d{3},\d{3} bytes, too large for a models file",
        ),
        ("models:\n" + "".join(f"  m{i}: 1\n" for i in range(100_000)), "too large"),
    ],
    ids=["deep-list", "deep-map", "list-key", "map-key", "int-name", "long-int", "100k", "100k-s"],
)
def test_hostile_models_files_are_one_line_in_under_a_second(
    tmp_path: Path, text: str, message: str
) -> None:
    import time

    path = write(tmp_path, text)
    started = time.perf_counter()
    with pytest.raises(ConfigError, match=message) as info:
        load_registry(path)
    assert time.perf_counter() - started < 1.0
    assert "\n" not in str(info.value)


def test_a_hostile_models_file_is_exit_3_through_the_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from translate.cli import app

    article = tmp_path / "a.txt"
    article.write_text("标题\n\n王毅在北京会见泰国外长。\n", encoding="utf-8")
    path = write(tmp_path, "models:\n  mt: " + "[" * 5000 + "]" * 5000 + "\n")
    result = CliRunner().invoke(app, ["run", str(article), "--models-file", str(path), "-o", "-"])
    assert result.exit_code == ConfigError.exit_code
    assert result.stderr.startswith(f"translate: error: {path}:2:")
    assert len(result.stderr.splitlines()) == 1
