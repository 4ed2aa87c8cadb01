"""What the wizard publishes: pages per question state and plan, the decision table as a page and as JSON."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import pytest

import coach
from coach import rendering, wizard
from coach.markup import inline_markdown
from coach.model import LANGUAGES
from coach.source import loads
from guidance_cases import edit, original
from html_pages import Site


@pytest.fixture(scope="module")
def rendered(guidance):
    return {lang: {page.path: page.content for page in coach.render_site(guidance, lang)} for lang in LANGUAGES}


def page_data(content: str) -> dict:
    match = re.search(r'<div id="wizard-data" data-wizard="([^"]*)" hidden></div>', content)
    return json.loads(html.unescape(match.group(1)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_decision_table_json_lists_every_path_with_its_plan(guidance, compiled, rendered, lang):
    table = json.loads(rendered[lang]["wizard/decision-table.json"])
    questions = {q.id: q for q in guidance.wizard.questions}
    templates = {item.id for item in guidance.templates.items}
    assert table["lang"] == lang
    assert len(table["paths"]) == len(compiled.walks)
    seen = set()
    for path in table["paths"]:
        answers = path["answers"]
        assert "situation" in answers  # the door, answered on the home page, starts every path
        for question, option in answers.items():
            assert option in {o.id for o in questions[question].options}, (question, option)
        key = tuple(sorted(answers.items()))
        assert key not in seen
        seen.add(key)
        plan = path["plan"]
        assert plan["channel"] in {"email", "letter", "phone"}
        assert isinstance(plan["phone_call"], bool)
        assert plan["templates"] and set(plan["templates"]) <= templates
        assert re.fullmatch(r"wizard/plan/[a-z0-9-]+/", plan["url"])
        assert plan["url"].removesuffix("/") + ".md" in rendered[lang]
        # The question pages this path passes, one per answer, each a page the build wrote.
        assert len(path["pages"]) == len(answers)
        for url in path["pages"]:
            assert url + "index.md" in rendered[lang] or url.removesuffix("/") + ".md" in rendered[lang], url
    # The plan in the table is the plan the rules give for those answers.
    by_answers = {tuple(sorted(walk.answers.items())): walk.plan for walk in compiled.walks}
    for path in table["paths"]:
        plan = by_answers[tuple(sorted(path["answers"].items()))]
        assert (path["plan"]["id"], path["plan"]["channel"], path["plan"]["phone_call"]) == \
            (plan.id, plan.value("channel"), plan.value("phone_call") == "yes")


def test_both_languages_publish_the_same_paths_and_pages(rendered):
    english, german = (json.loads(rendered[lang]["wizard/decision-table.json"]) for lang in LANGUAGES)
    assert english["paths"] == german["paths"]
    assert {p for p in rendered["en"] if p.startswith("wizard/")} == {p for p in rendered["de"] if p.startswith("wizard/")}


def test_pages_grow_with_states_and_plans_not_paths(compiled, rendered):
    wizard_pages = [p for p in rendered["en"] if p.startswith("wizard/") and p.endswith(".md")]
    doors = sum(state.door for state in compiled.states)  # asked on the home page, not under wizard/
    assert doors == 1
    assert len(wizard_pages) == 1 + len(compiled.states) - doors + len(compiled.plans)  # + the decision table
    assert len(compiled.states) + len(compiled.plans) < 2 * len(compiled.walks)


def test_only_the_start_page_and_the_table_are_in_the_navigation(guidance):
    nav = json.dumps(coach.navigation(guidance, "en"))
    assert "wizard/index.md" in nav and "wizard/decision-table.md" in nav
    assert "wizard/plan/" not in nav and "wizard/timeline" not in nav


@pytest.mark.parametrize("lang", LANGUAGES)
def test_question_pages_offer_every_option_as_a_plain_link_to_the_next_page(guidance, compiled, rendered, lang):
    view = guidance.view(lang)
    for state in compiled.states:
        if state.door:
            continue  # the home page offers the doors: test_the_home_page_offers_each_door_as_a_plain_link
        content = rendered[lang][state.page]
        question = view["wizard"]["questions"][state.question.index]
        assert f"\n# {' '.join(question['question'].split())}\n" in content  # the question is the heading
        for option, target in state.choices:
            link = rendering.relative(target.page, state.page)
            label = " ".join(next(o for o in question["options"] if o["id"] == option.id)["label"].split())
            assert re.search(rf'\[<span class="wizard-option__label">{re.escape(label)}</span>.*?\]\({re.escape(link)}\)'
                             rf'{{ \.wizard-option[^}}]*data-wizard-option="{option.id}" }}', content), (state.page, option.id)
        data = page_data(content)
        assert data["question"] == state.question.id
        assert [[[q, o] for q, o, _ in prefix] for prefix in data["prefixes"]] == \
               [[list(pair) for pair in prefix.items()] for prefix in state.prefixes]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_offers_each_door_as_a_plain_link(guidance, compiled, rendered, lang):
    view = guidance.view(lang)
    door = next(state for state in compiled.states if state.door)
    assert door.page == "index.md"
    content = rendered[lang]["index.md"]
    question = view["wizard"]["questions"][door.question.index]
    for number, (option, target) in enumerate(door.choices):
        label = " ".join(next(o for o in question["options"] if o["id"] == option.id)["label"].split())
        primary = ".md-button .md-button--primary " if number == 0 else ""
        link = rendering.relative(target.page, "index.md")
        assert (f'[{label}]({link}){{ {primary}.wizard-door data-wizard-option="{option.id}" data-wizard-door }}'
                in content), option.id
    assert page_data(content) == {**page_data(content), "kind": "door", "question": door.question.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_pages_say_why_cite_sources_and_link_templates_and_checklist(guidance, compiled, rendered, lang):
    view = guidance.view(lang)
    strings, site_strings = view["wizard"]["strings"], view["strings"]
    checklist_ids = {item["id"] for group in view["checklist"]["groups"] for item in group["items"]}
    for plan in compiled.plans:
        content = rendered[lang][plan.page]
        for rule in plan.rules:
            text = rule.node
            section = content.split(f"{{ #{rule.id} }}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
            assert " ".join(text.because.in_(lang).split()) in " ".join(section.split()), rule.id
            why = site_strings["why"] if not rule.instead_of else next(
                v["why_not"] for d in view["wizard"]["decisions"] if d["id"] == rule.decision
                for v in d["values"] if v["id"] == rule.instead_of)
            assert f"**{why}**" in section, rule.id
            for citation in text.sources:
                assert f"(../../sources.md#{citation.source})" in section, (rule.id, citation.source)
        for ref in plan.collect("templates"):
            assert f"](../../templates/{ref}.md)" in content
        for ref in plan.collect("checklist"):
            assert ref in checklist_ids
            # The checklist's own markup, so checklist.js keeps one tick per item across pages.
            assert f'<input type="checkbox" class="coach-checklist__box" id="check-{ref}" data-checklist-item="{ref}"' in content
        # Without script, the page states the answers that determined it.
        for question_id, option_id in plan.common_answers().items():
            question = view["wizard"]["questions"][compiled.wizard.question(question_id).index]
            label = next(o for o in question["options"] if o["id"] == option_id)["label"]
            assert f":   {' '.join(label.split())}\n" in content
        assert strings["determined_heading"] in content


def test_steps_are_listed_in_time_order_with_their_offsets(compiled, rendered):
    for plan in compiled.plans:
        listed = re.findall(r'data-wizard-step="([a-z0-9-]+)" data-from="(\w+)" data-days="(\d+)"', rendered["en"][plan.page])
        assert listed == [(step.id, step.from_, str(step.business_days)) for step, _ in plan.steps()]
        data = page_data(rendered["en"][plan.page])
        assert [(s["id"], s["from"], s["days"]) for s in data["steps"]] == [(a, b, int(c)) for a, b, c in listed]


def test_page_data_survives_any_text():
    tricky = {"text": '"></div><script>alert(1)</script> & \'quotes\' <b>'}
    element = wizard.data_element(tricky)
    assert element.count("<") == 2 and element.count(">") == 2  # nothing but the element itself
    assert page_data(element) == tricky


def test_change_links_lead_to_the_page_where_the_question_was_asked(compiled, rendered):
    for plan in compiled.plans:
        data = page_data(rendered["en"][plan.page])
        for path in data["paths"]:
            walk = next(w for w in compiled.walks if w.plan is plan and list(w.answers.items()) == [tuple(a) for a in path["answers"]])
            for state in walk.states:
                assert path["change"][state.question.id] == rendering.href(state.page, plan.page)
    assert rendering.href("wizard/timeline/index.md", "wizard/plan/letter.md") == "../../timeline/"
    assert rendering.href("wizard/sales-role/unknown--one.md", "wizard/plan/letter.md") == "../../sales-role/unknown--one/"


# --- why each step falls when it does ----------------------------------------------------------------------

def read_as_text(author_text: str) -> str:
    """What a visitor reads of an author's Markdown text: its inline HTML without the tags."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(inline_markdown(author_text)))).split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_timed_step_says_why_then_and_cites_the_timings_sources(built_site, guidance, compiled, lang):
    """On every built plan page, each step that names a timing shows the timing's `because` under the wizard's
    step_why label, a link to each of its sources' entries on the sources page and to the original, and its
    quotes in the source's language."""
    site = Site(built_site)
    root = "de/" if lang == "de" else ""
    label = guidance.wizard.strings.step_why.in_(lang)
    timings = {timing.id: timing for timing in guidance.timings}
    sources = {source.id: source for source in guidance.sources}
    sources_page = site.page(root + "sources/")
    shown, quoted = set(), 0
    for plan in compiled.plans:
        address = root + plan.url
        page = site.page(address)
        for step, _ in plan.steps():
            item = page.find("li", "data-wizard-step", step.id)
            why = item.find("p", "class", "wizard-step__why")
            timing = timings.get(step.timing)
            if timing is None:
                assert why is None, (address, step.id)
                continue
            assert why is not None and why.find("strong").text() == " ".join(label.split()), (address, step.id)
            assert read_as_text(timing.because.in_(lang)) in why.text(), (address, step.id)
            links = [a.attrs["href"] for a in why.find_all("a", "href")]
            entries = {(site.link(address, href), urlsplit(href).fragment) for href in links}
            for citation in timing.sources:
                source = sources[citation.source]
                assert (root + "sources/", source.id) in entries, (address, step.id, source.id)
                assert sources_page.find(attr="id", value=source.id) is not None, source.id
                assert source.url in links, (address, step.id, source.id)
                if citation.quote:
                    quotes = [q for q in item.find_all("blockquote") if q.text() == " ".join(citation.quote.split())]
                    assert quotes and quotes[0].attrs["lang"] == source.language, (address, step.id, source.id)
                    quoted += 1
            shown.add(timing.id)
    # Every timing a step names is explained somewhere, quotes included.
    named = {step.timing for plan in compiled.plans for step, _ in plan.steps() if step.timing}
    assert shown == named and quoted


def test_a_step_that_names_no_timing_shows_no_reason(guidance):
    """A step may give its date directly (from, business_days) instead of naming a timing: it has no declared
    reason, so its plan page shows none for it, while the plan's timed steps keep theirs."""
    timing = next(t for t in guidance.timings if t.id == "thank_you")
    text = edit(original(), "- id: send-thank-you\n              timing: thank_you\n",
                f"- id: send-thank-you\n              from: {timing.from_}\n"
                f"              business_days: {timing.business_days}\n", after="- id: email-within-week\n")
    changed, problems = coach.check(loads(text, "guidance.yaml"))
    assert not problems
    result = wizard.compiled(changed)
    untimed = timed = 0
    for lang in LANGUAGES:
        pages = {page.path: page.content for page in coach.render_site(changed, lang)}
        for plan in result.plans:
            content = pages[plan.page]
            for step, _ in plan.steps():
                item = content.split(f'data-wizard-step="{step.id}"', 1)[1].split("</li>", 1)[0]
                assert ('class="wizard-step__why"' in item) == (step.timing is not None), (plan.id, step.id)
                untimed += step.timing is None
                timed += step.timing is not None
    assert untimed and timed
