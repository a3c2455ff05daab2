"""A terminal bar for the library's step progress (translate.progress): summary, names."""

from __future__ import annotations

import sys
from typing import Any

from translate.cli.common import stderr_is_tty

_UNITS = {"summary": "sentence", "names: words": "char", "names: rules": "rule"}


class StepBar:
    """Shows (step, done, total) reports as a tqdm bar on stderr, one step after another.

    Only on a terminal (and not when ``enabled`` is False, e.g. --quiet); elsewhere calls do
    nothing. ``bar`` reuses a bar the command already shows (run's translation bar), else one
    is made on the first report. Use as a context manager, or call close().
    """

    def __init__(self, label: str, *, enabled: bool = True, bar: Any = None) -> None:
        self.enabled = enabled and stderr_is_tty()
        self.label = label
        self.bar = bar
        self._own = bar is None
        self._step = ""

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if step != self._step:  # a new step: the bar starts again with its own total
            self._step = step
            desc, unit = f"{self.label}: {step}", _UNITS.get(step, "it")
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
            else:
                self.bar.unit = unit
                self.bar.set_description(desc, refresh=False)
                self.bar.reset(total=total)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None and self._own:
            self.bar.close()
        self.bar = None

    def __enter__(self) -> StepBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
