"""The glossary TSV store: byte-exact round trips, minimal edits, clear errors, safe concurrency."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from translate.errors import GlossaryError
from translate.glossary.entry import Entry
from translate.glossary.store import (
    HEADER,
    Glossary,
    check_file,
    edit,
    glossary_hash,
    load_glossaries,
    validate,
)

SAMPLE = (
    "# Names for the Mekong fraud story\n"
    "source\ttarget\ttype\tstatus\tnote\torigin\n"
    "\n"
    "陈文清\tChen Wenqing\tperson\tpinned\tMinister of State Security\textract:a.txt\n"
    "# foreign names below\n"
    "丹穗\tThan Swe\tperson\treview\n"
    "王毅\tWang Yi\n"
)


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode(),
        SAMPLE.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + SAMPLE.encode(),
        b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode(),
        SAMPLE.rstrip("\n").encode(),  # no newline at the end
        b"\xff\xfe" + SAMPLE.encode("utf-16-le"),  # Excel "Unicode Text"
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        "陈文清\tChen Wenqing\n\n\n".encode(),  # no header, trailing blank lines
        'source\ttarget\tnote\n新华社\tXinhua\t"quoted ""note"""\n'.encode(),
    ],
    ids=[
        "lf",
        "crlf",
        "bom",
        "bom-crlf",
        "no-final-newline",
        "utf16le",
        "utf16be",
        "headerless",
        "quoted",
    ],
)
def test_unchanged_glossary_is_written_back_byte_for_byte(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "g.tsv", data)
    glossary = Glossary.load(path)
    assert glossary.dumps() == data
    glossary.save()
    assert path.read_bytes() == data
    with edit(path):
        pass
    assert path.read_bytes() == data


def test_parsed_values_and_defaults(tmp_path: Path) -> None:
    glossary = Glossary.load(write(tmp_path / "g.tsv", SAMPLE))
    assert [e.source for e in glossary.entries] == ["陈文清", "丹穗", "王毅"]
    assert glossary.get("陈文清") == Entry(
        "陈文清", "Chen Wenqing", "person", "pinned", "Minister of State Security", "extract:a.txt"
    )
    assert glossary.get("王毅") == Entry("王毅", "Wang Yi", "term", "suggested", "", "")
    assert glossary.get("丹穗").status == "review"  # type: ignore[union-attr]
    assert [e.source for e in glossary.pinned()] == ["陈文清"]
    assert glossary.location("丹穗") == (tmp_path / "g.tsv", 6)


def test_one_edit_changes_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "g.tsv", SAMPLE.replace("\n", "\r\n"))
    with edit(path) as glossary:
        glossary.set(Entry("王毅", "Wang Yi", "person", "pinned"))
    before = SAMPLE.replace("\n", "\r\n").split("\r\n")
    after = path.read_bytes().decode().split("\r\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("王毅\tWang Yi", "王毅\tWang Yi\tperson\tpinned\t\t")]


def test_add_appends_at_the_end_keeping_newline_style(tmp_path: Path) -> None:
    data = SAMPLE.replace("\n", "\r\n").rstrip("\r\n")  # CRLF, no final newline
    path = write(tmp_path / "g.tsv", data)
    with edit(path) as glossary:
        glossary.add(Entry("訚柏", "Yin Bai", "person"))
    assert path.read_bytes().decode() == data + "\r\n訚柏\tYin Bai\tperson\tsuggested\t\t\r\n"


def test_remove_deletes_only_that_line(tmp_path: Path) -> None:
    path = write(tmp_path / "g.tsv", SAMPLE)
    with edit(path) as glossary:
        removed = glossary.remove("丹穗")
    assert removed.target == "Than Swe"
    assert path.read_text() == SAMPLE.replace("丹穗\tThan Swe\tperson\treview\n", "")


def test_header_column_order_is_respected(tmp_path: Path) -> None:
    path = write(tmp_path / "g.tsv", "target\tsource\tstatus\nWang Yi\t王毅\tpinned\n")
    with edit(path) as glossary:
        assert glossary.get("王毅") == Entry("王毅", "Wang Yi", status="pinned")
        glossary.add(Entry("刘钊", "Liu Zhao", "person", "suggested", "note dropped: no column"))
    assert path.read_text().splitlines()[-1] == "Liu Zhao\t刘钊\tsuggested"


def test_new_file_gets_a_header(tmp_path: Path) -> None:
    path = tmp_path / "new.tsv"
    with edit(path) as glossary:
        glossary.add(Entry("王毅", "Wang Yi", "person", "pinned"))
    assert path.read_text() == f"{HEADER}\n王毅\tWang Yi\tperson\tpinned\t\t\n"
    with edit(tmp_path / "untouched.tsv"):
        pass
    assert not (tmp_path / "untouched.tsv").exists()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("王毅\tWang Yi\tperson\tpinned\tnote\torigin\textra", "7 fields, expected at most 6"),
        ("王毅\tWang Yi\tpersn", "unknown type 'persn'"),
        ("王毅\tWang Yi\tperson\tpined", "unknown status 'pined'"),
        ("\tWang Yi", "empty source term"),
        ("source\ttarget", "a second header line"),
        ("王毅 Wang Yi person pinned", "no target, and the source '王毅 Wang Yi person pinned'"),
        ("王毅 Wang Yi\t\tperson", "no target, and the source '王毅 Wang Yi' contains spaces"),
    ],
)
def test_malformed_line_reports_path_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path / "g.tsv", SAMPLE + line + "\n")
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}:8: {reason}")
    assert "\n" not in message


def test_unknown_header_column_and_bad_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "g.tsv", "source\ttarget\tnotes\n王毅\tWang Yi\tx\n")
    with pytest.raises(GlossaryError, match=r"g\.tsv:1: unknown column 'notes'"):
        Glossary.load(path)
    path = write(tmp_path / "gbk.tsv", "王毅\tWang Yi\n".encode("gbk"))
    with pytest.raises(GlossaryError, match=r"gbk\.tsv:1: not valid UTF-8"):
        Glossary.load(path)
    with pytest.raises(GlossaryError, match="not found"):
        Glossary.load(tmp_path / "missing.tsv")


def test_edit_refuses_a_broken_file_and_leaves_it_alone(tmp_path: Path) -> None:
    data = (SAMPLE + "王毅\tWang Yi\tpersn\n").encode()
    path = write(tmp_path / "g.tsv", data)
    with pytest.raises(GlossaryError, match=r"g\.tsv:8:"), edit(path) as glossary:
        glossary.add(Entry("刘钊", "Liu Zhao"))
    assert path.read_bytes() == data


def test_excel_style_quoting_round_trips(tmp_path: Path) -> None:
    tricky = ['"Three Represents"', "#hashtag", 'He said "hi"', "a, b; c", "𠮷野家 non-BMP"]
    path = tmp_path / "g.tsv"
    with edit(path) as glossary:
        for i, value in enumerate(tricky):
            glossary.add(Entry(f"词{i}", value, note=value))
    reloaded = Glossary.load(path)
    assert [(e.target, e.note) for e in reloaded.entries] == [(v, v) for v in tricky]
    assert "#hashtag" in path.read_text()


def test_add_set_remove_rules() -> None:
    glossary = Glossary([Entry("王毅", "Wang Yi", "person", "pinned")])
    with pytest.raises(GlossaryError, match="already in"):
        glossary.add(Entry("王毅", "Wang Yi"))
    assert glossary.set(Entry("王毅", "Wang Yi", "person", "pinned")) is not None
    assert glossary.set(Entry("刘钊", "Liu Zhao")) is None
    with pytest.raises(GlossaryError, match="not in"):
        glossary.remove("陈海")
    with pytest.raises(GlossaryError, match="unknown type"):
        glossary.add(Entry("陈海", "Chen Hai", type="human"))
    with pytest.raises(GlossaryError, match="tab or newline"):
        glossary.add(Entry("陈海", "Chen\tHai"))
    with pytest.raises(GlossaryError, match="empty source"):
        glossary.add(Entry("  ", "x"))
    with pytest.raises(GlossaryError, match="cannot pin an entry without a target"):
        glossary.add(Entry("丹穗", "", status="pinned"))
    stored = glossary.add(Entry("陈海", "Chen Hai", note="line one\nline two\tend"))
    assert stored.note == "line one line two end"


def test_traditional_and_simplified_are_distinct_but_get_finds_either() -> None:
    glossary = Glossary([Entry("陳文清", "Chen Wenqing (trad)")])
    assert glossary.get("陈文清").source == "陳文清"  # type: ignore[union-attr]
    glossary.add(Entry("陈文清", "Chen Wenqing"))  # a distinct entry
    assert glossary.get("陈文清").target == "Chen Wenqing"  # type: ignore[union-attr]
    assert glossary.get("陳文清").target == "Chen Wenqing (trad)"  # type: ignore[union-attr]
    assert "陈文清" in glossary and "陈海" not in glossary
    assert len(glossary) == 2


def test_load_glossaries_later_files_win(tmp_path: Path) -> None:
    base = write(tmp_path / "base.tsv", "王毅\tWang Yi\tperson\tpinned\n刘钊\tLiu Zhao\n")
    project = write(tmp_path / "project.tsv", "刘钊\tLIU Zhao\tperson\tpinned\n陈海\tChen Hai\n")
    merged = load_glossaries([base, project])
    assert {e.source: e.target for e in merged.entries} == {
        "王毅": "Wang Yi",
        "刘钊": "LIU Zhao",
        "陈海": "Chen Hai",
    }
    assert merged.location("刘钊") == (project, 1)
    assert [e.source for e in merged.pinned()] == ["王毅", "刘钊"]
    assert load_glossaries([]).entries == []
    odd = write(tmp_path / "odd.tsv", "丹穗\t\tperson\tpinned\n")
    assert load_glossaries([odd]).entries == [Entry("丹穗", "", "person", "pinned")]
    assert load_glossaries([odd]).pinned() == []  # nothing to enforce


def test_glossary_hash_is_order_independent_and_ignores_notes() -> None:
    a = [Entry("王毅", "Wang Yi", "person", "pinned"), Entry("刘钊", "Liu Zhao")]
    b = [
        Entry("刘钊", "Liu Zhao", note="x", origin="y"),
        Entry("王毅", "Wang Yi", "person", "pinned"),
    ]
    assert glossary_hash(a) == glossary_hash(b)
    assert len(glossary_hash(a)) == 16
    assert glossary_hash(a) != glossary_hash([Entry("王毅", "Wang Yi", "person", "suggested")])


def test_check_file_reports_everything(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.tsv",
        "source\ttarget\ttype\tstatus\n"
        "中央政法委员会\tCentral Political and Legal Affairs Commission\torg\tpinned\n"
        "中央政法委\tCentral Political and Legal Affairs Commission\torg\n"
        "王毅\tWang Yi\n"
        "王毅\tWang Yi\n"
        "刘钊\tLiu Zhao\n"
        "刘钊\tLiu Chao\n"
        "敦\tDon\tperson\tpinned\n"
        "陈海\t\tperson\tpinned\n"
        "Wang Yi\t王毅\n"
        "bad\tline\tpersn\n"
        "bad\tline\tperson\tpinned\tx\ty\tz\n",
    )
    glossary, problems = check_file(path)
    assert glossary is not None
    found = {(p.severity, p.line, p.message.split(":")[0]) for p in problems}
    assert ("note", 2, "中央政法委 occurs inside 中央政法委员会") in {
        (p.severity, p.line, p.message.split(";")[0]) for p in problems
    }
    assert ("warning", 5, "王毅") in found  # identical duplicate
    assert ("error", 7, "刘钊") in found  # duplicate with another target
    assert ("warning", 8, "敦") in found  # pinned single character
    assert ("error", 9, "陈海") in found  # pinned without target
    assert ("warning", 10, "Wang Yi") in found  # swapped columns
    assert ("error", 11, "unknown type 'persn' (expected person, org, place, term)") in found
    assert ("error", 12, "7 fields, expected at most 4 (source, target, type, status)") in {
        (p.severity, p.line, p.message.split(";")[0]) for p in problems
    }
    assert all(str(p).startswith(f"{path}:") for p in problems)


def _add_many(path: str, prefix: str, count: int) -> None:
    for i in range(count):
        with edit(Path(path)) as glossary:
            glossary.add(Entry(f"{prefix}{i}", f"{prefix} {i}"))


def test_concurrent_edits_from_threads_all_land(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    threads = [
        threading.Thread(target=_add_many, args=(str(path), name, 10))
        for name in ("甲", "乙", "丙")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(Glossary.load(path).entries) == 30


def test_concurrent_edits_from_processes_all_land(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_add_many, args=(str(path), name, 5)) for name in ("甲", "乙")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [proc.exitcode for proc in procs] == [0, 0]
    assert len(Glossary.load(path).entries) == 10


def test_source_with_spaces_and_no_target_survives_a_save(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    with edit(path) as glossary:
        glossary.add(Entry("G20 峰会", ""))
    assert Glossary.load(path).get("G20 峰会") == Entry("G20 峰会", "", origin="")


# ----------------------------------------------------------------- issue 12: hardening


def test_a_later_file_wins_in_either_script(tmp_path: Path) -> None:
    from translate.terms.match import TermMatcher

    base = write(tmp_path / "a.tsv", f"{HEADER}\n陈文清\tChen Wenqing\tperson\tpinned\t\t\n")
    team = write(tmp_path / "b.tsv", f"{HEADER}\n陳文清\tChen Wen-ching\tperson\tpinned\t\t\n")
    merged = load_glossaries([base, team])
    assert [(e.source, e.target) for e in merged.entries] == [("陳文清", "Chen Wen-ching")]
    assert merged.location("陳文清") == (team, 2)
    found = TermMatcher(merged.pinned()).find("陈文清说")
    assert [m.target for m in found] == ["Chen Wen-ching"]
    # and the other way round: the simplified entry of the later file wins over the traditional
    merged = load_glossaries([team, base])
    assert [(e.source, e.target) for e in merged.entries] == [("陈文清", "Chen Wenqing")]


def test_a_term_defined_twice_in_one_file_says_which_line_is_used(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.tsv",
        f"{HEADER}\n刘钊\tLiu Zhao\tperson\tpinned\n王毅\tWang Yi\n王毅\tWang Yi\t\t\tagain\n"
        "刘钊\tLiu Chao\tperson\tpinned\n陈文清\tChen Wenqing\n陳文清\tChen Wen-ching\n",
    )
    said: list[str] = []
    merged = load_glossaries([path], warn=lambda problem: said.append(str(problem)))
    assert merged.get("刘钊", exact=True).target == "Liu Chao"  # type: ignore[union-attr]
    assert merged.get("陈文清").target == "Chen Wen-ching"  # type: ignore[union-attr]
    assert len(merged) == 3
    assert said == [
        f"{path}:5: warning: 刘钊 is defined twice ('Liu Zhao', person, pinned on line 2, "
        "'Liu Chao', person, pinned on line 5); using line 5",
        f"{path}:7: warning: 陳文清 ('Chen Wen-ching', term, suggested) and 陈文清 "
        "('Chen Wenqing', term, suggested, line 6) are script variants of one term; using line 7",
    ]  # the identical 王毅 is not worth a word


def test_a_symlinked_glossary_is_edited_in_its_target(tmp_path: Path) -> None:
    shared, project = tmp_path / "shared", tmp_path / "project"
    shared.mkdir()
    project.mkdir()
    team = write(shared / "team.tsv", SAMPLE)
    link = project / "glossary.tsv"
    link.symlink_to(Path("..") / "shared" / "team.tsv")
    with edit(link) as glossary:
        glossary.add(Entry("刘钊", "Liu Zhao", "person"))
    assert link.is_symlink() and link.resolve() == team.resolve()
    assert team.read_text(encoding="utf-8") == SAMPLE + "刘钊\tLiu Zhao\tperson\tsuggested\t\t\n"
    assert (shared / ".team.tsv.lock").exists()  # the lock is taken on the real file
    assert not (project / ".glossary.tsv.lock").exists()
    assert sorted(p.name for p in project.iterdir()) == ["glossary.tsv"]
    Glossary.load(link).save()  # saving through the link keeps it a link too
    assert link.is_symlink()


def test_a_symlink_loop_is_not_edited(tmp_path: Path) -> None:
    loop = tmp_path / "loop.tsv"
    loop.symlink_to(loop)
    with pytest.raises(GlossaryError, match="loop.tsv: symbolic link loop"), edit(loop) as g:
        g.add(Entry("刘钊", "Liu Zhao"))
    assert loop.is_symlink()


@pytest.mark.parametrize(
    "text",
    [
        "测试标题\n\n王毅在北京会见泰国外长。双方同意加强合作。\n\n会议取得成果。\n",
        "陈文清\n王毅\n",
    ],
)
def test_a_file_without_columns_is_not_a_glossary(tmp_path: Path, text: str) -> None:
    article = write(tmp_path / "article.txt", text)
    with pytest.raises(GlossaryError, match=r"article\.txt: not a glossary.*line 1"):
        Glossary.load(article)
    with pytest.raises(GlossaryError, match="not a glossary"), edit(article) as g:
        g.add(Entry("陈海", "Chen Hai"))
    assert article.read_text(encoding="utf-8") == text
    assert check_file(article)[0] is None


@pytest.mark.parametrize("bad", ["\x00", "\x1b]0;pwned\x07", "\x9b31m", "\x7f"])
def test_control_characters_never_enter_a_glossary(tmp_path: Path, bad: str) -> None:
    for entry in (
        Entry(f"陈{bad}海", "Chen Hai"),
        Entry("陈海", f"Chen{bad} Hai"),
        Entry("陈海", "Chen Hai", note=f"n{bad}"),
        Entry("陈海", "Chen Hai", origin=f"import:{bad}"),
    ):
        with pytest.raises(GlossaryError, match="control character") as info:
            validate(entry)
        assert bad not in str(info.value)  # the message shows it, escaped
    path = write(tmp_path / "g.tsv", f"{HEADER}\n王毅\tWang Yi\n陈海\tChen{bad}Hai\n")
    with pytest.raises(GlossaryError, match=r"g\.tsv(:3: control character U\+00|: binary)"):
        Glossary.load(path)


def test_a_full_disk_names_the_glossary_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from translate.errors import OutputError

    path = write(tmp_path / "glossary.tsv", SAMPLE)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("translate.atomic.os.fsync", full)
    with (
        pytest.raises(OutputError, match=r"glossary\.tsv: cannot write: No space left on device"),
        edit(path) as glossary,
    ):
        glossary.add(Entry("刘钊", "Liu Zhao"))
    assert path.read_text(encoding="utf-8") == SAMPLE
    assert sorted(p.name for p in tmp_path.iterdir()) == [".glossary.tsv.lock", "glossary.tsv"]
