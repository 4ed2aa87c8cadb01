"""The published decision table: every path, its answers, facts and plan (a page and decision-table.json)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .labels import fill
from .model import Guidance
from .rendering import RenderedPage, in_language, relative, render
from .wizard_compile import Compiled, Plan

PAGE = "wizard/decision-table.md"
JSON = "wizard/decision-table.json"


def _published(guidance: Guidance, plan: Plan) -> dict:
    """The decisions guidance.yaml publishes under their ids: a value, or true/false."""
    published = {}
    for decision in guidance.wizard.decisions:
        if decision.publish:
            published[decision.id] = plan.value(decision.id)
        if decision.publish_true_for is not None:
            published[decision.id] = plan.value(decision.id) == decision.publish_true_for
    return published


def table(guidance: Guidance, compiled: Compiled, lang: str) -> dict:
    """decision-table.json: every path with its answers, facts, plan and the question pages it passes."""
    questions = [{"id": q.id, "question": q.node.question.in_(lang),
                  "options": [{"id": o.id, "label": o.node.label.in_(lang)} for o in q.options]}
                 for q in compiled.wizard.questions]
    paths = []
    for walk in compiled.walks:
        plan = walk.plan
        paths.append({
            "answers": walk.answers,
            "facts": walk.facts,
            "plan": {
                "id": plan.id,
                **_published(guidance, plan),
                "templates": plan.collect("templates"),
                "url": plan.url,
                "decisions": plan.decisions(),
                "rules": {rule.decision: rule.id for rule in plan.rules},
                "checklist": plan.collect("checklist"),
                "steps": [{"id": step.id, "from": step.from_, "business_days": step.business_days}
                          for step, _ in plan.steps()],
            },
            "pages": [state.url for state in walk.states],
        })
    return {"lang": lang, "questions": questions, "paths": paths}


def _summary(guidance: Guidance, plan: Plan, lang: str) -> str:
    """The plan in one line: the values of the decisions marked in_summary."""
    labels = []
    for decision in guidance.wizard.decisions:
        if decision.in_summary:
            value = next(v for v in decision.values if v.id == plan.value(decision.id))
            labels.append(value.label.in_(lang))
    return " · ".join(labels)


def render_pages(guidance: Guidance, lang: str, compiled: Compiled, answer_rows: Callable, start: str) -> list[RenderedPage]:
    view = in_language(guidance, lang)
    rows = [{"answers": answer_rows(walk.answers), "plan": walk.plan, "summary": _summary(guidance, walk.plan, lang),
             "link": relative(walk.plan.page, PAGE)} for walk in compiled.walks]
    counts = fill(view.wizard.strings.table_counts, paths=len(compiled.walks), plans=len(compiled.plans),
                  states=len(compiled.states))
    content = render("wizard_table.md.j2", {"lang": lang, "w": view.wizard, "t": view.wizard.strings,
                                            "s": view.strings, "compiled": compiled},
                     rows=rows, counts=counts, json_link=relative(JSON, PAGE))
    data = json.dumps(table(guidance, compiled, lang), ensure_ascii=False, indent=1) + "\n"
    return [RenderedPage(PAGE, content), RenderedPage(JSON, data)]
