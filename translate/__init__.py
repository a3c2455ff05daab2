"""translate: Chinese news articles into English, with summaries and glossaries of names.

The public API is imported lazily so `import translate` (and `translate --help`) stays fast and
never imports torch or transformers.
"""

from __future__ import annotations

__version__ = "0.1.0"
