"""A fake translation backend for testing pipeline logic without a model.

It "translates" deterministically: each run of Han characters becomes `zh<N>` (N = its length),
Latin text is handled according to `mode`:
  keep    Latin words pass through unchanged (a model that copies injected English)
  drop    Latin words are removed (a model that loses injected English)
  mangle  Latin words come out altered (lower-cased, letters doubled)
With `honour_prefer=True`, preferred strings missing from the output are appended, as a
decoder biased towards them would produce. `supports_prefer=False` declares a backend that cannot
bias decoding (CTranslate2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate.backends.base import BackendInfo, DecodeOptions

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@dataclass
class FakeTranslator:
    """A deterministic stand-in for a translation model; records every batch it is given."""

    mode: str = "keep"
    limit: int = 512
    honour_prefer: bool = False
    supports_prefer: bool = True
    parallel_batches: int = 1
    calls: list[list[str]] = field(default_factory=list)

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(backend="fake", model_id=f"fake-{self.mode}")

    @property
    def max_input_tokens(self) -> int:
        return self.limit

    def count_tokens(self, text: str) -> int:
        return len(text) + 1  # one token a character, plus </s>

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        prefer: Sequence[Sequence[str]] | None = None,
    ) -> list[str]:
        self.calls.append(list(texts))
        out = []
        for i, text in enumerate(texts):
            if self.count_tokens(text) > self.limit:
                raise IndexError("index out of range in self")  # what Marian does
            result = self._latin(text)
            result = _HAN.sub(lambda m: f" zh{len(m.group())} ", result)
            result = " ".join(result.split())
            if self.honour_prefer and prefer is not None:
                for term in prefer[i]:
                    if term not in result:
                        result = f"{result} {term}".strip()
            out.append(result)
        return out

    def _latin(self, text: str) -> str:
        if self.mode == "keep":
            return text
        if self.mode == "drop":
            return _LATIN.sub(" ", text)
        if self.mode == "mangle":
            return _LATIN.sub(lambda m: m.group().lower() + m.group()[-1], text)
        raise ValueError(self.mode)


class ScriptedTagger:
    """A tagger that returns given (surface, label) spans wherever they occur in the text."""

    def __init__(self, *spans: tuple[str, str]) -> None:
        self.spans = spans

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        for surface, label in self.spans:
            at = text.find(surface)
            while at >= 0:
                out.append((at, at + len(surface), label))
                at = text.find(surface, at + 1)
        return sorted(out)
