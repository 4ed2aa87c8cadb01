"""Shared by every section: the rendered page, the Jinja environment, one-language views and links.

The environment is built once per process; templates see the model through a LanguageView, so
`rec.title` is the text in the page's language and the templates never pick a language themselves.
"""

from __future__ import annotations

import contextlib
import functools
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .labels import fill
from .markup import inline_markdown, json_attribute, text_with_breaks
from .model import LANGUAGES, ByLanguage, Node

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class RenderedPage:
    """A generated file: a Markdown page (front matter first) or any other asset, e.g. JSON."""

    path: str  # relative to docs/, e.g. "guide/before-you-leave.md"
    content: str


class LanguageView:
    """A model node as one language sees it: texts are strings, nested nodes are views too.

    A view converts each attribute once and keeps it as its own attribute, which later reads find
    without calling __getattr__ (pages read the same labels and texts again and again). So the model
    must not change while its views are in use: views are made after the checks.
    """

    def __init__(self, node: Node, lang: str):
        self._node = node
        self._lang = lang

    def __getattr__(self, name: str) -> Any:  # only for attributes not converted yet
        value = in_language(getattr(self._node, name), self._lang)
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> Any:
        try:
            return self.__getattr__(name)
        except AttributeError:
            raise KeyError(name) from None

    def data(self) -> Any:
        """Plain data in this language, e.g. for a page script."""
        return in_language(self._node.model_dump(by_alias=True, exclude_none=True, mode="json"), self._lang,
                           plain=True)


# While a site renders (shared_views): the one view of each node in each language, by id(node).
_shared: dict[tuple[int, str], LanguageView] | None = None


@contextlib.contextmanager
def shared_views() -> Iterator[None]:
    """Inside, every page gets the same view of a node, so what one page converted the next reuses.
    For rendering a checked model only (it must not change meanwhile); the views keep their nodes
    alive, so no id is reused while they are kept."""
    global _shared
    outer = _shared
    _shared = {} if outer is None else outer
    try:
        yield
    finally:
        _shared = outer


def in_language(value: Any, lang: str, *, plain: bool = False) -> Any:
    """`value` in one language: texts become strings, nodes LanguageViews, lists and dicts follow."""
    if isinstance(value, ByLanguage):
        return in_language(value.in_(lang), lang)
    if isinstance(value, Node):
        if _shared is None:
            return LanguageView(value, lang)
        view = _shared.get((id(value), lang))
        if view is None:
            view = _shared[id(value), lang] = LanguageView(value, lang)
        return view
    if isinstance(value, dict):
        if plain and value and set(value) <= set(LANGUAGES):
            return in_language(value.get(lang), lang, plain=True)
        return {key: in_language(item, lang, plain=plain) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [in_language(item, lang, plain=plain) for item in value]
    return value


class _OptionalUndefined(jinja2.StrictUndefined):
    """Printing a missing field fails the build, but `{% if item.optional %}` may test for it."""

    def __bool__(self) -> bool:
        return False


def _json_default(value: Any) -> Any:
    if isinstance(value, LanguageView):
        return value.data()
    raise TypeError(f"cannot publish {type(value).__name__} as JSON")


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of the process (templates are reloaded when their files change)."""
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
    env.filters["json_attribute"] = lambda data: json_attribute(data, default=_json_default)
    env.filters["text_with_breaks"] = text_with_breaks
    env.filters["fill"] = fill
    return env


def render(name: str, context: dict, /, **more: Any) -> str:
    return environment().get_template(name).render(context, **more)


# --- links between generated pages (paths relative to docs/, as MkDocs checks them) --------------------

def relative(target: str, page: str) -> str:
    """A Markdown link from `page` to `target`, both .md paths relative to docs/."""
    return posixpath.relpath(target, posixpath.dirname(page))


def page_url(page: str) -> str:
    """The directory URL of a page, relative to the site root: wizard/plan/x.md -> wizard/plan/x/."""
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def href(target: str, page: str) -> str:
    """A URL from the page at `page` to the page at `target` (both .md paths), for links built by script."""
    link = posixpath.relpath(page_url(target) or ".", page_url(page) or ".")
    return link + "/" if link != "." else "./"


def up(page: str) -> str:
    """From a page's URL back to the site root, e.g. ../../../ for wizard/plan/x/."""
    return "../" * page_url(page).count("/")
