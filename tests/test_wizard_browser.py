"""The wizard in Chromium: every path without JavaScript, and the enhancements with it.

Expected values come from decision-table.json, guidance.yaml and the compiled model, never from the page
under test. Every page must stay on 127.0.0.1 and log no errors.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from browser_helpers import axe_violations, axe_without_scripts, tab_to
from coach import wizard
from conftest import PageWatch

pytestmark = pytest.mark.browser
LANGUAGES = ("en", "de")


def root(base_url: str, lang: str) -> str:
    return f"{base_url}/{'de/' if lang == 'de' else ''}"


def decision_table(built_site, lang: str) -> dict:
    folder = built_site / "de" if lang == "de" else built_site
    return json.loads((folder / "wizard" / "decision-table.json").read_text(encoding="utf-8"))


def add_business_days(start: dt.date, days: int) -> dt.date:
    date = start
    while days:
        date += dt.timedelta(days=1)
        if date.weekday() < 5:
            days -= 1
    return date


@pytest.fixture
def no_script_page(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watch = PageWatch(base_url)
    watch.attach(page)
    yield page
    context.close()
    watch.assert_clean()


# --- without JavaScript ------------------------------------------------------------------------------------

def path_tree(paths: list[dict]) -> dict:
    """The table's paths as a tree: answers in order, the path at each leaf."""
    tree: dict = {}
    for path in paths:
        node = tree
        answers = list(path["answers"].items())
        for question, option in answers[:-1]:
            node = node.setdefault((question, option), {})
        node[answers[-1]] = path
    return tree


def check_plan_page(page, path: dict, questions: dict) -> None:
    """The plan page shown is the one decision-table.json names for these answers."""
    plan = path["plan"]
    assert json.loads(page.locator("#wizard-data").get_attribute("data-wizard"))["plan"] == plan["id"]
    hrefs = page.locator('#templates + ul a[href*="templates/"]').evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [href.split("templates/")[1].strip("/") for href in hrefs] == plan["templates"]
    checklist = page.locator("input[data-checklist-item]").evaluate_all("boxes => boxes.map(b => b.dataset.checklistItem)")
    assert sorted(checklist) == sorted(plan["checklist"])
    steps = page.locator("[data-wizard-step]").evaluate_all("items => items.map(i => i.dataset.wizardStep)")
    assert steps == [step["id"] for step in plan["steps"]]
    # Without script the page states the answers that determined it: each one an answer given on this path.
    given = {questions[q]["question"]: next(o["label"] for o in questions[q]["options"] if o["id"] == a)
             for q, a in path["answers"].items()}
    stated = page.locator(".wizard-answers dl").evaluate(
        "dl => Array.from(dl.querySelectorAll('dt')).map(dt => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])")
    assert stated and all(given[question] == answer for question, answer in stated), stated


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_every_path_leads_by_plain_links_to_its_plan(no_script_page, base_url, built_site, lang):
    """Depth first through every path, by clicking the answer links; Back returns to each question on the way."""
    page = no_script_page
    table = decision_table(built_site, lang)
    questions = {q["id"]: q for q in table["questions"]}
    plans_seen = []

    def visit(node: dict, previous: str | None) -> None:
        question_id = next(iter(node))[0]
        heading = page.locator("h1")
        # The door question is answered on the home page; every other question is its page's heading.
        here = re.compile(re.escape(questions[question_id]["question"]) if previous else ".")
        expect(heading).to_have_text(here)
        address = page.url
        if previous:  # a Back link, a plain link to the page before
            assert page.locator("a[data-wizard-back]").evaluate("a => a.href") == previous
        for (question, option), child in node.items():
            assert question == question_id  # the table asks one question at each point
            page.locator(f'.md-content a[data-wizard-option="{option}"]').click()
            if "plan" in child:
                expect(page).to_have_url(root(base_url, lang) + child["plan"]["url"])
                check_plan_page(page, child, questions)
                plans_seen.append(child["plan"]["id"])
            else:
                visit(child, address)
            page.go_back()
            expect(page).to_have_url(address)
            expect(heading).to_have_text(here)

    page.goto(root(base_url, lang))
    visit(path_tree(table["paths"]), None)
    assert len(plans_seen) == len(table["paths"])


def test_without_javascript_the_plan_needs_no_script(no_script_page, base_url, built_site):
    page = no_script_page
    path = decision_table(built_site, "en")["paths"][0]
    page.goto(f"{base_url}/{path['plan']['url']}")
    # Script-only controls stay hidden; the answers that determined the plan are shown instead.
    for selector in ("[data-wizard-dates]", "[data-wizard-calendar]", "[data-wizard-summary]", "[data-wizard-print]"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("[data-wizard-determined]")).to_be_visible()


def test_without_javascript_wizard_pages_are_accessible(browser, base_url, compiled):
    shared_plan = next(plan for plan in compiled.plans if len(plan.paths) > 1)
    for url in (compiled.start.url, "wizard/", compiled.states[-1].url, shared_plan.url, "wizard/decision-table/"):
        assert axe_without_scripts(browser, f"{base_url}/{url}") == [], url


# --- with JavaScript ---------------------------------------------------------------------------------------

def sample_walks(compiled):
    """One path for each kind of plan: channel x call advised, plus the unsure timeline."""
    chosen = {}
    for walk in compiled.walks:
        chosen.setdefault((walk.plan.value("channel"), walk.plan.value("phone_call"), walk.facts["timeline"] == "unknown"), walk)
    return list(chosen.values())


def walk_with_script(page, compiled, guidance, walk, lang="en"):
    """Answer by clicking, from the home page's doors on; check progress and focus on every question page;
    return on the plan page."""
    view = guidance.view(lang)
    strings = view["wizard"]["strings"]
    number = 0
    for state in walk.states:
        option = page.locator(f'.md-content a[data-wizard-option="{walk.answers[state.question.id]}"]')
        if state.door:
            option.click()
            continue
        number += 1
        question = view["wizard"]["questions"][state.question.index]["question"]
        heading = page.locator(".md-content h1")
        expect(heading).to_have_text(re.compile(re.escape(question)))
        if number > 1:
            expect(heading).to_be_focused()  # after each answer, focus lands on the next question
        expect(page.locator("[data-wizard-progress]")).to_have_text(
            strings["progress"].format(current=number, total=number + state.remaining))
        option.click()
    expect(page).to_have_url(re.compile(re.escape(walk.plan.url) + "$"))
    expect(page.locator(".md-content h1")).to_be_focused()


def expect_summary(page, guidance, walk, lang="en"):
    view = guidance.view(lang)
    rows = page.locator(".wizard-summary__row")
    expect(page.locator("[data-wizard-summary]")).to_be_visible()
    expect(page.locator("[data-wizard-determined]")).to_be_hidden()
    expect(rows).to_have_count(len(walk.answers))
    for index, (question_id, option_id) in enumerate(walk.answers.items()):
        question = view["wizard"]["questions"][walk.plan and walk.states[index].question.index]
        row = rows.nth(index)
        expect(row.locator("dt")).to_have_text(question["question"])
        expect(row.locator("dd").first).to_have_text(next(o["label"] for o in question["options"] if o["id"] == option_id))
        expect(row.locator("a")).to_have_accessible_name(re.compile("^" + re.escape(view["wizard"]["strings"]["change"])))


def test_the_progress_bar_takes_its_place_before_the_script_fills_it(browser, base_url):
    """No layout shift: the answers do not move when the question page's script fills in the progress
    (measured first with that script blocked, then with it); without JavaScript the empty bar is invisible."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.route("**/features/wizard-question.js", lambda route: route.abort())
    page.goto(f"{base_url}/wizard/")
    top_without_script = page.locator(".wizard-options").evaluate("e => e.getBoundingClientRect().top")
    page.unroute("**/features/wizard-question.js")
    page.goto(f"{base_url}/wizard/")
    bar = page.locator(".wizard-progress__bar")
    expect(page.locator(".wizard-progress__bar > span")).to_have_attribute("style", re.compile("width"))
    filled = bar.evaluate("e => e.firstElementChild.getBoundingClientRect().width / e.getBoundingClientRect().width")
    top_with_script = page.locator(".wizard-options").evaluate("e => e.getBoundingClientRect().top")
    assert 0 < filled < 1 and abs(top_with_script - top_without_script) < 1, (filled, top_without_script, top_with_script)
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/wizard/")
    assert page.locator(".wizard-progress__bar").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    context.close()


def test_with_javascript_sample_paths_navigate_without_reloads_and_summarise_the_answers(watched_page, base_url,
                                                                                       compiled, guidance):
    page = watched_page
    walks = sample_walks(compiled)
    assert len(walks) >= 5
    for walk in walks:
        page.goto(f"{base_url}/", wait_until="networkidle")  # see INSTANT_READY in browser_helpers.py
        page.evaluate("window.__sameDocument = true")
        walk_with_script(page, compiled, guidance, walk)
        # Instant navigation: the whole walk happened in one document.
        assert page.evaluate("window.__sameDocument === true")
        expect_summary(page, guidance, walk)
    assert axe_violations(page) == []


def test_change_link_reopens_the_question_and_leads_to_the_new_plan(watched_page, base_url, compiled, guidance):
    page = watched_page
    walk = max((w for w in compiled.walks if w.facts["timeline"] == "longer"), key=lambda w: len(w.answers))
    page.goto(f"{base_url}/")
    walk_with_script(page, compiled, guidance, walk)
    # Change the answer about the timeline: within a week instead.
    timeline_at = next(index for index, state in enumerate(walk.states) if state.question.id == "timeline")
    page.locator(".wizard-summary__row").nth(timeline_at).get_by_role("link").click()
    expect(page).to_have_url(f"{base_url}/{walk.states[timeline_at].url}")
    expect(page.locator(".md-content h1")).to_be_focused()
    changed = next(w for w in compiled.walks if w.facts["timeline"] == "within_week"
                   and all(w.facts[f] == walk.facts[f] for f in ("invited_to_call", "sales_role")))
    page.locator('.md-content a[data-wizard-option="within_week"]').click()
    for state in changed.states[timeline_at + 1:]:
        page.locator(f'.md-content a[data-wizard-option="{changed.answers[state.question.id]}"]').click()
    expect(page).to_have_url(f"{base_url}/{changed.plan.url}")
    expect_summary(page, guidance, changed)


def test_back_button_returns_to_the_previous_question_with_javascript(watched_page, base_url, compiled, guidance):
    page = watched_page
    walk = max(compiled.walks, key=lambda w: len(w.answers))
    strings = guidance.view("en")["wizard"]["strings"]
    page.goto(f"{base_url}/")
    walk_with_script(page, compiled, guidance, walk)
    page.go_back()
    last = walk.states[-1]
    expect(page).to_have_url(f"{base_url}/{last.url}")
    count = len([state for state in walk.states if not state.door])
    expect(page.locator("[data-wizard-progress]")).to_have_text(strings["progress"].format(current=count, total=count))
    page.go_back()
    expect(page).to_have_url(f"{base_url}/{walk.states[-2].url}")
    page.go_forward()
    page.go_forward()
    expect(page).to_have_url(f"{base_url}/{walk.plan.url}")
    expect_summary(page, guidance, walk)


def test_keyboard_alone_walks_the_wizard(watched_page, base_url, compiled, guidance):
    page = watched_page
    walk = next(w for w in compiled.walks if w.answers.get("timeline") == "unknown")
    page.goto(f"{base_url}/", wait_until="networkidle")  # focus moves on instant navigation: INSTANT_READY
    for state in walk.states:
        if state.door:
            tab_to(page, f'.md-content a[data-wizard-option="{walk.answers[state.question.id]}"]', limit=40)
            page.keyboard.press("Enter")
            continue
        expect(page.locator(".md-content h1")).to_be_focused()
        # From the heading, Tab reaches the answers (a permalink may come first).
        tab_to(page, f'a[data-wizard-option="{walk.answers[state.question.id]}"]', limit=10)
        page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/{walk.plan.url}")
    expect(page.locator(".md-content h1")).to_be_focused()


def open_plan_with_dates(page, base_url, walk, today: dt.date, interview: dt.date, decision: dt.date | None):
    page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(12)))
    page.goto(f"{base_url}/wizard/plan/{walk.plan.id}/")
    page.locator("#wizard-date-interview").fill(interview.isoformat())
    if decision:
        page.locator("#wizard-date-decision-date").fill(decision.isoformat())


def test_dates_skip_weekends_and_flag_passed_steps(watched_page, base_url, compiled):
    page = watched_page
    walk = next(w for w in compiled.walks if w.plan.value("channel") == "letter")
    today = dt.date(2030, 11, 25)
    interview = dt.date(2030, 11, 29)  # a Friday: the letters' two business days run over the weekend
    decision = dt.date(2030, 12, 12)
    assert interview.weekday() == 4
    open_plan_with_dates(page, base_url, walk, today, interview, decision)
    anchors = {"interview": interview, "decision_date": decision}
    for step, _ in walk.plan.steps():
        due = add_business_days(anchors[step.from_], step.business_days)
        item = page.locator(f'[data-wizard-step="{step.id}"]')
        expect(item.locator("time")).to_have_attribute("datetime", due.isoformat())
        expect(item.locator("[data-wizard-step-passed]")).to_be_hidden()
        assert due.weekday() < 5
    letters = next(step for step, _ in walk.plan.steps() if step.from_ == "interview")
    assert add_business_days(interview, letters.business_days) - interview > dt.timedelta(days=letters.business_days)
    # An interview long ago: the step's date has passed, and the page says so.
    page.locator("#wizard-date-interview").fill("2030-11-01")
    expect(page.locator(f'[data-wizard-step="{letters.id}"] [data-wizard-step-passed]')).to_be_visible()
    # No decision date: the steps counted from it show no date.
    page.locator("#wizard-date-decision-date").fill("")
    decision_step = next(step for step, _ in walk.plan.steps() if step.from_ == "decision_date")
    expect(page.locator(f'[data-wizard-step="{decision_step.id}"] time')).to_have_count(0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_headings_deadline_is_a_date_today_or_as_soon_as_you_can(watched_page, base_url, compiled, guidance, lang):
    page = watched_page
    walk = next(w for w in compiled.walks if w.plan.value("channel") == "email")
    today = dt.date(2030, 11, 27)  # a Wednesday
    strings = guidance.view(lang)["wizard"]["strings"]
    page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(12)))
    page.goto(f"{root(base_url, lang)}wizard/plan/{walk.plan.id}/")
    deadline = page.locator("h1 [data-wizard-deadline]")
    step = next(step for step, _ in walk.plan.steps() if step.id == deadline.get_attribute("data-step"))
    assert step.from_ == "interview" and step.business_days > 0
    # The interview was today: the deadline is a later day, named by its date as the step's own date is.
    expect(deadline).to_have_text(re.compile(r"\d"))
    step_date = page.locator(f"[data-wizard-step='{step.id}'] [data-wizard-step-date]")
    expect(deadline).to_have_text(strings["by_date"].replace("{date}", step_date.inner_text().strip()))
    # An interview that makes the deadline fall on today: the heading says "today", not today's date.
    interview = next(today - dt.timedelta(days=back) for back in range(1, 8)
                     if add_business_days(today - dt.timedelta(days=back), step.business_days) == today)
    page.locator("#wizard-date-interview").fill(interview.isoformat())
    expect(deadline).to_have_text(strings["by_today"])
    expect(page.locator(f"[data-wizard-step='{step.id}'] time")).to_have_attribute("datetime", today.isoformat())
    # An interview long ago: no date that has passed, but "as soon as you can", as the step itself says.
    page.locator("#wizard-date-interview").fill((today - dt.timedelta(days=30)).isoformat())
    expect(deadline).to_have_text(strings["by_passed"])
    expect(page.locator(f"[data-wizard-step='{step.id}'] [data-wizard-step-passed]")).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_file_is_valid_and_holds_the_dated_steps(watched_page, base_url, compiled, guidance, lang):
    page = watched_page
    walk = next(w for w in compiled.walks if w.plan.value("channel") == "letter" and w.plan.value("phone_call") == "yes")
    today = dt.date(2030, 12, 4)
    interview, decision = dt.date(2030, 11, 29), dt.date(2030, 12, 12)
    page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(12)))
    page.goto(f"{root(base_url, lang)}wizard/plan/{walk.plan.id}/")
    page.locator("#wizard-date-interview").fill(interview.isoformat())
    page.locator("#wizard-date-decision-date").fill(decision.isoformat())
    with page.expect_download() as download_info:
        page.locator("[data-wizard-ics]").click()
    download = download_info.value
    strings = guidance.view(lang)["wizard"]["strings"]
    assert download.suggested_filename == strings["ics_filename"]
    raw = download.path().read_bytes()

    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF everywhere
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    view = guidance.view(lang)
    anchors = {"interview": interview, "decision_date": decision}
    steps = walk.plan.steps()
    assert len(events) == len(steps)
    for event, (step, _) in zip(events, steps):
        due = add_business_days(anchors[step.from_], step.business_days)
        assert event.decoded("DTSTART") == max(due, today)  # passed reminders move to today
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == " ".join(wizard._plain(step.title.in_(lang)).split())
        assert event["DTSTAMP"] and event.walk("VALARM")
    assert len({str(event["UID"]) for event in events}) == len(events)
    # The post-letters reminder was due before `today`: it was moved, and the page flags it.
    assert any(add_business_days(anchors[s.from_], s.business_days) < today for s, _ in steps)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_wizard_pages_fit_a_320_pixel_phone(browser, base_url, compiled, lang):
    longest_plan = max(compiled.plans, key=lambda plan: (len(plan.rules[0].steps), len(plan.collect("guide")), len(plan.id)))
    deepest_question = max(compiled.states, key=lambda state: len(state.url))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for url in (compiled.start.url, "wizard/", deepest_question.url, longest_plan.url, "wizard/decision-table/"):
        page.goto(root(base_url, lang) + url)
        page.locator(".md-content h1").wait_for()
        wide[url] = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert all(overflow <= 0 for overflow in wide.values()), wide
