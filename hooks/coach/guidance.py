"""Checked guidance data, with lookups and one-language views for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("en", "de")


def localize(data: Any, lang: str) -> Any:
    """Replace every {en: ..., de: ...} text by its `lang` version, recursively."""
    if isinstance(data, dict):
        if set(data) == set(LANGUAGES):
            return data[lang]
        return {key: localize(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [localize(value, lang) for value in data]
    return data


@dataclass(frozen=True)
class Guidance:
    data: dict

    def view(self, lang: str) -> dict:
        """The whole content in one language; ids and structure unchanged."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
        return localize(self.data, lang)
