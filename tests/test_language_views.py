"""One-language views of the model: each converts an attribute once, and while a site renders every page
shares the one view of a node, so the build converts each text once instead of once per page."""

from __future__ import annotations

import contextlib

import coach
from coach import rendering
from coach.model import LANGUAGES, Node, Text
from coach.rendering import in_language, shared_views


class Card(Node):
    title: Text
    items: list[Text]


def card() -> Card:
    return Card.model_validate({"title": {"en": "Hello", "de": "Hallo"},
                                "items": [{"en": "one", "de": "eins"}, {"en": "two", "de": "zwei"}]})


def test_a_view_converts_each_attribute_once():
    view = in_language(card(), "de")
    assert view.title == "Hallo"
    assert view.items == ["eins", "zwei"]
    assert view.items is view.items
    assert view["title"] == "Hallo"


def test_views_are_shared_only_while_a_site_renders():
    node = card()
    assert in_language(node, "en") is not in_language(node, "en")
    with shared_views():
        assert in_language(node, "en") is in_language(node, "en")
        assert in_language(node, "de") is not in_language(node, "en")
        assert in_language(node, "de").title == "Hallo"
    assert in_language(node, "en") is not in_language(node, "en")


def test_a_model_changed_between_renders_is_shown_as_changed():
    node = card()
    with shared_views():
        assert in_language(node, "en").title == "Hello"
    node.title.en = "Changed"
    with shared_views():
        assert in_language(node, "en").title == "Changed"


def test_shared_views_change_no_page(guidance, monkeypatch):
    shared = {lang: coach._render(guidance, lang) for lang in LANGUAGES}
    monkeypatch.setattr(coach, "shared_views", contextlib.nullcontext)
    assert rendering._shared is None
    separate = {lang: coach._render(guidance, lang) for lang in LANGUAGES}
    assert shared == separate
