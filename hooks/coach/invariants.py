"""The source article's rules as invariants: checked on every path, a violation refused, located.

An invariant is written over facts (what a path means) and decisions (what the plan says):
where `when` holds, `then` must hold too. A violation is reported at the invariant and at each rule
that decided what `then` asks about, naming the path's answers, so the author sees which rule to fix.
"""

from __future__ import annotations

from .conditions import AllOf, AnyOf, Is, Not
from .source import Located, Problem, describe
from .wizard_compile import Compiled


def _names(condition) -> set[str]:
    if isinstance(condition, Is):
        return {condition.name}
    if isinstance(condition, Not):
        return _names(condition.part)
    if isinstance(condition, (AllOf, AnyOf)):
        return set().union(*(_names(part) for part in condition.parts))
    return set()


def check(compiled: Compiled, located: Located) -> list[Problem]:
    """Every invariant on every path; one report per invariant and set of deciding rules."""
    problems: list[Problem] = []
    reported: set[tuple] = set()
    for invariant in compiled.wizard.invariants:
        for walk in compiled.walks:
            values = {**walk.facts, **walk.plan.decisions()}
            if not invariant.when.holds(values) or invariant.then.holds(values):
                continue
            # Blame the rules that decided what the failing parts of `then` ask about.
            parts = invariant.then.parts if isinstance(invariant.then, AllOf) else (invariant.then,)
            asked_about = set().union(*(_names(part) for part in parts if not part.holds(values)))
            deciders = [rule for rule in walk.plan.rules if rule.decision in asked_about]
            key = (invariant.id, tuple(rule.id for rule in deciders))
            if key in reported:
                continue
            reported.add(key)
            answers = ", ".join(f"{question}={option}" for question, option in walk.answers.items())
            decided = "; ".join(f"{rule.decision}: {rule.value} (rule '{rule.id}', line "
                                f"{located.where(rule.node.path + ('id',))[0]})" for rule in deciders)
            path = invariant.node.path
            problems.append(located.problem(path + ("id",), f"{describe(path)}: invariant '{invariant.id}' does not "
                                                            f"hold on the path {answers}: {decided or 'no rule decides it'}"))
            line = located.where(path + ("id",))[0]
            for rule in deciders:
                where = rule.node.path + ("then",)
                problems.append(located.problem(where, f"{describe(rule.node.path)}: rule '{rule.id}' breaks invariant "
                                                       f"'{invariant.id}' (line {line}) on the path {answers}"))
    return problems
