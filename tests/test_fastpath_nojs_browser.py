"""The fast path without JavaScript, on a 375x667 phone: from the home page to a readable message to copy.

Issue 8: the journey of test_fastpath_browser.py also works with scripts switched off. Answers are plain
links, every question after the first has a plain Back link, and the plan page shows its main template as
text with a [Label] for each detail to fill in. Expected values come from the compiled wizard and
guidance.yaml, never from the page under test.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from coach.labels import fill
from conftest import PageWatch
from test_fastpath_browser import COMMONEST, GUIDANCE_DATA, PHONE, commonest_walk, root

pytestmark = pytest.mark.browser
LANGUAGES = ("en", "de")


@pytest.fixture
def phone_without_script(browser, base_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    watch = PageWatch(base_url)
    watch.attach(page)
    yield page
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_to_a_readable_message_without_javascript(phone_without_script, base_url, compiled, lang):
    page = phone_without_script
    walk = commonest_walk(compiled)
    view = GUIDANCE_DATA.view(lang)
    page.goto(root(base_url, lang))
    taps = 0
    previous = page.url
    for state in walk.states:
        if not state.door:  # every question page after the home page's doors has a Back link to the page before
            back = page.locator("a[data-wizard-back]")
            expect(back).to_have_count(1)
            assert back.evaluate("a => a.href") == previous
            question = view["wizard"]["questions"][state.question.index]["question"]
            expect(page.locator(".md-content h1")).to_have_text(re.compile(re.escape(question)))
        previous = page.url
        page.locator(f'.md-content a[data-wizard-option="{walk.answers[state.question.id]}"]').click()
        taps += 1
    expect(page).to_have_url(root(base_url, lang) + walk.plan.url)
    assert all(walk.facts[name] == value for name, value in COMMONEST.items())
    assert taps <= 3  # the commonest case: the door and at most two questions

    # The heading names the action and the deadline in words (no date without script).
    rule = walk.plan.rules[0]
    step = rule.steps[0]
    timing = next(t for t in GUIDANCE_DATA.timings if t.id == step.timing)
    expected = fill(rule.node.headline.in_(lang), deadline=timing.by.in_(lang))
    heading = page.locator("h1#plan-heading").evaluate(
        "h1 => Array.from(h1.childNodes).filter(n => !(n.matches && n.matches('.headerlink')))"
        ".map(n => n.textContent).join('').trim()")
    assert " ".join(heading.split()) == " ".join(expected.split())
    expect(page.locator("h1#plan-heading [data-wizard-deadline]")).to_have_attribute("data-step", step.id)

    # The message: readable text, each detail to fill in shown as [Label]; the form needs script and stays hidden.
    template_id = walk.plan.collect("templates")[0]
    template = next(item for item in GUIDANCE_DATA.templates.items if item.id == template_id)
    labels = {entry.id: entry.label.in_(lang) for entry in GUIDANCE_DATA.templates.placeholders}
    static = page.locator(".wizard-plan-form [data-template-static]")
    expect(static).to_be_visible()
    expect(page.locator("[data-template-filler]")).to_be_hidden()
    text = static.locator("pre").inner_text()
    for name in ("topic", "takeaway", "position"):
        assert name in template.placeholders
        assert f"[{labels[name]}]" in text, (name, text)
    # It starts on the first screen or just below it: nothing long stands between heading and message.
    box = static.bounding_box()
    assert box and box["y"] < 2 * PHONE["height"], box
