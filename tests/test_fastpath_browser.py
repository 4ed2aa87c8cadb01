"""The fast path in Chromium, on a 375x667 phone: from the home page to copied, personal messages.

Issue 8's measure of the site: the commonest case (a decision within about a week, not invited to call,
not a sales role) in both languages, counting taps. Also the one-frame wizard of issue 11 (an answer shows
the next question from data in the page, without a request), and the one store of what was typed, shared
by the plan page and the template pages. Expected texts come from guidance.yaml and the compiled wizard.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import coach
from guidance_cases import GUIDANCE

pytestmark = pytest.mark.browser
LANGUAGES = ("en", "de")
PHONE = {"width": 375, "height": 667}
MAX_TAPS = 8  # issue 8: at most 8 taps plus typing
GUIDANCE_DATA = coach.load_guidance(GUIDANCE)
COMMONEST = {"timeline": "within_week", "invited_to_call": False, "sales_role": False, "decision_date_passed": False}
PEOPLE = {
    "en": [{"salutation": "dr", "last_name": "Lopez", "topic": "how your team plans its releases",
            "takeaway": "Weekly releases are how I like to work."},
           {"salutation": "mr", "last_name": "Okafor", "topic": "the new onboarding program",
            "takeaway": "I would gladly mentor new colleagues myself."}],
    "de": [{"salutation": "frau-dr", "last_name": "Schmidt", "topic": "die Einführung des neuen Kundenportals",
            "takeaway": "Schrittweise Einführungen entsprechen genau meiner Arbeitsweise."},
           {"salutation": "herr", "last_name": "Yilmaz", "topic": "die Zusammenarbeit mit dem Vertrieb",
            "takeaway": "Aus meiner Zeit im Außendienst kenne ich beide Seiten."}],
}
SHARED = {
    "en": {"your_name": "Alex Morgan", "company": "Northwind Traders", "position": "Project Manager"},
    "de": {"your_name": "Anna Becker", "company": "Nordwind Handel GmbH", "position": "Projektleiterin"},
}


def root(base_url: str, lang: str) -> str:
    return f"{base_url}/{'de/' if lang == 'de' else ''}"


def labels(lang: str) -> dict:
    return GUIDANCE_DATA.view(lang)["templates"]["labels"]


def commonest_walk(compiled):
    """The shortest way to a plan whose facts are the commonest case (read from the compiled wizard)."""
    walks = [walk for walk in compiled.walks if all(walk.facts.get(k) == v for k, v in COMMONEST.items())]
    assert walks, "no path has the facts of the commonest case"
    return min(walks, key=lambda walk: len(walk.states))


class Taps:
    """Clicks that count as taps on a phone (typing into a field does not)."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator) -> None:
        locator.click()
        self.count += 1

    def choose(self, locator, value: str) -> None:
        locator.select_option(value)  # one tap on the phone's own picker
        self.count += 1


def answer(taps: Taps, walk) -> None:
    """Answers each question of `walk`: the doors on the home page, then one page after another."""
    for state in walk.states:
        option = walk.answers[state.question.id]
        taps.click(taps.page.locator(f'.md-content a[data-wizard-option="{option}"]').first)


def message_of(page, number: int) -> str:
    card = page.locator("[data-output]").nth(number - 1)
    return card.locator("[data-part='body']").inner_text()


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_to_two_copied_personal_messages_in_at_most_eight_taps(phone, base_url, compiled, lang):
    page = phone
    walk = commonest_walk(compiled)
    page.goto(root(base_url, lang))
    taps = Taps(page)
    answer(taps, walk)
    expect(page).to_have_url(re.compile(re.escape(walk.plan.url) + "$"))

    # The heading names the deadline as a date: the interview date defaults to today.
    deadline = page.locator("h1 [data-wizard-deadline]")
    step_date = page.locator(f"[data-wizard-step='{deadline.get_attribute('data-step')}'] [data-wizard-step-date]")
    by_date = GUIDANCE_DATA.view(lang)["wizard"]["strings"]["by_date"]
    expect(step_date).to_have_text(re.compile(r"\d"))  # the script dates the steps after the page loads
    expect(deadline).to_have_text(by_date.replace("{date}", step_date.inner_text().strip()))

    # The first field to fill in is on the plan page's first screen.
    page.evaluate("window.scrollTo(0, 0)")
    first_field = page.locator("[data-template-filler] [data-field]").first
    expect(first_field).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    box = first_field.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"first field ends at {box}, below the first screen"

    for number, person in enumerate(PEOPLE[lang], start=1):
        if page.locator("[data-person]").count() < number:
            taps.click(page.get_by_role("button", name=labels(lang)["add_person"]))
        taps.choose(page.locator(f"#coach-p{number}-salutation"), person["salutation"])
        page.locator(f"#coach-p{number}-last_name").fill(person["last_name"])
        page.locator(f"#coach-p{number}-topic").fill(person["topic"])
        page.locator(f"#coach-p{number}-takeaway").fill(person["takeaway"])
    for name, value in SHARED[lang].items():
        if page.locator(f"#coach-field-{name}").count():  # what this language's template asks for
            page.locator(f"#coach-field-{name}").fill(value)

    first, second = message_of(page, 1), message_of(page, 2)
    for number, text in ((1, first), (2, second)):
        assert all(PEOPLE[lang][number - 1][key] in text for key in ("last_name", "topic", "takeaway"))
        assert "[" not in text, f"message {number} still has a placeholder: {text}"
    # Personal, not a form letter: without the names and topics the two texts still differ.
    names = [person[key] for person in PEOPLE[lang] for key in ("last_name", "topic")]
    strip = lambda text: re.sub("|".join(map(re.escape, names)), "", text)  # noqa: E731
    assert strip(first) != strip(second)

    for number, text in ((1, first), (2, second)):
        card = page.locator("[data-output]").nth(number - 1)
        taps.click(card.locator("button[data-copy='body']"))
        expect(page.locator("[data-announcer]")).to_have_text(labels(lang)["copied"])
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(text), f"copied text is not message {number}"
        page.locator("[data-announcer]").evaluate("element => { element.textContent = ''; }")

    assert taps.count <= MAX_TAPS, f"{taps.count} taps from the home page to two copied messages"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_answer_shows_the_next_question_in_the_same_frame_without_a_request(watched_page, base_url, compiled, lang):
    page = watched_page
    walk = commonest_walk(compiled)
    asked = [state for state in walk.states if not state.door]
    assert len(asked) >= 2, "the commonest case asks at least two questions on pages of their own"
    first, second = asked[0], asked[1]
    page.goto(root(base_url, lang) + first.url)
    expected = " ".join(second.question.node.question.in_(lang).split())
    requests: list[str] = []
    # Pages come as documents or, with Material's instant navigation, by fetch (the favicon may come late).
    page.on("request", lambda request: request.resource_type in ("document", "fetch", "xhr")
            and requests.append(request.url))
    shown = page.evaluate("""option => {
        document.querySelector(`.md-content a[data-wizard-option="${option}"]`).click();
        const heading = document.querySelector(".md-content h1");
        const words = heading.cloneNode(true);
        words.querySelectorAll(".headerlink").forEach(link => link.remove());  // the permalink, as on every page
        return {heading: words.textContent.trim(), focused: document.activeElement === heading,
                address: location.href};
    }""", walk.answers[first.question.id])
    assert shown["heading"] == expected
    assert shown["focused"], "the new heading has the focus, so screen readers announce it"
    assert shown["address"] == root(base_url, lang) + second.url
    assert requests == [], f"the next question was fetched: {requests}"

    # The address is the pre-rendered page's: a reload shows the same question; Back shows the first.
    question_box = page.locator("[data-wizard-question]")
    swapped = question_box.inner_text()
    links_now = page.locator("[data-wizard-question] a").evaluate_all("links => links.map(link => link.href)")
    page.go_back()
    heading = page.locator(".md-content h1")
    expect(heading).to_have_text(re.compile(re.escape(" ".join(first.question.node.question.in_(lang).split()))))
    page.go_forward()
    expect(heading).to_have_text(re.compile(re.escape(expected)))
    page.reload()
    expect(heading).to_have_text(re.compile(re.escape(expected)))
    # The question shown in place is the pre-rendered page: the same words and the same links.
    assert question_box.inner_text() == swapped
    assert page.locator("[data-wizard-question] a").evaluate_all("links => links.map(link => link.href)") == links_now

    # The Back link shows the previous question in place too.
    requests.clear()
    page.locator("a[data-wizard-back]").click()
    expect(page).to_have_url(root(base_url, lang) + first.url)
    expect(heading).to_have_text(re.compile(re.escape(" ".join(first.question.node.question.in_(lang).split()))))
    expect(heading).to_be_focused()
    assert requests == [], f"the previous question was fetched: {requests}"


def test_people_and_dates_typed_on_the_plan_arrive_in_the_template_and_back(watched_page, base_url, compiled):
    page = watched_page
    walk = commonest_walk(compiled)
    page.goto(f"{base_url}/{walk.plan.url}")
    page.locator("#coach-p1-last_name").fill("Lopez")
    page.get_by_role("button", name=labels("en")["add_person"]).click()
    page.locator("#coach-p2-last_name").fill("Okafor")
    date_box = page.locator("input[data-wizard-date='interview']")
    if date_box.count():
        date_box.fill("2026-11-12")  # typed with the plan's steps ...
    else:
        page.locator("#coach-field-interview_date").fill("2026-11-12")
    # ... and its own form shows it at once (one store).
    expect(page.locator("#coach-field-interview_date")).to_have_value("2026-11-12")

    page.goto(f"{base_url}/templates/thank-you-letter/")
    expect(page.locator("[data-person]")).to_have_count(2)
    expect(page.locator("#coach-p2-last_name")).to_have_value("Okafor")
    expect(page.locator("#coach-field-interview_date")).to_have_value("2026-11-12")
    page.locator("#coach-p2-topic").fill("the new onboarding program")

    page.goto(f"{base_url}/{walk.plan.url}")
    expect(page.locator("#coach-p2-topic")).to_have_value("the new onboarding program")
    assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('follow-up-coach:'))") == []


def test_the_plan_form_and_a_swapped_question_are_accessible(watched_page, base_url, compiled):
    from browser_helpers import axe_violations

    page = watched_page
    page.set_viewport_size(PHONE)
    walk = commonest_walk(compiled)
    asked = [state for state in walk.states if not state.door]
    page.goto(f"{base_url}/{asked[0].url}")
    page.locator(f".md-content a[data-wizard-option='{walk.answers[asked[0].question.id]}']").click()
    expect(page).to_have_url(f"{base_url}/{asked[1].url}")
    assert axe_violations(page) == []
    page.locator(f".md-content a[data-wizard-option='{walk.answers[asked[1].question.id]}']").click()
    expect(page).to_have_url(re.compile(re.escape(walk.plan.url) + "$"))
    page.locator("#coach-p1-last_name").fill("Lopez")
    page.get_by_role("button", name=labels("en")["add_person"]).click()
    assert axe_violations(page) == []
