"""Addresses and anchors made from ids must be unique: a phase called `index` would replace the guide's
overview page, and a rule whose id equals a heading's anchor would give two elements one id.

The check reads the pages as rendered (Markdown with attribute lists and raw HTML), so it knows every
address and anchor the templates make, and points the author at each id that takes part in a collision.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from markdown.extensions.toc import slugify
from pydantic import BaseModel

from .model.base import walk_nodes
from .rendering import RenderedPage
from .source import Located, Problem

_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]*\{[^}]*#(?P<anchor>[\w-]+)[^}]*\})?[ \t]*$", re.M)
# `{ #id }` or `{: .class #id }`: the `#` opens the list or follows a space (not `&#34;` in escaped JSON).
_ATTRIBUTE_ID = re.compile(r"\{:?(?:[^}\n]*?[ \t])?#(?P<anchor>[\w-]+)[^}\n]*\}")
_DATA_ATTRIBUTE = re.compile(r'\sdata-[\w-]+="[^"]*"')  # page data for scripts: no ids in there
# `id="` not preceded by a word character (as `\bid=` would say, but starting with the literal `id`,
# so the regular expression engine skips ahead to each "id" instead of trying every position: 15x faster).
_HTML_ID = re.compile(r'id(?<!\wid)="(?P<anchor>[^"]+)"')
_FENCE = re.compile(r"^---\n.*?\n---\n", re.S)  # front matter is not part of the page


def page_anchors(markdown_text: str) -> list[str]:
    """Every id the page's HTML will carry: explicit `{ #id }`s, raw HTML ids, and heading slugs."""
    body = _DATA_ATTRIBUTE.sub("", _FENCE.sub("", markdown_text, count=1))
    anchors = [match["anchor"] for match in _HTML_ID.finditer(body)]
    for line in body.splitlines():  # most lines are neither a heading nor hold a `{`: skip them cheaply
        heading = _HEADING.match(line) if line.startswith("#") else None
        if heading and not heading["anchor"]:
            anchors.append(slugify(heading["title"], "-"))
        elif "{" in line:
            anchors += [match["anchor"] for match in _ATTRIBUTE_ID.finditer(line)]
    return [anchor for anchor in anchors if anchor]


def _ids_index(guidance: BaseModel) -> dict[str, list[BaseModel]]:
    """id -> the nodes that carry it; built once per check, since most collisions involve no author id."""
    index: dict[str, list[BaseModel]] = {}
    for node in walk_nodes(guidance):
        if isinstance(getattr(node, "id", None), str):
            index.setdefault(node.id, []).append(node)
    return index


def _located_ids(located: Located, ids: dict[str, list[BaseModel]], word: str, what: str) -> list[Problem]:
    return [located.problem(node.path + ("id",), f"id '{word}' {what}; choose another id") for node in ids.get(word, [])]


def _page_words(path: str) -> list[str]:
    """The ids that can make this address: `guide/x.md` comes from 'x'; `wizard/x/index.md` from 'x' or 'index'."""
    parts = path.removesuffix(".md").split("/")
    return parts[-1:] + (parts[-2:-1] if parts[-1] == "index" else [])


def collisions(located: Located, guidance: BaseModel, rendered: Iterable[RenderedPage]) -> list[Problem]:
    """Problems for every address produced twice and every anchor used twice on one page of one
    language's pages, located at the ids involved."""
    problems: list[Problem] = []
    pages = list(rendered)
    ids = _ids_index(guidance)
    for path, count in Counter(page.path for page in pages).items():
        if count > 1:
            for word in _page_words(path):
                problems += _located_ids(located, ids, word,
                                         f"makes the address {path.removesuffix('.md')}/ a second time "
                                         "(the site already has a page there)")
    for page in pages:
        if not page.path.endswith(".md"):
            continue
        for anchor, count in Counter(page_anchors(page.content)).items():
            if count > 1:
                problems += _located_ids(located, ids, anchor,
                                         f"is used {count} times as an anchor (#{anchor}) on the page "
                                         f"{page.path.removesuffix('.md')}/")
    return problems
