"""The small protocol every translation backend implements, and backend-agnostic batching."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

from translate.errors import ConfigError

ENV_THREADS = "TRANSLATE_NUM_THREADS"


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding settings; recorded in every output's provenance."""

    beam: int = 4
    batch_size: int = 16
    max_new_tokens: int | None = None  # None: backend default (scaled to input length)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BackendInfo:
    """How translations were made: written into provenance."""

    backend: str  # "transformers", "ctranslate2", "fake", ...
    model_id: str  # registry name or directory
    repo: str | None = None
    revision: str | None = None
    device: str = "cpu"
    libraries: dict[str, str] = field(default_factory=dict)  # {"torch": "2.13.0", ...}
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@runtime_checkable
class Translator(Protocol):
    """A loaded translation model.

    `translate` takes one batch of source texts (each within `max_input_tokens`) and returns one
    English string per input, in order. `prefer`, when given, holds for each text the English
    strings the output should contain (pinned glossary terms); a backend that can bias decoding
    towards them does so and says `supports_prefer` True, others ignore it and say False (callers
    then skip passes that rely on it). `parallel_batches` is how many batches of
    `DecodeOptions.batch_size` one `translate` call can run at once (CTranslate2's parallel
    workers; 1 for a backend that runs one batch at a time): `translate_sorted` hands it that many
    per call.
    """

    @property
    def info(self) -> BackendInfo: ...

    @property
    def max_input_tokens(self) -> int: ...

    @property
    def supports_prefer(self) -> bool: ...

    @property
    def parallel_batches(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        prefer: Sequence[Sequence[str]] | None = None,
    ) -> list[str]: ...


def translate_sorted(
    backend: Translator,
    texts: Sequence[str],
    options: DecodeOptions,
    *,
    prefer: Sequence[Sequence[str]] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> list[str]:
    """Translate many texts in batches of similar length; return results in input order.

    Texts are sorted by length (longest first) so each batch pads little, split into calls of
    `options.batch_size` x `backend.parallel_batches` texts (a backend with parallel workers
    splits each call into batches itself), and `on_batch(n)` is called after each call with its
    size.
    """
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
    results: list[str] = [""] * len(texts)
    size = max(1, options.batch_size) * max(1, backend.parallel_batches)
    for start in range(0, len(order), size):
        idx = order[start : start + size]
        batch = [texts[i] for i in idx]
        batch_prefer = [prefer[i] for i in idx] if prefer is not None else None
        outputs = backend.translate(batch, options, prefer=batch_prefer)
        if len(outputs) != len(batch):
            raise RuntimeError(
                f"backend {backend.info.backend} returned {len(outputs)} outputs for {len(batch)} inputs"
            )
        for i, out in zip(idx, outputs, strict=True):
            results[i] = out
        if on_batch is not None:
            on_batch(len(batch))
    return results


def requested_threads() -> int | None:
    """Threads per model from $TRANSLATE_NUM_THREADS; None: the library's default.

    Raises:
        ConfigError: not a positive whole number.
    """
    raw = os.environ.get(ENV_THREADS)
    if not raw:
        return None
    try:
        threads = int(raw)
    except ValueError:
        raise ConfigError(f"${ENV_THREADS}={raw!r} is not a number of threads") from None
    if threads < 1:
        raise ConfigError(f"${ENV_THREADS} must be at least 1, got {raw!r}")
    return threads
