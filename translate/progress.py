"""How long library steps report progress: a callback, so the library itself never prints.

A ``StepProgress`` is called as ``progress(step, done, total)``: ``step`` names what is under
way ("summary", "names: words", "names: rules"), ``done`` out of ``total`` units of it (sentences,
characters, rules; ``total`` stays the same within a step). Calls come every so often, not for
every unit, and always once with ``done == total`` when a step ends. The command line shows them
as a bar on a terminal (translate.cli.progress); a caller may ignore them.
"""

from __future__ import annotations

from collections.abc import Callable

StepProgress = Callable[[str, int, int], None]

__all__ = ["StepProgress"]
