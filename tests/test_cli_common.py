"""The CLI's one place for turning errors into exit codes."""

from __future__ import annotations

import pytest
import typer

from translate.cli.common import cli_errors
from translate.errors import GlossaryError


@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        (GlossaryError("g.tsv:3: no target"), GlossaryError.exit_code, "g.tsv:3: no target"),
        (FileNotFoundError(2, "No such file or directory", "x.txt"), 1, "x.txt: No such file"),
        (KeyboardInterrupt(), 130, "interrupted"),
        (BrokenPipeError(32, "Broken pipe"), 141, ""),
    ],
)
def test_errors_become_one_line_and_an_exit_code(
    exc: BaseException, code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    @cli_errors
    def command() -> None:
        raise exc

    with pytest.raises(typer.Exit) as info:
        command()
    assert info.value.exit_code == code
    err = capsys.readouterr().err
    if message:
        assert message in err and len(err.strip().splitlines()) == 1
    else:
        assert err == ""  # a closed pipe is not an error to report


def test_version() -> None:
    from typer.testing import CliRunner

    from translate import __version__
    from translate.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"translate {__version__}"


def test_plan_outputs(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    from translate.cli.common import plan_outputs
    from translate.errors import TranslateError

    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    a, b, c, d = (
        tmp_path / "x" / "a.txt",
        tmp_path / "y" / "a.txt",
        tmp_path / "x" / "c.txt",
        tmp_path / "x" / "d.txt",
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "c.md").write_text("kept", encoding="utf-8")
    (out / "d.md").mkdir()
    errors: list[TranslateError] = []
    same_a = tmp_path / "x" / ".." / "x" / "a.txt"
    jobs = plan_outputs(
        [a, same_a, b, c, d], lambda p: out / f"{p.stem}.md", force=False, errors=errors
    )
    assert jobs == [(a, out / "a.md")]
    assert [str(e).split(": ", 1)[1] for e in errors] == [
        f"output {out / 'a.md'} is already that of {a}",
        f"output {out / 'd.md'} is a directory",
    ]
    assert "kept existing" in capsys.readouterr().err
    forced = plan_outputs([c], lambda p: out / f"{p.stem}.md", force=True, errors=[])
    assert forced == [(c, out / "c.md")]
    to_stdout = plan_outputs([a, b, same_a], lambda p: None, force=False, errors=[])
    assert to_stdout == [(a, None), (b, None)]
