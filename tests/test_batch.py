"""Batch jobs: discovery, failures, resume, the translation memory, TMX, locks, interruption."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from fakes import FakeTranslator
from test_formats_input import PAGE
from typer.testing import CliRunner

from translate.backends.base import DecodeOptions
from translate.cli import app
from translate.errors import JobError
from translate.glossary.entry import Entry
from translate.jobs.engine import (
    LOCK,
    MANIFEST,
    JobReport,
    JobSettings,
    read_manifest,
    run_job,
)
from translate.memory.store import TranslationMemory
from translate.memory.tmx import export_tmx, read_tmx

OPTS = DecodeOptions(beam=1, batch_size=8)
BOILERPLATE = "本文来源：新华社。责任编辑：张三。"
runner = CliRunner()


def article(n: int) -> str:
    return (
        f"第{n}号新闻标题\n\n王毅今天在北京会见了第{n}位客人。双方讨论了合作。\n\n{BOILERPLATE}\n"
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Good articles in nested folders (one GBK, one HTML), and bad files of every kind."""
    root = tmp_path / "news"
    (root / "a" / "b").mkdir(parents=True)
    for n in range(4):
        (root / "a" / f"n{n}.txt").write_text(article(n), encoding="utf-8")
    (root / "a" / "b" / "gbk.txt").write_bytes(article(9).encode("gbk"))
    (root / "a" / "b" / "page.html").write_text(
        PAGE.replace('charset="gbk"', 'charset="utf-8"'), encoding="utf-8"
    )
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (root / "notes.md").write_text("# not picked up from a folder\n", encoding="utf-8")
    return root


def job(
    root: Path,
    out: Path,
    backend: FakeTranslator,
    tm: Path,
    entries: list[Entry] | None = None,
    *,
    force: bool = False,
) -> JobReport:
    settings = JobSettings(out_dir=out, fmt="json", force=force)
    with TranslationMemory(tm) as memory:
        return run_job(
            [root], backend, OPTS, settings, glossary_entries=entries or [], memory=memory
        )


def translated(backend: FakeTranslator) -> list[str]:
    return [t for batch in backend.calls for t in batch]


def test_a_corpus_with_bad_files_finishes_and_records_each(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    fake = FakeTranslator()
    report = job(corpus, out, fake, tmp_path / "tm.sqlite")
    assert (report.done, report.skipped, report.failed) == (6, 0, 3)
    manifest = read_manifest(out)
    failed = {Path(k).name: r["error"] for k, r in manifest.items() if r["status"] == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt", "blank.txt"}
    assert "empty" in failed["empty.txt"] and "binary" in failed["binary.txt"]
    # The output tree mirrors the input tree.
    for rel in ("a/n0.en.json", "a/n3.en.json", "a/b/gbk.en.json", "a/b/page.en.json"):
        data = json.loads((out / rel).read_text(encoding="utf-8"))
        assert data["summary"]["text"] and data["provenance"]["memory"]["path"]
    gbk = json.loads((out / "a/b/gbk.en.json").read_text(encoding="utf-8"))
    assert gbk["provenance"]["input"]["encoding"] in ("gbk", "gb18030")
    # The boilerplate sentences of five articles went to the model once.
    sent = translated(fake)
    assert sent.count("本文来源：新华社。") == 1
    assert not list(out.rglob("*.tmp")) and not (out / "notes.summary.json").exists()
    records = [json.loads(line) for line in (out / MANIFEST).read_text().splitlines()]
    assert len(records) == 9
    done = [r for r in records if r["status"] == "done"]
    assert all(r["input_hash"] and r["units"] > 0 and r["seconds"] >= 0 for r in done)
    assert sum(r["tm_hits"] for r in done) == 0  # a fresh memory; repeats are deduplicated


def test_rerun_skips_everything_and_translates_nothing(corpus: Path, tmp_path: Path) -> None:
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    job(corpus, out, FakeTranslator(), tm)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.en.json")}
    again = FakeTranslator()
    report = job(corpus, out, again, tm)
    assert (report.done, report.skipped, report.failed) == (0, 6, 3)
    assert again.calls == []
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.en.json")} == before


def test_outputs_deleted_or_inputs_changed_are_redone_from_the_memory(
    corpus: Path, tmp_path: Path
) -> None:
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    job(corpus, out, FakeTranslator(), tm)
    (out / "a" / "n0.en.json").unlink()
    (corpus / "a" / "n1.txt").write_text(article(1) + "\n新增加的一段。\n", encoding="utf-8")
    again = FakeTranslator()
    report = job(corpus, out, again, tm)
    assert (report.done, report.skipped) == (2, 4)
    assert translated(again) == ["新增加的一段。"]  # everything else came from the memory
    assert report.tm_hits > 0


def test_a_glossary_edit_retranslates_only_the_units_with_that_term(
    corpus: Path, tmp_path: Path
) -> None:
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    pinned = [
        Entry("王毅", "Wang Yi", "person", "pinned"),
        Entry("北京", "Peking", "place", "pinned"),
    ]
    job(corpus, out, FakeTranslator(), tm, entries=pinned)
    edited = [Entry("王毅", "WANG Yi", "person", "pinned"), pinned[1]]
    again = FakeTranslator()
    report = job(corpus, out, again, tm, entries=edited)
    # The five articles that name 王毅 are redone; the saved page (no 王毅) is up to date.
    assert (report.done, report.skipped) == (5, 1)
    sent = translated(again)
    assert sent and all("WANG Yi" in text for text in sent)  # only units with the term
    assert report.translated == 5
    data = json.loads((out / "a" / "n2.en.json").read_text(encoding="utf-8"))
    assert "WANG Yi" in json.dumps(data, ensure_ascii=False)
    assert {t["target"] for t in data["terms"]} == {"WANG Yi", "Peking"}


def test_only_summary_translates_just_what_the_summary_needs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    fake = FakeTranslator()
    settings = JobSettings(out_dir=out, fmt="json", only="summary", summary_sentences=1)
    report = run_job([str(SEED)], fake, OPTS, settings)
    assert report.done == 1
    data = json.loads((out / f"{SEED.stem}.summary.json").read_text(encoding="utf-8"))
    assert len(data["summary"]["sentences"]) == 1 and data["summary"]["text"]
    assert len(translated(fake)) <= 3  # the title and the one sentence (maybe split)


def test_tmx_export_parses_back_and_an_import_wins(corpus: Path, tmp_path: Path) -> None:
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    job(corpus, out, FakeTranslator(), tm)
    tmx = tmp_path / "memory.tmx"
    with TranslationMemory(tm) as memory:
        count = export_tmx(memory, tmx)
    root = ET.parse(tmx).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "zh-CN"  # type: ignore[union-attr]
    pairs = dict(read_tmx(tmx))
    assert len(pairs) == count > 5
    assert pairs["双方讨论了合作。"] == "zh7 。"
    human = tmp_path / "human.tmx"
    human.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg>双方讨论了合作。</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>The two sides discussed cooperation.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tm", "import", str(human), "--tm", str(tm)])
    assert result.exit_code == 0, result.output
    assert "imported 1 human" in result.stderr
    (out / "a" / "n0.en.json").unlink()
    job(corpus, out, FakeTranslator(), tm)
    data = json.loads((out / "a" / "n0.en.json").read_text(encoding="utf-8"))
    targets = [s["target"] for p in data["paragraphs"] for s in p["sentences"]]
    assert "The two sides discussed cooperation." in targets
    assert data["provenance"]["memory"]["units_human"] == 1
    with TranslationMemory(tm) as memory:
        assert dict(read_tmx(tmx)) != {s: t for s, t, _o in memory.entries()}  # human won


def test_tmx_with_entities_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.tmx"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "boom">]><tmx version="1.4"><body>'
        '<tu><tuv xml:lang="zh"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tm", "import", str(evil), "--tm", str(tmp_path / "tm.sqlite")])
    assert result.exit_code == 2
    assert "refused" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_second_job_on_the_same_folder_says_who_holds_it(corpus: Path, tmp_path: Path) -> None:
    from filelock import FileLock

    out = tmp_path / "out"
    out.mkdir()
    (out / f"{LOCK}.pid").write_text("pid 4242, started 2026-12-03 10:00:00\n")
    with FileLock(str(out / LOCK)), pytest.raises(JobError, match="pid 4242"):
        job(corpus, out, FakeTranslator(), tmp_path / "tm.sqlite")


def test_two_processes_writing_one_memory_keep_all_rows(tmp_path: Path) -> None:
    tm = tmp_path / "tm.sqlite"
    code = (
        "import sys\n"
        "from translate.document import UnitTerm\n"
        "from translate.memory.store import Signature, TranslationMemory\n"
        "sig = Signature.of('m', 'r', {})\n"
        "with TranslationMemory(sys.argv[1]) as tm:\n"
        "    for i in range(200):\n"
        "        tm.store(sig, [(f'{sys.argv[2]}{i}', f'句{i}', (), f'S{i}', ())])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tm), tag], env=env) for tag in "ab"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with sqlite3.connect(tm) as db:
        assert db.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 400


def test_cli_batch_reports_a_table_and_exit_status(
    fake: FakeTranslator, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["batch", str(corpus), "-o", str(out), "--tm", str(tmp_path / "tm.sqlite")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1  # some files failed
    assert "binary.txt" in result.stderr and "done" in result.stderr
    assert (out / "a" / "n0.en.md").exists()
    result = runner.invoke(app, [*args, "--quiet"])
    assert result.exit_code == 1 and "error" in result.stderr
    ok = runner.invoke(app, ["batch", str(corpus / "a"), "-o", str(out / "ok"), "--no-tm", "-q"])
    assert ok.exit_code == 0, ok.output
    stats = runner.invoke(app, ["tm", "stats", "--tm", str(tmp_path / "tm.sqlite"), "--json"])
    assert json.loads(stats.stdout)["machine_units"] > 5
    missing = runner.invoke(app, ["batch", str(tmp_path / "nothing-*.txt"), "-o", str(out)])
    assert missing.exit_code == 8 and "matches no files" in missing.stderr


# ------------------------------------------------------------------------------ interruption

WORKER = """
import sys, time
from pathlib import Path
from fakes import FakeTranslator
from translate.backends.base import DecodeOptions
from translate.jobs.engine import JobSettings, run_job
from translate.memory.store import TranslationMemory

class Slow(FakeTranslator):
    def translate(self, texts, options, *, prefer=None):
        time.sleep(0.05)
        out = super().translate(texts, options, prefer=prefer)
        with open(sys.argv[3], "a", encoding="utf-8") as log:
            log.writelines(t + "\\n" for t in texts)
        return out

settings = JobSettings(out_dir=Path(sys.argv[2]), fmt="json", window_units=8, chunk_units=4)
with TranslationMemory(Path(sys.argv[2]).parent / "tm.sqlite") as tm:
    run_job([sys.argv[1]], Slow(), DecodeOptions(beam=1, batch_size=4), settings, memory=tm)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_a_killed_job_resumes_with_nothing_lost_or_done_twice(sig: int, tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(24):
        (corpus / f"n{n:02}.txt").write_text(
            f"标题{n}\n\n" + "".join(f"第{n}篇第{k}句话。" for k in range(6)), encoding="utf-8"
        )
    out, log = tmp_path / "out", tmp_path / "sent.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    cmd = [sys.executable, "-c", WORKER, str(corpus), str(out), str(log)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and len(read_manifest(out)) < 5:
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    first = len(read_manifest(out))
    assert 5 <= first < 24, "the job should have been stopped part-way"
    for path in out.glob("*.en.json"):  # every output on disk is whole
        json.loads(path.read_text(encoding="utf-8"))
    subprocess.run(cmd, env=env, check=True, timeout=120)
    assert not list(out.rglob("*.tmp"))  # what a kill left mid-write is cleaned up
    manifest = read_manifest(out)
    statuses = sorted(r["status"] for r in manifest.values())
    assert statuses == ["done"] * (24 - first) + ["skipped"] * first  # finished ones kept
    assert len(list(out.glob("*.en.json"))) == 24
    sent = log.read_text(encoding="utf-8").split("\n")[:-1]
    # Every unit reached the model; none twice except those of the chunk that was cut short.
    distinct = set(sent)
    assert len(distinct) == 24 * 7
    assert len(sent) - len(distinct) <= 8


def test_an_edited_output_is_never_overwritten_without_force(corpus: Path, tmp_path: Path) -> None:
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    job(corpus, out, FakeTranslator(), tm)
    edited = out / "a" / "n0.en.json"
    edited.write_text('{"edited": "by hand"}\n', encoding="utf-8")
    (corpus / "a" / "n0.txt").write_text(article(0) + "\n新的一段。\n", encoding="utf-8")
    report = job(corpus, out, FakeTranslator(), tm, force=False)
    assert report.kept == [str(edited)]
    assert edited.read_text(encoding="utf-8") == '{"edited": "by hand"}\n'
    again = job(corpus, out, FakeTranslator(), tm)  # still kept on the next run
    assert again.kept == [str(edited)]
    forced = job(corpus, out, FakeTranslator(), tm, force=True)
    assert forced.kept == [] and "新的一段" in edited.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ issue 12: hardening


def test_symlink_loops_fail_one_file_each_and_the_job_goes_on(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text(article(1), encoding="utf-8")
    (news / "other.txt").write_text(article(2), encoding="utf-8")
    loop = news / "loop.txt"
    loop.symlink_to(loop)
    out = tmp_path / "out"
    out.mkdir()
    (out / "other.en.json").symlink_to("other.en.json")  # an output that is a loop
    settings = JobSettings(out_dir=out, fmt="json")
    inputs = [loop, news / "good.txt", news / "other.txt"]
    report = run_job(inputs, FakeTranslator(), OPTS, settings)
    assert (report.done, report.failed) == (1, 2)
    errors = {Path(path).name: (error, code) for path, error, code in report.failures}
    assert "loop.txt" in errors["loop.txt"][0] and errors["loop.txt"][1] == 2
    assert errors["other.txt"] == (
        f"{out / 'other.en.json'}: symbolic link loop, cannot write there",
        6,
    )
    assert (out / "good.en.json").is_file() and (out / "other.en.json").is_symlink()


def test_a_full_disk_stops_the_batch_naming_the_folder_and_loses_nothing(
    fake: FakeTranslator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(article(1), encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(news), "-o", str(out), "--no-tm", "--format", "json", "-q"]
    assert runner.invoke(app, args).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    calls = len(fake.calls)
    result = runner.invoke(app, [*args, "--force"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 6
    assert result.stderr == (
        f"translate: error: {out}: cannot write into this folder: No space left on device\n"
    )
    assert len(fake.calls) == calls
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_full_disk_in_the_middle_of_a_job_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from translate.errors import OutputError

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(article(1), encoding="utf-8")
    out = tmp_path / "out"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"manifest\.jsonl: cannot write: No space left"):
        run_job([news], FakeTranslator(), OPTS, JobSettings(out_dir=out, fmt="json"))
    assert not (out / "a.en.json").exists()


def test_a_batch_notes_files_without_chinese(fake: FakeTranslator, tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(article(1), encoding="utf-8")
    (news / "english.txt").write_text("Headline\n\nAll of it is English.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(news), "-o", str(out), "--no-tm"])
    assert result.exit_code == 0, result.output
    assert (
        f"translate: note: {news / 'english.txt'}: no Chinese text found (only English, numbers "
        "or symbols); the output is not a translation from Chinese\n" in result.stderr
    )
    assert result.stderr.count("no Chinese text") == 1


def test_editing_an_entry_reported_as_skipped_redoes_its_files(
    corpus: Path, tmp_path: Path
) -> None:
    # 新华 occurs only inside 新华社: reported as skipped, with its English, so an edit shows.
    out, tm = tmp_path / "out", tmp_path / "tm.sqlite"
    job(corpus, out, FakeTranslator(), tm, entries=[Entry("新华", "Xinhua", "org", "pinned")])
    data = json.loads((out / "a" / "n0.en.json").read_text(encoding="utf-8"))
    assert {(t["source"], t["status"]) for t in data["terms"]} == {("新华", "skipped")}
    records = read_manifest(out)
    assert records[str(corpus / "a" / "n0.txt")]["terms_not_enforced"] == 1
    again = FakeTranslator()
    report = job(corpus, out, again, tm, entries=[Entry("新华", "XINHUA", "org", "pinned")])
    assert (report.done, report.skipped) == (6, 0) and again.calls == []
    data = json.loads((out / "a" / "n0.en.json").read_text(encoding="utf-8"))
    assert [t["target"] for t in data["terms"]] == ["XINHUA"]
