"""models.yaml -> validated model specs (strict: unknown keys and wrong types are errors)."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from translate.errors import ConfigError, ModelNotFoundError

ENV_MODELS_FILE = "TRANSLATE_MODELS_FILE"

TASKS = ("translation", "summarization")
BACKENDS = ("transformers", "ctranslate2")

# key -> (accepted types, required). bool is checked separately from int (bool is an int subclass).
_ENTRY_KEYS: dict[str, tuple[tuple[type, ...], bool]] = {
    "task": ((str,), True),
    "repo": ((str,), True),
    "revision": ((str,), True),
    "backend": ((str,), False),
    "max_input_tokens": ((int,), True),
    "decoding": ((dict,), False),
    "prefer_safetensors": ((bool,), False),
    "default": ((bool,), False),
    "description": ((str,), False),
    "license": ((str,), False),
}

# Decoding keys per task: key -> (accepted types, minimum value or None, null allowed).
_DECODING_KEYS: dict[str, dict[str, tuple[tuple[type, ...], float | None, bool]]] = {
    "translation": {
        "beam": ((int,), 1, False),
        "batch_size": ((int,), 1, False),
        "max_new_tokens": ((int,), 1, True),
    },
    "summarization": {
        "beam": ((int,), 1, False),
        "batch_size": ((int,), 1, False),
        "min_length": ((int,), 0, False),
        "max_length": ((int,), 1, False),
        "no_repeat_ngram_size": ((int,), 0, False),
        "length_penalty": ((int, float), None, False),
        "early_stopping": ((bool,), None, False),
    },
}

_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    dict: "a mapping",
}


@dataclass(frozen=True)
class ModelSpec:
    """One validated models.yaml entry."""

    name: str
    task: str
    repo: str
    revision: str
    backend: str = "transformers"
    max_input_tokens: int = 512
    decoding: Mapping[str, Any] = field(default_factory=dict)
    prefer_safetensors: bool = True
    default: bool = False
    description: str | None = None
    license: str | None = None
    source: Path | None = None  # the models.yaml it came from

    @property
    def short_revision(self) -> str:
        """The revision shortened for display (commit shas to 10 characters)."""
        rev = self.revision
        return rev[:10] if len(rev) == 40 and all(c in "0123456789abcdef" for c in rev) else rev


@dataclass(frozen=True)
class Registry:
    """The models known by name, in file order."""

    specs: list[ModelSpec]
    path: Path | None = None

    def __contains__(self, name: object) -> bool:
        return any(spec.name == name for spec in self.specs)

    def __iter__(self) -> Iterator[ModelSpec]:
        return iter(self.specs)

    def names(self, task: str | None = None) -> list[str]:
        """Return the model names, optionally only those of one task."""
        return [s.name for s in self.specs if task is None or s.task == task]

    def get(self, name: str) -> ModelSpec:
        """Return the spec called `name`.

        Raises:
            ModelNotFoundError: no entry has that name (the message lists the known names).
        """
        for spec in self.specs:
            if spec.name == name:
                return spec
        hint = _did_you_mean(name, self.names())
        where = f" in {self.path}" if self.path else ""
        raise ModelNotFoundError(
            f"unknown model '{name}'{where}{hint}; known models: {', '.join(self.names()) or 'none'}"
        )

    def find_repo(self, repo: str) -> ModelSpec | None:
        """Return the first spec whose repository id is `repo`, if any."""
        return next((s for s in self.specs if s.repo == repo), None)

    def default(self, task: str) -> ModelSpec:
        """Return the default model of `task`: the entry marked `default: true`, else the first.

        Raises:
            ConfigError: the task is unknown or no entry has that task.
        """
        if task not in TASKS:
            raise ConfigError(f"unknown task '{task}' (expected one of: {', '.join(TASKS)})")
        of_task = [s for s in self.specs if s.task == task]
        if not of_task:
            where = f"{self.path}: " if self.path else ""
            raise ConfigError(f"{where}no model with task '{task}'; add one to models.yaml")
        return next((s for s in of_task if s.default), of_task[0])


def models_file(path: Path | str | None = None) -> Path:
    """Return the models.yaml to use: `path`, $TRANSLATE_MODELS_FILE, the checkout's, the packaged.

    Raises:
        ConfigError: an explicitly named file does not exist, or none is found.
    """
    if path is not None:
        p = Path(path).expanduser()
        if not p.is_file():
            raise ConfigError(f"{p}: models file not found")
        return p
    env = os.environ.get(ENV_MODELS_FILE)
    if env:
        p = Path(env).expanduser()
        if not p.is_file():
            raise ConfigError(f"{p}: models file not found (from ${ENV_MODELS_FILE})")
        return p
    package = Path(__file__).resolve().parent
    checkout = package.parent / "models.yaml"  # editable install / source checkout
    if checkout.is_file() and (package.parent / "pyproject.toml").is_file():
        return checkout
    packaged = package / "models.yaml"  # wheel: force-included by pyproject
    if packaged.is_file():
        return packaged
    raise ConfigError(
        f"no models.yaml found (looked in {checkout} and {packaged}); set ${ENV_MODELS_FILE}"
    )


def load_registry(path: Path | str | None = None) -> Registry:
    """Read and validate models.yaml.

    Args:
        path: the file to read; None looks it up with `models_file()`.

    Returns:
        The registry, entries in file order.

    Raises:
        ConfigError: the file is missing, is not valid YAML, or breaks the schema (one line naming
            the file, the entry and the key).
    """
    file = models_file(path)
    label = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{label}: cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    data = _parse_yaml(text, label)
    return Registry(specs=_validate(data, label, file), path=file)


class _StrictLoader(yaml.SafeLoader):
    """yaml.SafeLoader that rejects duplicate mapping keys instead of keeping the last one."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(key, str | int | float | bool) or key is None:
            if key in seen:
                raise _DuplicateKey(key, line, seen[key])
            seen[key] = line
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=deep))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first: int) -> None:
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


def _parse_yaml(text: str, label: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as dup:
        entry = _entry_at_line(text, dup.line)
        if entry is None or entry == dup.key:
            what = (
                f"duplicate entry '{dup.key}'" if entry == dup.key else f"duplicate key '{dup.key}'"
            )
        else:
            what = f"entry '{entry}': duplicate key '{dup.key}'"
        raise ConfigError(f"{label}:{dup.line}: {what} (first on line {dup.first})") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark else label
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{label}: invalid YAML: {str(exc).splitlines()[0]}") from None


def _entry_at_line(text: str, line: int) -> str | None:
    """Return the name of the models.yaml entry whose text spans `line` (1-based), if any."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "models" and isinstance(value, yaml.MappingNode):
            for name, _ in value.value:
                if name.start_mark.line + 1 == line:
                    return str(name.value)
            for name, entry in value.value:
                last = entry.end_mark.line + (0 if entry.end_mark.column == 0 else 1)
                if name.start_mark.line + 1 <= line <= last:
                    return str(name.value)
    return None


def _validate(data: Any, label: str, file: Path) -> list[ModelSpec]:
    if data is None:
        raise ConfigError(f"{label}: empty file; expected a 'models:' mapping")
    if not isinstance(data, dict):
        raise ConfigError(f"{label}: expected a mapping with a 'models' key, got {_kind(data)}")
    for key in data:
        if key != "models":
            raise ConfigError(
                f"{label}: unknown top-level key '{key}'{_did_you_mean(key, ['models'])}"
            )
    models = data.get("models")
    if not isinstance(models, dict):
        raise ConfigError(
            f"{label}: 'models' must be a mapping of name -> entry, got {_kind(models)}"
        )
    specs: list[ModelSpec] = []
    defaults: dict[str, str] = {}
    for name, entry in models.items():
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{label}: model names must be non-empty strings, got {name!r}")
        spec = _validate_entry(name, entry, label, file)
        if spec.default:
            if spec.task in defaults:
                raise ConfigError(
                    f"{label}: entry '{name}': key 'default': '{defaults[spec.task]}' is already "
                    f"the default {spec.task} model"
                )
            defaults[spec.task] = name
        specs.append(spec)
    return specs


def _validate_entry(name: str, entry: Any, label: str, file: Path) -> ModelSpec:
    where = f"{label}: entry '{name}'"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping of keys, got {_kind(entry)}")
    for key in entry:
        if key not in _ENTRY_KEYS:
            raise ConfigError(
                f"{where}: unknown key '{key}'{_did_you_mean(key, list(_ENTRY_KEYS))}"
            )
    for key, (types, required) in _ENTRY_KEYS.items():
        if key not in entry:
            if required:
                raise ConfigError(f"{where}: missing key '{key}'")
            continue
        _check_type(where, key, entry[key], types)
    task = entry["task"]
    if task not in TASKS:
        raise ConfigError(f"{where}: key 'task': '{task}' is not one of {', '.join(TASKS)}")
    backend = entry.get("backend", "transformers")
    if backend not in BACKENDS:
        raise ConfigError(
            f"{where}: key 'backend': '{backend}' is not one of {', '.join(BACKENDS)}"
        )
    repo = entry["repo"]
    if repo.count("/") != 1 or any(not part.strip() for part in repo.split("/")):
        raise ConfigError(f"{where}: key 'repo': '{repo}' is not a repository id like 'owner/name'")
    if not entry["revision"].strip():
        raise ConfigError(f"{where}: key 'revision': must not be empty")
    if entry["max_input_tokens"] < 1:
        raise ConfigError(f"{where}: key 'max_input_tokens': must be at least 1")
    decoding = _validate_decoding(where, task, entry.get("decoding") or {})
    return ModelSpec(
        name=name,
        task=task,
        repo=repo,
        revision=entry["revision"].strip(),
        backend=backend,
        max_input_tokens=entry["max_input_tokens"],
        decoding=decoding,
        prefer_safetensors=entry.get("prefer_safetensors", True),
        default=entry.get("default", False),
        description=entry.get("description"),
        license=entry.get("license"),
        source=file,
    )


def _validate_decoding(where: str, task: str, decoding: dict) -> dict[str, Any]:
    allowed = _DECODING_KEYS[task]
    for key, value in decoding.items():
        if key not in allowed:
            hint = _did_you_mean(key, list(allowed))
            raise ConfigError(
                f"{where}: unknown key 'decoding.{key}' for a {task} model{hint} "
                f"(allowed: {', '.join(allowed)})"
            )
        types, minimum, nullable = allowed[key]
        if value is None and nullable:
            continue
        _check_type(where, f"decoding.{key}", value, types)
        if minimum is not None and value < minimum:
            raise ConfigError(f"{where}: key 'decoding.{key}': must be at least {minimum:g}")
    return dict(decoding)


def _check_type(where: str, key: str, value: Any, types: tuple[type, ...]) -> None:
    ok = (bool in types) if isinstance(value, bool) else isinstance(value, types)
    if not ok:
        expected = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)
        raise ConfigError(f"{where}: key '{key}': expected {expected}, got {_kind(value)}")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _did_you_mean(word: Any, choices: list[str]) -> str:
    match = difflib.get_close_matches(str(word), choices, n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""
