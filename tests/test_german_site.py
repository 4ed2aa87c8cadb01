"""The built German site reads as German: no English words outside names, titles and marked quotes.

Everything a visitor of the German site can read is checked: the text of every page, the labels
screen readers announce (aria-label, title, alt, placeholder) and the texts the scripts show, which
travel in the pages' data attributes. Text marked as another language (lang="en": source titles and
quotes) is left out, and so are the names of the sources, which stay as their authors wrote them.
"""

from __future__ import annotations

import re

import pytest

from coach.source import strings_with_paths
from page_text import VisibleText

# Common English words that are not also German words (so "in", "an", "was", "also", "Not", "Last",
# "still", "Job" and "Team" are absent).
ENGLISH = frozenset("""
the and of to with your you for from this that these those what when which who whom whose why how is are were
been being or on at its if we our would could should can shall may might must has have had does did done after
before about into onto than then them they their there here only more most very just any each every some such
other another same both either neither nor yet already again ever never always often please thank thanks send
sent sending call called calling letter letters next step steps guide sources source date dates day days week
weeks business decision decide hiring follow down out over under between without within while until since
because though although however where yes none many much less least own long short role company employer
employers candidate candidates question questions answer answers copy copied remove add added open close change
skip menu search share previous
""".split())
# German loanwords and names that may stand in German text.
ALLOWED = ("Follow-up-Coach", "Career Center", "Northeastern University", "WILA Arbeitsmarkt", "Business Insider")
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:['’][a-z]+)?")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
FILE_NAME = re.compile(r"[\w.-]+\.(?:json|ics|xml)\b")
IDENTIFIER = re.compile(r"^[a-z0-9_.#/:-]*$")
SKIPPED_TAGS = {"script", "style", "svg", "code"}
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def visible_text() -> VisibleText:
    """The text a German visitor reads (not scripts, styles, code or text marked as another language),
    and the JSON the page's scripts read."""
    def skipped(tag: str, attrs: dict) -> bool:
        lang = attrs.get("lang")
        return tag in SKIPPED_TAGS or (lang is not None and not lang.startswith("de"))
    return VisibleText(skipped, READ_ATTRIBUTES)


def strings_in(value):
    return [text for _, text in strings_with_paths(value)]


def english_words(text: str, names: list[str]) -> list[str]:
    text = FILE_NAME.sub(" ", PLACEHOLDER.sub(" ", text))
    for name in names:
        text = text.replace(name, " ")
    return [word for word in WORD.findall(text) if word.lower() in ENGLISH]


@pytest.fixture(scope="module")
def names(guidance) -> list[str]:
    """Names and titles that stay as written: the sources' authors, publishers and titles."""
    found = [value for source in guidance.sources for value in (source.title, source.author, source.publisher)
             if value]
    return sorted(set(found) | set(ALLOWED), key=len, reverse=True)


def test_the_checker_finds_english_and_spares_names_and_marked_quotes(names):
    page = visible_text()
    page.feed('<p>Schicken Sie <span lang="en">the letter</span> an Career Trend.</p>'
              '<button aria-label="Close the menu">x</button><div data-x=\'{"label": "Send it now"}\'></div>')
    words = [word for text in page.texts for word in english_words(text, names)]
    words += [word for _, blob in page.data for text in strings_in(blob) for word in english_words(text, names)]
    assert words == ["Close", "the", "menu", "Send"]


def test_the_german_site_has_no_english_words(built_site, names):
    pages = sorted((built_site / "de").rglob("*.html"))
    assert len(pages) > 20
    found: dict[str, set[str]] = {}
    read = 0
    for page in pages:
        parser = visible_text()
        parser.feed(page.read_text(encoding="utf-8"))
        texts = list(parser.texts)
        texts += [text for _, blob in parser.data for text in strings_in(blob) if not IDENTIFIER.match(text)]
        read += sum(len(WORD.findall(text)) for text in texts)
        for text in texts:
            words = english_words(text, names)
            if words:
                found.setdefault(str(page.relative_to(built_site)), set()).add(
                    f"{' '.join(words)}: {' '.join(text.split())[:80]}")
    assert read > 50_000, "the pages' text was not read"
    assert not found, "\n".join(f"{page}: {hits}" for page, hits in sorted(found.items()))
