"""Helpers for browser tests: axe-core (bundled in axe-playwright-python, works offline)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_SOURCE = Axe().axe_script
# WCAG 2.2 AA includes target size; axe leaves that rule off unless asked. Only violations come back:
# the passes of every rule (all of them by default) would cost more to send than to find.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}, "resultTypes": ["violations"]}
AXE_RUN = """options => axe.run(document, options).then(results => results.violations.map(v =>
    `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 5).map(node => node.target))}`))"""


# INSTANT_READY: Material's instant navigation takes over a link click only once it has fetched the
# site's sitemap.xml, which it starts after the page's load event; a click before that is an ordinary
# (full) page load. A test that asserts "no reload" therefore opens its first page with
# page.goto(url, wait_until="networkidle").
# INSTANT_ARRIVED: Material changes the address at the click and swaps the page only once it has fetched
# it. After to_have_url, the old page can still be on screen; a test that next touches something both
# pages have (answer links, checklist boxes) first waits for the new page's title (to_have_title).


def axe_violations(page) -> list[str]:
    # Measure what a reader sees, not a frame of a fade: Material's "back to top" button fades in
    # after a scroll, and half-transparent text fails the contrast rule.
    # Polled from Python: wait_for_function compiles its predicate with eval, which each page's
    # Content-Security-Policy forbids.
    for _ in range(100):
        if page.evaluate("document.getAnimations().every(animation => animation.playState !== 'running')"):
            break
        page.wait_for_timeout(50)
    if page.evaluate("typeof window.axe === 'undefined'"):  # each new document; instant navigation keeps it
        page.evaluate(AXE_SOURCE)
    return page.evaluate(AXE_RUN, AXE_OPTIONS)


def site_pages(built_site) -> list[str]:
    """Paths of every HTML page of both languages, relative to the site root."""
    paths = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has the keyboard focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("selector => !!document.activeElement && document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the keyboard focus after {limit} presses of {key}")


def axe_without_scripts(browser, url: str) -> list[str]:
    """axe on a page as a visitor without JavaScript sees it. axe itself needs JavaScript, so
    instead of switching it off, every script file is blocked: the page's own code never runs."""
    context = browser.new_context()
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    try:
        return axe_violations(page)
    finally:
        context.close()
