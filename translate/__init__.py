"""translate: Chinese news articles into English, with summaries and glossaries of names.

The public API is imported lazily so `import translate` (and `translate --help`) stays fast and
never imports torch or transformers:

    from pathlib import Path
    from translate import load_translator, translate_article
    backend, options = load_translator("opus-mt-zh-en")
    doc = translate_article(Path("article.txt"), backend, options)
    print(doc.title.target, doc.summary["text"], doc.glossary, doc.provenance)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "translate_article": "translate.pipeline.article",
    "summarize_article": "translate.pipeline.article",
    "translate_document": "translate.pipeline.article",
    "load_document": "translate.pipeline.plan",
    "build_document": "translate.pipeline.plan",
    "plan_units": "translate.pipeline.plan",
    "translate_units": "translate.pipeline.translate",
    "assemble": "translate.pipeline.assemble",
    "Unit": "translate.document",
    "UnitResult": "translate.document",
    "Document": "translate.document",
    "load_translator": "translate.backends",
    "load_registry": "translate.registry",
    "Glossary": "translate.glossary.store",
    "load_glossaries": "translate.glossary.store",
    "extract_names": "translate.names.extract",
    "extractive": "translate.summarize.extractive",
    "load_summarizer": "translate.summarize.abstractive",
    "model_summary": "translate.summarize.abstractive",
    "TranslateError": "translate.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'translate' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
