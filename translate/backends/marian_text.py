"""What every Marian (opus-mt) backend shares: the snapshot's SentencePiece tokenizer, the
normalisation of characters the source vocabulary lacks, and reading config.json.

Importing this module imports transformers (for MarianTokenizer), not torch directly; backends
import it only when a model is loaded.
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from translate.backends.base import BackendInfo
from translate.errors import ModelNotFoundError

POSITION_LIMIT = 512  # opus-mt models have 512 positions; longer input raises IndexError in torch

# Code points the model may not know, replaced by their NFKC form only when the source vocabulary
# lacks them: full-width ASCII (Ａ１！), full-width signs (￥￡), the ideographic space U+3000 and
# no-break space. Chinese punctuation the model knows (，。：？) is left alone.
_NORMALISE_CANDIDATES = [0x00A0, 0x3000, *range(0xFF01, 0xFF5F), *range(0xFFE0, 0xFFE7)]


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence progress bars and the sacremoses hint while loading (restored afterwards)."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            yield
    finally:
        if bars:
            hf_logging.enable_progress_bar()


class MarianText:
    """The tokenizer side of an opus-mt snapshot: MarianTokenizer plus source normalisation."""

    def __init__(self, path: Path) -> None:
        """Load the tokenizer from directory `path` (source.spm, target.spm, vocab.json).

        Raises:
            ModelNotFoundError: the tokenizer files are missing or unreadable.
        """
        from transformers import MarianTokenizer

        try:
            with quiet_transformers():
                self.tokenizer: Any = MarianTokenizer.from_pretrained(str(path))
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise ModelNotFoundError(
                f"{path}: cannot load Marian tokenizer: {first_line(exc)}"
            ) from exc
        self.table = self._build_normalisation()

    def normalise(self, text: str) -> str:
        """Replace characters the source vocabulary lacks by their NFKC forms (full-width Ａ１ etc.)."""
        return text.translate(self.table) if self.table else text

    def count_tokens(self, text: str) -> int:
        """Number of model input tokens for `text`, including the closing </s>."""
        # verbose=False: counting a long sentence before it is split is not an error to warn about.
        return len(self.tokenizer(self.normalise(text), verbose=False)["input_ids"])

    def source_pieces(self, texts: Sequence[str]) -> list[list[str]]:
        """Normalised texts as SentencePiece tokens, each ending with </s> (CTranslate2's input)."""
        ids = self.tokenizer([self.normalise(t) for t in texts], verbose=False)["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(seq) for seq in ids]

    def decode_pieces(self, pieces: Sequence[str]) -> str:
        """Target tokens back to text, special tokens dropped."""
        ids = self.tokenizer.convert_tokens_to_ids(list(pieces))
        return str(self.tokenizer.decode(ids, skip_special_tokens=True)).strip()

    def target_ids(self, terms: Sequence[str]) -> list[list[int]]:
        """Tokenise English terms as target text (target.spm), dropping unknown-only terms."""
        clean = [t.strip() for t in terms if t and t.strip()]
        if not clean:
            return []
        ids = self.tokenizer(text_target=clean, add_special_tokens=False)["input_ids"]
        unk = self.tokenizer.unk_token_id
        return [list(seq) for seq in ids if seq and any(tok != unk for tok in seq)]

    def _build_normalisation(self) -> dict[int, str]:
        """Map candidate code points the source side turns into <unk> to their NFKC forms."""
        unk = self.tokenizer.unk_token_id
        table: dict[int, str] = {}
        for cp in _NORMALISE_CANDIDATES:
            char = chr(cp)
            folded = unicodedata.normalize("NFKC", char)
            if folded == char:
                continue
            if unk in self.tokenizer(char, add_special_tokens=False)["input_ids"]:
                table[cp] = folded  # unknown as written; the folded form can only do better
        return table


def read_marian_config(path: Path) -> dict[str, Any]:
    """config.json of a Marian snapshot.

    Raises:
        ModelNotFoundError: missing or unreadable, or not a Marian model.
    """
    try:
        data = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelNotFoundError(f"{path}: not a model directory: missing config.json") from None
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"{path}/config.json: unreadable: {exc}") from None
    if not isinstance(data, dict):
        raise ModelNotFoundError(f"{path}/config.json: expected a JSON object")
    if data.get("model_type") != "marian":
        raise ModelNotFoundError(
            f"{path}: not a Marian model (config.json model_type is "
            f"{data.get('model_type')!r}, expected 'marian')"
        )
    return data


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type name when empty)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def package_version(package: str) -> str:
    """The installed version of `package`, or "unknown"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


class MarianBackend:
    """What both backends of an opus-mt (Marian) model share: the Translator protocol's
    tokenizer-side members. Subclasses set `text`, `_info` and `_max_input` when loading."""

    text: MarianText
    _info: BackendInfo
    _max_input: int

    @property
    def info(self) -> BackendInfo:
        """How translations are made (backend, model, revision, device, and what else applies)."""
        return self._info

    @property
    def max_input_tokens(self) -> int:
        """Longest input accepted, in tokens including the closing </s>."""
        return self._max_input

    @property
    def parallel_batches(self) -> int:
        """Batches one `translate` call runs at once: 1 unless the backend has parallel workers."""
        return 1

    def normalise(self, text: str) -> str:
        """Replace characters the source vocabulary lacks by their NFKC forms (full-width Ａ１)."""
        return self.text.normalise(text)

    def count_tokens(self, text: str) -> int:
        """Number of model input tokens for `text`, including the closing </s>."""
        return self.text.count_tokens(text)
