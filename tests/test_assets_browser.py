"""Feature scripts and stylesheets (one joined file of each per page) in Chromium: loaded only where
a page uses them, and working when the visitor arrives by Material's instant navigation from a page
without them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import coach
from guidance_cases import GUIDANCE

pytestmark = pytest.mark.browser

GUIDANCE_DATA = coach.load_guidance(GUIDANCE)
FEATURE_ASSET = re.compile(r"/assets/(javascripts|stylesheets)/features/[a-z+-]+\.(js|css)$")


def view(lang: str = "en") -> dict:
    return GUIDANCE_DATA.view(lang)


def feature_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: FEATURE_ASSET.search(request.url) and requests.append(request.url))
    return requests


def click_link(page, path: str) -> None:
    """Clicks the first link to `path` (Material makes every href absolute, so match the end)."""
    page.locator(f'.md-content a[href$="/{path}"], .md-nav a[href$="/{path}"]').first.click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def start_at_home(page, base_url) -> list[str]:
    """Starts on a page without features (the guide's index; the home page has the wizard's doors)."""
    requests = feature_requests(page)
    page.goto(f"{base_url}/guide/", wait_until="networkidle")  # see INSTANT_READY in browser_helpers.py
    page.evaluate("window.__sameDocument = true")
    assert requests == [], "the guide's index uses no feature, so it loads none"
    return requests


def assert_same_document(page) -> None:
    assert page.evaluate("window.__sameDocument === true"), "a full page load: instant navigation did not happen"


def test_checklist_works_after_instant_navigation_from_the_home_page(watched_page, base_url):
    page = watched_page
    requests = start_at_home(page, base_url)
    click_link(page, "checklist/")
    labels = view()["checklist"]["labels"]
    total = sum(len(group["items"]) for group in view()["checklist"]["groups"])
    expect(page.locator("[data-checklist-progress]")).to_have_text(labels["progress"].format(done=0, total=total))
    page.locator("input[data-checklist-item]").first.check()
    expect(page.locator("[data-checklist-progress]")).to_have_text(labels["progress"].format(done=1, total=total))
    assert_same_document(page)
    assert sorted(url.rsplit("/", 1)[1] for url in requests) == ["checklist+checklist-controls.css", "checklist+checklist-controls.js"]


def test_templates_work_after_instant_navigation_from_the_home_page(watched_page, base_url):
    page = watched_page
    start_at_home(page, base_url)
    click_link(page, "templates/")
    click_link(page, "templates/thank-you-email/")
    expect(page.locator("[data-template-filler]")).to_be_visible()
    expect(page.locator("[data-template-static]")).to_be_hidden()
    page.locator("#coach-p1-topic").fill("the release plan")
    expect(page.locator("[data-output] [data-part='body']").first).to_contain_text("the release plan")
    # The stylesheet came along: the form's privacy box has its own background.
    background = page.locator(".coach-privacy").evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert_same_document(page)


def test_wizard_works_after_instant_navigation_from_the_home_page(watched_page, base_url, compiled):
    page = watched_page
    start_at_home(page, base_url)
    click_link(page, "wizard/")
    strings = view()["wizard"]["strings"]
    first = next(state for state in compiled.states if state.url == "wizard/")
    expect(page.locator("[data-wizard-progress]")).to_have_text(
        strings["progress"].format(current=1, total=1 + first.remaining))
    expect(page.locator(".md-content h1")).to_be_focused()
    # The next question comes from the page's own table, after instant navigation too.
    option, target = next((option, target) for option, target in first.choices if hasattr(target, "question"))
    page.locator(f"a[data-wizard-option='{option.id}']").click()
    expect(page).to_have_url(f"{base_url}/{target.url}")
    expect(page.locator(".md-content h1")).to_have_text(re.compile(re.escape(" ".join(target.question.node.question.en.split()))))
    expect(page.locator(".md-content h1")).to_be_focused()
    assert_same_document(page)


def test_a_feature_sets_up_once_however_often_its_page_is_visited(watched_page, base_url):
    """Instant navigation runs a page's feature script each time: listeners must not pile up."""
    page = watched_page
    start_at_home(page, base_url)
    for _ in range(3):
        click_link(page, "checklist/")
        click_link(page, "sources/")
    click_link(page, "checklist/")
    page.locator("input[data-checklist-item]").first.check()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name=view()["checklist"]["labels"]["reset"]).click()
    expect(page.locator("input[data-checklist-item]").first).to_be_checked()
    assert dialogs == [view()["checklist"]["labels"]["reset_confirm"]]
    assert_same_document(page)


def test_leaving_a_feature_page_drops_its_stylesheet(watched_page, base_url):
    page = watched_page
    page.goto(f"{base_url}/checklist/")
    sheets = "() => [...document.querySelectorAll('link[rel=stylesheet]')].map(link => link.href.split('/').pop())"
    assert "checklist+checklist-controls.css" in page.evaluate(sheets)
    click_link(page, "sources/")
    expect(page.locator(".md-content h1")).to_have_text(re.compile(view()["pages"]["sources"]["title"]))
    assert "checklist+checklist-controls.css" not in page.evaluate(sheets)
