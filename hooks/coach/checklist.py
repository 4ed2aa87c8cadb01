"""The checklist section: items grouped by when to do them, with stable ids.

Plan pages (wizard) reuse `items_for` and the checklist item markup in checklist_items.j2,
so a tick on a plan page and on the checklist page is the same stored tick.
"""

from __future__ import annotations

from .guidance import Guidance
from .pages import RenderedPage, environment
from .source import Located, Problem
from .validate import check_cited_sources, items, unique_ids

PAGE = "checklist/index.md"


def _item_entries(data) -> list:
    return [(group_path + ("items", index), item)
            for group_path, group in items(data, "checklist", "groups")
            for index, item in enumerate(group.get("items") or [])
            if isinstance(item, dict)]


def checks(located: Located) -> list[Problem]:
    entries = _item_entries(located.data)
    _, problems = unique_ids(located, list(items(located.data, "checklist", "groups")), "checklist group")
    _, more = unique_ids(located, entries, "checklist item")
    return problems + more + check_cited_sources(located, entries)


def items_for(view: dict, channel: str | None = None) -> list[dict]:
    """Checklist items (one language view) that apply to a plan using `channel`; all if None."""
    return [item for group in view["checklist"]["groups"] for item in group["items"]
            if channel is None or channel in item.get("channels", [channel])]


def render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    view = guidance.view(lang)
    template = environment().get_template("checklist.md.j2")
    sources = {source["id"]: source for source in view["sources"]}
    content = template.render(checklist=view["checklist"], t=view["strings"], sources=sources, up="../")
    return [RenderedPage(PAGE, content)]


def nav(guidance: Guidance, lang: str) -> list:
    return [{guidance.view(lang)["checklist"]["title"]: PAGE}]
