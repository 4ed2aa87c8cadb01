"""What a visitor reads on a built page: its text, some attributes, and the JSON its scripts show."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
             "track", "wbr"}


class VisibleText(HTMLParser):
    """`texts`: the text and the `attributes` of elements that are not skipped; `data`: (skipped, JSON) of
    every data-* attribute holding JSON. An element is skipped when `skip(tag, attrs)` says so, or its
    parent is skipped."""

    def __init__(self, skip: Callable[[str, dict], bool], attributes: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.attributes = attributes
        self.open: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []
        self.data: list[tuple[bool, object]] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        skipped = (bool(self.open) and self.open[-1][1]) or self.skip(tag, attrs)
        if not skipped:
            self.texts += [attrs[name] for name in self.attributes if attrs.get(name)]
        for name, value in attrs.items():
            if name.startswith("data-") and value and value[0] in "[{":
                self.data.append((skipped, json.loads(value)))
        if tag not in VOID_TAGS:
            self.open.append((tag, skipped))

    def handle_endtag(self, tag) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data) -> None:
        if not (self.open and self.open[-1][1]):
            self.texts.append(data)
