"""Each page's own Content-Security-Policy in Chromium: enforced, and never in the way of the site.

Violations are collected from `securitypolicyviolation` events (recorded by a script Playwright
adds to every document before the page's own scripts) and from the console.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
                              + `in ${event.sourceFile}:${event.lineNumber} (${(event.sample || "").slice(0, 60)})`);
});
"""

# One page of every kind; each language has the same paths.
PAGE_KINDS = ["", "guide/", "guide/calling/", "sources/", "wizard/", "wizard/call-or-sales/within-week/",
              "wizard/plan/email-within-week/", "wizard/decision-table/", "checklist/", "templates/",
              "templates/thank-you-letter/", "404.html"]


@pytest.fixture
def csp_page(watched_page):
    """A page that records every CSP violation; the console check of watched_page stays on too."""
    page = watched_page
    page.csp_console = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and page.csp_console.append(msg.text))
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []") + page.csp_console


def root(base_url: str, lang: str) -> str:
    return f"{base_url}/{'de/' if lang == 'de' else ''}"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_kind_of_page_carries_a_strict_policy_and_violates_none(csp_page, base_url, lang):
    page = csp_page
    failures = []
    for path in PAGE_KINDS:
        page.goto(root(base_url, lang) + path)
        page.wait_for_load_state("load")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        expect(policy).to_have_count(1)
        content = policy.get_attribute("content")
        for needed in ("default-src 'self'", "object-src 'none'", "base-uri 'self'"):
            if needed not in content:
                failures.append(f"{path}: policy lacks {needed}")
        if "unsafe-inline" in content or "unsafe-eval" in content:
            failures.append(f"{path}: policy allows unsafe sources: {content}")
        # The policy applies only to what follows it: it must come right after <meta charset>.
        first = page.evaluate("[...document.head.children].slice(0, 2).map(e => e.outerHTML.slice(0, 50))")
        if first[0] != '<meta charset="utf-8">' or "Content-Security-Policy" not in first[1]:
            failures.append(f"{path}: the policy is not the first thing in <head>: {first}")
        failures += [f"{path}: {v}" for v in violations(page)]
    assert not failures, "\n".join(failures)


def test_the_policy_is_enforced(csp_page, base_url):
    """The control: script that is not the site's own is blocked and reported."""
    page = csp_page
    page.goto(f"{base_url}/guide/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.body.append(script);
        const link = document.createElement("a");
        link.setAttribute("onclick", "window.__injected = true");
        document.body.append(link);
        link.click();
    }""")
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__injected") is None
    assert all("script-src" in v for v in violations(page)), violations(page)
    page.csp_console.clear()
    page.watch.errors.clear()  # the blocked script logged an error on purpose


@pytest.mark.parametrize("lang", ["en", "de"])
def test_wizard_checklist_templates_and_search_work_under_the_policy(csp_page, base_url, lang):
    page = csp_page
    start = root(base_url, lang)
    page.goto(start)
    # Instant navigation across depths: Material's bundle re-inserts each page's content scripts.
    # Each step waits for the next page's title, not only its address (INSTANT_ARRIVED in browser_helpers.py).
    before = page.title()
    page.locator(".md-content a[data-wizard-door][href$='wizard/']").first.click()
    expect(page).to_have_url(start + "wizard/")
    expect(page).not_to_have_title(before)
    for _ in range(8):
        options = page.locator("a[data-wizard-option]")
        if options.count() == 0:
            break
        before = page.url, page.title()
        options.first.click()
        # Polled, not wait_for_url: a question shown in place changes the address with pushState and
        # fires no load event for wait_for_url to wait on.
        expect(page).not_to_have_url(before[0])
        expect(page).not_to_have_title(before[1])
        expect(page.locator(".md-content h1")).to_be_focused()  # wizard.js has taken over the new page
    expect(page).to_have_url(re.compile(r"/wizard/plan/[^/]+/$"))
    expect(page.locator("[data-wizard-summary]")).to_be_visible()  # wizard.js ran

    page.goto(start + "checklist/")
    box = page.locator("input.coach-checklist__box").first
    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).to_be_checked()
    expect(page.locator("[data-checklist-progress]")).to_contain_text("1")

    page.goto(start + "templates/thank-you-email/")
    field = page.locator("#coach-field-position")
    field.press_sequentially("Analyst")
    expect(page.locator("[data-part='subject']").first).to_contain_text("Analyst")

    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("letter" if lang == "en" else "Brief")
    expect(page.locator(".md-search-result__item").first).to_be_visible()  # the search worker ran
    page.keyboard.press("Escape")
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_page_has_handlers_styles_or_script_links_as_the_browser_reads_it(page, base_url, built_site, lang):
    """Author text never becomes live script: checked on every kind of page with the browser's own
    parsing (entities decoded, URLs resolved), beside the static check of every page in test_hardening_build."""
    failures = []
    for path in PAGE_KINDS[:-1] + ["wizard/plan/letter/"]:
        page.goto(root(base_url, lang) + path)
        found = page.evaluate("""() => {
            const bad = [];
            for (const element of document.querySelectorAll("*")) {
                for (const attribute of element.attributes) {
                    if (attribute.name.startsWith("on")) bad.push(`${element.tagName} ${attribute.name}`);
                }
            }
            for (const link of document.querySelectorAll("a[href], area[href]")) {
                if (!["http:", "https:", "mailto:"].includes(link.protocol)) bad.push(`link ${link.href}`);
            }
            for (const image of document.images) {
                if (new URL(image.src).origin !== location.origin && !image.src.startsWith("data:")) bad.push(`image ${image.src}`);
            }
            return bad;
        }""")
        failures += [f"{path}: {item}" for item in found]
    assert not failures, "\n".join(failures)
