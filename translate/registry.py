"""models.yaml -> validated model specs (strict: unknown keys and wrong types are errors).

The schema is pydantic models with `extra="forbid"`; their errors are turned into one line
naming the file, the entry and the key.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationError,
    with_config,
)
from pydantic_core import ErrorDetails, PydanticCustomError
from typing_extensions import TypedDict

from translate.errors import ConfigError, ModelNotFoundError

ENV_MODELS_FILE = "TRANSLATE_MODELS_FILE"
# A models file lists a handful of models (the project's is under 3 KB). Bounds on its size and
# nesting keep a wrong or hostile file (a huge listing, [[[[...]]]] nested thousands deep) to a
# one-line error in well under a second, never a hang or a RecursionError.
MAX_FILE_BYTES = 32 * 1024
MAX_DEPTH = 32


def _repo_id(repo: str) -> str:
    owner, slash, name = repo.partition("/")
    if not slash or "/" in name or not owner.strip() or not name.strip():
        raise PydanticCustomError(
            "repo_id", "'{repo}' is not a repository id like 'owner/name'", {"repo": repo}
        )
    return repo


def _text_not_null(value: Any) -> Any:
    if value is None:  # optional text may be left out, but not set to null
        raise PydanticCustomError("not_null", "expected a string, got nothing (null)")
    return value


_Positive = Annotated[int, Field(ge=1)]
_NonNegative = Annotated[int, Field(ge=0)]
_Text = Annotated[str | None, BeforeValidator(_text_not_null)]

# Decoding keys depend on the task. TypedDicts keep only the keys the file gives, so consumers'
# own defaults apply to the rest.


@with_config(ConfigDict(extra="forbid", strict=True))
class _TranslationDecoding(TypedDict, total=False):
    beam: _Positive
    batch_size: _Positive
    max_new_tokens: _Positive | None  # null: scaled to the input


@with_config(ConfigDict(extra="forbid", strict=True))
class _SummarizationDecoding(TypedDict, total=False):
    beam: _Positive
    batch_size: _Positive
    min_length: _NonNegative
    max_length: _Positive
    no_repeat_ngram_size: _NonNegative
    length_penalty: float
    early_stopping: bool


class _Entry(BaseModel):
    """A models.yaml entry; each task's subclass narrows `task` and `decoding`.

    Used as is only when `task` is missing or unknown, so that the other keys are still checked
    (a misspelt `task` is reported as the unknown key it is).
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    task: Literal["translation", "summarization"]
    repo: Annotated[str, AfterValidator(_repo_id)]
    revision: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    backend: Annotated[
        Literal["transformers", "ctranslate2"] | None, BeforeValidator(_text_not_null)
    ] = None  # left out: ctranslate2 when installed
    max_input_tokens: _Positive
    decoding: Mapping[str, Any] = Field(default_factory=dict)
    prefer_safetensors: bool = True
    default: bool = False
    description: _Text = None
    license: _Text = None


class _TranslationEntry(_Entry):
    task: Literal["translation"]
    decoding: _TranslationDecoding = Field(default_factory=_TranslationDecoding)


class _SummarizationEntry(_Entry):
    task: Literal["summarization"]
    decoding: _SummarizationDecoding = Field(default_factory=_SummarizationDecoding)


_ENTRY_SCHEMAS: dict[str, type[_Entry]] = {
    "translation": _TranslationEntry,
    "summarization": _SummarizationEntry,
}
TASKS = tuple(_ENTRY_SCHEMAS)
_OTHER_TASK = "other"


def _schema_tag(entry: Any) -> str | None:
    """The schema an entry is validated with: its task's, `_Entry` for a missing or unknown task."""
    if not isinstance(entry, dict):
        return None  # pydantic: union_tag_not_found, reported as "expected a mapping of keys"
    task = entry.get("task")
    return task if isinstance(task, str) and task in _ENTRY_SCHEMAS else _OTHER_TASK


class _ModelsFile(BaseModel):
    """The whole file: `models:` mapping names to entries."""

    model_config = ConfigDict(extra="forbid", strict=True)

    models: dict[
        Annotated[str, Field(pattern=r"\S")],
        Annotated[
            Annotated[_TranslationEntry, Tag("translation")]
            | Annotated[_SummarizationEntry, Tag("summarization")]
            | Annotated[_Entry, Tag(_OTHER_TASK)],
            Discriminator(_schema_tag),
        ],
    ]


_DECODING_KEYS: dict[str, list[str]] = {
    "translation": list(_TranslationDecoding.__annotations__),
    "summarization": list(_SummarizationDecoding.__annotations__),
}
_TYPE_NAMES = {
    "string_type": "a string",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "mapping_type": "a mapping",
}


@dataclass(frozen=True)
class ModelSpec:
    """One validated models.yaml entry."""

    name: str
    task: str
    repo: str
    revision: str
    backend: str | None = None  # None: ctranslate2 when installed (translate.backends)
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
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ConfigError(
                f"{label}: {size:,} bytes, too large for a models file (at most "
                f"{MAX_FILE_BYTES // 1024} KiB); is it the right file?"
            )
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{label}: cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    data = _parse_yaml(text, label)
    return Registry(specs=_validate(data, label, file), path=file)


class _StrictLoader(yaml.SafeLoader):
    """yaml.SafeLoader that rejects duplicate mapping keys instead of keeping the last one,
    unhashable keys, numbers too long to convert, and nesting deeper than MAX_DEPTH."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_int(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # Python refuses int() of more than 4300 digits
        raise yaml.constructor.ConstructorError(
            None, None, f"number too long ({len(str(node.value)):,} characters)", node.start_mark
        ) from None


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a mapping key must be a plain value, not a list or mapping",
                key_node.start_mark,
            ) from None
        if isinstance(key, str | int | float | bool) or key is None:
            if key in seen:
                raise _DuplicateKey(key, line, seen[key])
            seen[key] = line
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=deep))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


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
    try:
        parsed = _ModelsFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(_first_error(exc), label)) from None
    specs: list[ModelSpec] = []
    defaults: dict[str, str] = {}
    for name, entry in parsed.models.items():
        spec = ModelSpec(name=name, source=file, **entry.model_dump())
        if spec.default:
            if spec.task in defaults:
                raise ConfigError(
                    f"{label}: entry '{name}': key 'default': '{defaults[spec.task]}' is already "
                    f"the default {spec.task} model"
                )
            defaults[spec.task] = name
        specs.append(spec)
    return specs


def _first_error(exc: ValidationError) -> ErrorDetails:
    """The error to report: the first place in the file, there a bad entry name, then an unknown
    key, then a missing one, then the rest in field order."""
    errors = exc.errors(include_url=False)
    place = errors[0]["loc"][:2]
    here = [e for e in errors if e["loc"][:2] == place]
    rank = {"extra_forbidden": 1, "missing": 2}
    return min(here, key=lambda e: 0 if e["loc"][2:] == ("[key]",) else rank.get(e["type"], 3))


def _describe(error: ErrorDetails, label: str) -> str:
    """One line naming the file, the entry and the key from a pydantic error.

    `loc` is () for the document, (key,) for a top-level key, ("models", name) for an entry,
    ("models", name, "[key]") for the name itself and ("models", name, tag, key, ...) inside an
    entry (the tag names the schema `_schema_tag` chose: the task's, or "other").
    """
    loc, kind, value = error["loc"], error["type"], error["input"]
    if not loc:
        if value is None:
            return f"{label}: empty file; expected a 'models:' mapping"
        return f"{label}: expected a mapping with a 'models' key, got {_kind(value)}"
    if loc[0] != "models" or len(loc) == 1:
        if kind == "extra_forbidden":
            return f"{label}: unknown top-level key '{loc[0]}'{_did_you_mean(loc[0], ['models'])}"
        if kind == "missing":
            return f"{label}: missing top-level key 'models'"
        return f"{label}: 'models' must be a mapping of name -> entry, got {_kind(value)}"
    name = loc[1]
    if loc[2:] == ("[key]",):
        return f"{label}: model names must be non-empty strings, got {name!r}"
    where = f"{label}: entry '{name}'"
    if len(loc) == 2:
        return f"{where}: expected a mapping of keys, got {_kind(value)}"
    task, path = str(loc[2]), [str(part) for part in loc[3:]]
    key = ".".join(path)
    if kind == "extra_forbidden" and path[:1] == ["decoding"]:
        allowed = _DECODING_KEYS[task]
        return (
            f"{where}: unknown key '{key}' for a {task} model{_did_you_mean(path[-1], allowed)} "
            f"(allowed: {', '.join(allowed)})"
        )
    if kind == "extra_forbidden":
        return f"{where}: unknown key '{key}'{_did_you_mean(key, list(_Entry.model_fields))}"
    if kind == "missing":
        return f"{where}: missing key '{key}'"
    return f"{where}: key '{key}': {_problem(error)}"


def _problem(error: ErrorDetails) -> str:
    kind, value, ctx = error["type"], error["input"], error.get("ctx", {})
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_kind(value)}"
    if kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        if isinstance(value, str):
            return f"'{value}' is not one of {choices}"
        return f"expected one of {choices}, got {_kind(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']:g}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    return " ".join(error["msg"].split())  # our own PydanticCustomError messages, else pydantic's


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
