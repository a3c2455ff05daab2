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
