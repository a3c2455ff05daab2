"""Marian (opus-mt) translation through CTranslate2: an int8 (CPU) or int8_float16 (CUDA)
conversion of the snapshot, with the snapshot's own SentencePiece tokenizer.

The conversion (ctranslate2's TransformersConverter) runs on first use and is cached under
$TRANSLATE_HOME/ct2/NAME/REVISION-QUANTIZATION; it is written into a temporary directory and renamed
into place when complete, so a half-written conversion is never loaded. CTranslate2 cannot bias
decoding towards preferred strings: `supports_prefer` is False and pinned terms the model loses
are spliced in instead (translate.terms.enforce).

Importing this module imports ctranslate2 and transformers (tokenizer); torch is imported only
to convert. `translate.backends.load_translator` imports it only when a model is loaded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ctranslate2

from translate.backends.base import BackendInfo, DecodeOptions, requested_threads
from translate.backends.marian_text import (
    POSITION_LIMIT,
    MarianBackend,
    MarianText,
    first_line,
    quiet_transformers,
    read_marian_config,
)
from translate.errors import ConfigError, InputError, ModelNotFoundError, TranslateError

if TYPE_CHECKING:
    from translate.hub import LocatedModel

QUANTIZATIONS = ("int8", "int8_float16", "float16", "float32")
CONVERSION_METADATA = "translate-ct2.json"  # written last: its presence marks a complete conversion
# DecodeOptions.batch_size counts sentences; CTranslate2 batches by tokens, at this many a sentence.
TOKENS_PER_SENTENCE = 32
# Batches handed to one translate() call (see CT2Translator.parallel_batches).
CALL_BATCHES = 16
# Most parallel workers (model replicas sharing one copy of the weights) on CPU.
MAX_CPU_WORKERS = 4


def available_cores() -> int:
    """CPU cores this process may use: its affinity where the platform tells it, lowered to a
    container's CPU quota (cgroup v2 cpu.max, e.g. `docker run --cpus 2`) when one is set."""
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        cores = max(1, os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cores


def cpu_threads(threads: int | None) -> tuple[int, int]:
    """(workers, threads per worker) for CTranslate2 on CPU from a thread budget.

    Several single- or few-threaded workers, each decoding its own batch, outrun one worker with
    all threads on beam search (measured on 2 cores: 2 x 1 thread translated ~1.5x the sentences
    per second of 1 x 2 threads); the weights are shared, so a worker costs activations only.
    `threads` None: all available cores.
    """
    budget = threads or available_cores()
    workers = max(1, min(budget, MAX_CPU_WORKERS))
    for fewer in range(workers, 1, -1):  # 6 threads: 3 x 2, not 4 x 1 with two left over
        if budget % fewer == 0:
            return fewer, budget // fewer
    return workers, max(1, budget // workers)


def resolve_device(device: str) -> tuple[str, int]:
    """CTranslate2 (device, index) for 'auto' | 'cpu' | 'cuda' | 'cuda:N'.

    Raises:
        ConfigError: unknown device, or CUDA requested where CTranslate2 sees no GPU.
    """
    name = (device or "auto").strip().lower()
    gpus = ctranslate2.get_cuda_device_count()
    if name == "auto":
        return ("cuda", 0) if gpus > 0 else ("cpu", 0)
    if name == "cpu":
        return "cpu", 0
    if name == "cuda" or (name.startswith("cuda:") and name[5:].isdigit()):
        index = int(name[5:]) if ":" in name else 0
        if gpus == 0:
            raise ConfigError(
                f"device '{device}' requested but CTranslate2 {ctranslate2.__version__} sees no "
                "CUDA device; use --device cpu"
            )
        if index >= gpus:
            raise ConfigError(f"device '{device}': only {gpus} CUDA device(s)")
        return "cuda", index
    raise ConfigError(
        f"unknown device '{device}' for the ctranslate2 backend (expected auto, cpu, cuda or cuda:N)"
    )


def default_quantization(device: str) -> str:
    """int8 on CPU, int8_float16 on CUDA."""
    return "int8_float16" if device == "cuda" else "int8"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "model"


def conversion_dir(located: LocatedModel, quantization: str) -> Path:
    """Where the conversion of `located` at `quantization` is cached (keyed by revision)."""
    from translate.hub import local_revision
    from translate.paths import converted_dir

    if located.spec is not None:
        name = located.spec.name
    elif located.repo:
        name = located.repo.replace("/", "--")
    else:
        name = located.path.resolve().name
    revision = located.revision or local_revision(located.path)
    return converted_dir() / _safe(name) / f"{_safe(revision)}-{quantization}"


def is_converted(path: Path) -> bool:
    """True when `path` holds a complete conversion (model.bin and the metadata written last)."""
    return (path / "model.bin").is_file() and (path / CONVERSION_METADATA).is_file()


def convert(
    located: LocatedModel, quantization: str, *, force: bool = False, announce: bool = True
) -> tuple[Path, bool]:
    """Convert a located Marian snapshot for CTranslate2 into the cache, unless already there.

    Args:
        located: from `translate.hub.locate`.
        quantization: one of QUANTIZATIONS.
        force: convert again even when a complete conversion exists.
        announce: print one line on stderr before converting.

    Returns:
        (directory of the conversion, whether it was converted now).

    Raises:
        ConfigError: unknown quantization.
        ModelNotFoundError: the snapshot cannot be converted.
        OutputError: the cache is locked by another conversion for too long.
    """
    from translate.atomic import locked
    from translate.hub import replace_dir

    if quantization not in QUANTIZATIONS:
        raise ConfigError(
            f"unknown quantization '{quantization}' (expected one of: {', '.join(QUANTIZATIONS)})"
        )
    dest = conversion_dir(located, quantization)
    if not force and is_converted(dest):
        return dest, False
    read_marian_config(located.path)  # only Marian snapshots are converted (one-line error)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with locked(dest, timeout=900):  # a parallel run converting the same model: wait for it
        if not force and is_converted(dest):
            return dest, False
        if announce:
            print(
                f"translate: converting {located.model_id} for CTranslate2 ({quantization}), "
                f"once, into {dest} ...",
                file=sys.stderr,
                flush=True,
            )
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent))
        try:
            from ctranslate2.converters import TransformersConverter

            started = time.monotonic()
            try:
                with quiet_transformers():
                    TransformersConverter(str(located.path)).convert(
                        str(tmp), quantization=quantization, force=True
                    )
            except Exception as exc:  # the converter raises many kinds; all mean "cannot convert"
                raise ModelNotFoundError(
                    f"{located.model_id}: cannot convert for CTranslate2: {first_line(exc)}"
                ) from exc
            meta = {
                "source": str(located.path),
                "repo": located.repo,
                "revision": located.revision,
                "quantization": quantization,
                "ctranslate2": ctranslate2.__version__,
                "seconds": round(time.monotonic() - started, 1),
                "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            (tmp / CONVERSION_METADATA).write_text(json.dumps(meta, indent=2) + "\n")
            replace_dir(tmp, dest)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return dest, True


class CT2Translator(MarianBackend):
    """A Marian model run by CTranslate2, implementing the Translator protocol."""

    def __init__(
        self,
        model_dir: Path,
        source: Path,
        *,
        quantization: str,
        model_id: str | None = None,
        repo: str | None = None,
        revision: str | None = None,
        device: str = "auto",
        max_input_tokens: int | None = None,
    ) -> None:
        """Load a converted model.

        Args:
            model_dir: the CTranslate2 conversion (from `convert`).
            source: the opus-mt snapshot it was converted from (tokenizer, config).
            quantization: the conversion's quantization, recorded in provenance.
            model_id, repo, revision: recorded in provenance.
            device: auto | cpu | cuda | cuda:N.
            max_input_tokens: cap from models.yaml; the model's positions (<= 512) cap it anyway.

        Raises:
            ModelNotFoundError: not a Marian snapshot, or the conversion cannot be loaded.
            ConfigError: the device is unknown or unavailable.
        """
        self.path = Path(model_dir)
        self.source = Path(source)
        config = read_marian_config(self.source)
        self.device, self.device_index = resolve_device(device)
        self.text = MarianText(self.source)
        threads = requested_threads()
        if self.device == "cpu":
            self._workers, intra = cpu_threads(threads)
        else:
            self._workers, intra = 1, threads or 0
        try:
            self.model = ctranslate2.Translator(
                str(self.path),
                device=self.device,
                device_index=self.device_index,
                compute_type="default",  # the conversion's type, or the nearest the device has
                inter_threads=self._workers,
                intra_threads=intra,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelNotFoundError(
                f"{self.path}: cannot load CTranslate2 model: {first_line(exc)}"
            ) from exc
        positions = int(config.get("max_position_embeddings", POSITION_LIMIT))
        self._positions = min(positions, POSITION_LIMIT)
        self._default_cap = self._positions - 1
        stored = _stored_max_length(self.source)
        if stored is not None and 1 < stored < self._positions:
            self._default_cap = stored - 1  # as the transformers backend does
        self._max_input = min(self._positions, max_input_tokens or self._positions)
        # Extra keyword arguments for translate_batch(), applied last (benchmarks force a fixed
        # output length with {"min_decoding_length": n}); empty in normal use.
        self.decode_overrides: dict[str, Any] = {}
        where = self.device if self.device == "cpu" else f"{self.device}:{self.device_index}"
        self._info = BackendInfo(
            backend="ctranslate2",
            model_id=model_id or str(self.source),
            repo=repo,
            revision=revision,
            device=where,
            libraries={"ctranslate2": ctranslate2.__version__},
            extra={
                "quantization": quantization,
                "compute_type": str(self.model.compute_type),
                "workers": self._workers,
                "threads_per_worker": intra,
                "normalised_chars": len(self.text.table),
            },
        )

    @classmethod
    def from_located(
        cls, located: LocatedModel, *, device: str = "auto", quantization: str | None = None
    ) -> CT2Translator:
        """Load a model found by `translate.hub.locate`, converting it on first use."""
        dev, _index = resolve_device(device)
        quant = quantization or default_quantization(dev)
        model_dir, _converted = convert(located, quant)
        spec = located.spec
        return cls(
            model_dir,
            located.path,
            quantization=quant,
            model_id=located.model_id,
            repo=located.repo,
            revision=located.revision,
            device=device,
            max_input_tokens=spec.max_input_tokens if spec is not None else None,
        )

    @property
    def supports_prefer(self) -> bool:
        """False: CTranslate2 cannot bias decoding towards given strings; `prefer` is ignored."""
        return False

    @property
    def parallel_batches(self) -> int:
        """Sixteen batches a call, whatever the number of workers: the workers take them as
        they finish (one with short sentences does not wait for one with long ones), few calls
        leave few small tail batches, and how texts are grouped (so each batch's output cap)
        does not depend on the machine's cores."""
        return CALL_BATCHES

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        prefer: Sequence[Sequence[str]] | None = None,
    ) -> list[str]:
        """Translate texts; return one English string per input, in order.

        The texts are sorted by length and cut into batches of at most `options.batch_size` x
        TOKENS_PER_SENTENCE padded input tokens; each batch gets its own output cap (from its
        longest input) and all are queued at once for the workers to take. Memory in flight is
        one batch per worker: a smaller `batch_size` lowers it.

        Args:
            texts: source texts, each within `max_input_tokens` (split longer ones first).
            options: beam size, batch size (see above) and max_new_tokens (None: 2 x the
                batch's longest input + 10, capped).
            prefer: ignored (see `supports_prefer`); checked for length only.

        Raises:
            InputError: a text is longer than `max_input_tokens` (nothing is truncated).
            TranslateError: CTranslate2 failed.
        """
        if prefer is not None and len(prefer) != len(texts):
            raise ValueError(f"prefer has {len(prefer)} entries for {len(texts)} texts")
        results = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return results
        pieces = self.text.source_pieces([texts[i] for i in todo])
        for i, piece in zip(todo, pieces, strict=True):
            if len(piece) > self._max_input:
                raise InputError(
                    f"text {i + 1} of the batch has {len(piece)} tokens; {self.info.model_id} "
                    f"accepts at most {self._max_input} (split long sentences before translating; "
                    "nothing is cut)"
                )
        budget = max(1, options.batch_size) * TOKENS_PER_SENTENCE
        queued = []
        try:
            for batch in token_batches([len(p) for p in pieces], budget):
                longest = len(pieces[batch[0]])
                max_new = options.max_new_tokens or min(self._default_cap, 2 * longest + 10)
                max_new = max(1, min(max_new, self._positions - 1))
                kwargs: dict[str, Any] = {
                    "beam_size": max(1, options.beam),
                    # transformers counts the closing </s> in max_new_tokens (opus-mt forces it at
                    # the last step); CTranslate2 stops at the limit without it: one token less,
                    # same output.
                    "max_decoding_length": max(1, max_new - 1),
                    "max_input_length": POSITION_LIMIT,  # Marian's positions; inputs checked above
                }
                kwargs.update(self.decode_overrides)
                kwargs["asynchronous"] = True  # results are collected below
                queued.append(
                    (batch, self.model.translate_batch([pieces[j] for j in batch], **kwargs))
                )
            for batch, pending in queued:
                for j, result in zip(batch, pending, strict=True):
                    results[todo[j]] = self.text.decode_pieces(result.result().hypotheses[0])
        except (RuntimeError, ValueError) as exc:
            raise TranslateError(
                f"{self.info.model_id}: generation failed: {first_line(exc)}"
            ) from exc
        return results


def token_batches(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Positions of `lengths` sorted longest first and cut into batches whose padded size
    (count x longest) stays within `budget` tokens; a text longer than the budget goes alone."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * lengths[batches[-1][0]] <= budget:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _stored_max_length(path: Path) -> int | None:
    """max_length from generation_config.json (else config.json), if any."""
    for name in ("generation_config.json", "config.json"):
        try:
            data = json.loads((path / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        value = data.get("max_length") if isinstance(data, dict) else None
        if isinstance(value, int):
            return value
    return None
