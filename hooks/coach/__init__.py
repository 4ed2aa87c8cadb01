"""Follow-up Coach's engine: load, check and render a guidance file. Plain Python, no MkDocs needed.

The site is made of sections. Each section module has:
  checks(guidance, located) -> list[Problem]      checks of meaning, beyond the model's structure
  render_pages(guidance, lang) -> list[RenderedPage]
  nav(guidance, lang) -> list                      its MkDocs nav entries, in site order
"""

from __future__ import annotations

from pathlib import Path

from . import checklist, drafts, guide, validate, wizard
from .model import Guidance
from .rendering import RenderedPage
from .source import GuidanceError, Problem, load

# Site order: the nav lists the sections in this order.
SECTIONS = [guide, wizard, checklist, drafts]


def check(located) -> tuple[Guidance | None, list[Problem]]:
    """The model of a parsed file and every problem in it."""
    return validate.validate(located, [section.checks for section in SECTIONS])


def load_guidance(path: Path | str) -> Guidance:
    """Parse and check the file; raise GuidanceError listing every problem found."""
    located = load(path)
    guidance, problems = check(located)
    if problems or guidance is None:
        raise GuidanceError(located.filename, problems)
    return guidance


def render_site(guidance: Guidance, lang: str) -> list[RenderedPage]:
    return [page for section in SECTIONS for page in section.render_pages(guidance, lang)]


def navigation(guidance: Guidance, lang: str) -> list:
    entries = [entry for section in SECTIONS for entry in section.nav(guidance, lang)]
    return entries + guide.sources_nav(guidance, lang)


__all__ = ["Guidance", "GuidanceError", "Problem", "RenderedPage", "SECTIONS", "check", "load_guidance",
           "navigation", "render_site"]
