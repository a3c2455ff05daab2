"""Control characters (ESC, BEL, C0/C1, DEL) kept away from terminals and text outputs.

An article or an imported glossary may carry them (`\\x1b]0;...\\x07` retitles a terminal, other
escape sequences move the cursor or hide text). Outputs for people (Markdown, text, stderr
notes, `glossary list/show`) show each one as a visible `\\xNN` escape instead; tab and newline
are kept. JSON stays faithful: it escapes them itself (`ESCAPE_JSON` covers what `json.dumps`
leaves raw).
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What json.dumps(ensure_ascii=False) writes raw: DEL and C1 (it escapes C0 itself).
_JSON_RAW = re.compile("[\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character but tab and newline written as `\\xNN`."""
    return CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if text else text


def first_control(text: str) -> str | None:
    """The first control character in `text` (tab and newline do not count), if any."""
    match = CONTROLS.search(text)
    return match.group() if match else None


def escape_json(text: str) -> str:
    """JSON text with DEL and C1 characters written as `\\u00NN` (the same JSON value)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
