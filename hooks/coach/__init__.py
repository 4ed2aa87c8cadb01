"""Follow-up Coach: load, check and render guidance.yaml. Plain Python, no MkDocs needed.

The site is made of sections. Each section module has:
  checks(located) -> list[Problem]         semantic checks beyond the JSON Schema
  render(guidance, lang) -> list[RenderedPage]
  nav(guidance, lang) -> list              its MkDocs nav entries, in site order
"""

from __future__ import annotations

from pathlib import Path

from . import checklist, message_templates, pages, wizard
from .guidance import Guidance
from .pages import RenderedPage
from .source import GuidanceError, Problem, load
from .validate import validate

# Site order: the nav lists the sections in this order.
SECTIONS = [pages, wizard, checklist, message_templates]


def load_guidance(path: Path | str) -> Guidance:
    """Parse and check the file; raise GuidanceError listing every problem found."""
    located = load(path)
    problems = validate(located, [section.checks for section in SECTIONS])
    if problems:
        raise GuidanceError(located.filename, problems)
    return Guidance(located.data)


def render_site(guidance: Guidance, lang: str) -> list[RenderedPage]:
    return [page for section in SECTIONS for page in section.render(guidance, lang)]


def navigation(guidance: Guidance, lang: str) -> list:
    entries = [entry for section in SECTIONS for entry in section.nav(guidance, lang)]
    return entries + pages.sources_nav(guidance, lang)


__all__ = ["Guidance", "GuidanceError", "Problem", "RenderedPage", "load_guidance", "navigation", "render_site"]
