"""HTML from author text, and the check that author text cannot carry script or foreign content.

Author texts are Markdown. Markdown with `attr_list` (which the site's pages need) turns
`*x*{ onclick=... }` into a real attribute, and a browser decodes entities in a link
(`javascript&#58;...`) before it looks at the scheme. So the check renders each text the way the
site does and looks at the HTML that comes out, against an allowlist: nh3 (ammonia) is the judge,
and a text is refused, located, whenever sanitising would change its HTML.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3
from markupsafe import Markup, escape

from .source import Located, Path_, Problem, describe, strings_with_paths

# A code span shows its characters as they are; a link's scheme as written in Markdown.
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_LINK_SCHEME = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)([a-zA-Z][a-zA-Z0-9+.-]*):", re.M)

# What author Markdown may produce: text structure, emphasis, links, lists, local images.
ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "hr",
                "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "img"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
LINK_SCHEMES = {"http", "https", "mailto"}
# The extensions of mkdocs.yml that act on text (toc only adds ids and anchors to headings).
SITE_EXTENSIONS = ["attr_list", "def_list", "admonition", "md_in_html"]

_ONE_PARAGRAPH = re.compile(r"<p>(.*)</p>", re.S)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Attributes that change behaviour even when written bare, as `{hidden}`: never a placeholder.
_BEHAVIOUR = {"style", "hidden", "autofocus", "inert", "contenteditable", "popover", "draggable", "tabindex",
              "accesskey", "dir", "lang", "is", "slot", "nonce", "href", "src", "srcset", "action", "formaction",
              "target", "download", "ping", "rel", "role", "id", "class", "open", "srcdoc"}


def _sanitize(fragment: str) -> str:
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=LINK_SCHEMES,
                     link_rel=None, strip_comments=True)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=SITE_EXTENSIONS)


def inline_markdown(text: Any) -> Markup:
    """One line of author text (Markdown, never raw HTML: check_markup refuses it) as inline HTML.

    For texts inside raw-HTML blocks, where MkDocs does not process Markdown. Rendering here keeps
    such a block the same on every page it appears on, whatever Markdown extensions that page has.
    Sanitised as well, though check_markup has already refused anything the sanitiser would remove.
    """
    return _inline_markdown(" ".join(str(text).split()))


_INLINE = markdown.Markdown()  # plain Markdown, no extensions; reset before each text


@functools.lru_cache(maxsize=8192)  # the same texts appear on many pages: convert each once per process
def _inline_markdown(text: str) -> Markup:
    html_text = _sanitize(_INLINE.reset().convert(text))
    match = _ONE_PARAGRAPH.fullmatch(html_text)
    return Markup(match.group(1) if match else html_text)


def json_attribute(data: Any, default: Any = None) -> Markup:
    """Data for a page script, as the value of a data-* attribute on a hidden element.

    Not <script type="application/json">: Material's instant navigation re-creates every inline
    script of a new page as a plain <script> without its attributes, so JSON would run as code
    (a syntax error) and lose the attribute the page script looks for. An attribute is never run.
    `<`, `>` and `&` are also escaped inside the JSON, so no parser can mistake it for markup.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=default)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(escape(text))


def text_with_breaks(text: Any) -> Markup:
    """Plain text as HTML, escaped, with its line breaks kept as <br>."""
    return Markup("<br>".join(str(escape(line)) for line in str(text).split("\n")))


# --- the check -----------------------------------------------------------------------------------

Elements = list[tuple[str, list[tuple[str, str | None]]]]  # (tag, [(attribute, value)]) in document order


class _Elements(HTMLParser):
    """Start tags with their attributes (values decoded, as a browser reads them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def _elements(fragment: str) -> Elements:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.found


def _url_scheme(url: str) -> str | None:
    """The scheme a browser sees: it drops tabs and newlines and leading spaces or controls first."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def _is_placeholder(name: str, value: str | None, text: str) -> bool:
    """`{company}` in a text that is filled in is a placeholder; attr_list would read it as an attribute."""
    return (value in (None, "", name) and re.fullmatch(r"[a-z][a-z0-9_]*", name) is not None
            and not name.startswith("on") and name not in _BEHAVIOUR
            and re.search(r"\{\s*" + re.escape(name) + r"\s*\}", text) is not None)


def _findings(text: str, elements: Elements) -> Iterator[tuple[str, list[str]]]:
    """(message, where to look in the text) for each element (of its HTML) the allowlist refuses."""
    for tag, attrs in elements:
        if tag not in ALLOWED_TAGS:
            yield f"produces the HTML element <{tag}>, which is not allowed (raw HTML or an extension)", ["<", tag]
            continue
        for name, value in attrs:
            if name in ALLOWED_ATTRIBUTES.get(tag, ()) or _is_placeholder(name, value, text):
                continue
            kind = "an event handler that runs script" if name.startswith("on") else (
                "inline styling" if name == "style" else "an attribute")
            yield (f"gives <{tag}> the attribute '{name}' ({kind}); attribute lists "
                   "(`{ ... }` after an element) are not allowed in texts", [name, "{"])
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            scheme = _url_scheme(values["href"])
            if scheme == "//" or (scheme is not None and scheme not in LINK_SCHEMES):
                shown = "a link without a scheme to another site ('//')" if scheme == "//" else f"'{scheme}:'"
                yield (f"links may use https:, http: or mailto:, not {shown} (the browser reads "
                       f"{values['href'][:40]!r})", ["](", "]:", values["href"][:12], "&"])
        if tag == "img" and values.get("src") is not None and _url_scheme(values["src"]) is not None:
            yield (f"shows an image that is not a file of this site ({values['src'][:60]!r}); the site never "
                   "loads anything from another origin: put the image in docs/ and link it relatively", ["![", values["src"][:12]])


def _normalised(elements: Elements) -> list:
    return [(tag, sorted((name, value or "") for name, value in attrs)) for tag, attrs in elements]


def _contexts(text: str) -> list[str]:
    """The text as the site places it: a paragraph, and (first line) a heading, where
    attr_list also reads `{ ... }` at the end of the line."""
    return [text, "# " + text.split("\n", 1)[0]]


def markup_problems(text: str, md: markdown.Markdown | None = None) -> list[tuple[str, list[str]]]:
    """What is wrong with the HTML this author text produces: (message, needles to locate it)."""
    if not any(mark in text for mark in "{&<["):
        return []  # without these, Markdown makes no attribute, link, image or element beyond emphasis
    md = md or _markdown()
    found: list[tuple[str, list[str]]] = []
    for context in _contexts(text):
        md.reset()
        fragment = md.convert(context)
        elements = _elements(fragment)
        for finding in _findings(text, elements):
            if finding not in found:
                found.append(finding)
        if not found:
            # The allowlist itself is the judge: anything the sanitiser would change is refused.
            kept = [(tag, [(n, v) for n, v in attrs if not _is_placeholder(n, v or None, text)])
                    for tag, attrs in _normalised(elements)]
            if _normalised(_elements(_sanitize(fragment))) != kept:
                found.append(("produces HTML the sanitiser would change; use plain Markdown", ["{", "&", "<", "["]))
    return found


# What coach.validate reports already (raw HTML, plainly written schemes): not reported twice.
_RAW_HTML = re.compile(r"<[a-zA-Z/!?]")


def check_markup(located: Located) -> list[Problem]:
    """Every text whose HTML carries script, styling, foreign links or images, located in the text."""
    md = _markdown()
    findings: dict[str, list[tuple[str, list[str]]]] = {}  # by text: many texts appear more than once
    problems = []
    for path, text in strings_with_paths(located.data):
        visible = _CODE_SPAN.sub("", text)
        if _RAW_HTML.search(visible):
            continue  # refused as raw HTML, whatever it holds
        if text not in findings:
            findings[text] = markup_problems(text, md)
        written_schemes = {scheme.lower() for scheme in _LINK_SCHEME.findall(visible)}
        for message, needles in findings[text]:
            if any(message.startswith(f"links may use https:, http: or mailto:, not '{s}:'") for s in written_schemes):
                continue  # written out plainly: coach.validate reports it already
            problems.append(located.problem_inside(path, needles, f"{describe(path)}: {message}"))
    return problems

