"""The wizard section: start page, one page per question state, one per plan, the decision table (page + JSON).

The decision logic is compiled once in Python (wizard_compile); the pages only show its results. The
browser script reads the data each page carries and never decides anything.
"""

from __future__ import annotations

import html
import re

from . import checklist as checklist_section
from . import citations, decision_table, drafts, invariants, wizard_flow
from .guide import phase_path
from .labels import fill
from .markup import inline_markdown, json_attribute
from .model import Guidance
from .rendering import RenderedPage, href, in_language, relative, render, up
from .source import Located, Problem
from .wizard_compile import Compiled, Plan, State, compile_wizard
from .wizard_rules import read

START = "wizard/index.md"
TABLE = decision_table.PAGE
# The strings the script needs at run time; they travel in each page's data.
SCRIPT_STRINGS = ("progress", "change", "change_hidden", "date_range", "ics_filename", "by_date",
                  "by_today", "by_passed")


# --- checks and compiling, once per build -------------------------------------------------------------

def checks(guidance: Guidance, located: Located) -> list[Problem]:
    return read(guidance, located)[1]


def compile_checks(guidance: Guidance, located: Located) -> list[Problem]:
    """Every path enumerated and checked against the invariants; run only on an otherwise sound file,
    since every broken reference would also show up as an unreachable rule or question."""
    logic, problems = read(guidance, located)
    result, problems = compile_wizard(logic, located) if not problems else (None, problems)
    if result is not None:
        problems = invariants.check(result, located)
        if not problems:
            _cache[id(guidance)] = (guidance, result)
    return problems


_cache: dict[int, tuple[Guidance, Compiled]] = {}


def compiled(guidance: Guidance) -> Compiled:
    """The compiled wizard of checked guidance; compiled once, then shared by every page and the JSON."""
    cached = _cache.get(id(guidance))
    if cached and cached[0] is guidance:
        return cached[1]
    located = Located(None, "guidance.yaml")
    if compile_checks(guidance, located) or id(guidance) not in _cache:
        raise ValueError("the wizard has problems; load guidance with coach.load_guidance() first")
    for key in [key for key in _cache if key != id(guidance)]:
        del _cache[key]  # one guidance at a time (mkdocs serve reloads it on every build)
    return _cache[id(guidance)][1]


# --- helpers -------------------------------------------------------------------------------------------

def _plain(text: str) -> str:
    """A text without Markdown, for calendar entries."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(inline_markdown(text)))).split())


def data_element(data: dict) -> str:
    """The page's data for the wizard script, inert (markup.json_attribute says why not a script element)."""
    return f'<div id="wizard-data" data-wizard="{json_attribute(data)}" hidden></div>'


class _Renderer:
    def __init__(self, guidance: Guidance, lang: str):
        self.guidance = guidance
        self.lang = lang
        self.compiled = compiled(guidance)
        self.view = in_language(guidance, lang)
        self.w = self.view.wizard
        self.t = self.w.strings
        self.anchors = {anchor.id: anchor for anchor in self.w.anchors}
        self.recommendations = {rec.id: (phase, rec) for phase, rec in guidance.recommendations()}
        self.templates = {item.id: item for item in guidance.templates.items}
        self.checklist_order = [item.id for item in guidance.checklist.all_items()]
        self.timings = {timing.id: timing for timing in self.view.timings}

    def text(self, node):
        return in_language(node, self.lang)

    def when(self, step) -> str:
        labels = self.anchors[step.from_].when
        days = step.business_days
        return labels.same_day if days == 0 else labels.next_day if days == 1 else fill(labels.later, days=days)

    def base(self) -> dict:
        return {"lang": self.lang, "w": self.w, "t": self.t, "s": self.view.strings,
                "sources": {source.id: source for source in self.view.sources}, "compiled": self.compiled}

    def script_strings(self) -> dict:
        return {key: self.t[key] for key in SCRIPT_STRINGS}

    # Pages -------------------------------------------------------------------------------------------

    def doors(self, page: str) -> dict:
        """The first question's options as ways in, for the home page (the wizard's one start page)."""
        start = self.compiled.start
        if not start.door:
            return {"doors": [{"id": None, "text": None, "primary": True, "link": relative(start.page, page)}],
                    "heading": None, "data": "", "length": self.length()}
        doors = [{"id": option.id, "text": self.text(option.node), "primary": index == 0,
                  "link": relative(target.page, page)} for index, (option, target) in enumerate(start.choices)]
        data = {"kind": "door", "question": start.question.id, "index": start.question.index,
                "strings": self.script_strings()}
        return {"doors": doors, "heading": self.t.doors_heading, "data": data_element(data), "length": self.length()}

    def length(self) -> str:
        return fill(self.t.length, count=self.compiled.max_questions)

    def state(self, state: State) -> RenderedPage:
        page = state.page
        choices = [{"id": option.id, "unsure": option.unsure, "text": self.text(option.node),
                    "link": relative(target.page, page)} for option, target in state.choices]
        remaining = state.remaining
        if state.position is not None:  # the same number on every way here: the page can say it
            remaining_text = fill(self.t.progress, current=state.position, total=state.position + remaining)
        else:
            remaining_text = (self.t.remaining_last if remaining == 0 else self.t.remaining_one if remaining == 1
                              else fill(self.t.remaining_more, remaining=remaining))
        back = href(state.back.page if state.back else "index.md", page)
        data = {
            "kind": "question",
            "question": state.question.id,
            "index": state.question.index,
            "remaining": remaining,
            "position": state.position,
            "back": href(state.back.page if state.back else "index.md", page),
            # Each way to reach this page, as the answers before it: the script shows progress only
            # when the answers it remembers are one of these.
            "prefixes": [[[q, o, self.compiled.wizard.question(q).index] for q, o in prefix.items()]
                         for prefix in state.prefixes],
            "strings": self.script_strings(),
            # The one-frame wizard (wizard_flow.py): this page's address and where every answer leads.
            "state": state.url, "root": up(page), "flow": wizard_flow.flow_table(self.compiled, self.lang),
        }
        content = render("wizard_question.md.j2", self.base(), question=self.text(state.question.node), state=state,
                         choices=choices, remaining_text=remaining_text, restart=relative("index.md", page), back=back,
                         data=data_element(data))
        return RenderedPage(page, content)

    def advice(self, plan: Plan, page: str) -> tuple[list[dict], list[dict]]:
        do, avoid = [], []
        for rule in plan.rules:
            why = self.view.strings.why
            if rule.instead_of:
                decision = next(d for d in self.guidance.wizard.decisions if d.id == rule.decision)
                value = next(v for v in decision.values if v.id == rule.instead_of)
                why = self.text(value.why_not) if value.why_not else why
            (avoid if rule.kind == "avoid" else do).append(
                {"id": rule.id, "text": self.text(rule.node), "why": why, "guide": False})
            for ref in rule.guide:
                phase, rec = self.recommendations[ref]
                entry = {"id": f"guide-{ref}", "text": self.text(rec), "why": None, "guide": True,
                         "link": relative(phase_path(phase.id), page) + f"#{ref}"}
                (avoid if rec.kind == "avoid" else do).append(entry)
        return do, avoid

    def plan(self, plan: Plan) -> RenderedPage:
        page = plan.page
        do, avoid = self.advice(plan, page)
        # A step that names a timing shows why it falls then; one that gives its days directly shows nothing more.
        steps = [{"step": step, "text": self.text(step), "when": self.when(step),
                  "timing": self.timings.get(step.timing) if step.timing else None} for step, _ in plan.steps()]
        templates = [{"item": self.text(self.templates[ref]), "link": relative(drafts.page_path(ref), page)}
                     for ref in plan.collect("templates")]
        wanted = set(plan.collect("checklist"))
        # In the checklist's own order, which is the order of events.
        items = checklist_section.items_by_id(self.guidance, [ref for ref in self.checklist_order if ref in wanted])
        walks = [walk for walk in self.compiled.walks if walk.plan is plan]
        headline, deadline_step = self.headline(plan)
        message = self.message_form(plan)
        data = {
            "kind": "plan",
            "plan": plan.id,
            "url": plan.url,
            "title": self.w.plan.title,
            "site": self.view.site.name,
            "questions": self.questions_on(walks),
            "paths": [{"answers": [[state.question.id, walk.answers[state.question.id]] for state in walk.states],
                       "change": {state.question.id: href(state.page, page) for state in walk.states}}
                      for walk in walks],
            "steps": [{"id": s["step"].id, "from": s["step"].from_, "days": s["step"].business_days,
                       "title": _plain(s["text"].title), "text": _plain(s["text"].text)} for s in steps],
            "strings": self.script_strings(),
            "deadline_step": deadline_step.id if deadline_step else None,
        }
        used_anchors = [self.anchors[a] for a in self.compiled.wizard.anchors if any(s["step"].from_ == a for s in steps)]
        # Which template placeholder each date fills, so a date typed on the plan reaches the messages.
        fields = {entry.id for entry in self.guidance.templates.placeholders}
        entries = {a.id: next((name for name in (a.id, a.id + "_date") if name in fields), None) for a in used_anchors}
        content = render(
            "wizard_plan.md.j2", self.base(), plan=plan, do=do, avoid=avoid, steps=steps, templates=templates,
            checklist_items=self.text(items), determined=self.answer_rows(plan.common_answers()),
            several_paths=len(plan.paths) > 1, anchors=used_anchors, up=relative("index.md", page).removesuffix("index.md"),
            url_up=up(page), restart=relative("index.md", page), headline=headline, deadline_step=deadline_step,
            message=message, entries=entries,
            checklist_page=relative(checklist_section.PAGE, page), checklist_title=self.view.checklist.title,
            data=data_element(data))
        return RenderedPage(page, content)

    def headline(self, plan: Plan) -> tuple[dict, object]:
        """The plan page's H1: the action of the first rule that has a headline, with its first step's
        deadline in words (the script puts the date in once it is known)."""
        for rule in plan.rules:
            if rule.headline is not None:
                step = rule.steps[0] if rule.steps else None
                words = self.deadline_words(step) if step else ""
                before, _, after = self.text(rule.node).headline.partition("{deadline}")
                return {"before": before.strip(), "deadline": words, "after": after.strip()}, step
        return {"before": self.w.plan.title, "deadline": "", "after": ""}, None

    def timing_citations(self, page: str) -> dict[str, list[dict]]:
        """Source id -> the plan steps whose timing it backs: each step's title and a link to it on the first
        plan that shows it, the plan with the fewest rules (the step with the least around it). One entry per
        title: several rules may share a step."""
        cited: dict[str, dict[str, dict]] = {}
        for plan in sorted(self.compiled.plans, key=lambda plan: len(plan.rules)):
            for step, _ in plan.steps():
                refs = citations.ids(self.timings[step.timing].sources) if step.timing else []
                title = self.text(step).title
                for ref in refs:
                    cited.setdefault(ref, {}).setdefault(
                        title, {"title": title, "link": relative(plan.page, page) + f"#step-{step.id}"})
        return {ref: list(steps.values()) for ref, steps in cited.items()}

    def deadline_words(self, step) -> str:
        timing = self.timings.get(step.timing) if step.timing else None
        return timing.by if timing else self.when(step)

    def message_form(self, plan: Plan) -> dict | None:
        """The form of the plan's first template, the same partial the template pages use."""
        refs = plan.collect("templates")
        return drafts.form_context(self.guidance, refs[0], self.lang) if refs else None

    def questions_on(self, walks) -> dict:
        questions = {}
        for walk in walks:
            for state in walk.states:
                question = state.question
                questions[question.id] = {"question": question.node.question.in_(self.lang),
                                          "options": {o.id: o.node.label.in_(self.lang) for o in question.options}}
        return questions

    def answer_rows(self, answers: dict[str, str]) -> list[dict]:
        rows = []
        for question_id, option_id in answers.items():
            question = self.compiled.wizard.question(question_id)
            option = next(o for o in question.options if o.id == option_id)
            rows.append({"id": question_id, "question": self.text(question.node), "option": self.text(option.node)})
        return rows


def render_pages(guidance: Guidance, lang: str) -> list[RenderedPage]:
    renderer = _Renderer(guidance, lang)
    pages = decision_table.render_pages(guidance, lang, renderer.compiled, renderer.answer_rows, START)
    pages += [renderer.state(state) for state in renderer.compiled.states if not state.door]
    pages += [renderer.plan(plan) for plan in renderer.compiled.plans]
    return pages


def doors(guidance: Guidance, lang: str, page: str) -> dict:
    """The ways into the wizard, for the home page."""
    return _Renderer(guidance, lang).doors(page)


def timing_citations(guidance: Guidance, lang: str, page: str) -> dict[str, list[dict]]:
    """For the sources page: the plan steps whose timing each source backs."""
    return _Renderer(guidance, lang).timing_citations(page)


def nav(guidance: Guidance, lang: str) -> list:
    """Only the start page and the decision table: the generated question and plan pages stay out of the nav
    (every page renders the whole nav, so a large nav slows the build)."""
    wizard = guidance.wizard
    return [{wizard.title.in_(lang): [START, {wizard.table.title.in_(lang): TABLE}]}]
