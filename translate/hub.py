"""Find a model on disk (pulled copy, Hugging Face cache, or a directory) and fetch it when allowed.

Lookup order for a registry name: $TRANSLATE_HOME/models/NAME (written by `pull`), then the
Hugging Face cache at the pinned revision, then (when downloads are allowed) a fresh `pull`.
Network access is bounded by a short timeout ($TRANSLATE_HUB_TIMEOUT seconds, default 5; one retry), so an
unreachable hub is an error within seconds, never a hang.

The revision recorded for a located model (`LocatedModel.revision`) is the commit sha that was
pulled (from the pull metadata), the snapshot directory name in the Hugging Face cache, or, for a
plain local directory, ``local:`` followed by the first 10 hex digits of a SHA-256 over config.json
and the names and sizes of the weight files (cheap, and changes when the model does).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.atomic import locked, write_text_atomic
from translate.errors import ConfigError, ModelNotFoundError
from translate.paths import models_dir
from translate.registry import ModelSpec, Registry, load_registry

PULL_METADATA = "translate-pull.json"
ENV_OFFLINE = "TRANSLATE_OFFLINE"
ENV_TIMEOUT = "TRANSLATE_HUB_TIMEOUT"
DEFAULT_TIMEOUT = 5.0

WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)

# Files a directory must have to be loaded for a task (besides one of WEIGHT_FILES).
REQUIRED_FILES: dict[str, tuple[tuple[str, ...], ...]] = {
    # each inner tuple: at least one of these must exist
    "translation": (("config.json",), ("vocab.json",), ("source.spm",), ("target.spm",)),
    "summarization": (("config.json",), ("tokenizer.json", "vocab.json")),
}

# Files fetched besides the weights: configuration and tokenizer files, nothing else.
_SUPPORT_PATTERNS = [
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "vocab.json",
    "merges.txt",
    "tokenizer.json",
    "*.spm",
    "*.model",
]
_SHA = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class LocatedModel:
    """A model directory ready to load, and where it came from."""

    path: Path
    spec: ModelSpec | None
    repo: str | None
    revision: str | None
    source: str = "local"  # "local" (a directory given), "pulled", "hf-cache", "downloaded",
    # or "copied" (a complete model directory put under models_dir() without `pull`)

    @property
    def model_id(self) -> str:
        """The registry name, or the directory for a model given by path."""
        return self.spec.name if self.spec is not None else str(self.path)


def offline_reason() -> str | None:
    """Return why downloads are off (e.g. 'HF_HUB_OFFLINE=1'), or None when they are allowed."""
    for var in ("TRANSLATE_OFFLINE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        value = os.environ.get(var, "")
        if value.strip().lower() in {"1", "true", "yes", "on"}:
            return f"{var}={value}"
    return None


def hub_timeout() -> float:
    """Seconds to wait for the Hugging Face Hub ($TRANSLATE_HUB_TIMEOUT, default 5)."""
    raw = os.environ.get(ENV_TIMEOUT)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"${ENV_TIMEOUT}={raw!r} is not a number of seconds") from None
    if value <= 0:
        raise ConfigError(f"${ENV_TIMEOUT} must be positive, got {raw!r}")
    return value


def pull_command(name: str) -> str:
    """The command a user runs to fetch model `name`."""
    return f"translate models pull {name}"


def locate(
    model: str,
    *,
    task: str,
    registry: Registry | None = None,
    download: bool | None = None,
) -> LocatedModel:
    """Find a model for `task` by registry name or directory, fetching it if allowed.

    Args:
        model: a models.yaml name (or its repository id), or a model directory. A bare name that is
            not in the registry is tried as a directory; write ``./NAME`` to force a directory.
        task: "translation" or "summarization"; the model must be of this task.
        registry: the registry to use; None loads models.yaml.
        download: True fetches a missing model, False never does, None fetches unless offline
            (TRANSLATE_OFFLINE, HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE set).

    Returns:
        The located model: directory, spec (None for a directory), repo and revision loaded.

    Raises:
        ModelNotFoundError: unknown name, missing files, or not available and not fetchable; the
            message names the model and the command that fetches it.
        ConfigError: the model is of another task.
    """
    if not model or not model.strip():
        raise ModelNotFoundError("no model given")
    looks_like_path = model.startswith((".", "~", os.sep)) or os.sep in model
    path = Path(model).expanduser()
    if looks_like_path and path.is_dir():
        return locate_dir(path, task=task)
    registry = registry if registry is not None else load_registry()
    spec = registry.get(model) if model in registry else registry.find_repo(model)
    if spec is None:
        if path.is_dir():
            return locate_dir(path, task=task)
        if looks_like_path:
            raise ModelNotFoundError(
                f"model directory not found: {model} (nor a models.yaml name or repository)"
            )
        registry.get(model)  # raises: unknown name, with the known names
        raise AssertionError("unreachable")
    if spec.task != task:
        raise ConfigError(
            f"model '{spec.name}' is a {spec.task} model, not a {task} model "
            f"(choose one of: {', '.join(registry.names(task)) or 'none'})"
        )
    found = find_local(spec)
    if found is not None:
        return found
    reason = offline_reason()
    if download is False or (download is None and reason is not None):
        why = f"downloads are off ({reason})" if reason else "downloads are off"
        pulled = models_dir() / spec.name
        missing = missing_files(pulled, spec.task) if pulled.is_dir() else []
        where = f" ({pulled} lacks {missing[0]})" if missing else ""
        raise ModelNotFoundError(
            f"model '{spec.name}' ({spec.repo}@{spec.short_revision}) is not available locally"
            f"{where} and {why}; fetch it with `{pull_command(spec.name)}` where the Hugging Face "
            "Hub is reachable"
        )
    try:
        located = _pull(spec, spec.revision)
    except _FetchFailed as exc:
        raise ModelNotFoundError(
            f"model '{spec.name}' ({spec.repo}@{spec.short_revision}) is not available locally and "
            f"could not be fetched: {exc}; run `{pull_command(spec.name)}` where the Hugging Face "
            "Hub is reachable"
        ) from None
    return LocatedModel(located.path, spec, spec.repo, located.revision, source="downloaded")


def find_local(spec: ModelSpec) -> LocatedModel | None:
    """Return the pulled copy, the Hugging Face cache snapshot or a copy placed by hand, if complete."""
    pulled = models_dir() / spec.name
    meta = read_pull_metadata(pulled)
    if meta is not None and not missing_files(pulled, spec.task):
        revision = meta.get("commit") or meta.get("revision")
        return LocatedModel(pulled, spec, meta.get("repo") or spec.repo, revision, source="pulled")
    snapshot = hf_cache_snapshot(spec.repo, spec.revision)
    if snapshot is not None and not missing_files(snapshot, spec.task):
        return LocatedModel(snapshot, spec, spec.repo, snapshot.name, source="hf-cache")
    if meta is None and pulled.is_dir() and not missing_files(pulled, spec.task):
        # Copied or downloaded there by hand (git clone, hf download --local-dir): usable, but
        # its commit is unknown, so the revision recorded is a fingerprint of its files.
        return LocatedModel(pulled, spec, spec.repo, local_revision(pulled), source="copied")
    return None


def locate_dir(path: Path, *, task: str) -> LocatedModel:
    """Check that directory `path` holds a loadable model for `task` and describe it.

    Raises:
        ModelNotFoundError: the directory lacks a required file (the message names it).
    """
    path = Path(path).expanduser()
    if not path.is_dir():
        raise ModelNotFoundError(f"model directory not found: {path}")
    missing = missing_files(path, task)
    if missing:
        raise ModelNotFoundError(
            f"{path}: not a {task} model directory: missing {missing[0]}"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
        )
    meta = read_pull_metadata(path)
    if meta is not None:
        revision = meta.get("commit") or meta.get("revision")
        return LocatedModel(path, None, meta.get("repo"), revision, source="local")
    repo = _repo_from_hf_snapshot(path)
    if repo is not None:
        return LocatedModel(path, None, repo, path.name, source="local")
    return LocatedModel(path, None, None, local_revision(path), source="local")


def missing_files(path: Path, task: str) -> list[str]:
    """Return the files `path` lacks to be a model directory for `task` (empty when complete)."""
    if task not in REQUIRED_FILES:
        raise ConfigError(f"unknown task '{task}' (expected one of: {', '.join(REQUIRED_FILES)})")
    missing = [
        " or ".join(alts)
        for alts in REQUIRED_FILES[task]
        if not any((path / a).is_file() for a in alts)
    ]
    if not any((path / w).is_file() for w in WEIGHT_FILES):
        missing.append("weights (model.safetensors or pytorch_model.bin)")
    return missing


_SAMPLE = 1 << 20  # bytes of each sample local_revision reads


def local_revision(path: Path) -> str:
    """Return ``local:<10 hex>``, a cheap fingerprint of config.json and the weight files: their
    size and three 1 MB samples of their bytes (start, middle, end), so weights saved again
    (retrained, same size) change it and a copy (`cp` without -p, a checkout) does not; a cached
    conversion or a translation memory keyed by it is never taken for other weights."""
    digest = hashlib.sha256()
    config = path / "config.json"
    if config.is_file():
        digest.update(config.read_bytes())
    for name in WEIGHT_FILES:
        weights = path / name
        if weights.is_file():
            size = weights.stat().st_size
            digest.update(f"{name}:{size}".encode())
            with weights.open("rb") as file:
                for offset in (0, max(0, size // 2 - _SAMPLE // 2), max(0, size - _SAMPLE)):
                    file.seek(offset)
                    digest.update(file.read(_SAMPLE))
    return "local:" + digest.hexdigest()[:10]


def read_pull_metadata(path: Path) -> dict[str, Any] | None:
    """Return the metadata `pull` wrote into `path`, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads((path / PULL_METADATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache, from the environment at call time (HF_HUB_CACHE, HF_HOME)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def hf_cache_snapshot(repo: str, revision: str) -> Path | None:
    """Return the cached snapshot directory of `repo` at `revision` (sha, branch or tag), if any."""
    root = hf_cache_dir() / ("models--" + repo.replace("/", "--"))
    sha = revision if _SHA.fullmatch(revision) else None
    if sha is None:
        with contextlib.suppress(OSError):
            sha = (root / "refs" / revision).read_text(encoding="utf-8").strip()
    if not sha:
        return None
    snapshot = root / "snapshots" / sha
    return snapshot if snapshot.is_dir() else None


def _repo_from_hf_snapshot(path: Path) -> str | None:
    resolved = path.resolve()
    if resolved.parent.name != "snapshots" or not _SHA.fullmatch(resolved.name):
        return None
    folder = resolved.parent.parent.name
    if not folder.startswith("models--"):
        return None
    return folder[len("models--") :].replace("--", "/", 1)


def pull(
    name: str, revision: str | None = None, *, registry: Registry | None = None
) -> LocatedModel:
    """Download model `name` into $TRANSLATE_HOME/models/NAME for offline use.

    The snapshot is fetched into a temporary directory next to the destination and renamed into
    place only when complete, so an interrupted pull leaves nothing half-done; the repository and
    the resolved commit sha are recorded in translate-pull.json inside the directory.

    Args:
        name: a models.yaml name.
        revision: branch, tag or commit to fetch instead of the pinned one.
        registry: the registry to use; None loads models.yaml.

    Returns:
        The pulled model (revision = the resolved commit sha).

    Raises:
        ModelNotFoundError: unknown name, downloads are off, or the hub cannot be reached.
    """
    registry = registry if registry is not None else load_registry()
    spec = registry.get(name)
    rev = revision or spec.revision
    try:
        return _pull(spec, rev)
    except _FetchFailed as exc:
        raise ModelNotFoundError(
            f"cannot pull '{name}' ({spec.repo}@{rev[:10] if _SHA.fullmatch(rev) else rev}): {exc}"
        ) from None


class _FetchFailed(Exception):
    """Why a pull failed, as the end of a sentence."""


def _pull(spec: ModelSpec, rev: str) -> LocatedModel:
    reason = offline_reason()
    if reason is not None:
        raise _FetchFailed(f"downloads are off ({reason}); unset it to download")
    timeout = hub_timeout()
    dest = models_dir() / spec.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{spec.name}.", suffix=".partial", dir=dest.parent))
    try:
        started = time.monotonic()
        try:
            commit = _download_snapshot(
                spec.repo, rev, tmp, prefer_safetensors=spec.prefer_safetensors, timeout=timeout
            )
        except Exception as exc:  # the hub client raises many kinds; all mean "could not fetch"
            raise _FetchFailed(
                f"{_describe(exc)} after {time.monotonic() - started:.1f}s"
            ) from None
        shutil.rmtree(tmp / ".cache", ignore_errors=True)  # huggingface_hub's local_dir bookkeeping
        missing = missing_files(tmp, spec.task)
        if missing:
            raise _FetchFailed(
                f"the repository lacks files a {spec.task} model needs: {', '.join(missing)}"
            )
        meta = {
            "name": spec.name,
            "repo": spec.repo,
            "revision": rev,
            "commit": commit,
            "pulled_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        write_text_atomic(tmp / PULL_METADATA, json.dumps(meta, indent=2) + "\n")
        with locked(dest, timeout=60):  # two pulls of one model: one replaces, then the other
            replace_dir(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return LocatedModel(dest, spec, spec.repo, commit, source="pulled")


def replace_dir(src: Path, dest: Path) -> None:
    """Move directory `src` to `dest`, replacing an existing `dest` with as small a gap as possible."""
    old: Path | None = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}-{int(time.time())}")
        os.replace(dest, old)
    try:
        os.replace(src, dest)
    except BaseException:
        if old is not None:
            os.replace(old, dest)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _download_snapshot(
    repo: str, revision: str, dest: Path, *, prefer_safetensors: bool, timeout: float
) -> str:
    """Fetch the files of `repo`@`revision` needed to run it into `dest`; return the commit sha."""
    from huggingface_hub import HfApi, snapshot_download

    endpoint = os.environ.get("HF_ENDPOINT") or None
    api = HfApi(endpoint=endpoint)
    # repo_info with an explicit timeout: snapshot_download's own metadata call has none, so an
    # unreachable (blackholed) hub would otherwise hang.
    info = api.model_info(repo, revision=revision, timeout=timeout)
    commit = info.sha or revision
    files = [s.rfilename for s in (info.siblings or [])]
    patterns = allow_patterns(files, prefer_safetensors=prefer_safetensors)
    snapshot_download(
        repo,
        revision=commit,
        local_dir=dest,
        allow_patterns=patterns,
        etag_timeout=timeout,
        endpoint=endpoint,
    )
    return commit


def allow_patterns(files: list[str], *, prefer_safetensors: bool = True) -> list[str]:
    """Choose what to fetch from a repository listing: config, tokenizer, one weights format."""
    has_safetensors = any(f.endswith(".safetensors") for f in files)
    if has_safetensors and (prefer_safetensors or not any(f.endswith(".bin") for f in files)):
        weights = ["*.safetensors", "*.safetensors.index.json"]
    else:
        weights = ["pytorch_model*.bin", "pytorch_model.bin.index.json"]
    return weights + _SUPPORT_PATTERNS


def _describe(exc: BaseException) -> str:
    """One line for an exception from the hub client, innermost cause first if it says more."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "Name or service not known" in str(exc) or "nodename nor servname" in str(exc):
        return "the Hugging Face Hub could not be reached (name resolution failed)"
    if "timed out" in str(exc).lower() or "Timeout" in type(exc).__name__:
        return "the Hugging Face Hub could not be reached (timed out)"
    if "Connect" in type(exc).__name__ or "Connection" in str(exc):
        return f"the Hugging Face Hub could not be reached ({text})"
    return f"{type(exc).__name__}: {text}"
