"""Light and dark: Material's scheme toggle works on every page type, and each stays at WCAG AA
contrast (axe) in the dark scheme too. The light scheme is checked on every page elsewhere
(test_site_browser.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from browser_helpers import axe_violations

pytestmark = pytest.mark.browser

TOGGLE_TO_DARK = {"en": "Switch to dark mode", "de": "Zum dunklen Farbschema wechseln"}
TOGGLE_TO_LIGHT = {"en": "Switch to light mode", "de": "Zum hellen Farbschema wechseln"}


def page_types(compiled) -> dict[str, str]:
    walk = next(w for w in compiled.walks if w.plan.value("channel") == "letter")
    return {
        "home": "",
        "guide page": "guide/calling/",
        "checklist": "checklist/",
        "template page": "templates/thank-you-letter/",
        "wizard question": compiled.start.url,
        "wizard plan": f"wizard/plan/{walk.plan.id}/",
        "decision table": "wizard/decision-table/",
    }


def scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


def switch_to_dark(page, lang: str) -> None:
    page.get_by_title(TOGGLE_TO_DARK[lang]).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def show_everything(page) -> None:
    """Puts the page's optional parts on screen: a filled form with warnings, a wrong date, a tick."""
    if page.locator("[data-template-filler]").count():
        page.locator("#coach-p1-topic").fill("release planning!! 🚀 [Company]")
        page.locator("#coach-field-letter_date").fill("0050-06-15")
    if page.locator("#wizard-date-interview").count():
        page.locator("#wizard-date-interview").fill("2020-01-06")  # steps long past: the warnings show
        if page.locator("#wizard-date-decision-date").count():
            page.locator("#wizard-date-decision-date").fill("0001-01-01")
    boxes = page.locator("input[data-checklist-item]")
    if boxes.count():
        boxes.first.check()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_dark_scheme_is_accessible_on_every_page_type(watched_page, base_url, compiled, lang):
    page = watched_page
    page.clock.set_fixed_time(dt.datetime(2021, 3, 1, 12))
    root = f"{base_url}/{'de/' if lang == 'de' else ''}"
    page.goto(root)
    assert scheme(page) == "default"
    switch_to_dark(page, lang)
    failures = []
    for name, path in page_types(compiled).items():
        page.goto(root + path)
        # The choice is kept across page loads.
        if scheme(page) != "slate":
            failures.append(f"{name}: the dark scheme was not kept")
            continue
        show_everything(page)
        failures += [f"{name} ({path}): {violation}" for violation in axe_violations(page)]
    assert not failures, "\n".join(failures)


def test_toggle_switches_back_and_the_device_setting_is_the_default(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{base_url}/checklist/")
        assert scheme(page) == "slate"
        page.get_by_title(TOGGLE_TO_LIGHT["en"]).click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        # The site's own colours follow: link text is dark on the light background again.
        assert axe_violations(page) == []
    finally:
        context.close()
