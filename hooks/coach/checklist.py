"""The checklist section: items grouped by when to do them, with stable ids.

Any page can show checklist items with the macros in templates/checklist_items.j2; the browser
script (docs/assets/javascripts/checklist.js) keeps one stored tick per item id, so an item ticked
on one page shows ticked on every page that shows it. Plan pages (wizard) use `items_for` and those
macros; template pages show the items their template lists.
"""

from __future__ import annotations

import re

from .guidance import Guidance
from .pages import RenderedPage, environment
from .placeholders import check_label_parameters
from .source import Located, Path_, Problem, describe
from .validate import LANGUAGES, check_cited_sources, items, unique_ids

PAGE = "checklist/index.md"
# Parameters the page fills into each label; every other label is plain text.
LABEL_PARAMETERS = {"progress": frozenset({"done", "total"})}

# A Markdown link target that is relative ("../guide/calling.md", "#top") breaks on pages at
# another depth, and checklist items appear on several pages.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def item_entries(data) -> list[tuple[Path_, dict]]:
    return [(group_path + ("items", index), item)
            for group_path, group in items(data, "checklist", "groups")
            for index, item in enumerate(group.get("items") or [])
            if isinstance(item, dict)]


def item_ids(located: Located) -> dict[str, Path_]:
    """Ids other sections may refer to (template pages and plans show items by id)."""
    return {item["id"]: path for path, item in item_entries(located.data) if isinstance(item.get("id"), str)}


def _relative_links(located: Located, entries: list[tuple[Path_, dict]]) -> list[Problem]:
    problems = []
    for path, item in entries:
        for field in ("action", "detail"):
            text = item.get(field)
            for lang in LANGUAGES:
                value = text.get(lang) if isinstance(text, dict) else None
                for target in _LINK_TARGET.findall(value if isinstance(value, str) else ""):
                    if not _ABSOLUTE.match(target):
                        where = path + (field, lang)
                        problems.append(located.problem(where, f"{describe(where)}: link '{target}' is relative; "
                                                               "checklist items appear on several pages, so link "
                                                               "with a full https:// address"))
    return problems


def checks(located: Located) -> list[Problem]:
    entries = item_entries(located.data)
    _, problems = unique_ids(located, list(items(located.data, "checklist", "groups")), "checklist group")
    _, more = unique_ids(located, entries, "checklist item")
    return (problems + more + check_cited_sources(located, entries) + _relative_links(located, entries)
            + check_label_parameters(located, ("checklist", "labels"), LABEL_PARAMETERS))


def items_for(view: dict, channel: str | None = None) -> list[dict]:
    """Checklist items (one language view) that apply to a plan using `channel`; all if None."""
    return [item for group in view["checklist"]["groups"] for item in group["items"]
            if channel is None or channel in item.get("channels", [channel])]


def items_by_id(view: dict, ids: list[str]) -> list[dict]:
    """The items with these ids (one language view), in the given order."""
    known = {item["id"]: item for group in view["checklist"]["groups"] for item in group["items"]}
    return [known[ident] for ident in ids]


def render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    view = guidance.view(lang)
    template = environment().get_template("checklist.md.j2")
    sources = {source["id"]: source for source in view["sources"]}
    content = template.render(checklist=view["checklist"], t=view["strings"], sources=sources, up="../")
    return [RenderedPage(PAGE, content)]


def nav(guidance: Guidance, lang: str) -> list:
    return [{guidance.view(lang)["checklist"]["title"]: PAGE}]
