"""Rendering: every recommendation shows why and its sources, in both languages, nothing left in English."""

from __future__ import annotations

import re

import pytest

import coach
from coach.labels import fill
from coach.model import LANGUAGES, Text, walk_nodes


def rendered(guidance, lang) -> dict[str, str]:
    return {page.path: page.content for page in coach.render_site(guidance, lang)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_recommendation_shows_why_and_links_its_sources(guidance, lang):
    view = guidance.view(lang)
    pages = rendered(guidance, lang)
    strings = view["strings"]
    for phase in view["phases"]:
        page = pages[f"guide/{phase['id']}.md"]
        for rec in phase["recommendations"]:
            section = page.split(f"{{ #{rec['id']} }}", 1)[1].split("\n## ", 1)[0]
            assert f"**{strings['why']}** {rec['because']}" in section
            for citation in rec["sources"]:
                assert f"(../sources.md#{citation['source']})" in section, (rec["id"], citation)
            label = strings["beyond_source"] if rec.get("beyond_source") else strings["from_source"]
            assert label in section, rec["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_statistics_carry_year_and_sample(guidance, lang):
    view = guidance.view(lang)
    pages = rendered(guidance, lang)
    everything = "\n".join(pages.values())
    for stat in view["statistics"]:
        expected = fill(view["strings"]["figure_sample"], year=stat["year"], sample=stat["sample"])
        assert expected in everything, stat["id"]


def test_german_pages_contain_no_english_text(guidance):
    german = "\n".join(rendered(guidance, "de").values())
    # Quotes and titles in English are marked as such (lang="en") and may stand on German pages.
    german = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', "", german, flags=re.S)
    german = " ".join(german.split())
    leaks = []
    for text in walk_nodes(guidance):
        if not isinstance(text, Text):
            continue
        english = " ".join(text.en.split())
        if english != " ".join(text.de.split()) and len(english) > 20 and english in german:
            leaks.append(english)
    assert not leaks


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_have_title_and_description_front_matter(guidance, lang):
    for path, content in rendered(guidance, lang).items():
        if not path.endswith(".md"):
            continue
        # Title and description first; further keys (search, hide) may follow.
        match = re.match(r'---\ntitle: "(.+)"\ndescription: "(.+)"\n(?:[a-z_]+:.*\n(?: .*\n)*)*---\n', content)
        assert match, path
        assert len(match.group(2)) >= 40, path


def test_home_page_leads_to_each_phase_and_the_guide(guidance):
    home = rendered(guidance, "en")["index.md"]
    for phase in guidance.view("en")["phases"]:
        assert f"](guide/{phase['id']}.md)" in home
    assert "](guide/index.md){ .md-button" in home


def test_navigation_follows_the_order_of_events(guidance):
    nav = coach.navigation(guidance, "de")
    guide = next(entry["Leitfaden"] for entry in nav if "Leitfaden" in entry)
    assert [list(item.values())[0] for item in guide[1:]] == [
        f"guide/{phase.id}.md" for phase in guidance.phases
    ]
    assert list(nav[0]) == ["Startseite"] and list(nav[-1]) == ["Quellen"]


def test_scraping_leftover_never_appears(guidance):
    for lang in LANGUAGES:
        assert not any("$config" in content for content in rendered(guidance, lang).values())
