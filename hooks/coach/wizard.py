"""The wizard section: start page, one page per question state, one per plan, the decision table (page + JSON).

The decision logic is compiled once in Python (wizard_compile); the pages only show its results. The
browser script (docs/assets/javascripts/wizard.js) reads the JSON each page carries and never decides anything.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from typing import Any

from . import checklist as checklist_section
from . import message_templates
from .guidance import Guidance
from .markup import inline_markdown, json_attribute
from .pages import RenderedPage, environment, phase_path
from .source import Located, Problem
from .validate import schema_validator
from .wizard_compile import Compiled, Plan, State, compile_wizard
from .wizard_model import checklist_channels, check_references, read

START = "wizard/index.md"
TABLE = "wizard/decision-table.md"
TABLE_JSON = "wizard/decision-table.json"

# Labels under wizard.strings that the templates and the script use.
REQUIRED_STRINGS = frozenset({
    "start_button", "length", "table_link", "start_again", "progress", "remaining_last", "remaining_one",
    "remaining_more", "answers_label", "at_a_glance", "answers_heading", "determined_heading", "determined_note",
    "change", "change_hidden", "what_to_do", "from_the_guide", "read_in_guide", "steps_heading", "steps_intro",
    "when_interview_0", "when_interview_1", "when_interview_n", "when_decision_0", "when_decision_1",
    "when_decision_n", "dates_heading", "dates_intro", "interview_date", "decision_date", "decision_date_hint",
    "date_passed", "date_range", "ics_button", "ics_note", "ics_filename", "print_button", "avoid_heading", "templates_heading",
    "checklist_heading", "checklist_more", "table_answers", "table_plan", "table_counts", "table_json",
})
# The strings the script needs at run time; they travel in each page's JSON.
SCRIPT_STRINGS = ("progress", "change", "change_hidden", "date_passed", "date_range", "ics_filename")


# --- checks ----------------------------------------------------------------------------------------------

def _wizard_schema_errors(located: Located) -> bool:
    return any(list(error.absolute_path)[:1] == ["wizard"] for error in schema_validator().iter_errors(located.data))


def _check_strings(located: Located) -> list[Problem]:
    wizard = located.data.get("wizard") if isinstance(located.data, dict) else None
    strings = wizard.get("strings") if isinstance(wizard, dict) else None
    if not isinstance(strings, dict):
        return []
    return [located.problem(("wizard", "strings"), f"wizard.strings: missing the label '{key}' (used by the "
                                                   "wizard's pages or script)", key=True)
            for key in sorted(REQUIRED_STRINGS - set(strings))]


def checks(located: Located) -> list[Problem]:
    wizard, problems = read(located)
    problems += check_references(located) + _check_strings(located)
    # Paths are only enumerated over a sound model; otherwise every broken reference would also show up
    # as an unreachable rule or question.
    if not problems and not _wizard_schema_errors(located):
        _, found = compile_wizard(wizard, located, checklist_channels(located))
        problems += found
    return problems


# --- compile once per build -------------------------------------------------------------------------------

_cache: dict[int, tuple[dict, Compiled]] = {}


def compiled(guidance: Guidance) -> Compiled:
    """The compiled wizard of checked guidance; compiled once, then shared by both page kinds and the JSON."""
    cached = _cache.get(id(guidance.data))
    if cached and cached[0] is guidance.data:
        return cached[1]
    located = Located(guidance.data, "guidance.yaml")
    wizard, problems = read(located)
    result, more = compile_wizard(wizard, located, checklist_channels(located))
    if problems or more or result is None:  # load_guidance() refuses such a file before any rendering
        raise ValueError("the wizard has problems; load guidance with coach.load_guidance() first")
    _cache.clear()  # one guidance at a time (mkdocs serve reloads it on every build)
    _cache[id(guidance.data)] = (guidance.data, result)
    return result


# --- helpers ----------------------------------------------------------------------------------------------

def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _relative(target: str, page: str) -> str:
    """A Markdown link from `page` to `target`, both relative to docs/ (MkDocs checks these links)."""
    return posixpath.relpath(target, posixpath.dirname(page))


def _page_url(page: str) -> str:
    """The directory URL of a page, relative to the site root: wizard/plan/x.md -> wizard/plan/x/."""
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def _href(target: str, page: str) -> str:
    """An URL from the page at `page` to the page at `target` (both .md paths), for links built by script."""
    relative = posixpath.relpath(_page_url(target) or ".", _page_url(page) or ".")
    return relative + "/" if relative != "." else "./"


def _up(page: str) -> str:
    """From a page's URL back to the site root, e.g. ../../../ for wizard/plan/x/."""
    return "../" * _page_url(page).count("/")


def _plain(text: str) -> str:
    """A text without Markdown, for calendar entries."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(inline_markdown(text)))).split())


def _data_element(data: dict) -> str:
    """The page's data for wizard.js, inert (markup.json_attribute says why not a script element)."""
    return f'<div id="wizard-data" data-wizard="{json_attribute(data)}" hidden></div>'


def _when(step, strings: dict) -> str:
    prefix = "when_interview" if step.anchor == "interview" else "when_decision"
    days = step.business_days
    return strings[f"{prefix}_{days}"] if days in (0, 1) else strings[f"{prefix}_n"].format(days=days)


# --- rendering ---------------------------------------------------------------------------------------------

class _Renderer:
    def __init__(self, guidance: Guidance, lang: str):
        self.lang = lang
        self.compiled = compiled(guidance)
        self.view = guidance.view(lang)
        self.w = self.view["wizard"]
        self.t = self.w["strings"]
        self.env = environment()
        self.sources = {source["id"]: source for source in self.view["sources"]}
        self.recommendations = {rec["id"]: {**rec, "phase": phase["id"]}
                                for phase in self.view["phases"] for rec in phase["recommendations"]}
        self.templates = {item["id"]: item for item in self.view["templates"]["items"]}
        self.checklist_order = [item["id"] for item in checklist_section.items_for(self.view)]

    # Texts by the model's data paths (the view keeps the structure of guidance.yaml).
    def question(self, question) -> dict:
        return _at(self.view, question.path)

    def option(self, option) -> dict:
        return _at(self.view, option.path)

    def rule(self, rule) -> dict:
        return _at(self.view, rule.path)

    def value_label(self, decision_id: str, value: str) -> str:
        decision = next(d for d in self.w["decisions"] if d["id"] == decision_id)
        return next(v for v in decision["values"] if v["id"] == value)["label"]

    def answer_rows(self, answers: dict[str, str]) -> list[dict]:
        rows = []
        for question_id, option_id in answers.items():
            question = self.compiled.wizard.question(question_id)
            rows.append({"id": question_id, "question": self.question(question),
                         "option": self.option(next(o for o in question.options if o.id == option_id))})
        return rows

    def base(self) -> dict:
        return {"lang": self.lang, "w": self.w, "t": self.t, "s": self.view["strings"], "sources": self.sources,
                "compiled": self.compiled}

    def script_strings(self) -> dict:
        return {key: self.t[key] for key in SCRIPT_STRINGS}

    # Pages -------------------------------------------------------------------------------------------

    def start(self) -> RenderedPage:
        first = self.compiled.start.page
        content = self.env.get_template("wizard_start.md.j2").render(
            self.base(), first=_relative(first, START), table=_relative(TABLE, START))
        return RenderedPage(START, content)

    def state(self, state: State) -> RenderedPage:
        page = state.page
        question = self.question(state.question)
        choices = []
        for option, target in state.choices:
            choices.append({"id": option.id, "unsure": option.unsure, "text": self.option(option),
                            "link": _relative(target.page, page)})
        remaining = state.remaining
        remaining_text = (self.t["remaining_last"] if remaining == 0 else self.t["remaining_one"] if remaining == 1
                          else self.t["remaining_more"].format(remaining=remaining))
        data = {
            "kind": "question",
            "question": state.question.id,
            "index": state.question.index,
            "remaining": remaining,
            # Each way to reach this page, as the answers before it: the script shows progress only
            # when the answers it remembers are one of these.
            "prefixes": [[[q, o, self.compiled.wizard.question(q).index] for q, o in prefix.items()]
                         for prefix in state.prefixes],
            "strings": self.script_strings(),
        }
        content = self.env.get_template("wizard_question.md.j2").render(
            self.base(), question=question, state=state, choices=choices, remaining_text=remaining_text,
            restart=_relative(START, page), data=_data_element(data))
        return RenderedPage(page, content)

    def plan(self, plan: Plan) -> RenderedPage:
        page = plan.page
        up = _relative("index.md", page).removesuffix("index.md")  # to docs/, for .md links
        do, avoid = [], []
        for rule in plan.rules:
            text = self.rule(rule)
            why = self.t.get("why")
            if rule.instead_of:
                why = next(v for d in self.w["decisions"] if d["id"] == rule.decision
                           for v in d["values"] if v["id"] == rule.instead_of).get("why_not")
            entry = {"id": rule.id, "text": text, "why": why, "guide": False}
            (avoid if rule.kind == "avoid" else do).append(entry)
            for ref in rule.guide:
                rec = self.recommendations[ref]
                guide_entry = {"id": f"guide-{ref}", "text": rec, "why": None, "guide": True,
                               "link": _relative(phase_path(rec["phase"]), page) + f"#{ref}"}
                (avoid if rec["kind"] == "avoid" else do).append(guide_entry)
        steps = [{"step": step, "text": _at(self.view, step.path), "when": _when(step, self.t)}
                 for step, _ in plan.steps()]
        templates = [{"item": self.templates[ref], "link": _relative(message_templates.page_path(ref), page)}
                     for ref in plan.collect("templates")]
        wanted = set(plan.collect("checklist"))
        # In the checklist's own order, which is the order of events.
        checklist_items = checklist_section.items_by_id(self.view, [ref for ref in self.checklist_order if ref in wanted])
        walks = [walk for walk in self.compiled.walks if walk.plan is plan]
        questions = {}
        for walk in walks:
            for state in walk.states:
                question = state.question
                text = self.question(question)
                questions[question.id] = {"question": text["question"],
                                          "options": {o.id: self.option(o)["label"] for o in question.options}}
        data = {
            "kind": "plan",
            "plan": plan.id,
            "url": plan.url,
            "title": self.w["plan"]["title"],
            "site": self.view["site"]["name"],
            "questions": questions,
            "paths": [{"answers": [[state.question.id, walk.answers[state.question.id]] for state in walk.states],
                       "change": {state.question.id: _href(state.page, page) for state in walk.states}}
                      for walk in walks],
            "steps": [{"id": s["step"].id, "from": s["step"].anchor, "days": s["step"].business_days,
                       "title": _plain(s["text"]["title"]), "text": _plain(s["text"]["text"])} for s in steps],
            "strings": self.script_strings(),
        }
        content = self.env.get_template("wizard_plan.md.j2").render(
            self.base(), plan=plan, do=do, avoid=avoid, steps=steps, templates=templates,
            checklist_items=checklist_items, determined=self.answer_rows(plan.common_answers()),
            several_paths=len(plan.paths) > 1, anchors={s["step"].anchor for s in steps},
            up=up, url_up=_up(page), restart=_relative(START, page), table=_relative(TABLE, page),
            checklist_page=_relative(checklist_section.PAGE, page), checklist_title=self.view["checklist"]["title"],
            data=_data_element(data))
        return RenderedPage(page, content)

    def plan_summary(self, plan: Plan) -> str:
        return " · ".join(self.value_label(rule.decision, rule.value) for rule in plan.rules
                          if rule.decision in ("channel", "recipients", "phone_call"))

    def table(self) -> RenderedPage:
        rows = [{"answers": self.answer_rows(walk.answers), "plan": walk.plan,
                 "summary": self.plan_summary(walk.plan), "link": _relative(walk.plan.page, TABLE)}
                for walk in self.compiled.walks]
        content = self.env.get_template("wizard_table.md.j2").render(
            self.base(), rows=rows, json_link=_relative(TABLE_JSON, TABLE))
        return RenderedPage(TABLE, content)

    def table_json(self) -> RenderedPage:
        table = decision_table(self.compiled, self.view, self.lang)
        return RenderedPage(TABLE_JSON, json.dumps(table, ensure_ascii=False, indent=1) + "\n")


def decision_table(compiled: Compiled, view: dict, lang: str) -> dict:
    """The published decision table: every path, its answers and its plan (decision-table.json)."""
    questions = [{"id": q.id, "question": _at(view, q.path)["question"],
                  "options": [{"id": o.id, "label": _at(view, o.path)["label"]} for o in q.options]}
                 for q in compiled.wizard.questions]
    paths = []
    for walk in compiled.walks:
        plan = walk.plan
        paths.append({
            "answers": walk.answers,
            "plan": {
                "id": plan.id,
                "channel": plan.channel,
                "phone_call": plan.phone_call,
                "templates": plan.collect("templates"),
                "url": plan.url,
                "decisions": {rule.decision: rule.value for rule in plan.rules},
                "rules": {rule.decision: rule.id for rule in plan.rules},
                "checklist": plan.collect("checklist"),
                "steps": [{"id": step.id, "from": step.anchor, "business_days": step.business_days}
                          for step, _ in plan.steps()],
            },
            "pages": [state.url for state in walk.states],
        })
    return {"lang": lang, "questions": questions, "paths": paths}


def render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    renderer = _Renderer(guidance, lang)
    pages = [renderer.start(), renderer.table(), renderer.table_json()]
    pages += [renderer.state(state) for state in renderer.compiled.states]
    pages += [renderer.plan(plan) for plan in renderer.compiled.plans]
    return pages


def nav(guidance: Guidance, lang: str) -> list:
    """Only the start page and the decision table: the generated question and plan pages stay out of the nav
    (every page renders the whole nav, so a large nav slows the build)."""
    w = guidance.view(lang)["wizard"]
    return [{w["title"]: [START, {w["table"]["title"]: TABLE}]}]
