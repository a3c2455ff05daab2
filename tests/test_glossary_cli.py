"""`translate glossary ...` through the real CLI: outputs, exit codes, safety of the user's file."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.cli.glossary_cmd import Format
from translate.errors import GlossaryError, OutputError
from translate.glossary.entry import Entry
from translate.glossary.interchange import FORMATS
from translate.glossary.store import Glossary

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "beijing-youth-daily-2023-08-20.txt"


def run(*args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["glossary", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, result.output
    if code and not result.stderr.startswith("Usage:"):  # click usage errors are multi-line
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("translate: error: "), result.stderr
    return result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSLATE_GLOSSARY", raising=False)
    return tmp_path


def test_add_set_pin_unpin_remove_list(tmp_path: Path) -> None:
    out, _ = run("add", "陈文清", "Chen Wenqing", "--type", "person", "--pin")
    assert out == "added 陈文清 → Chen Wenqing (person, pinned)\n"
    run("add", "敦", "Dun", "--type", "person", "--note", "Thai FM")
    _, err = run("add", "陈文清", "Chen W.", code=GlossaryError.exit_code)
    assert "陈文清 is already in glossary.tsv as 'Chen Wenqing'" in err
    out, _ = run("set", "敦", "Don Pramudwinai")
    assert "replaced 敦 → Dun (person, suggested)" in out
    assert Glossary.load(tmp_path / "glossary.tsv").get("敦") == Entry(
        "敦", "Don Pramudwinai", "person", "suggested", "Thai FM", "manual"
    )
    out, _ = run("pin", "敦")
    assert out == "pinned 敦 → Don Pramudwinai\n"
    out, _ = run("pin", "敦")
    assert out.startswith("already pinned")
    out, err = run("list")
    assert out.splitlines() == [
        "SOURCE  TARGET           TYPE    STATUS  NOTE",
        "陈文清  Chen Wenqing     person  pinned",
        "敦      Don Pramudwinai  person  pinned  Thai FM",
    ]
    assert err == "2 of 2 entries\n"
    run("unpin", "敦")
    out, _ = run("list", "--tsv", "--pinned")
    assert (
        out
        == "source\ttarget\ttype\tstatus\tnote\torigin\n陈文清\tChen Wenqing\tperson\tpinned\t\tmanual\n"
    )
    out, _ = run("remove", "敦")
    assert out == "removed 敦 → Don Pramudwinai (person, suggested)\n"
    assert [e.source for e in Glossary.load(tmp_path / "glossary.tsv").entries] == ["陈文清"]


def test_list_filters_and_missing_file(tmp_path: Path) -> None:
    _, err = run("list", code=GlossaryError.exit_code)
    assert "glossary.tsv: glossary file not found" in err
    (tmp_path / "g.tsv").write_text(
        "王毅\tWang Yi\tperson\tpinned\n缅北\tnorthern Myanmar\tplace\treview\n新华社\tXinhua\torg\n"
    )
    out, _ = run("list", "-g", "g.tsv", "--review", "--pinned", "--tsv")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["王毅", "缅北"]
    out, _ = run("list", "-g", "g.tsv", "--type", "org", "--tsv")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["新华社"]
    result = runner.invoke(app, ["glossary", "list", "-g", "g.tsv", "--type", "human"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_pin_and_remove_are_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("王毅\tWang Yi\n丹穗\t\tperson\treview\n")
    before = path.read_bytes()
    _, err = run("pin", "王毅", "陈海", code=GlossaryError.exit_code)
    assert "陈海: not in glossary.tsv" in err
    _, err = run("pin", "丹穗", code=GlossaryError.exit_code)
    assert "cannot pin an entry without a target" in err
    run("remove", "王毅", "陈海", code=GlossaryError.exit_code)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "command",
    [
        ["add", "刘钊", "Liu Zhao"],
        ["set", "王毅", "Wang Yi"],
        ["pin", "王毅"],
        ["remove", "王毅"],
        ["import", "in.csv"],
    ],
)
def test_edits_refuse_a_hand_broken_file_and_leave_it_unchanged(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "glossary.tsv"
    data = (
        "# my notes\r\nsource\ttarget\ttype\r\n王毅\tWang Yi\tperson\r\n刘钊\tLiu Zhao\tpersn\r\n"
    )
    path.write_bytes(data.encode("utf-8"))
    (tmp_path / "in.csv").write_text("陈海,Chen Hai\n")
    _, err = run(*command, code=GlossaryError.exit_code)
    assert "glossary.tsv:4: unknown type 'persn'" in err
    assert path.read_bytes() == data.encode("utf-8")


def test_check_reports_and_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "base.tsv").write_text(
        "中央政法委员会\tCentral Political and Legal Affairs Commission\torg\tpinned\n"
        "中央政法委\tCentral Political and Legal Affairs Commission\torg\n"
        "王毅\tWang Yi\tperson\tpinned\n"
    )
    (tmp_path / "project.tsv").write_text("王毅\tWANG Yi\tperson\tpinned\n")
    out, err = run("check", "-g", "base.tsv", "-g", "project.tsv")
    assert "base.tsv:1: note: 中央政法委 occurs inside 中央政法委员会" in out
    assert "project.tsv:1: warning: 王毅: 'WANG Yi' overrides 'Wang Yi' from base.tsv:3" in out
    assert err.endswith("0 errors, 1 warning, 1 note\n")
    run("check", "-g", "base.tsv", "-g", "project.tsv", "--strict", code=GlossaryError.exit_code)
    (tmp_path / "bad.tsv").write_text("王毅\tWang Yi\tpersn\n刘钊\tLiu Zhao\n刘钊\tLiu Chao\n")
    out, err = run("check", "-g", "bad.tsv", code=GlossaryError.exit_code)
    assert out.splitlines() == [
        "bad.tsv:1: error: unknown type 'persn' (expected person, org, place, term)",
        "bad.tsv:3: error: 刘钊: defined again with a different target ('Liu Zhao' on line 2, "
        "'Liu Chao' here); the last one wins",
    ]
    assert "2 errors" in err
    run("check", "-g", "missing.tsv", code=GlossaryError.exit_code)


def test_environment_variable_names_the_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.tsv").write_text("王毅\tWang Yi\n")
    (tmp_path / "b.tsv").write_text("刘钊\tLiu Zhao\n")
    monkeypatch.setenv("TRANSLATE_GLOSSARY", "b.tsv")
    run("add", "陈海", "Chen Hai")
    assert "陈海" in (tmp_path / "b.tsv").read_text()
    monkeypatch.setenv("TRANSLATE_GLOSSARY", f"a.tsv{os.pathsep}b.tsv")
    out, _ = run("list", "--tsv")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["王毅", "刘钊", "陈海"]
    _, err = run("add", "訚柏", "Yin Bai", code=GlossaryError.exit_code)
    assert "names several files" in err


def test_import_export_round_trip_and_guards(tmp_path: Path) -> None:
    run("add", "陈文清", "Chen Wenqing", "--type", "person", "--pin")
    run("add", "缅北", "northern Myanmar", "--type", "place")
    run("add", "丹穗", "", "--type", "person")
    _, err = run("export", "out.csv", code=GlossaryError.exit_code)
    assert "--format" in err
    _, err = run("export", "out.tsv", "--format", "deepl-tsv")
    assert err == "out.tsv: wrote 2 entries (deepl-tsv); 1 without a target left out\n"
    assert (tmp_path / "out.tsv").read_text() == "陈文清\tChen Wenqing\n缅北\tnorthern Myanmar\n"
    run("export", "out.tsv", "--format", "deepl-tsv", code=OutputError.exit_code)
    run("export", "glossary.tsv", "--format", "tsv", "--force", code=OutputError.exit_code)
    run("export", "pinned.tbx", "--pinned-only")
    assert "缅北" not in (tmp_path / "pinned.tbx").read_text()

    run("export", "all.tbx")
    out, err = run("import", "all.tbx", "-g", "copy.tsv")
    assert err.startswith("copy.tsv: imported 3 terms from all.tbx (tbx): 3 added")
    assert [e.row()[:4] for e in Glossary.load(tmp_path / "copy.tsv").entries] == [
        e.row()[:4] for e in Glossary.load(tmp_path / "glossary.tsv").entries
    ]

    (tmp_path / "team.csv").write_text("陈文清,Chen Wen-ching\n缅北,North Myanmar\n王毅,Wang Yi\n")
    before = (tmp_path / "glossary.tsv").read_bytes()
    out, err = run("import", "team.csv", "--dry-run")
    assert "would import 3 terms" in err
    assert (tmp_path / "glossary.tsv").read_bytes() == before
    out, err = run("import", "team.csv")
    assert "+ 王毅 → Wang Yi (term, suggested)" in out
    assert (
        "! 陈文清: kept 'Chen Wenqing' (pinned); file has 'Chen Wen-ching' (use --overwrite-pinned"
        in out
    )
    assert "1 added, 0 replaced, 0 unchanged, 2 conflicts kept" in err
    out, err = run("import", "team.csv", "--overwrite")
    assert "~ 缅北: 'northern Myanmar' → 'North Myanmar'" in out
    assert "1 replaced, 1 unchanged, 1 conflicts kept" in err
    run("import", "team.csv", "--format", "xliff", code=2)
    (tmp_path / "evil.tbx").write_text(
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><martif>&a;</martif>'
    )
    _, err = run("import", "evil.tbx", code=GlossaryError.exit_code)
    assert "refused (unsafe)" in err


def test_format_choices_match_the_library() -> None:
    assert {f.value for f in Format} == set(FORMATS)


def test_show_entry_and_occurrences(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("标题\n国务委员陈文清出席会议。\n陳文清表示，要加强合作。\n")
    (tmp_path / "glossary.tsv").write_text(
        "陈文清\tChen Wenqing\tperson\tpinned\tMinister\textract:a.txt\n国务委员陈文清\tx\n"
    )
    out, _ = run("show", "陳文清")
    assert out.splitlines()[:5] == [
        "陈文清 → Chen Wenqing (person, pinned)",
        "  file:   glossary.tsv:1",
        "  note:   Minister",
        "  origin: extract:a.txt",
        "  nested: 国务委员陈文清",
    ]
    assert "a.txt: 2 occurrences" in out
    assert "  2: 国务委员[陈文清]出席会议。" in out
    assert "  3: [陳文清]表示，要加强合作。" in out
    _, err = run("show", "王毅", code=GlossaryError.exit_code)
    assert "王毅: not in glossary.tsv" in err
    _, err = run("show", "陈文清", "missing.txt", code=2)  # InputError from the reader


def _fake_extract(monkeypatch: pytest.MonkeyPatch, names: list[Entry]) -> None:
    module = types.ModuleType("translate.names.extract")
    module.extract_names = lambda text: [n for n in names if n.source in text]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "translate.names.extract", module)
    import translate.names

    monkeypatch.setattr(translate.names, "extract", module, raising=False)


def test_extract_adds_new_names_and_never_touches_existing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_extract(
        monkeypatch,
        [
            Entry("陈文清", "Chen Wenqing", "person", "suggested", "pinyin", "extract"),
            Entry("敦", "Dun", "person", "review", "foreign name?", "extract"),
            Entry("王毅", "Wang Yi (wrong)", "person", "pinned", "", "extract"),
            Entry("清迈", "Qingmai", "place", "suggested", "", "extract"),
        ],
    )
    (tmp_path / "a.txt").write_text("陈文清会见敦。王毅出席。\n")
    (tmp_path / "b.txt").write_text("陈文清在清迈。王毅。\n")
    path = tmp_path / "glossary.tsv"
    path.write_text("# curated\n王毅\tWang Yi\tperson\tpinned\n")
    out, err = run("extract", "a.txt", "b.txt", "--dry-run")
    assert "would add 3" in err and path.read_text() == "# curated\n王毅\tWang Yi\tperson\tpinned\n"
    out, err = run("extract", "a.txt", "b.txt")
    assert "= 王毅: already there as 王毅 → Wang Yi (person, pinned)" in out
    assert "+ 敦 → Dun (person, needs review)  [extract:a.txt]" in out
    assert err == "glossary.tsv: added 3, 3 already present\n"
    glossary = Glossary.load(path)
    assert glossary.get("王毅") == Entry("王毅", "Wang Yi", "person", "pinned")
    assert glossary.get("陈文清") == Entry(
        "陈文清", "Chen Wenqing", "person", "suggested", "pinyin", "extract:a.txt"
    )
    assert glossary.get("清迈").origin == "extract:b.txt"  # type: ignore[union-attr]
    assert path.read_text().startswith("# curated\n王毅\tWang Yi\tperson\tpinned\n")
    _, err = run("extract", "missing.txt", code=2)


def test_extract_on_the_seed_article_with_the_real_extractor(tmp_path: Path) -> None:
    out, err = run("extract", str(SEED))
    glossary = Glossary.load(tmp_path / "glossary.tsv")
    assert len(glossary) > 5
    assert glossary.get("王毅") is not None
    assert all(e.origin == f"extract:{SEED.name}" and not e.pinned for e in glossary.entries)
    out, err = run("extract", str(SEED))
    assert err.startswith("glossary.tsv: added 0,")


def test_two_concurrent_cli_adds_both_land(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "translate", "glossary", "add", source, target],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for source, target in (("王毅", "Wang Yi"), ("刘钊", "Liu Zhao"), ("陈海", "Chen Hai"))
    ]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0], results
    sources = {e.source for e in Glossary.load(tmp_path / "glossary.tsv").entries}
    assert sources == {"王毅", "刘钊", "陈海"}


# --------------------------------------------------------------------------- issue 12: hardening

ARTICLE_TEXT = "测试标题\n\n王毅在北京会见泰国外长。双方同意加强合作。\n"


@pytest.mark.parametrize(
    "content",
    [
        ARTICLE_TEXT.encode("utf-8"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"GIF89a\xff\xfe",
    ],
)
@pytest.mark.parametrize(
    "command",
    [["add", "陈文清", "Chen Wenqing"], ["set", "陈文清", "Chen Wenqing"], ["import", "in.csv"]],
)
def test_edits_refuse_a_file_that_is_not_a_glossary(
    tmp_path: Path, content: bytes, command: list[str]
) -> None:
    target = tmp_path / "article.txt"
    target.write_bytes(content)
    (tmp_path / "in.csv").write_text("陈海,Chen Hai\n")
    _, err = run(*command, "-g", "article.txt", code=GlossaryError.exit_code)
    assert "article.txt" in err
    assert target.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "article.txt",
        "in.csv",
    ]


def test_check_reports_an_override_written_in_the_other_script(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(
        "source\ttarget\ttype\tstatus\n陈文清\tChen Wenqing\tperson\tpinned\n"
    )
    (tmp_path / "b.tsv").write_text("陳文清\tChen Wen-ching\tperson\tpinned\n")
    out, _ = run("check", "-g", "a.tsv", "-g", "b.tsv")
    assert (
        "b.tsv:1: warning: 陳文清: 'Chen Wen-ching' overrides 陈文清 'Chen Wenqing' from a.tsv:2"
        in out
    )
    out, _ = run("list", "-g", "a.tsv", "-g", "b.tsv", "--tsv")
    assert out.splitlines()[1:] == ["陳文清\tChen Wen-ching\tperson\tpinned\t\t"]


def test_import_of_this_tools_own_tsv_with_its_comment_header(tmp_path: Path) -> None:
    (tmp_path / "team.tsv").write_text(
        "# Names for the Myanmar series\n\n"
        "source\ttarget\ttype\tstatus\tnote\torigin\n"
        "陈文清\tChen Wenqing\tperson\tpinned\tpinyin (title)\textract:a.txt\n"
        "清迈\tChiang Mai\tplace\tsuggested\tCC-CEDICT\n",
        encoding="utf-8",
    )
    _, err = run("import", "team.tsv")
    assert "imported 2 terms from team.tsv (tsv): 2 added" in err
    assert [
        (e.source, e.target, e.type, e.status, e.note)
        for e in Glossary.load(tmp_path / "glossary.tsv").entries
    ] == [
        ("陈文清", "Chen Wenqing", "person", "pinned", "pinyin (title)"),
        ("清迈", "Chiang Mai", "place", "suggested", "CC-CEDICT"),
    ]


@pytest.mark.parametrize("bad", ["\x00", "\x1b[2J", "\x07", "\x9b"])
def test_import_never_writes_a_control_character(tmp_path: Path, bad: str) -> None:
    (tmp_path / "glossary.tsv").write_text("source\ttarget\n王毅\tWang Yi\n", encoding="utf-8")
    before = (tmp_path / "glossary.tsv").read_bytes()
    (tmp_path / "in.csv").write_text(f"陈海,Chen Hai\n刘钊,Liu{bad}Zhao\n", encoding="utf-8")
    _, err = run("import", "in.csv", code=GlossaryError.exit_code)
    assert "in.csv:2: 刘钊: target contains a control character" in err
    assert bad not in err
    assert (tmp_path / "glossary.tsv").read_bytes() == before


def test_show_and_list_never_send_control_characters_to_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "glossary.tsv").write_text("source\ttarget\n陈文清\tChen Wenqing\n")
    (tmp_path / "a.txt").write_text("标题\n\x1b]0;pwned\x07陈文清说\x9b2J。\n", encoding="utf-8")
    out, _ = run("show", "陈文清", "a.txt")
    assert "  2: \\x1b]0;pwned\\x07[陈文清]说\\x9b2J。" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    (tmp_path / "glossary.tsv").write_text("source\ttarget\n陈文清\tChen\x1b]0;pwned\x07\n")
    _, err = run("list", code=GlossaryError.exit_code)
    assert "glossary.tsv:2: control character U+001B" in err
    assert not any(ch in err for ch in "\x1b\x07")


def test_a_symlinked_glossary_stays_a_link_through_cli_edits(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    team = tmp_path / "shared" / "team.tsv"
    team.write_text("source\ttarget\tstatus\n王毅\tWang Yi\tsuggested\n", encoding="utf-8")
    (tmp_path / "glossary.tsv").symlink_to(team)
    run("add", "刘钊", "Liu Zhao")
    run("pin", "王毅")
    assert (tmp_path / "glossary.tsv").is_symlink()
    assert team.read_text(encoding="utf-8") == (
        "source\ttarget\tstatus\n王毅\tWang Yi\tpinned\n刘钊\tLiu Zhao\tsuggested\n"
    )


def test_a_full_disk_names_the_file_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    path = tmp_path / "glossary.tsv"
    path.write_text("source\ttarget\ttype\tstatus\n王毅\tWang Yi\tperson\tpinned\n")
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("translate.atomic.os.fsync", full)
    _, err = run("add", "刘钊", "Liu Zhao", code=OutputError.exit_code)
    assert err == "translate: error: glossary.tsv: cannot write: No space left on device\n"
    _, err = run("export", "out.tbx", code=OutputError.exit_code)
    assert err == "translate: error: out.tbx: cannot write: No space left on device\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".glossary.tsv.lock", "glossary.tsv"]
