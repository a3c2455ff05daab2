"""translate: Chinese news articles into English, with summaries and glossaries of names.

The public API is imported lazily so `import translate` (and `translate --help`) stays fast and
never imports torch or transformers:

    from translate import load_document, load_translator, translate_document
    doc = load_document("article.txt")
    backend, options = load_translator("opus-mt-zh-en")
    translate_document(doc, backend, options)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "load_document": "translate.pipeline.plan",
    "build_document": "translate.pipeline.plan",
    "translate_document": "translate.pipeline.plan",
    "load_translator": "translate.backends",
    "load_registry": "translate.registry",
    "Glossary": "translate.glossary.store",
    "load_glossaries": "translate.glossary.store",
    "extract_names": "translate.names.extract",
    "extractive": "translate.summarize.extractive",
    "model_summary": "translate.summarize.extractive",
    "TranslateError": "translate.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'translate' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
