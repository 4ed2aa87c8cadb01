"""The built site in Chromium: every page of both languages is clean, private and accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_helpers import axe_violations, site_pages

pytestmark = pytest.mark.browser
SHARDS = 6  # every page is checked; each language's pages are split so that parallel workers share them


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_loads_cleanly_privately_and_accessibly(watched_page, built_site, base_url, lang, shard):
    page = watched_page
    pages = [p for p in site_pages(built_site) if p.startswith("de/") == (lang == "de")]
    assert len(pages) >= 8 and pages[shard::SHARDS], pages
    failures = []
    for path in pages[shard::SHARDS]:
        page.goto(f"{base_url}/{path}")
        if page.locator("html").get_attribute("lang") != lang:
            failures.append(f"{path}: <html lang> is not {lang}")
        description = page.locator('meta[name="description"]').get_attribute("content") or ""
        if len(description) < 40:
            failures.append(f"{path}: meta description missing or too short: {description!r}")
        if "$config" in page.content():
            failures.append(f"{path}: scraping leftover from the source article")
        failures += [f"{path}: {v}" for v in axe_violations(page)]
    assert not failures, "\n".join(failures)


def test_language_switch_lands_on_the_same_page(watched_page, base_url):
    page = watched_page
    page.goto(f"{base_url}/guide/calling/")
    page.get_by_role("button", name="Select language").hover()
    page.get_by_role("link", name="Deutsch", exact=True).click()
    expect(page).to_have_url(f"{base_url}/de/guide/calling/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text(re.compile("^Anrufen"))
    page.get_by_role("button", name="Sprache wechseln").hover()
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{base_url}/guide/calling/")
    expect(page.locator("h1")).to_have_text(re.compile("^Calling"))


@pytest.mark.parametrize(("lang", "query", "expected"), [
    ("en", "stationery", "A longer timeline"),
    ("de", "Unterschrift", "Wenn die Entscheidung länger dauert"),
    # Prefix search: "Anruf" finds the page on calls ("Anrufen", "Anruf").
    ("de", "Anruf", "Anrufen"),
])
def test_search_finds_pages_in_each_language(watched_page, base_url, lang, query, expected):
    page = watched_page
    page.goto(f"{base_url}/{'de/' if lang == 'de' else ''}")
    page.keyboard.press("/")  # Material's keyboard shortcut opens the search
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text(expected)


def test_instant_navigation_keeps_working_offline_of_other_origins(watched_page, base_url):
    page = watched_page
    page.goto(f"{base_url}/", wait_until="networkidle")  # see INSTANT_READY in browser_helpers.py
    page.get_by_role("link", name=re.compile("full guide")).click()
    expect(page).to_have_url(f"{base_url}/guide/")
    expect(page.locator("h1")).to_have_text(re.compile("^The guide"))
    page.go_back()
    expect(page).to_have_url(f"{base_url}/")


def test_keyboard_alone_reaches_the_content_and_the_guide(watched_page, base_url):
    page = watched_page
    page.goto(f"{base_url}/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(re.compile("Skip to content"))
    page.keyboard.press("Enter")
    # From the main content, Tab walks past the plan button to the guide button; Enter follows it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Read the full guide'"):
            break
    expect(page.locator(":focus")).to_have_text(re.compile("Read the full guide"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/guide/")


@pytest.mark.parametrize("path", ["", "guide/decision-within-a-week/", "de/guide/longer-timeline/", "de/sources/"])
def test_pages_fit_a_320_pixel_phone_without_sideways_scrolling(browser, base_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{base_url}/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0
