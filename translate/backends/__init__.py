"""Translation backends, looked up by name and imported on first use."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from translate.backends.base import BackendInfo, DecodeOptions, Translator, translate_sorted
from translate.errors import ConfigError

if TYPE_CHECKING:
    from translate.registry import ModelSpec, Registry

# backend name (models.yaml `backend:`) -> "module:Class"; imported only when a model is loaded,
# because the modules import torch / ctranslate2. Each class has `from_located(located, device=)`.
BACKENDS: dict[str, str] = {
    "transformers": "translate.backends.marian:MarianTranslator",
    "ctranslate2": "translate.backends.ct2:CT2Translator",
}


def backend_class(name: str) -> Any:
    """Import and return the translator class registered for backend `name`.

    Raises:
        ConfigError: no such backend, or its library is not installed.
    """
    target = BACKENDS.get(name)
    if target is None:
        raise ConfigError(
            f"backend '{name}' is not available (available: {', '.join(sorted(BACKENDS))})"
        )
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(
            f"backend '{name}' cannot be used: {exc} (install it, or choose another --backend)"
        ) from None
    return getattr(module, class_name)


def decode_options(spec: ModelSpec | None) -> DecodeOptions:
    """DecodeOptions from a translation spec's `decoding:` defaults (DecodeOptions' own otherwise)."""
    if spec is None:
        return DecodeOptions()
    known = {f.name for f in fields(DecodeOptions)}
    return DecodeOptions(**{k: v for k, v in spec.decoding.items() if k in known})


def load_translator(
    model: str | None = None,
    *,
    device: str = "auto",
    registry: Registry | None = None,
    download: bool | None = None,
    backend: str | None = None,
) -> tuple[Translator, DecodeOptions]:
    """Locate and load a translation model, with its decoding defaults from models.yaml.

    Args:
        model: a models.yaml name or a model directory; None: the default translation model.
        device: auto | cpu | cuda | cuda:N.
        registry: the registry to use; None loads models.yaml.
        download: passed to `translate.hub.locate` (None: fetch unless offline).
        backend: "ctranslate2" or "transformers"; None: the models.yaml entry's `backend:`, else
            the fastest installed (ctranslate2, converting the snapshot once into the cache;
            transformers otherwise), for a model given as a directory too.

    Returns:
        The loaded translator and the DecodeOptions to use by default.

    Raises:
        ModelNotFoundError: the model is unknown or not available locally.
        ConfigError: bad models.yaml, wrong task, unknown backend or device.
    """
    from translate.hub import locate
    from translate.registry import load_registry

    registry = registry if registry is not None else load_registry()
    name = model if model is not None else registry.default("translation").name
    located = locate(name, task="translation", registry=registry, download=download)
    if backend is None:
        backend = (located.spec.backend if located.spec is not None else None) or default_backend()
    translator = backend_class(backend).from_located(located, device=device)
    return translator, decode_options(located.spec)


def default_backend() -> str:
    """ctranslate2 when it is installed, else transformers (checked without importing it)."""
    return "ctranslate2" if importlib.util.find_spec("ctranslate2") is not None else "transformers"


__all__ = [
    "BACKENDS",
    "BackendInfo",
    "DecodeOptions",
    "Translator",
    "backend_class",
    "decode_options",
    "default_backend",
    "load_translator",
    "translate_sorted",
]
