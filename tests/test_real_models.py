"""The real checkpoints, opt-in: `pytest -m slow` where opus-mt-zh-en (and distilbart) are pulled.

Skipped when the models are not on this machine (they cannot be downloaded in CI). Run
`translate models pull opus-mt-zh-en` (and `distilbart-cnn-12-6`) first.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import SEED

from translate.errors import ModelNotFoundError
from translate.glossary.entry import Entry

pytestmark = pytest.mark.slow

# The user's own data folders, captured before the autouse fixture isolates each test.
_REAL_ENV = {name: os.environ.get(name) for name in ("TRANSLATE_HOME", "HF_HOME")}


@pytest.fixture
def real_home(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _REAL_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def _translator():  # noqa: ANN202
    from translate.backends import load_translator

    try:
        return load_translator("opus-mt-zh-en", device="auto", download=False)
    except ModelNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.mark.usefixtures("real_home")
def test_real_model_translates_the_seed_article_with_pinned_names() -> None:
    from translate.pipeline.article import translate_document
    from translate.pipeline.plan import load_document

    backend, options = _translator()
    doc = load_document(SEED)
    pinned = [
        Entry("敦", "Don Pramudwinai", "person", "pinned"),
        Entry("訚柏", "Yin Bai", "person", "pinned"),
        Entry("王毅", "Wang Yi", "person", "pinned"),
    ]
    translate_document(doc, backend, options, glossary_entries=pinned)
    body = [s for p in doc.paragraphs if p.role == "body" for s in p.sentences]
    assert all(s.target for s in body)
    english = " ".join(s.target for s in body)
    assert len(re.findall(r"[\u4e00-\u9fff]", english)) < 0.01 * len(english)  # English, not copied
    for sentence in doc.all_sentences():
        for term in sentence.terms:
            assert term.status != "missed", term
            assert term.target in sentence.target
    statuses = {t.status for t in doc.terms()}
    assert statuses <= {"enforced", "retried", "spliced"}


@pytest.mark.usefixtures("real_home")
def test_real_summarizer_summarizes_english() -> None:
    from translate.summarize.abstractive import load_summarizer

    try:
        summarizer = load_summarizer("distilbart-cnn-12-6", device="auto")
    except ModelNotFoundError as exc:
        pytest.skip(str(exc))
    text = " ".join(
        ["China, Thailand, Myanmar and Laos agreed to fight telecom fraud together."] * 80
    )
    summary = summarizer.summarize(text, words=40)
    assert summary["text"] and summary["chunks"] >= 2
