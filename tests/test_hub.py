"""Locating and pulling models: local directories, pulled copies, the HF cache, offline failures."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate import hub
from translate.cli import app
from translate.errors import ConfigError, ModelNotFoundError
from translate.hub import PULL_METADATA, allow_patterns, locate, pull
from translate.paths import models_dir
from translate.registry import load_registry

SHA = "cf109095479db38d6df799875e34039d4938aaa6"


def model_entries() -> list[str]:
    """What is in $TRANSLATE_HOME/models, lock files aside."""
    return sorted(p.name for p in models_dir().iterdir() if not p.name.endswith(".lock"))


def copy_model(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def fake_pulled(tiny: Path, name: str = "opus-mt-zh-en", commit: str = SHA) -> Path:
    dest = copy_model(tiny, models_dir() / name)
    meta = {
        "name": name,
        "repo": "Helsinki-NLP/opus-mt-zh-en",
        "revision": commit,
        "commit": commit,
    }
    (dest / PULL_METADATA).write_text(json.dumps(meta), encoding="utf-8")
    return dest


def test_local_directory(tiny_marian_dir: Path) -> None:
    located = locate(str(tiny_marian_dir), task="translation")
    assert located.path == tiny_marian_dir
    assert located.spec is None and located.repo is None
    assert located.source == "local"
    assert located.revision is not None and located.revision.startswith("local:")
    assert located.model_id == str(tiny_marian_dir)
    # the fingerprint is stable and changes with the model
    again = locate(str(tiny_marian_dir), task="translation")
    assert again.revision == located.revision


@pytest.mark.parametrize(
    "missing", ["source.spm", "target.spm", "vocab.json", "config.json", "model.safetensors"]
)
def test_local_directory_missing_file(tiny_marian_dir: Path, tmp_path: Path, missing: str) -> None:
    model = copy_model(tiny_marian_dir, tmp_path / "m")
    (model / missing).unlink()
    with pytest.raises(ModelNotFoundError) as info:
        locate(str(model), task="translation")
    message = str(info.value)
    assert str(model) in message
    assert (missing if missing != "model.safetensors" else "weights") in message
    assert "\n" not in message


def test_missing_directory() -> None:
    with pytest.raises(ModelNotFoundError, match="model directory not found: ./no/such/dir"):
        locate("./no/such/dir", task="translation")


def test_pulled_copy_is_found_with_its_revision(tiny_marian_dir: Path) -> None:
    dest = fake_pulled(tiny_marian_dir)
    located = locate("opus-mt-zh-en", task="translation", download=False)
    assert located.path == dest
    assert located.spec is not None and located.spec.name == "opus-mt-zh-en"
    assert located.repo == "Helsinki-NLP/opus-mt-zh-en"
    assert located.revision == SHA
    assert located.source == "pulled"
    assert located.model_id == "opus-mt-zh-en"


def test_repo_id_works_as_a_name(tiny_marian_dir: Path) -> None:
    fake_pulled(tiny_marian_dir)
    located = locate("Helsinki-NLP/opus-mt-zh-en", task="translation", download=False)
    assert located.spec is not None and located.spec.name == "opus-mt-zh-en"


def test_incomplete_pulled_copy_is_ignored(tiny_marian_dir: Path) -> None:
    dest = fake_pulled(tiny_marian_dir)
    (dest / "target.spm").unlink()
    with pytest.raises(ModelNotFoundError, match="translate models pull opus-mt-zh-en"):
        locate("opus-mt-zh-en", task="translation")


def test_incomplete_copy_says_which_file_is_missing(tiny_marian_dir: Path) -> None:
    dest = copy_model(tiny_marian_dir, models_dir() / "opus-mt-zh-en")
    (dest / "target.spm").unlink()
    with pytest.raises(ModelNotFoundError, match="lacks target.spm.*translate models pull"):
        locate("opus-mt-zh-en", task="translation")


def test_copy_placed_by_hand_is_used_with_a_fingerprint(tiny_marian_dir: Path) -> None:
    """A complete model directory copied under models/NAME (no translate-pull.json) is used."""
    dest = copy_model(tiny_marian_dir, models_dir() / "opus-mt-zh-en")
    located = locate("opus-mt-zh-en", task="translation", download=False)
    assert located.path == dest and located.source == "copied"
    assert located.spec is not None and located.model_id == "opus-mt-zh-en"
    assert located.revision is not None and located.revision.startswith("local:")
    listing = CliRunner().invoke(app, ["models", "list"])
    assert "copied" in listing.output and "models.yaml pins cf10909547" in listing.output


def hf_snapshot(tiny: Path, home: Path, repo: str, sha: str) -> Path:
    root = home / "hf" / "hub" / ("models--" + repo.replace("/", "--"))
    snapshot = copy_model(tiny, root / "snapshots" / sha)
    (root / "refs").mkdir(parents=True)
    (root / "refs" / "main").write_text(sha, encoding="utf-8")
    return snapshot


def test_hf_cache_snapshot_is_found(tiny_marian_dir: Path, _isolated_home: Path) -> None:
    snapshot = hf_snapshot(tiny_marian_dir, _isolated_home, "Helsinki-NLP/opus-mt-zh-en", SHA)
    located = locate("opus-mt-zh-en", task="translation")
    assert located.path == snapshot
    assert located.revision == SHA
    assert located.source == "hf-cache"
    # the same directory given as a path still knows its repository and commit
    direct = locate(str(snapshot), task="translation")
    assert direct.repo == "Helsinki-NLP/opus-mt-zh-en" and direct.revision == SHA


def test_hf_cache_branch_revision(
    tiny_marian_dir: Path, _isolated_home: Path, tmp_path: Path
) -> None:
    sha = "1" * 40
    hf_snapshot(tiny_marian_dir, _isolated_home, "owner/mt", sha)
    yaml_text = "models:\n  mt:\n    task: translation\n    repo: owner/mt\n    revision: main\n    max_input_tokens: 512\n"
    (tmp_path / "models.yaml").write_text(yaml_text, encoding="utf-8")
    located = locate("mt", task="translation", registry=load_registry(tmp_path / "models.yaml"))
    assert located.revision == sha


def test_missing_model_offline_is_fast_and_actionable() -> None:
    started = time.monotonic()
    with pytest.raises(ModelNotFoundError) as info:
        locate("opus-mt-zh-en", task="translation")
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert "'opus-mt-zh-en'" in message
    assert "HF_HUB_OFFLINE=1" in message
    assert "`translate models pull opus-mt-zh-en`" in message
    assert "\n" not in message
    assert not models_dir().exists() or not any(models_dir().iterdir())


def test_unreachable_hub_fails_within_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """With downloads allowed but nothing listening, the error comes at once (no hang, no retry loop)."""
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # discard port: connection refused
    monkeypatch.setenv("TRANSLATE_HUB_TIMEOUT", "2")
    started = time.monotonic()
    with pytest.raises(ModelNotFoundError) as info:
        locate("opus-mt-zh-en", task="translation")
    assert time.monotonic() - started < 10
    message = str(info.value)
    assert (
        "not available locally and could not be fetched: the Hugging Face Hub could not be reached"
        in message
    )
    assert "translate models pull opus-mt-zh-en" in message
    assert model_entries() == []  # the temporary download directory is gone


def test_wrong_task() -> None:
    with pytest.raises(ConfigError, match="'distilbart-cnn-12-6' is a summarization model"):
        locate("distilbart-cnn-12-6", task="translation")


def test_unknown_name() -> None:
    with pytest.raises(ModelNotFoundError, match="unknown model 'opus-mt-xx'.*opus-mt-zh-en"):
        locate("opus-mt-xx", task="translation")


def allow_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)


def test_pull_writes_model_and_metadata(
    tiny_marian_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    allow_downloads(monkeypatch)
    calls = []

    def fake_download(repo: str, revision: str, dest: Path, **kwargs: object) -> str:
        calls.append((repo, revision, kwargs))
        for f in tiny_marian_dir.iterdir():
            shutil.copy(f, dest / f.name)
        (dest / ".cache").mkdir()  # what huggingface_hub leaves in local_dir
        return SHA

    monkeypatch.setattr(hub, "_download_snapshot", fake_download)
    located = pull("opus-mt-zh-en")
    assert located.path == models_dir() / "opus-mt-zh-en"
    assert located.revision == SHA
    assert calls[0][0] == "Helsinki-NLP/opus-mt-zh-en" and calls[0][1] == SHA
    meta = json.loads((located.path / PULL_METADATA).read_text(encoding="utf-8"))
    assert meta["repo"] == "Helsinki-NLP/opus-mt-zh-en" and meta["commit"] == SHA
    assert not (located.path / ".cache").exists()
    assert model_entries() == ["opus-mt-zh-en"]
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert locate("opus-mt-zh-en", task="translation").source == "pulled"


def test_interrupted_pull_leaves_previous_copy(
    tiny_marian_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    allow_downloads(monkeypatch)
    previous = fake_pulled(tiny_marian_dir, commit="0" * 40)

    def broken_download(repo: str, revision: str, dest: Path, **kwargs: object) -> str:
        (dest / "config.json").write_text(
            "{}", encoding="utf-8"
        )  # half a model, then the network drops
        raise ConnectionError("Connection reset by peer")

    monkeypatch.setattr(hub, "_download_snapshot", broken_download)
    with pytest.raises(ModelNotFoundError, match="cannot pull 'opus-mt-zh-en'"):
        pull("opus-mt-zh-en")
    assert model_entries() == ["opus-mt-zh-en"]
    assert json.loads((previous / PULL_METADATA).read_text())["commit"] == "0" * 40
    assert (previous / "model.safetensors").is_file()


def test_pull_of_incomplete_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    allow_downloads(monkeypatch)

    def config_only(repo: str, revision: str, dest: Path, **kwargs: object) -> str:
        (dest / "config.json").write_text("{}", encoding="utf-8")
        return SHA

    monkeypatch.setattr(hub, "_download_snapshot", config_only)
    with pytest.raises(ModelNotFoundError, match="lacks files.*source.spm"):
        pull("opus-mt-zh-en")
    assert model_entries() == []


@pytest.mark.parametrize(
    ("files", "prefer", "weights"),
    [
        (["model.safetensors", "pytorch_model.bin", "tf_model.h5"], True, "*.safetensors"),
        (["model.safetensors", "pytorch_model.bin"], False, "pytorch_model*.bin"),
        (["pytorch_model.bin", "rust_model.ot"], True, "pytorch_model*.bin"),
        (["model.safetensors"], False, "*.safetensors"),
    ],
)
def test_allow_patterns(files: list[str], prefer: bool, weights: str) -> None:
    patterns = allow_patterns(files + ["config.json"], prefer_safetensors=prefer)
    assert patterns[0] == weights
    assert "config.json" in patterns and "*.spm" in patterns
    assert not any(p.endswith((".h5", ".ot", ".msgpack", ".onnx")) for p in patterns)


runner = CliRunner()


def test_cli_models_list(tiny_marian_dir: Path) -> None:
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0, result.output
    assert "opus-mt-zh-en" in result.stdout and "distilbart-cnn-12-6" in result.stdout
    assert "Helsinki-NLP/opus-mt-zh-en@cf10909547" in result.stdout
    assert "not downloaded: translate models pull opus-mt-zh-en" in result.stdout
    dest = fake_pulled(tiny_marian_dir)
    result = runner.invoke(app, ["models", "list"])
    line = next(x for x in result.stdout.splitlines() if x.startswith("opus-mt-zh-en"))
    assert "pulled @cf10909547" in line and str(dest) in line


def test_cli_models_list_other_file(tmp_path: Path) -> None:
    text = "models:\n  mt:\n    task: translation\n    repo: o/mt\n    revision: main\n    max_input_tokens: 8\n"
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["models", "list", "--models-file", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0
    assert "o/mt@main" in result.stdout and "opus-mt-zh-en" not in result.stdout


def test_cli_models_list_bad_file(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("models:\n  mt:\n    tsak: x\n", encoding="utf-8")
    result = runner.invoke(app, ["models", "list", "--models-file", str(tmp_path / "m.yaml")])
    assert result.exit_code == 3
    assert "unknown key 'tsak'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["opus-mt-zh-en", "nope"])
def test_cli_models_pull_offline(name: str) -> None:
    started = time.monotonic()
    result = runner.invoke(app, ["models", "pull", name])
    assert time.monotonic() - started < 5
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("translate: error: ")
    assert name in lines[0]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
