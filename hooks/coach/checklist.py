"""The checklist section: items grouped by when to do them, with stable ids.

Any page can show checklist items with the macros in templates/checklist_items.j2; the browser
script keeps one stored tick per item id, so an item ticked on one page shows ticked on every page
that shows it. Plan pages (wizard) and template pages show items by id.
"""

from __future__ import annotations

import re

from .ids import dangling_list, unique_ids
from .model import LANGUAGES, Guidance
from .rendering import RenderedPage, in_language, render
from .source import Located, Problem, describe

PAGE = "checklist/index.md"

# A Markdown link target that is relative ("../guide/calling.md", "#top") breaks on pages at
# another depth, and checklist items appear on several pages.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _relative_links(located: Located, guidance: Guidance) -> list[Problem]:
    problems = []
    for item in guidance.checklist.all_items():
        for text in (item.action, item.detail):
            for lang in LANGUAGES if text else ():
                for target in _LINK_TARGET.findall(text.in_(lang)):
                    if not _ABSOLUTE.match(target):
                        where = text.path + (lang,)
                        problems.append(located.problem(where, f"{describe(where)}: link '{target}' is relative; "
                                                               "checklist items appear on several pages, so link "
                                                               "with a full https:// address"))
    return problems


def checks(guidance: Guidance, located: Located) -> list[Problem]:
    sources = {source.id for source in guidance.sources}
    problems = unique_ids(located, guidance.checklist.groups, "checklist group")[1]
    problems += unique_ids(located, guidance.checklist.all_items(), "checklist item")[1]
    for item in guidance.checklist.all_items():
        problems += dangling_list(located, item, "sources", sources, "source")
    return problems + _relative_links(located, guidance)


def items_by_id(guidance: Guidance, ids: list[str]) -> list:
    """The items with these ids, in the given order."""
    known = {item.id: item for item in guidance.checklist.all_items()}
    return [known[ident] for ident in ids]


def render_pages(guidance: Guidance, lang: str) -> list[RenderedPage]:
    view = in_language(guidance, lang)
    content = render("checklist.md.j2", {"checklist": view.checklist, "t": view.strings,
                                         "sources": {source.id: source for source in view.sources}, "up": "../"})
    return [RenderedPage(PAGE, content)]


def nav(guidance: Guidance, lang: str) -> list:
    return [{guidance.checklist.title.in_(lang): PAGE}]
