"""The guide section: home page, guide pages per phase and the sources page, per language.

A section module offers REQUIRED_STRINGS, checks(located), render(guidance, lang) and
nav(guidance, lang); coach/__init__.py lists the sections the site is made of.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .guidance import Guidance
from .markup import check_markup, inline_markdown, json_attribute, text_with_breaks
from .source import Located, Problem
from .validate import check_references, check_strings, check_texts

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Labels the page templates use; validation fails, located, if one is missing from strings:.
REQUIRED_STRINGS = frozenset({
    "nav_home", "nav_guide", "nav_sources", "why", "sources_label", "beyond_source", "from_source",
    "in_figures", "figure_sample", "avoid_label", "guide_phases", "statistics_heading", "statistics_age_note",
    "home_now_heading", "cited_by", "not_found_heading", "not_found_text",
})


@dataclass(frozen=True)
class RenderedPage:
    """A generated file: a Markdown page (front matter first) or any other asset, e.g. JSON."""

    path: str  # relative to docs/, e.g. "guide/before-you-leave.md"
    content: str


class _OptionalUndefined(jinja2.StrictUndefined):
    """Printing a missing field fails the build, but `{% if item.optional %}` may test for it."""

    def __bool__(self) -> bool:
        return False


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=_OptionalUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # output is Markdown; attribute values are escaped explicitly with |e
    )
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    # For raw-HTML blocks (checklist items, template pages), where MkDocs does not process Markdown.
    env.filters["inline_markdown"] = inline_markdown
    env.filters["json_attribute"] = json_attribute
    env.filters["text_with_breaks"] = text_with_breaks
    return env


def phase_path(phase_id: str) -> str:
    return f"guide/{phase_id}.md"


def _context(guidance: Guidance, lang: str) -> dict:
    view = guidance.view(lang)
    sources = {source["id"]: source for source in view["sources"]}
    statistics = {stat["id"]: stat for stat in view["statistics"]}
    cited_by: dict[str, list[dict]] = {ident: [] for ident in sources}
    for phase in view["phases"]:
        for rec in phase["recommendations"]:
            for ref in rec["sources"]:
                cited_by[ref].append({"phase": phase, "rec": rec})
    return {
        "lang": lang,
        "site": view["site"],
        "t": view["strings"],
        "pages": view["pages"],
        "phases": view["phases"],
        "phase_by_id": {phase["id"]: phase for phase in view["phases"]},
        "sources": sources,
        "statistics": statistics,
        "cited_by": cited_by,
        "phase_path": phase_path,
        # The home page is the hub: it introduces the other sections by their own titles.
        "tools": [(view["wizard"], "wizard/index.md"), (view["checklist"], "checklist/index.md"),
                  (view["templates"], "templates/index.md")],
    }


def render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    env = environment()
    context = _context(guidance, lang)
    pages = [
        RenderedPage("index.md", env.get_template("home.md.j2").render(context)),
        RenderedPage("guide/index.md", env.get_template("guide_index.md.j2").render(context)),
        RenderedPage("sources.md", env.get_template("sources.md.j2").render(context)),
    ]
    phase_template = env.get_template("phase.md.j2")
    for index, phase in enumerate(context["phases"]):
        pages.append(RenderedPage(phase_path(phase["id"]), phase_template.render(context, phase=phase, number=index + 1)))
    return pages


def nav(guidance: Guidance, lang: str) -> list:
    """Nav entries: home and the guide in time order. Sources go last (see SOURCES_NAV)."""
    view = guidance.view(lang)
    strings = view["strings"]
    guide = ["guide/index.md"] + [{phase["title"]: phase_path(phase["id"])} for phase in view["phases"]]
    return [{strings["nav_home"]: "index.md"}, {strings["nav_guide"]: guide}]


def not_found(guidance: Guidance, lang: str) -> list[dict]:
    """The 404 page's texts, this language first. Static hosts serve the root 404.html for every
    missing address, German ones too, so each 404 page carries both languages."""
    entries = []
    for code in sorted(("en", "de"), key=lambda code: code != lang):
        strings = guidance.view(code)["strings"]
        entries.append({"lang": code, "heading": strings["not_found_heading"],
                        "text": inline_markdown(strings["not_found_text"]), "home": strings["nav_home"]})
    return entries


def sources_nav(guidance: Guidance, lang: str) -> list:
    return [{guidance.view(lang)["strings"]["nav_sources"]: "sources.md"}]


def checks(located: Located) -> list[Problem]:
    return check_texts(located) + check_markup(located) + check_references(located) + check_strings(REQUIRED_STRINGS)(located)
