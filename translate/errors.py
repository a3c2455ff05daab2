"""Exceptions the library raises; only the CLI turns them into exit codes."""

from __future__ import annotations


class TranslateError(Exception):
    """Base class: a problem the user can act on, with a one-line message."""

    exit_code = 1


class InputError(TranslateError):
    """An input article cannot be read or is not text (empty, binary, unreadable)."""

    exit_code = 2


class ConfigError(TranslateError):
    """models.yaml or another configuration file is invalid."""

    exit_code = 3


class ModelNotFoundError(TranslateError):
    """A model is not available locally (and could not be fetched)."""

    exit_code = 4


class GlossaryError(TranslateError):
    """A glossary file is malformed or an edit cannot be applied."""

    exit_code = 5


class OutputError(TranslateError):
    """An output cannot be written (exists without --force, would overwrite input, ...)."""

    exit_code = 6


class MemoryStoreError(TranslateError):
    """The translation memory file cannot be opened, read or written."""

    exit_code = 7


class JobError(TranslateError):
    """A batch job cannot start (its output folder is in use, inputs match nothing, ...)."""

    exit_code = 8
