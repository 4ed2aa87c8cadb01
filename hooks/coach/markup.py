"""HTML helpers for the Jinja templates: author Markdown as inline HTML, data as JSON for a page."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import markdown
from markupsafe import Markup, escape

_ONE_PARAGRAPH = re.compile(r"<p>(.*)</p>", re.S)


def inline_markdown(text: Any) -> Markup:
    """One line of author text (Markdown, never raw HTML: validate.check_texts refuses it) as inline HTML.

    For texts inside raw-HTML blocks, where MkDocs does not process Markdown. Rendering here keeps
    such a block the same on every page it appears on, whatever Markdown extensions that page has.
    """
    return _inline_markdown(" ".join(str(text).split()))


@functools.lru_cache(maxsize=8192)  # the same texts appear on many pages: convert each once per process
def _inline_markdown(text: str) -> Markup:
    html = markdown.markdown(text)
    match = _ONE_PARAGRAPH.fullmatch(html)
    return Markup(match.group(1) if match else html)


def json_attribute(data: Any) -> Markup:
    """Data for a page script, as the value of a data-* attribute on a hidden element.

    Not <script type="application/json">: Material's instant navigation re-creates every inline
    script of a new page as a plain <script> without its attributes, so JSON would run as code
    (a syntax error) and lose the attribute the page script looks for. An attribute is never run.
    `<`, `>` and `&` are also escaped inside the JSON, so no parser can mistake it for markup.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(escape(text))


def text_with_breaks(text: Any) -> Markup:
    """Plain text as HTML, escaped, with its line breaks kept as <br>."""
    return Markup("<br>".join(str(escape(line)) for line in str(text).split("\n")))
