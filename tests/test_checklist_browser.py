"""The checklist in Chromium: ticks persist, survive navigation, sync across pages, reset, print."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

import coach
from browser_helpers import axe_violations, axe_without_scripts, tab_to
from conftest import PageWatch
from guidance_cases import GUIDANCE

pytestmark = pytest.mark.browser

KEY = "follow-up-coach:checklist:v1"
GUIDANCE_DATA = coach.load_guidance(GUIDANCE)
ITEMS = [item.id for item in GUIDANCE_DATA.checklist.all_items()]


def labels(lang: str) -> dict:
    return GUIDANCE_DATA.view(lang)["checklist"]["labels"]


def progress_text(lang: str, done: int) -> str:
    return labels(lang)["progress"].format(done=done, total=len(ITEMS))


def stored(page) -> dict | None:
    text = page.evaluate("key => localStorage.getItem(key)", KEY)
    return None if text is None else json.loads(text)


def checklist_url(base_url: str, lang: str) -> str:
    return f"{base_url}/{'de/' if lang == 'de' else ''}checklist/"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_tick_is_kept_across_a_reload_and_counted(watched_page, base_url, lang):
    page = watched_page
    page.goto(checklist_url(base_url, lang))
    progress = page.locator("[data-checklist-progress]")
    expect(progress).to_have_text(progress_text(lang, 0))
    page.locator("label[for='check-ask-next-steps']").click()
    page.locator("label[for='check-post-letters']").click()
    expect(progress).to_have_text(progress_text(lang, 2))
    assert stored(page) == {"ticked": ["ask-next-steps", "post-letters"]}
    page.reload()
    expect(page.locator("#check-ask-next-steps")).to_be_checked()
    expect(page.locator("#check-post-letters")).to_be_checked()
    expect(page.locator("#check-collect-names")).not_to_be_checked()
    expect(progress).to_have_text(progress_text(lang, 2))
    page.locator("#check-ask-next-steps").uncheck()
    expect(progress).to_have_text(progress_text(lang, 1))
    assert stored(page) == {"ticked": ["post-letters"]}


def test_ticks_show_on_every_page_and_survive_instant_navigation(watched_page, base_url):
    page = watched_page
    page.goto(checklist_url(base_url, "en"), wait_until="networkidle")  # see INSTANT_READY in browser_helpers.py
    page.locator("#check-check-details").check()
    page.evaluate("window.__sameDocument = true")  # gone if a navigation reloads the page

    page.locator("nav.md-nav--primary").get_by_role("link", name="Thank-you email", exact=True).click()
    expect(page).to_have_url(f"{base_url}/templates/thank-you-email/")
    # The address changes at the click, the page once Material has fetched it: wait for its title.
    expect(page).to_have_title(re.compile("^Thank-you email"))
    assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
    # The template page shows the same item, already ticked; a tick here shows on the checklist.
    expect(page.locator("#check-check-details")).to_be_checked()
    page.locator("label[for='check-send-emails']").click()

    page.locator("nav.md-nav--primary").get_by_role("link", name="Checklist", exact=True).click()
    expect(page).to_have_url(f"{base_url}/checklist/")
    expect(page).to_have_title(re.compile("^Checklist"))
    assert page.evaluate("window.__sameDocument") is True
    expect(page.locator("#check-send-emails")).to_be_checked()
    expect(page.locator("#check-check-details")).to_be_checked()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 2))
    page.go_back()
    expect(page.locator("#check-send-emails")).to_be_checked()


def test_a_tick_in_another_tab_shows_here(context, base_url):
    first, second = context.new_page(), context.new_page()
    watch = PageWatch(base_url)
    watch.attach(first)
    watch.attach(second)
    first.goto(checklist_url(base_url, "en"))
    second.goto(checklist_url(base_url, "en"))
    first.locator("#check-note-topics").check()
    expect(second.locator("#check-note-topics")).to_be_checked()
    expect(second.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 1))
    watch.assert_clean()


def test_reset_asks_first_then_removes_every_tick(watched_page, base_url):
    page = watched_page
    page.goto(checklist_url(base_url, "en"))
    for item in ITEMS[:3]:
        page.locator(f"#check-{item}").check()
    reset = page.get_by_role("button", name=labels("en")["reset"])

    page.once("dialog", lambda dialog: (dialog.message == labels("en")["reset_confirm"]) and dialog.dismiss())
    reset.click()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 3))
    assert len(stored(page)["ticked"]) == 3

    page.once("dialog", lambda dialog: dialog.accept())
    reset.click()
    expect(page.locator("[data-checklist-progress]")).to_have_text(
        f"{labels('en')['reset_done']} {progress_text('en', 0)}")
    assert stored(page) is None
    for item in ITEMS:
        expect(page.locator(f"#check-{item}")).not_to_be_checked()


def test_keyboard_alone_ticks_and_resets(watched_page, base_url):
    page = watched_page
    page.goto(checklist_url(base_url, "en"))
    tab_to(page, "#check-ask-next-steps")
    page.keyboard.press("Space")
    tab_to(page, "#check-collect-names")  # past the item's source link
    page.keyboard.press("Space")
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 2))
    assert stored(page) == {"ticked": ["ask-next-steps", "collect-names"]}
    tab_to(page, "[data-checklist-reset]", backwards=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    expect(page.locator("#check-ask-next-steps")).not_to_be_checked()
    assert stored(page) is None


@pytest.mark.parametrize("stored_text", [
    "{not json",
    "[\"ask-next-steps\"]",
    "\"ask-next-steps\"",
    "{\"ticked\": \"ask-next-steps\"}",
    "{\"ticked\": [1, null, {\"id\": \"ask-next-steps\"}, [\"ask-next-steps\"]]}",
    "{\"ticked\": [\"<img src=x onerror=window.__pwned=1>\", \"<script>window.__pwned=1</script>\", \"Ask-Next-Steps\"]}",
])
def test_stale_corrupt_or_hostile_storage_is_ignored(watched_page, base_url, stored_text):
    page = watched_page
    page.goto(checklist_url(base_url, "en"))
    elements_before = page.evaluate("document.querySelectorAll('*').length")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, stored_text])
    page.reload()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 0))
    assert page.evaluate("document.querySelectorAll('*').length") == elements_before
    assert page.evaluate("window.__pwned") is None
    # The next tick replaces what was there with clean data.
    page.locator("#check-ask-next-steps").check()
    assert stored(page) == {"ticked": ["ask-next-steps"]}


def test_ids_of_items_not_on_this_page_are_kept(watched_page, base_url):
    page = watched_page
    page.goto(f"{base_url}/templates/thank-you-letter/")
    page.evaluate("key => localStorage.setItem(key, JSON.stringify({ticked: ['ask-next-steps']}))", KEY)
    page.reload()
    page.locator("#check-post-letters").check()
    assert stored(page) == {"ticked": ["ask-next-steps", "post-letters"]}


def test_a_browser_that_refuses_storage_still_works_for_the_visit(watched_page, base_url):
    page = watched_page
    page.add_init_script("""
        Storage.prototype.getItem = () => { throw new DOMException("denied", "SecurityError"); };
        Storage.prototype.setItem = () => { throw new DOMException("denied", "QuotaExceededError"); };
    """)
    page.goto(checklist_url(base_url, "en"))
    expect(page.get_by_text(labels("en")["not_saved"])).to_be_visible()
    expect(page.get_by_text(labels("en")["saved_note"])).to_be_hidden()
    page.locator("#check-ask-next-steps").check()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 1))
    page.locator("nav.md-nav--primary").get_by_role("link", name="Sources", exact=True).click()
    expect(page).to_have_url(f"{base_url}/sources/")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Checklist", exact=True).click()
    expect(page.locator("#check-ask-next-steps")).to_be_checked()


def test_prints_the_list_without_buttons_or_site_chrome(watched_page, base_url):
    page = watched_page
    page.goto(checklist_url(base_url, "en"))
    page.locator("#check-ask-next-steps").check()
    page.emulate_media(media="print")
    for hidden in ("header.md-header", "nav.md-nav--primary", "[data-checklist-reset]", "[data-checklist-print]",
                   "[data-checklist-saved]", "a.headerlink >> nth=0"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 1))
    expect(page.locator("#check-ask-next-steps")).to_be_visible()
    expect(page.locator("#check-ask-next-steps")).to_be_checked()
    expect(page.locator("label[for='check-stop-after-two']")).to_be_visible()


def test_without_javascript_it_is_a_readable_list(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(checklist_url(base_url, "de"))
    view = GUIDANCE_DATA.view("de")["checklist"]
    for group in view["groups"]:
        expect(page.get_by_role("heading", name=group["title"])).to_be_visible()
        for item in group["items"]:
            expect(page.locator(f"label[for='check-{item['id']}']")).to_have_text(item["action"])
    expect(page.locator("[data-checklist-controls]")).to_be_hidden()
    # Without scripts the controls take no space (their space is kept only where scripts run).
    assert page.locator("[data-checklist-controls]").evaluate("e => getComputedStyle(e).display") == "none"
    context.close()
    assert axe_without_scripts(browser, checklist_url(base_url, "de")) == []


def test_the_controls_space_is_kept_before_the_script_shows_them(browser, base_url):
    """No layout shift: until checklist.js shows the controls they are invisible but already take
    their place, so the list does not move down when they appear (here the script never loads)."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/features/checklist*.js", lambda route: route.abort())
    page.goto(checklist_url(base_url, "en"))
    controls = page.locator("[data-checklist-controls]")
    expect(controls).to_be_hidden()
    hidden_height = controls.evaluate("e => e.getBoundingClientRect().height")
    page.unroute("**/features/checklist*.js")
    page.goto(checklist_url(base_url, "en"))
    expect(controls).to_be_visible()
    expect(page.locator("[data-checklist-progress]")).not_to_be_empty()
    shown_height = controls.evaluate("e => e.getBoundingClientRect().height")
    assert hidden_height > 0 and abs(shown_height - hidden_height) < 1, (hidden_height, shown_height)
    context.close()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_ticked_checklist_is_accessible_and_fits_a_small_phone(watched_page, base_url, lang):
    page = watched_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(checklist_url(base_url, lang))
    for item in ITEMS[::2]:
        page.locator(f"#check-{item}").check()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text(lang, len(ITEMS[::2])))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


def test_any_checkbox_with_an_item_id_is_enhanced(watched_page, base_url):
    """Pages with the checklist feature need only the markup: a box added to such a page is stored too."""
    page = watched_page
    page.goto(f"{base_url}/templates/thank-you-email/")
    page.evaluate("""() => {
        const box = document.createElement("input");
        box.type = "checkbox"; box.id = "plan-box"; box.dataset.checklistItem = "draft-messages";
        document.querySelector("article").append(box);
    }""")
    page.locator("#plan-box").check()
    assert stored(page) == {"ticked": ["draft-messages"]}
    page.goto(checklist_url(base_url, "en"))
    expect(page.locator("#check-draft-messages")).to_be_checked()
    expect(page.locator("[data-checklist-progress]")).to_have_text(progress_text("en", 1))
