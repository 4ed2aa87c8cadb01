"""Follow-up Coach's engine: load, check and render a guidance file. Plain Python, no MkDocs needed.

The site is made of sections. Each section module has:
  checks(guidance, located) -> list[Problem]      checks of meaning, beyond the model's structure
  render_pages(guidance, lang) -> list[RenderedPage]
  nav(guidance, lang) -> list                      its MkDocs nav entries, in site order
"""

from __future__ import annotations

from pathlib import Path

from . import anchors, checklist, drafts, guide, validate, wizard
from .model import LANGUAGES, Guidance
from .rendering import RenderedPage, shared_views
from .source import GuidanceError, Problem, load

# Site order: the nav lists the sections in this order.
SECTIONS = [guide, wizard, checklist, drafts]


def check(located) -> tuple[Guidance | None, list[Problem]]:
    """The model of a parsed file and every problem in it.

    Rendering is part of checking: only the rendered pages show which addresses and anchors the ids
    make. The pages of a sound file are kept with its model, so `render_site` costs nothing afterwards.
    """
    guidance, problems = validate.validate(located, [section.checks for section in SECTIONS])
    if guidance is None or problems:
        return guidance, problems
    rendered = {lang: _render(guidance, lang) for lang in LANGUAGES}
    found = [problem for pages in rendered.values() for problem in anchors.collisions(located, guidance, pages)]
    # The same collision shows in every language: report each place once.
    problems = list({(problem.line, problem.col, problem.message): problem for problem in found}.values())
    _rendered.clear()  # one checked file at a time (both languages of one build)
    if not problems:
        _rendered[id(guidance)] = (guidance, rendered)
    return guidance, problems


def load_guidance(path: Path | str) -> Guidance:
    """Parse and check the file; raise GuidanceError listing every problem found."""
    located = load(path)
    guidance, problems = check(located)
    if problems or guidance is None:
        raise GuidanceError(located.filename, problems)
    return guidance


# The rendered pages of the last sound file, by id(model); the model is kept too, so its id is not reused.
_rendered: dict[int, tuple[Guidance, dict[str, list[RenderedPage]]]] = {}


def _render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    with shared_views():
        return [page for section in SECTIONS for page in section.render_pages(guidance, lang)]


def render_site(guidance: Guidance, lang: str) -> list[RenderedPage]:
    kept = _rendered.get(id(guidance))
    return kept[1][lang] if kept else _render(guidance, lang)


def navigation(guidance: Guidance, lang: str) -> list:
    entries = [entry for section in SECTIONS for entry in section.nav(guidance, lang)]
    return entries + guide.sources_nav(guidance, lang)


__all__ = ["Guidance", "GuidanceError", "Problem", "RenderedPage", "SECTIONS", "check", "load_guidance",
           "navigation", "render_site"]
