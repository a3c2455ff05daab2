"""Translation backends, looked up by name and imported on first use."""

from __future__ import annotations

from .base import BackendInfo, DecodeOptions, Translator, translate_sorted

__all__ = ["BackendInfo", "DecodeOptions", "Translator", "translate_sorted"]
