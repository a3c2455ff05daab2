"""`translate glossary review`: the loop driven by scripted keys, and the command around it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.glossary.entry import Entry
from translate.glossary.review import context_line, pending, review
from translate.glossary.store import Glossary

runner = CliRunner()

GLOSSARY = (
    "# names from today's article — keep this comment\n"
    "source\ttarget\ttype\tstatus\tnote\torigin\n"
    "王毅\tWang Yi\tperson\tpinned\t\tmanual\n"
    "陈文清\tChen Wenqing\tperson\tsuggested\tpinyin (title)\textract:a.txt\n"
    "敦\t\tperson\treview\tforeign name (Thai)\textract:a.txt\n"
    "\n"
    "# places\n"
    "缅北\tnorthern Myanmar\tplace\tsuggested\tabbreviation\textract:a.txt\n"
    "中缅\tSino-Myanmar\tplace\treview\tcheck\textract:a.txt\n"
    "公安部\tMinistry of Public Security\tterm\tsuggested\tcentral body\textract:a.txt\n"
)
ARTICLE = "外交部长王毅会见泰国副总理兼外长敦。\n国务委员陈文清表示，要打击缅北电诈。\n"


class Keys:
    """Scripted keystrokes and answers; records what the review showed."""

    def __init__(self, *inputs: str, interrupt_after: int | None = None) -> None:
        self.inputs: Iterator[str] = iter(inputs)
        self.shown: list[str] = []
        self.reads = 0
        self.interrupt_after = interrupt_after

    def _next(self) -> str:
        self.reads += 1
        if self.interrupt_after is not None and self.reads > self.interrupt_after:
            raise KeyboardInterrupt
        return next(self.inputs, "")

    def key(self, prompt: str) -> str:
        return self._next()

    def line(self, prompt: str, default: str) -> str:
        return self._next() or default

    def say(self, text: str) -> None:
        self.shown.append(text)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "glossary.tsv"
    file.write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return file


def entries(path: Path) -> dict[str, Entry]:
    return {e.source: e for e in Glossary.load(path).entries}


def test_pending_is_suggested_and_review_in_file_order(path: Path) -> None:
    assert [e.source for e in pending(Glossary.load(path))] == [
        "陈文清",
        "敦",
        "缅北",
        "中缅",
        "公安部",
    ]


def test_every_key(path: Path) -> None:
    keys = Keys(
        "a",  # 陈文清: accept -> pinned
        "a",  # 敦 has no English: refused, asked again
        "e",
        "Don Pramudwinai",  # ... so edit it
        "a",  # ... then accept
        "s",  # 缅北: skip
        "r",  # 中缅: reject -> removed
        "t",
        "o",  # 公安部: type term -> org
        "s",
    )
    report = review(path, keys)
    after = entries(path)
    assert after["陈文清"].status == "pinned"
    assert (after["敦"].target, after["敦"].status) == ("Don Pramudwinai", "pinned")
    assert after["敦"].note == "foreign name (Thai)" and after["敦"].origin == "extract:a.txt"
    assert after["缅北"].status == "suggested"
    assert "中缅" not in after
    assert (after["公安部"].type, after["公安部"].status) == ("org", "suggested")
    assert report.pinned == ["陈文清", "敦"] and report.removed == ["中缅"]
    assert report.skipped == ["缅北", "公安部"] and report.edited == ["敦"]
    assert report.retyped == ["公安部"] and not report.quit
    assert any("no English yet" in line for line in keys.shown)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# names from today's article — keep this comment\n")
    assert "\n\n# places\n" in text  # comments and blank lines stay where they were
    assert "王毅\tWang Yi\tperson\tpinned\t\tmanual\n" in text


def test_quitting_half_way_keeps_every_decision(path: Path) -> None:
    report = review(path, Keys("a", "e", "Dun Pramudwinai", "t", "p", "q"))
    after = entries(path)
    assert after["陈文清"].status == "pinned"  # decided before q
    assert after["敦"].target == "Dun Pramudwinai"  # edited, not yet accepted: still for review
    assert after["敦"].status == "review"
    assert [after[s].status for s in ("缅北", "中缅", "公安部")] == ["suggested", "review"] + [
        "suggested"
    ]
    assert report.quit and report.left == 4
    assert "4 not reviewed" in report.summary()


def test_an_interrupt_keeps_every_decision_made_before_it(path: Path) -> None:
    keys = Keys("a", "r", "s", "a", interrupt_after=3)
    with pytest.raises(KeyboardInterrupt):
        review(path, keys)
    after = entries(path)
    assert after["陈文清"].status == "pinned"
    assert "敦" not in after
    assert len(Glossary.load(path)) == 5  # the file parses: nothing half-written


def test_end_of_input_quits(path: Path) -> None:
    report = review(path, Keys("s"))
    assert report.quit and report.skipped == ["陈文清"]
    assert entries(path)["敦"].status == "review"


def test_an_entry_changed_meanwhile_is_not_overwritten(path: Path) -> None:
    class Meddling(Keys):
        def key(self, prompt: str) -> str:
            key = super().key(prompt)
            if self.reads == 1:  # someone pins 陈文清 differently while it is on screen
                text = path.read_text(encoding="utf-8").replace(
                    "Chen Wenqing\tperson\tsuggested", "Chen W.\tperson\tpinned"
                )
                path.write_text(text, encoding="utf-8")
            return key

    keys = Meddling("r", "q")
    review(path, keys)
    assert entries(path)["陈文清"].target == "Chen W."  # not removed by the stale decision
    assert any("changed in" in line for line in keys.shown)


def test_context_lines_come_from_the_article(path: Path) -> None:
    keys = Keys("q")
    review(path, keys, context=lambda e: context_line(e.source, [ARTICLE]))
    assert "  context: 国务委员[陈文清]表示，要打击缅北电诈。" in keys.shown
    assert context_line("陳文清", [ARTICLE]) == "国务委员[陈文清]表示，要打击缅北电诈。"
    assert context_line("李强", [ARTICLE]) == ""


# -- the command -----------------------------------------------------------------------------


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["glossary", "review", *args], input=input)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_command_refuses_a_pipe_without_hanging(path: Path) -> None:
    code, _, err = invoke("-g", str(path), input="a\na\n")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "needs an interactive terminal" in lines[0]
    assert lines[0].startswith("translate: error: ")
    assert entries(path)["陈文清"].status == "suggested"  # nothing was decided


def test_command_with_scripted_keys(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    code, out, err = invoke(
        "-g", str(path), "--yes-interactive", input="a\ne\nDon Pramudwinai\na\nr\nq\n"
    )
    assert code == 0, err
    assert "context: 国务委员[陈文清]表示，要打击缅北电诈。" in out  # from the origin article
    assert "(1/5)" in out and "type: person" in out and "note: pinyin (title)" in out
    after = entries(path)
    assert after["陈文清"].status == "pinned"
    assert (after["敦"].target, after["敦"].status) == ("Don Pramudwinai", "pinned")
    assert "缅北" not in after
    assert "2 pinned, 1 edited, 0 retyped, 1 removed, 0 skipped, 2 not reviewed" in err


def test_command_takes_context_from_the_articles_given(path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("另据报道，陈文清出席了会议。", encoding="utf-8")
    code, out, _ = invoke("-g", str(path), str(other), "--yes-interactive", input="q\n")
    assert code == 0
    assert "context: 另据报道，[陈文清]出席了会议。" in out


def test_command_on_a_missing_glossary(tmp_path: Path) -> None:
    code, _, err = invoke("-g", str(tmp_path / "none.tsv"), "--yes-interactive", input="q\n")
    assert code == 5 and "not found" in err
