"""The templates section: wording people adapt and copy, one page per template at templates/<id>/."""

from __future__ import annotations

from .guidance import Guidance
from .pages import RenderedPage, environment
from .source import Located, Problem
from .validate import check_cited_sources, check_strings, items, unique_ids

INDEX = "templates/index.md"
REQUIRED_STRINGS = frozenset({"template_use_when"})


def page_path(template_id: str) -> str:
    return f"templates/{template_id}.md"


def template_ids(located: Located) -> set[str]:
    """Ids other sections may refer to (the wizard's plans do)."""
    return {item["id"] for _, item in items(located.data, "templates", "items") if isinstance(item.get("id"), str)}


def checks(located: Located) -> list[Problem]:
    entries = list(items(located.data, "templates", "items"))
    _, problems = unique_ids(located, entries, "template")
    return problems + check_cited_sources(located, entries) + check_strings(REQUIRED_STRINGS)(located)


def render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    view = guidance.view(lang)
    env = environment()
    context = {"section": view["templates"], "t": view["strings"],
               "sources": {source["id"]: source for source in view["sources"]}}
    rendered = [RenderedPage(INDEX, env.get_template("templates_index.md.j2").render(context))]
    page = env.get_template("template.md.j2")
    for item in view["templates"]["items"]:
        rendered.append(RenderedPage(page_path(item["id"]), page.render(context, template=item)))
    return rendered


def nav(guidance: Guidance, lang: str) -> list:
    section = guidance.view(lang)["templates"]
    return [{section["title"]: [INDEX] + [{item["title"]: page_path(item["id"])} for item in section["items"]]}]
