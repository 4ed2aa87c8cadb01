"""Every wizard path without JavaScript, read from the built pages: from the start, each answer is a plain
link to the next question and the last one to the plan the decision table names; Back and Change links lead
to pages of the way there. No browser: the clicked walk in test_wizard_browser.py can be a sample.

Expected values come from each language's built decision-table.json, never from the page under test.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from html_pages import Element, Site

LANGUAGES = ("en", "de")
ENTRIES = ("", "wizard/")  # where a visitor starts: the home page and the wizard's own address


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site)


def prefix(lang: str) -> str:
    return "de/" if lang == "de" else ""


def decision_table(site: Site, lang: str) -> dict:
    return json.loads(site.file_of(prefix(lang) + "wizard/decision-table.json").read_text(encoding="utf-8"))


def wizard_data(page: Element) -> dict:
    data = page.find(attr="id", value="wizard-data")
    return json.loads(data.attrs["data-wizard"]) if data is not None else {}


def links(site: Site, address: str, element: Element) -> list[str | None]:
    return [site.link(address, a.attrs["href"]) for a in element.find_all("a", "href")]


def ways(site: Site, lang: str) -> list[dict]:
    """Each path of the table with its addresses made site-relative: the question pages in order, then the plan."""
    table = decision_table(site, lang)
    result = []
    for path in table["paths"]:
        pages = [prefix(lang) + page for page in path["pages"]]
        assert len(pages) == len(path["answers"]), path
        result.append({"answers": list(path["answers"].items()), "pages": pages,
                       "plan": prefix(lang) + path["plan"]["url"], "path": path})
    return result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_path_leads_by_plain_answer_links_to_its_plan(site, lang):
    table = decision_table(site, lang)
    assert table["lang"] == lang
    questions = {question["id"]: question for question in table["questions"]}
    failures = []
    every_way = ways(site, lang)
    first_pages = {way["pages"][0] for way in every_way}
    for first in first_pages:
        if not any(entry == first or first in links(site, entry, site.page(entry))
                   for entry in (prefix(lang) + e for e in ENTRIES)):
            failures.append(f"/{first}: no plain link to it from the home page or the wizard's address")
    for way in every_way:
        stops = [*way["pages"], way["plan"]]
        for (question, option), here, there in zip(way["answers"], stops, stops[1:]):
            page = site.page(here)
            data = wizard_data(page)
            if data.get("question") != question:
                failures.append(f"/{here}: asks {data.get('question')!r}, the table asks {question!r} here")
            heading = page.find("h1")
            if data.get("kind") == "question" and questions[question]["question"] not in (heading.text() if heading else ""):
                failures.append(f"/{here}: the heading is not the question {questions[question]['question']!r}")
            options = page.find_all("a", "data-wizard-option")
            offered = [a.attrs["data-wizard-option"] for a in options]
            if sorted(offered) != sorted(o["id"] for o in questions[question]["options"]):
                failures.append(f"/{here}: answers {offered}, the table offers {questions[question]['options']}")
            chosen = [a for a in options if a.attrs["data-wizard-option"] == option]
            if len(chosen) != 1:
                failures.append(f"/{here}: {len(chosen)} links for the answer {option!r}")
                continue
            target = site.link(here, chosen[0].attrs.get("href", ""))
            if target != there:
                failures.append(f"/{here}: answer {option!r} leads to /{target}, the table says /{there}")
            elif site.file_of(there) is None:
                failures.append(f"/{here}: answer {option!r} leads to /{there}, which does not exist")
    assert not failures, "\n".join(dict.fromkeys(failures))
    assert len({way["plan"] for way in every_way}) >= 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_plan_page_is_the_plan_its_paths_name(site, lang):
    """What the browser test checked on each plan page it reached, for every path."""
    table = decision_table(site, lang)
    questions = {question["id"]: question for question in table["questions"]}
    failures = []
    for way in ways(site, lang):
        plan, address = way["path"]["plan"], way["plan"]
        page = site.page(address)
        if wizard_data(page).get("plan") != plan["id"]:
            failures.append(f"/{address}: the page's data names {wizard_data(page).get('plan')!r}, not {plan['id']!r}")
        templates = {link for link in links(site, address, page) if link and "templates/" in link}
        missing = {prefix(lang) + f"templates/{template}/" for template in plan["templates"]} - templates
        if missing:
            failures.append(f"/{address}: no link to {sorted(missing)}")
        steps = [item.attrs["data-wizard-step"] for item in page.find_all(attr="data-wizard-step")]
        if steps != [step["id"] for step in plan["steps"]]:
            failures.append(f"/{address}: steps {steps}, the table says {[s['id'] for s in plan['steps']]}")
        checklist = [box.attrs["data-checklist-item"] for box in page.find_all("input", "data-checklist-item")]
        if sorted(checklist) != sorted(plan["checklist"]):
            failures.append(f"/{address}: checklist {sorted(checklist)}, the table says {sorted(plan['checklist'])}")
        # Without script the page states the answers that determined it: each one an answer of this path.
        given = {questions[q]["question"]: next(o["label"] for o in questions[q]["options"] if o["id"] == a)
                 for q, a in way["answers"]}
        determined = page.find(attr="data-wizard-determined")
        stated = [(dt.text(), dd.text()) for dt, dd in zip(determined.find_all("dt"), determined.find_all("dd"))] \
            if determined is not None else []
        if not stated or any(given.get(question) != answer for question, answer in stated):
            failures.append(f"/{address}: states {stated}, the answers of this path are {given}")
    assert not failures, "\n".join(dict.fromkeys(failures))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_back_and_change_links_lead_to_the_way_there(site, lang):
    """A Back link leads to a page that links here by an answer; a Change link on a plan (or a plan's
    statement of answers) to a question page on a path to that plan; nothing to a missing page."""
    every_way = ways(site, lang)
    before = defaultdict(set)  # page -> the pages whose answer links lead to it
    questions_of_plan = defaultdict(set)
    for way in every_way:
        stops = [*way["pages"], way["plan"]]
        for here, there in zip(stops, stops[1:]):
            before[there].add(here)
        questions_of_plan[way["plan"]].update(way["pages"])
    entries = {prefix(lang) + entry for entry in ENTRIES}
    failures = []
    for address in sorted(before.keys() | {way["pages"][0] for way in every_way}):
        page = site.page(address)
        for back in page.find_all("a", "data-wizard-back"):
            target = site.link(address, back.attrs.get("href", ""))
            allowed = before[address] or entries
            if target not in allowed:
                failures.append(f"/{address}: Back leads to /{target}, not to one of {sorted(allowed)}")
        changes = page.find_all("a", "data-wizard-change")
        determined = page.find(attr="data-wizard-determined")
        if determined is not None:
            changes += [a for a in determined.find_all("a", "href") if not a.attrs["href"].startswith("#")]
        for change in changes:
            target = site.link(address, change.attrs.get("href", ""))
            if target not in questions_of_plan.get(address, ()) or site.file_of(target) is None:
                failures.append(f"/{address}: Change leads to /{target}, not to a question on the way to this plan")
    assert not failures, "\n".join(dict.fromkeys(failures))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_plain_link_on_a_wizard_page_is_broken(site, lang):
    """Every link a visitor without script can follow from the wizard's pages reaches a page of the site."""
    wizard_pages = {prefix(lang) + entry for entry in ENTRIES}
    for way in ways(site, lang):
        wizard_pages.update([*way["pages"], way["plan"]])
    broken = []
    for address in sorted(wizard_pages):
        for a in site.page(address).find_all("a", "href"):
            target = site.link(address, a.attrs["href"])
            if target is not None and site.file_of(target) is None:
                broken.append(f"/{address}: {a.attrs['href']} -> /{target} does not exist")
    assert not broken, "\n".join(broken)
