"""Marian (opus-mt) translation through transformers: MarianTokenizer + MarianMTModel.generate().

Importing this module imports torch and transformers; `translate.backends.load_translator` imports
it only when a model is loaded.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import torch
from safetensors import SafetensorError
from transformers import LogitsProcessor, LogitsProcessorList, MarianMTModel

from translate.backends.base import BackendInfo, DecodeOptions, requested_threads
from translate.backends.marian_text import (
    POSITION_LIMIT,
    MarianBackend,
    MarianText,
    first_line,
    package_version,
    quiet_transformers,
    read_marian_config,
)
from translate.errors import ConfigError, InputError, ModelNotFoundError, TranslateError

if TYPE_CHECKING:
    from translate.hub import LocatedModel


def resolve_device(device: str) -> str:
    """Return the torch device for 'auto' | 'cpu' | 'cuda' | 'cuda:N' | 'mps'.

    Raises:
        ConfigError: unknown device, or an accelerator that is not available.
    """
    name = (device or "auto").strip().lower()
    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cpu":
        return "cpu"
    if name == "cuda" or (name.startswith("cuda:") and name[5:].isdigit()):
        if not torch.cuda.is_available():
            raise ConfigError(
                f"device '{device}' requested but CUDA is not available (torch {torch.__version__}); "
                "use --device cpu"
            )
        if ":" in name and int(name[5:]) >= torch.cuda.device_count():
            raise ConfigError(f"device '{device}': only {torch.cuda.device_count()} CUDA device(s)")
        return name
    if name == "mps":
        if not torch.backends.mps.is_available():
            raise ConfigError(
                f"device '{device}' requested but MPS is not available; use --device cpu"
            )
        return name
    raise ConfigError(f"unknown device '{device}' (expected auto, cpu, cuda, cuda:N or mps)")


class PreferLogitsProcessor(LogitsProcessor):
    """Per-example sequence bias: nudges each example's hypotheses towards its own terms.

    transformers' `sequence_bias` applies one bias table to the whole batch; here every example
    (and all its beams) gets the bias of its own terms only. A term gets `bias` on its first token
    at every step, and on its next token whenever the hypothesis ends with a prefix of it, until the
    term has been produced once.
    """

    def __init__(self, terms: Sequence[Sequence[Sequence[int]]], bias: float) -> None:
        self.terms = [[list(t) for t in example if t] for example in terms]
        self.bias = bias

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        rows = input_ids.shape[0]
        per_example = max(1, rows // max(1, len(self.terms)))
        boost = torch.zeros_like(scores)
        for row in range(rows):
            example_terms = self.terms[min(row // per_example, len(self.terms) - 1)]
            if not example_terms:
                continue
            tokens = input_ids[row].tolist()
            for term in example_terms:
                if _contains(tokens, term):
                    continue
                k = _matched_prefix(tokens, term)
                boost[row, term[k]] += self.bias
        return cast(torch.FloatTensor, scores + boost)


def _contains(tokens: list[int], term: list[int]) -> bool:
    n = len(term)
    return any(tokens[i : i + n] == term for i in range(len(tokens) - n + 1))


def _matched_prefix(tokens: list[int], term: list[int]) -> int:
    """Length of the longest proper prefix of `term` that `tokens` ends with (0 if none)."""
    for k in range(min(len(term) - 1, len(tokens)), 0, -1):
        if tokens[-k:] == term[:k]:
            return k
    return 0


# What loading damaged weights raises: a truncated or empty model.safetensors (SafetensorError),
# a truncated pytorch_model.bin (RuntimeError, EOFError, UnpicklingError), missing files.
WEIGHT_ERRORS = (
    OSError,
    ValueError,
    KeyError,
    RuntimeError,
    EOFError,
    pickle.UnpicklingError,
    SafetensorError,
)


class MarianTranslator(MarianBackend):
    """A Marian (opus-mt) model loaded with transformers, implementing the Translator protocol."""

    def __init__(
        self,
        path: Path,
        *,
        model_id: str | None = None,
        repo: str | None = None,
        revision: str | None = None,
        device: str = "auto",
        max_input_tokens: int | None = None,
        prefer_bias: float = 4.0,
    ) -> None:
        """Load the tokenizer and model from directory `path`.

        Args:
            path: an opus-mt layout directory (config.json, vocab.json, source.spm, target.spm,
                model.safetensors or pytorch_model.bin).
            model_id: name recorded in provenance (default: the directory).
            repo: repository id recorded in provenance.
            revision: revision recorded in provenance.
            device: auto | cpu | cuda | cuda:N | mps.
            max_input_tokens: cap from models.yaml; the model's positions (<= 512) cap it anyway.
            prefer_bias: log-probability bonus for preferred target terms (see `translate`).

        Raises:
            ModelNotFoundError: the directory is not a Marian model.
            ConfigError: the device is unknown or unavailable.
        """
        self.path = Path(path)
        read_marian_config(self.path)
        self.device = resolve_device(device)
        _apply_thread_setting()
        safetensors = any(
            (self.path / n).is_file() for n in ("model.safetensors", "model.safetensors.index.json")
        )
        self.text = MarianText(self.path)
        self.tokenizer = self.text.tokenizer
        try:
            with quiet_transformers():
                model = MarianMTModel.from_pretrained(
                    str(self.path),
                    use_safetensors=safetensors,
                    dtype=torch.float32,
                    trust_remote_code=False,
                )
        except WEIGHT_ERRORS as exc:
            raise ModelNotFoundError(
                f"{self.path}: cannot load Marian model: {first_line(exc)}"
            ) from exc
        self.model: Any = model.to(torch.device(self.device)).eval()  # type: ignore[arg-type]
        positions = int(getattr(self.model.config, "max_position_embeddings", POSITION_LIMIT))
        self._positions = min(positions, POSITION_LIMIT)
        # Lengths are always given per call (max_new_tokens). A stored max_length shorter than the
        # positions (tiny test models) still caps the default; then it is dropped so transformers
        # does not warn that both are set.
        stored = self.model.generation_config.max_length
        self._default_cap = self._positions - 1
        if isinstance(stored, int) and 1 < stored < self._positions:
            self._default_cap = stored - 1
        self.model.generation_config.max_length = None
        self._max_input = min(self._positions, max_input_tokens or self._positions)
        self.prefer_bias = prefer_bias
        # Extra keyword arguments for model.generate(), applied last (benchmarks force a fixed
        # output length with {"min_new_tokens": n}); empty in normal use.
        self.generate_overrides: dict[str, Any] = {}
        self._info = BackendInfo(
            backend="transformers",
            model_id=model_id or str(self.path),
            repo=repo,
            revision=revision,
            device=self.device,
            libraries={"torch": torch.__version__, "transformers": package_version("transformers")},
            extra={
                "model_class": "MarianMTModel",
                "dtype": "float32",
                "normalised_chars": len(self.text.table),
            },
        )

    @classmethod
    def from_located(cls, located: LocatedModel, *, device: str = "auto") -> MarianTranslator:
        """Load a model found by `translate.hub.locate`."""
        spec = located.spec
        return cls(
            located.path,
            model_id=located.model_id,
            repo=located.repo,
            revision=located.revision,
            device=device,
            max_input_tokens=spec.max_input_tokens if spec is not None else None,
        )

    @property
    def supports_prefer(self) -> bool:
        """True: `prefer=` biases decoding towards the preferred terms (a logits processor)."""
        return True

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        prefer: Sequence[Sequence[str]] | None = None,
    ) -> list[str]:
        """Translate one batch; return one English string per input, in order.

        Args:
            texts: source texts, each within `max_input_tokens` (split longer ones first).
            options: beam size and max_new_tokens (None: 2 x the longest input + 10, capped by
                the positions and by a max_length stored in generation_config.json).
            prefer: per text, English terms to bias decoding towards (pinned glossary terms).

        Raises:
            InputError: a text is longer than `max_input_tokens` (nothing is truncated).
        """
        if prefer is not None and len(prefer) != len(texts):
            raise ValueError(f"prefer has {len(prefer)} entries for {len(texts)} texts")
        results = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return results
        batch = [self.normalise(texts[i]) for i in todo]
        enc = self.tokenizer(batch, padding=True, return_tensors="pt")
        lengths = enc["attention_mask"].sum(dim=1).tolist()
        for i, n in zip(todo, lengths, strict=True):
            if n > self._max_input:
                raise InputError(
                    f"text {i + 1} of the batch has {n} tokens; {self.info.model_id} accepts at most "
                    f"{self._max_input} (split long sentences before translating; nothing is cut)"
                )
        max_new = options.max_new_tokens or min(self._default_cap, 2 * int(max(lengths)) + 10)
        max_new = max(1, min(max_new, self._positions - 1))
        kwargs: dict[str, Any] = {"num_beams": max(1, options.beam), "max_new_tokens": max_new}
        if options.beam > 1:
            kwargs["early_stopping"] = True
        if prefer is not None:
            terms = [self.text.target_ids(prefer[i]) for i in todo]
            if any(terms):
                kwargs["logits_processor"] = LogitsProcessorList(
                    [PreferLogitsProcessor(terms, self.prefer_bias)]
                )
        kwargs.update(self.generate_overrides)
        enc = enc.to(self.device)
        try:
            with torch.inference_mode():
                out = self.model.generate(**enc, **kwargs)
        except (IndexError, RuntimeError) as exc:
            raise TranslateError(f"{self.info.model_id}: generation failed: {exc}") from exc
        decoded = self.tokenizer.batch_decode(out, skip_special_tokens=True)
        for i, text in zip(todo, decoded, strict=True):
            results[i] = text.strip()
        return results


def _apply_thread_setting() -> None:
    """Apply $TRANSLATE_NUM_THREADS to torch (intra-op threads); torch's default otherwise."""
    threads = requested_threads()
    if threads is not None:
        torch.set_num_threads(threads)
