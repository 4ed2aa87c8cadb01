"""Built pages read without a browser: a small element tree from the standard library's HTML parser,
and plain links resolved as a browser resolves them, against the site folder on disk."""

from __future__ import annotations

import functools
import html.parser
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list = field(default_factory=list)  # Elements and text strings, in document order

    def text(self) -> str:
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join("".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, attr: str | None = None, value: str | None = None) -> list[Element]:
        """Descendants with this tag (any if None) that carry `attr` (equal to `value`, if given)."""
        return [e for e in self.iter()
                if (tag is None or e.tag == tag) and (attr is None or attr in e.attrs)
                and (value is None or e.attrs.get(attr) == value)]

    def find(self, tag: str | None = None, attr: str | None = None, value: str | None = None) -> Element | None:
        found = self.find_all(tag, attr, value)
        return found[0] if found else None


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {name: value or "" for name, value in attrs}, self.current))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag (HTML allows some) changes nothing.
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


class Site:
    """A built site on disk, its pages addressed as the server addresses them ("" is the home page)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def file_of(self, address: str) -> Path | None:
        """The file a static server sends for this site-relative address, or None (a 404)."""
        path = self.folder / address
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    @functools.lru_cache(maxsize=None)
    def page(self, address: str) -> Element:
        file = self.file_of(address)
        assert file is not None, f"/{address} does not exist in the built site"
        builder = _TreeBuilder()
        builder.feed(file.read_text(encoding="utf-8"))
        builder.close()
        return builder.root

    def link(self, address: str, href: str) -> str | None:
        """The site-relative address a plain link on page `address` leads to, fragment and query dropped
        ("guide" and "guide/" both give "guide/" when guide/ is a folder), or None when it leaves the site
        (another scheme or host, or above the site root)."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        if not parts.path:
            return address
        base = posixpath.dirname("/" + address)
        joined = posixpath.normpath(posixpath.join(base, parts.path))
        if not joined.startswith("/") or joined.startswith("//"):
            return None
        normal = joined.lstrip("/")
        if normal and (self.folder / normal).is_dir():
            normal += "/"
        return normal
