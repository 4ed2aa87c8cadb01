"""HTML helpers for the Jinja templates: author Markdown as inline HTML, data as JSON for a page."""

from __future__ import annotations

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
    html = markdown.markdown(" ".join(str(text).split()))
    match = _ONE_PARAGRAPH.fullmatch(html)
    return Markup(match.group(1) if match else html)


def script_json(data: Any) -> Markup:
    """JSON to put inside <script type="application/json">: `<`, `>` and `&` escaped, so no text
    can close the script element or look like markup to any parser."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def text_with_breaks(text: Any) -> Markup:
    """Plain text as HTML, escaped, with its line breaks kept as <br>."""
    return Markup("<br>".join(str(escape(line)) for line in str(text).split("\n")))
