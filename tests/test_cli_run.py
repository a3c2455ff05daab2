"""`translate run` through the CLI: outputs, errors, and the tiny real model end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, SEED
from fakes import FakeTranslator
from typer.testing import CliRunner

from translate.cli import app
from translate.errors import InputError, OutputError, TranslateError

runner = CliRunner()
ARTICLE = "测试标题\n\n王毅在北京会见泰国外长。双方同意加强合作。\n\n会议取得成果。\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_run_writes_markdown_beside_the_input(fake: FakeTranslator, article: Path) -> None:
    result = runner.invoke(app, ["run", str(article)])
    assert result.exit_code == 0, result.output
    out = article.with_name("news.en.md")
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# zh4")
    assert "## Summary" in md and "## Glossary" in md
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_run_json_to_outdir_with_cli_overrides(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out" / "nested"
    result = runner.invoke(
        app, ["run", str(article), "-o", str(outdir), "--format", "json", "--beam", "5"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads((outdir / "news.en.json").read_text(encoding="utf-8"))
    assert data["provenance"]["decoding"] == {"beam": 5, "batch_size": 8, "max_new_tokens": None}
    assert data["paragraphs"][0]["sentences"][0]["source"] == "王毅在北京会见泰国外长。"
    assert data["summary"]["sentences"]


def test_run_to_stdout(fake: FakeTranslator, article: Path) -> None:
    result = runner.invoke(app, ["run", str(article), "-o", "-", "--format", "txt"])
    assert result.exit_code == 0
    assert result.stdout.startswith("zh4")
    assert not list(article.parent.glob("*.en.*"))


def test_existing_output_is_kept_without_force(fake: FakeTranslator, article: Path) -> None:
    out = article.with_name("news.en.md")
    out.write_text("my edits", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article)])
    assert result.exit_code == 0
    assert "kept existing" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my edits"
    assert fake.calls == []  # nothing translated
    result = runner.invoke(app, ["run", str(article), "--force"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary")],
)
def test_bad_input_is_one_line_error(
    fake: FakeTranslator, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(app, ["run", str(bad)])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and message in lines[0].lower()
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.en.*"))


def test_one_bad_file_does_not_stop_the_others(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["run", str(missing), str(article)])
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    assert article.with_name("news.en.md").exists()


def test_missing_model_names_the_pull_command(article: Path) -> None:
    result = runner.invoke(app, ["run", str(article), "--model", "opus-mt-zh-en"])
    assert result.exit_code != 0
    assert (
        "opus-mt-zh-en" in result.stderr and "translate models pull opus-mt-zh-en" in result.stderr
    )
    assert "Traceback" not in result.output


def test_missing_model_directory_is_a_clear_error(article: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(article), "--model", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "nowhere" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_pinned_glossary_terms_reach_the_output(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text(
        "source\ttarget\ttype\tstatus\tnote\torigin\n王毅\tWang Yi\tperson\tpinned\t\t\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(article), "-g", str(glossary), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(article.with_name("news.en.json").read_text(encoding="utf-8"))
    assert "Wang Yi" in data["paragraphs"][0]["sentences"][0]["target"]
    assert [t["source"] for t in data["terms"]] == ["王毅"]
    assert data["provenance"]["glossary"]["hash"]
    assert any(row["source"] == "王毅" and row["status"] == "pinned" for row in data["glossary"])


def test_tiny_real_model_translates_every_sample(tiny_marian_dir: Path, tmp_path: Path) -> None:
    samples = sorted(p for p in SAMPLES.glob("*.txt") if p.name != "README.md")
    assert SEED in samples and len(samples) >= 2
    result = runner.invoke(
        app,
        [
            "run",
            *map(str, samples),
            "--model",
            str(tiny_marian_dir),
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--beam",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    for sample in samples:
        data = json.loads((tmp_path / f"{sample.stem}.en.json").read_text(encoding="utf-8"))
        sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
        assert sentences
        # Every sentence with words in it got real English (not an empty string, not the source).
        for s in sentences:
            if any("\u4e00" <= ch <= "\u9fff" for ch in s["source"]):
                assert s["target"].strip() and s["target"] != s["source"], s
        # A model directory runs on the fastest installed backend, like a models.yaml entry.
        assert data["provenance"]["backend"] == "ctranslate2"


def test_python_m_translate_and_help_without_torch() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['translate', '--help']\n"
        "try:\n    runpy.run_module('translate', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'jieba') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "run" in proc.stdout and "glossary" in proc.stdout


def test_model_summary_on_request(fake: FakeTranslator, article: Path, tiny_bart_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "run",
            str(article),
            "--format",
            "json",
            "--summary-method",
            "model",
            "--summarizer",
            str(tiny_bart_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(article.with_name("news.en.json").read_text(encoding="utf-8"))
    assert data["summary"]["method"] == "model"
    assert data["summary"]["chunks"] >= 1
    assert isinstance(data["summary"]["text"], str)


def test_model_summary_with_missing_summarizer_is_one_line(
    fake: FakeTranslator, article: Path
) -> None:
    result = runner.invoke(app, ["run", str(article), "--summary-method", "model"])
    assert result.exit_code != 0
    assert "distilbart-cnn-12-6" in result.stderr and "translate models pull" in result.stderr
    assert "Traceback" not in result.output
    assert not article.with_name("news.en.md").exists()


def test_run_over_a_folder_skips_its_own_outputs(fake: FakeTranslator, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    first = runner.invoke(app, ["run", str(folder), "--format", "txt"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in folder.iterdir()) == ["a.en.txt", "a.txt", "b.en.txt", "b.txt"]
    again = runner.invoke(app, ["run", str(folder), "--format", "txt"])
    assert again.exit_code == 0
    assert again.stderr.count("kept existing") == 2  # a.en.txt is not taken for an article


def test_two_inputs_with_one_output_name_do_not_overwrite_each_other(
    fake: FakeTranslator, tmp_path: Path
) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "news.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["run", str(tmp_path / "x" / "news.txt"), str(tmp_path / "y" / "news.txt"), "-o", str(out)],
    )
    assert result.exit_code == 1
    assert "already that of" in result.stderr
    assert [p.name for p in out.iterdir()] == ["news.en.md"]


def test_empty_folder_is_an_error(fake: FakeTranslator, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code != 0
    assert "no .txt articles" in result.stderr


def test_an_article_that_fails_to_translate_does_not_stop_the_batch(
    fake: FakeTranslator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("坏标题\n会失败的文章。\n", encoding="utf-8")
    second.write_text(ARTICLE, encoding="utf-8")
    translate = fake.translate

    def flaky(texts, options, *, prefer=None):  # noqa: ANN001, ANN202
        if any("失败" in t for t in texts):
            raise TranslateError("fake-keep: generation failed: out of memory")
        return translate(texts, options, prefer=prefer)

    monkeypatch.setattr(fake, "translate", flaky)
    result = runner.invoke(app, ["run", str(first), str(second)])
    assert result.exit_code == 1
    assert result.stderr.count("translate: error:") == 1 and "out of memory" in result.stderr
    assert "Traceback" not in result.output
    assert not first.with_name("a.en.md").exists()
    assert second.with_name("b.en.md").exists()


def test_an_output_that_cannot_be_written_does_not_stop_the_batch(
    fake: FakeTranslator, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.en.md").mkdir()
    for extra in ([], ["--force"]):
        result = runner.invoke(app, ["run", str(first), str(second), *extra])
        assert result.exit_code == 1
        assert "a.en.md" in result.stderr and "directory" in result.stderr
        assert second.with_name("b.en.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.en.md", "a.txt", "b.en.md", "b.txt"]


def test_unwritable_output_folder_is_one_line(fake: FakeTranslator, article: Path) -> None:
    result = runner.invoke(app, ["run", str(article), "-o", "/dev/null/out"])
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "/dev/null" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_the_same_article_named_twice_is_translated_once(
    fake: FakeTranslator, article: Path, output: list[str]
) -> None:
    again = article.parent / ".." / article.parent.name / article.name
    result = runner.invoke(app, ["run", str(article), str(again), str(article.parent), *output])
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr
    assert len(fake.calls) == 1  # one document, one batch
    if output:
        assert result.stdout.count("# zh4") == 1
    else:
        assert [p.name for p in article.parent.glob("*.en.md")] == ["news.en.md"]


def test_inline_dateline_is_its_own_sentence_marked_in_json(
    fake: FakeTranslator, tmp_path: Path
) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(
        "王毅会见泰国外长\n新华社北京8月19日电（记者 张三）8月19日，王毅在北京会见泰国外长。双方同意加强合作。\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(article.with_name("wire.en.json").read_text(encoding="utf-8"))
    first, second, _third = data["paragraphs"][0]["sentences"]
    assert first["source"] == "新华社北京8月19日电（记者 张三）" and first["role"] == "dateline"
    assert "role" not in second
    assert all(s["source"] != first["source"] for s in data["summary"]["sentences"])


def test_pinned_term_without_target_is_reported_missed(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("source\ttarget\ttype\tstatus\n王毅\t\tperson\tpinned\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "-g", str(glossary)])
    assert result.exit_code == 0, result.output
    assert "pinned term 王毅 -> (no target) missing" in result.stderr


def test_json_to_stdout_is_one_object_per_line(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("另一篇\n第二篇文章的正文。\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), str(other), "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["title"]["source"] for line in lines] == ["测试标题", "另一篇"]


# ----------------------------------------------------------------------------- issue 12: hardening


def _no_crash(result: Any) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_a_later_glossary_wins_in_the_other_script(fake: FakeTranslator, tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text("陈文清会见外长\n\n陈文清说，双方同意加强合作。\n", encoding="utf-8")
    (tmp_path / "a.tsv").write_text(
        "source\ttarget\ttype\tstatus\n陈文清\tChen Wenqing\tperson\tpinned\n"
    )
    (tmp_path / "b.tsv").write_text(
        "source\ttarget\ttype\tstatus\n陳文清\tChen Wen-ching\tperson\tpinned\n"
    )
    result = runner.invoke(
        app,
        ["run", str(article), "-g", str(tmp_path / "a.tsv"), "-g", str(tmp_path / "b.tsv"),
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(article.with_name("news.en.json").read_text(encoding="utf-8"))
    assert {t["target"] for t in data["terms"]} == {"Chen Wen-ching"}
    assert "Chen Wen-ching" in data["title"]["target"]
    assert "Chen Wenqing" not in json.dumps(data)


def test_a_term_defined_twice_in_one_glossary_says_which_is_used(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("source\ttarget\tstatus\n王毅\tWang Yi\tpinned\n王毅\tWANG Yi\tpinned\n")
    result = runner.invoke(app, ["run", str(article), "-g", str(glossary), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert (
        f"translate: {glossary}:3: warning: 王毅 is defined twice ('Wang Yi', term, pinned on "
        "line 2, 'WANG Yi', term, pinned on line 3); using line 3" in result.stderr
    )
    assert "WANG Yi" in result.stdout


@pytest.mark.parametrize("command", ["run", "summarize"])
def test_a_missing_glossary_is_an_input_error(
    fake: FakeTranslator, article: Path, tmp_path: Path, command: str
) -> None:
    result = runner.invoke(app, [command, str(article), "-g", str(tmp_path / "missing.tsv")])
    _no_crash(result)
    assert result.exit_code == InputError.exit_code == 2
    assert (
        result.stderr == f"translate: error: {tmp_path / 'missing.tsv'}: glossary file not found\n"
    )


def test_would_overwrite_the_input_is_an_output_error(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "news.en.md").symlink_to(article)
    result = runner.invoke(app, ["run", str(article), "-o", str(out), "--force"])
    _no_crash(result)
    assert result.exit_code == OutputError.exit_code
    assert "would overwrite the input" in result.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize(
    "text", ["Breaking news\n\nThe minister met his counterpart today.\n", "2023\n\n100 200 300\n"]
)
def test_text_that_is_not_chinese_gets_a_note(
    fake: FakeTranslator, tmp_path: Path, text: str
) -> None:
    article = tmp_path / "english.txt"
    article.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"translate: note: {article}: no Chinese text found (only English, numbers or "
        "symbols); the output is not a translation from Chinese\n"
    )
    result = runner.invoke(app, ["summarize", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("no Chinese text found") == 1


def test_symlink_loops_are_one_line_and_the_rest_goes_on(
    fake: FakeTranslator, article: Path, tmp_path: Path
) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = runner.invoke(app, ["run", str(loop), str(article)])
    _no_crash(result)
    assert result.exit_code == 1
    assert result.stderr.count("translate: error:") == 1 and "loop.txt" in result.stderr
    assert article.with_name("news.en.md").exists()

    other = tmp_path / "other.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "news.en.md").symlink_to("news.en.md")  # an output that is a loop
    result = runner.invoke(app, ["run", str(article), str(other), "-o", str(out)])
    _no_crash(result)
    assert result.exit_code == 1
    assert result.stderr.count("translate: error:") == 1
    assert f"{out / 'news.en.md'}: symbolic link loop, cannot write there" in result.stderr
    assert (out / "other.en.md").is_file() and (out / "news.en.md").is_symlink()
    result = runner.invoke(app, ["summarize", str(loop)])
    _no_crash(result)
    assert result.exit_code == InputError.exit_code


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
@pytest.mark.parametrize("size", [0, 1000, None])
def test_damaged_model_weights_are_one_line(
    tiny_marian_dir: Path, article: Path, tmp_path: Path, backend: str, size: int | None
) -> None:
    import shutil

    model = tmp_path / "model"
    shutil.copytree(tiny_marian_dir, model)
    weights = model / "model.safetensors"
    with weights.open("r+b") as handle:
        handle.truncate(weights.stat().st_size // 2 if size is None else size)
    result = runner.invoke(
        app, ["run", str(article), "--model", str(model), "--backend", backend, "-o", "-"]
    )
    _no_crash(result)
    assert result.exit_code == 4, result.output
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith(f"translate: error: {model}: cannot ")


def test_an_unwritable_output_folder_is_found_before_translating(
    fake: FakeTranslator, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    other = tmp_path / "other.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    mkstemp = tempfile.mkstemp

    def refuse(*args: Any, **kwargs: Any) -> Any:  # a read-only folder (tests run as root)
        if Path(kwargs.get("dir", ".")).resolve() == out.resolve():
            raise PermissionError(errno.EACCES, "Permission denied")
        return mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = runner.invoke(app, ["run", str(article), str(other), "-o", str(out)])
    _no_crash(result)
    assert result.exit_code == OutputError.exit_code
    assert result.stderr == (
        f"translate: error: {out}: cannot write into this folder: Permission denied\n"
    )
    assert fake.calls == []  # nothing was translated
    result = runner.invoke(app, ["batch", str(article), "-o", str(out)])
    _no_crash(result)
    assert result.exit_code == OutputError.exit_code
    assert fake.calls == []
    assert list(out.iterdir()) == []


def test_summarize_dash_o_dash_prints_to_stdout(
    fake: FakeTranslator, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["summarize", str(article), "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["text"]
    assert not (tmp_path / "-").exists()


def test_control_characters_never_reach_the_terminal_or_text_outputs(
    fake: FakeTranslator, tmp_path: Path
) -> None:
    article = tmp_path / "news.txt"
    article.write_text(
        "\x1b]0;pwned\x07王毅会见外长\n\n王毅在北京会见泰国外长\x9b2J。双方同意加强合作。\n",
        encoding="utf-8",
    )
    raw = ("\x1b", "\x07", "\x9b")
    for fmt in ("md", "txt"):
        result = runner.invoke(
            app, ["run", str(article), "-o", "-", "--format", fmt, "--bilingual"]
        )
        assert result.exit_code == 0, result.output
        assert not any(ch in result.output for ch in raw)
        assert "\\x1b" in result.stdout and "\\x9b" in result.stdout
    result = runner.invoke(app, ["run", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    text = article.with_name("news.en.json").read_text(encoding="utf-8")
    assert not any(ch in text for ch in raw)
    data = json.loads(text)  # faithful: JSON escapes them
    assert data["title"]["source"] == "\x1b]0;pwned\x07王毅会见外长"
    assert "\x9b2J" in data["paragraphs"][0]["sentences"][0]["source"]
    result = runner.invoke(app, ["summarize", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not any(ch in result.output for ch in raw)
    assert json.loads(result.stdout)["title"]["source"].startswith("\x1b]0;pwned\x07")
    result = runner.invoke(app, ["summarize", str(article), str(article), "--format", "md"])
    assert not any(ch in result.output for ch in raw)


def test_a_full_disk_names_the_output_and_keeps_the_old_one(
    fake: FakeTranslator, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    out = article.with_name("news.en.md")
    out.write_text("the earlier translation", encoding="utf-8")
    fsync = os.fsync

    def full(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp") and ".news.en.md." in os.readlink(
            f"/proc/self/fd/{fd}"
        ):
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["run", str(article), "--force"])
    _no_crash(result)
    assert result.exit_code == OutputError.exit_code
    assert result.stderr == f"translate: error: {out}: cannot write: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "the earlier translation"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.en.md", "news.txt"]
