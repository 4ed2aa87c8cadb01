"""The guidance model: one typed description of guidance.yaml, read by every check and renderer.

guidance.schema.json is generated from it (`python -m coach.schema`).
"""

from __future__ import annotations

from pydantic import Field

from .base import LANGUAGE_NAMES, LANGUAGES, ByLanguage, LabelSet, Node, Params, Text, assign_paths, walk_nodes
from .content import (Checklist, ChecklistItem, Pages, Phase, Recommendation, Site, SiteStrings, Source,
                      Statistic)
from .drafts import Templates
from .wizard import Timing, Wizard


class Guidance(Node):
    """All coaching content of a site, in every language."""

    site: Site
    strings: SiteStrings
    sources: list[Source] = Field(min_length=1, description="Everything the advice cites. Exactly one source is "
                                                            "the primary source article.")
    statistics: list[Statistic] = Field(description="Survey figures. Each carries its year and sample so readers "
                                                    "can judge its age and weight.")
    timings: list[Timing] = Field([], description="Every deadline and waiting period, declared once; texts "
                                                  "state them as {id} or {id_by}, wizard steps name them.")
    wizard: Wizard
    pages: Pages
    phases: list[Phase] = Field(min_length=1, description="The guide, in the order things happen. Each phase is "
                                                          "one page at guide/<id>/.")
    checklist: Checklist
    templates: Templates

    def recommendations(self) -> list[tuple[Phase, Recommendation]]:
        return [(phase, rec) for phase in self.phases for rec in phase.recommendations]

    def view(self, lang: str) -> dict:
        """The whole content as plain data in one language (for tests and tools, not for the renderers)."""
        return _localize(self.model_dump(by_alias=True, exclude_none=True), lang)


def _localize(data, lang):
    if isinstance(data, dict):
        if set(data) == set(LANGUAGES):
            return data[lang]
        return {key: _localize(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [_localize(value, lang) for value in data]
    return data


__all__ = ["ByLanguage", "Guidance", "LANGUAGES", "LANGUAGE_NAMES", "LabelSet", "Node", "Params", "Text",
           "assign_paths", "walk_nodes"]
