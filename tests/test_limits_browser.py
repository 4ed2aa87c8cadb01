"""Nothing typed vanishes, and dates stay within reason (Chromium).

Long values are limited where the visitor sees it (a counter, a message when a paste is cut) and
kept across a reload; storage that refuses a value says so on the page. Dates far from today
(0050-06-15, 0001-01-01, 9999-12-31) are refused visibly and accessibly, in both languages,
with messages from guidance.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

import coach
from guidance_cases import GUIDANCE

pytestmark = pytest.mark.browser

GUIDANCE_DATA = coach.load_guidance(GUIDANCE)
TEMPLATES_KEY = "follow-up-coach:templates:v1"
ODD_DATES = ["0050-06-15", "0001-01-01", "9999-12-31"]
# With the clock fixed on this day, the accepted range is two years either side of it.
TODAY = dt.date(2030, 11, 25)
RANGE_TEXT = {"en": ("November 25, 2028", "November 25, 2032"), "de": ("25. November 2028", "25. November 2032")}


def template_labels(lang: str) -> dict:
    return GUIDANCE_DATA.view(lang)["templates"]["labels"]


def wizard_strings(lang: str) -> dict:
    return GUIDANCE_DATA.view(lang)["wizard"]["strings"]


def prefix(lang: str) -> str:
    return "de/" if lang == "de" else ""


def stored(page) -> dict | None:
    text = page.evaluate("key => localStorage.getItem(key)", TEMPLATES_KEY)
    return None if text is None else json.loads(text)


# --- long values ------------------------------------------------------------------------------------------

def test_a_long_text_stops_at_a_visible_limit_and_comes_back_after_a_reload(watched_page, base_url):
    page = watched_page
    labels = template_labels("en")
    page.goto(f"{base_url}/templates/thank-you-letter/")
    page.get_by_label(labels["remember"]).check()
    address = page.locator("#coach-field-company_address")
    limit = address.evaluate("field => field.maxLength")
    assert limit >= 1000
    count = page.locator("#coach-field-company_address-count")
    expect(count).to_be_hidden()  # no clutter while a text is short
    address.fill("a" * (limit + 1000))
    expect(address).to_have_value("a" * limit)
    expect(count).to_be_visible()
    expect(count).to_have_text(labels["length_count"].format(count=limit, max=limit))
    expect(address).to_have_accessible_description(re.compile(re.escape(labels["length_count"].format(count=limit, max=limit))))
    assert stored(page)["values"]["company_address"] == "a" * limit
    page.reload()
    expect(page.locator("#coach-field-company_address")).to_have_value("a" * limit)


def test_a_paste_longer_than_the_field_is_cut_with_a_message(context, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    labels = template_labels("en")
    page.goto(f"{base_url}/templates/thank-you-email/")
    topic = page.locator("#coach-p1-topic")
    limit = topic.evaluate("field => field.maxLength")
    page.evaluate("text => navigator.clipboard.writeText(text)", "b" * (limit + 50))
    topic.focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(topic).to_have_value("b" * limit)
    message = labels["length_cut"].format(max=limit)
    expect(page.locator("#coach-p1-topic-count")).to_have_text(message)
    expect(page.locator("[data-announcer]")).to_have_text(message)


def test_storage_that_refuses_a_value_says_so_on_the_page(watched_page, base_url):
    page = watched_page
    # A nearly full quota: small entries fit, a long one does not.
    page.add_init_script("""
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (String(value).length > 500) throw new DOMException("full", "QuotaExceededError");
            return setItem.call(this, key, value);
        };
    """)
    labels = template_labels("en")
    page.goto(f"{base_url}/templates/thank-you-email/")
    page.get_by_label(labels["remember"]).check()
    failed = page.get_by_text(labels["save_failed"])
    expect(failed).to_be_hidden()
    page.locator("#coach-p1-topic").fill("c" * 800)
    expect(failed).to_be_visible()
    expect(failed).to_have_attribute("role", "status")
    # What was typed is still on the page, and in the text.
    expect(page.locator("#coach-p1-topic")).to_have_value("c" * 800)
    page.locator("#coach-p1-topic").fill("short again")
    expect(failed).to_be_hidden()
    assert stored(page)["people"][0]["topic"] == "short again"


def test_a_refused_tick_shows_the_checklist_warning(watched_page, base_url):
    page = watched_page
    page.add_init_script("""
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key.endsWith(":checklist:v1")) throw new DOMException("full", "QuotaExceededError");
            return setItem.call(this, key, value);
        };
    """)
    labels = GUIDANCE_DATA.view("en")["checklist"]["labels"]
    page.goto(f"{base_url}/checklist/")
    expect(page.get_by_text(labels["not_saved"])).to_be_hidden()
    page.locator("input[data-checklist-item]").first.check()
    expect(page.get_by_text(labels["not_saved"])).to_be_visible()
    expect(page.get_by_text(labels["saved_note"])).to_be_hidden()


# --- dates ---------------------------------------------------------------------------------------------

def range_message(label: str, lang: str) -> str:
    earliest, latest = RANGE_TEXT[lang]
    return label.format(earliest=earliest, latest=latest)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_wizard_refuses_dates_far_from_today_visibly(watched_page, base_url, compiled, lang):
    page = watched_page
    walk = next(w for w in compiled.walks if w.plan.value("channel") == "letter")
    page.clock.set_fixed_time(dt.datetime.combine(TODAY, dt.time(12)))
    page.goto(f"{base_url}/{prefix(lang)}wizard/plan/{walk.plan.id}/")
    field = page.locator("#wizard-date-interview")
    expect(field).to_have_attribute("min", "2028-11-25")
    expect(field).to_have_attribute("max", "2032-11-25")
    error = page.locator("#wizard-date-interview-error")
    message = range_message(wizard_strings(lang)["date_range"], lang)
    interview_steps = [step.id for step, _ in walk.plan.steps() if step.from_ == "interview"]
    assert interview_steps
    for odd in ODD_DATES:
        field.fill(odd)
        expect(error).to_be_visible()
        expect(error).to_have_text(message)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(message)))
        for step in interview_steps:
            expect(page.locator(f'[data-wizard-step="{step}"] time')).to_have_count(0)
        assert not re.search(r"\b(1901|1950|1970)\b", page.locator("ol.wizard-steps").inner_text())
    field.fill("2030-11-29")
    expect(error).to_be_hidden()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f'[data-wizard-step="{interview_steps[0]}"] time')).to_have_count(1)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_template_form_refuses_dates_far_from_today_visibly(watched_page, base_url, lang):
    page = watched_page
    page.clock.set_fixed_time(dt.datetime.combine(TODAY, dt.time(12)))
    page.goto(f"{base_url}/{prefix(lang)}templates/thank-you-letter/")
    field = page.locator("#coach-field-letter_date")
    error = page.locator("#coach-field-letter_date-error")
    message = range_message(template_labels(lang)["date_range"], lang)
    letter = page.locator("[data-output]").first
    for odd in ODD_DATES:
        field.fill(odd)
        expect(error).to_have_text(message)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(message)))
        assert not re.search(r"\b(0001|0050|9999|1901|1950|1970)\b", letter.inner_text())
    field.fill("2030-11-26")
    expect(error).to_be_hidden()
    expect(letter).to_contain_text({"en": "November 26, 2030", "de": "26. November 2030"}[lang])
