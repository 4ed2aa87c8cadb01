"""Compile the wizard once, at build time: every path through the questions, the plan each one leads to,
and the question pages that paths can share.

The browser never evaluates a rule. It gets pages, and tables the build produced, so what is checked here
is exactly what users see.

Sharing: two points in the questionnaire get the same page when everything that can still happen from there
(the questions still to come, their options and the plans they lead to) is the same. Pages therefore grow
with the number of distinct question states and plans, not with the number of paths.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model.wizard import Step
from .source import Located, Problem, describe
from .wizard_rules import Option, Question, Rule, WizardLogic

# An author who adds many questions without ask_if multiplies the paths; stop with a clear message instead
# of a build that seems to hang.
MAX_PATHS = 20_000


@dataclass(eq=False)
class Plan:
    """The outcome of a set of paths: one rule per decision, in decision order."""

    id: str
    rules: tuple[Rule, ...]
    anchors: list[str]  # the dates steps count from, in time order
    paths: list[dict[str, str]] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"wizard/plan/{self.id}.md"

    @property
    def url(self) -> str:
        return f"wizard/plan/{self.id}/"

    def rule(self, decision_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.decision == decision_id)

    def value(self, decision_id: str) -> str:
        return self.rule(decision_id).value

    def decisions(self) -> dict[str, str]:
        return {rule.decision: rule.value for rule in self.rules}

    def steps(self) -> list[tuple[Step, Rule]]:
        """Every step of the plan in time order: by the date it counts from, then by business days."""
        steps = [(step, rule) for rule in self.rules for step in rule.steps]
        return sorted(steps, key=lambda pair: (self.anchors.index(pair[0].from_), pair[0].business_days))

    def collect(self, attribute: str) -> list[str]:
        """Union of a list attribute of the rules (templates, checklist, guide), first mention first."""
        return list(dict.fromkeys(ref for rule in self.rules for ref in getattr(rule, attribute)))

    def common_answers(self) -> dict[str, str]:
        """The answers every path to this plan shares: the ones that determined it."""
        return _common(self.paths)


@dataclass(eq=False)
class State:
    """A question page: the question, and where each offered option leads."""

    question: Question
    choices: list[tuple[Option, "State | Plan"]]
    remaining: int  # at most this many questions follow this one
    prefixes: list[dict[str, str]] = field(default_factory=list)  # answers before it, for each way to get here
    page: str = ""
    position: int | None = None  # its number on every way here (doors not counted); None if ways differ
    back: "State | None" = None  # the question before it (the first of several); None: the home page

    @property
    def door(self) -> bool:
        return self.question.door

    @property
    def url(self) -> str:
        return self.page.removesuffix("index.md").removesuffix(".md") + ("" if self.page.endswith("index.md") else "/")


@dataclass
class Walk:
    """One complete path: the answers given, the question pages passed and the plan reached."""

    answers: dict[str, str]
    states: list[State]
    plan: Plan
    facts: dict = field(default_factory=dict)


@dataclass
class Compiled:
    wizard: WizardLogic
    start: State
    states: list[State]
    plans: list[Plan]
    walks: list[Walk]

    @property
    def max_questions(self) -> int:
        """Questions on pages of their own: a door is answered on the home page."""
        return self.start.remaining + (0 if self.start.door else 1)

    def questions_asked(self, walk: "Walk") -> int:
        return sum(1 for state in walk.states if not state.door)


class _TooManyPaths(Exception):
    pass


def _common(answer_sets: list[dict[str, str]]) -> dict[str, str]:
    if not answer_sets:
        return {}
    first, *rest = answer_sets
    return {q: o for q, o in first.items() if all(other.get(q) == o for other in rest)}


class _Compiler:
    def __init__(self, wizard: WizardLogic):
        self.wizard = wizard
        self.states: dict[tuple, State] = {}
        self.plans: dict[tuple[str, ...], Plan] = {}
        self.paths = 0
        self.asked: set[str] = set()
        self.offered: set[tuple[str, str]] = set()
        self.fired: dict[str, int] = defaultdict(int)
        self.shadowed_by: dict[str, set[str]] = defaultdict(set)  # rule id -> earlier rules that won where it matched
        self.dead_ends: dict[str, dict[str, str]] = {}  # question asked with no option to offer -> example answers

    def next_question(self, answers: dict[str, str], index: int) -> Question | None:
        for question in self.wizard.questions[index:]:
            if question.ask_if is None or question.ask_if.holds(answers):
                return question
        return None

    def explore(self, answers: dict[str, str], index: int) -> State | Plan:
        question = self.next_question(answers, index)
        if question is None:
            return self.plan_for(answers)
        self.asked.add(question.id)
        choices = []
        for option in question.options:
            if option.offer_if is not None and not option.offer_if.holds(answers):
                continue
            self.offered.add((question.id, option.id))
            answers[question.id] = option.id
            choices.append((option, self.explore(answers, question.index + 1)))
            del answers[question.id]
        if not choices:
            self.dead_ends.setdefault(question.id, dict(answers))
            return self.plan_for(answers)
        key = (question.id, tuple((option.id, id(target)) for option, target in choices))
        if key not in self.states:
            remaining = max(0 if isinstance(target, Plan) else 1 + target.remaining for _, target in choices)
            self.states[key] = State(question, choices, remaining)
        return self.states[key]

    def plan_for(self, answers: dict[str, str]) -> Plan:
        self.paths += 1
        if self.paths > MAX_PATHS:
            raise _TooManyPaths
        chosen = []
        for decision in self.wizard.decisions:
            winner = decision.decide(answers)
            chosen.append(winner)
            self.fired[winner.id] += 1
            for rule in decision.rules:
                if rule is not winner and not rule.is_otherwise and rule.matches(answers):
                    self.shadowed_by[rule.id].add(winner.id)
        key = tuple(rule.id for rule in chosen)
        if key not in self.plans:
            named = [rule.id for rule in chosen if not rule.is_otherwise]
            self.plans[key] = Plan("--".join(named) or chosen[0].id, tuple(chosen), self.wizard.anchors)
        plan = self.plans[key]
        plan.paths.append(dict(answers))
        return plan


def _walks(wizard: WizardLogic, start: State | Plan) -> list[Walk]:
    """Every path from the first question, following the shared pages, with the pages it passes."""
    walks: list[Walk] = []

    def follow(node: State | Plan, answers: dict[str, str], states: list[State]) -> None:
        if isinstance(node, Plan):
            walks.append(Walk(dict(answers), list(states), node, wizard.facts_of(answers)))
            return
        node.prefixes.append(dict(answers))
        for option, target in node.choices:
            answers[node.question.id] = option.id
            follow(target, answers, states + [node])
            del answers[node.question.id]

    follow(start, {}, [])
    return walks


def _positions(walks: list[Walk]) -> None:
    """Each question page's number and the page before it, from every way to reach it."""
    seen: dict[int, set] = defaultdict(set)
    for walk in walks:
        asked = [state for state in walk.states if not state.door]
        for number, state in enumerate(asked, start=1):
            seen[id(state)].add(number)
            if number > 1 and state.back is None:
                state.back = asked[number - 2]
    for walk in walks:
        for state in walk.states:
            numbers = seen.get(id(state), set())
            state.position = next(iter(numbers)) if len(numbers) == 1 else None


def _token(question_id: str, option_id: str, ambiguous: set[str]) -> str:
    """An answer in a page address: the option id, with its question when several questions share the id."""
    token = option_id.replace("_", "-")
    return f"{question_id.replace('_', '-')}-{token}" if option_id in ambiguous else token


def _name_pages(wizard: WizardLogic, states: list[State]) -> None:
    """wizard/<question>/ for a question with one page; otherwise keyed by the answers that set it apart."""
    option_use = defaultdict(int)
    for question in wizard.questions:
        for option in question.options:
            option_use[option.id] += 1
    ambiguous = {option for option, count in option_use.items() if count > 1}
    by_question: dict[str, list[State]] = defaultdict(list)
    for state in states:
        by_question[state.question.id].append(state)
    doors = [state for state in states if state.door]
    for door in doors:  # answered on the home page; its first way in is the wizard's own address
        door.page = "index.md"
        first = door.choices[0][1]
        if isinstance(first, State):
            first.page = "wizard/index.md"
    for question_id, group in by_question.items():
        group = [state for state in group if not state.page]
        if not group:
            continue
        folder = f"wizard/{question_id.replace('_', '-')}"
        if len(group) == 1:
            group[0].page = f"{folder}/index.md"
            continue
        commons = [_common(state.prefixes) for state in group]
        shared = set.intersection(*(set(common.items()) for common in commons))
        used: set[str] = set()
        doors = {question.id for question in wizard.questions if question.door}
        for state, common in zip(group, commons):
            telling = [(q, o) for q, o in common.items() if (q, o) not in shared]
            # The door is named only where it alone sets the page apart.
            telling = [(q, o) for q, o in telling if q not in doors] or telling
            name = "--".join(_token(q, o, ambiguous) for q, o in telling) or "start"
            unique, number = name, 2
            while unique in used or unique == "index":
                unique, number = f"{name}-{number}", number + 1
            used.add(unique)
            state.page = f"{folder}/{unique}.md"


def _name_plans(plans: list[Plan]) -> None:
    """Short, stable plan addresses: the rule of the first decision, plus only the rules that set a plan apart
    from the others with that rule (an otherwise rule is never named). The full chain is the fallback."""
    groups: dict[str, list[Plan]] = defaultdict(list)
    for plan in plans:
        groups[plan.rules[0].id].append(plan)
    names: dict[int, str] = {}
    for first, group in groups.items():
        varying = [index for index in range(1, len(group[0].rules))
                   if len({plan.rules[index].id for plan in group}) > 1]
        for plan in group:
            telling = [plan.rules[index].id for index in varying if not plan.rules[index].is_otherwise]
            names[id(plan)] = "--".join([first, *telling])
    if len(set(names.values())) < len(plans):
        return  # names would collide: keep the full chains
    for plan in plans:
        plan.id = names[id(plan)]


def compile_wizard(wizard: WizardLogic, located: Located) -> tuple[Compiled | None, list[Problem]]:
    """Enumerate and decide every path. Returns the result and every problem found (then the result is None)."""
    compiler = _Compiler(wizard)
    try:
        start = compiler.explore({}, 0)
    except _TooManyPaths:
        return None, [located.problem(("wizard", "questions"), f"wizard.questions: more than {MAX_PATHS} combinations "
                                                               "of answers; ask fewer questions, or use ask_if so that "
                                                               "each question is asked only where it matters",
                                      key=True)]
    problems = _reachability(wizard, compiler, located)
    if not isinstance(start, State):
        problems.append(located.problem(("wizard", "questions"), "wizard.questions: no question is ever asked",
                                        key=True))
    plans = list(compiler.plans.values())
    _name_plans(plans)
    problems += _plan_problems(wizard, plans, located)
    if problems:
        return None, problems
    walks = _walks(wizard, start)
    states = list(dict.fromkeys(state for walk in walks for state in walk.states))
    _positions(walks)
    _name_pages(wizard, states)
    return Compiled(wizard, start, states, plans, walks), []


def _reachability(wizard: WizardLogic, compiler: _Compiler, located: Located) -> list[Problem]:
    problems = []
    for question in wizard.questions:
        if question.id not in compiler.asked:
            where = question.node.path + (("ask_if",) if question.ask_if is not None else ("id",))
            problems.append(located.problem(where, f"{describe(question.node.path)}: question '{question.id}' can never be "
                                                   "asked: its ask_if does not hold for any combination of the answers "
                                                   "before it", key=question.ask_if is not None))
            continue
        if question.id in compiler.dead_ends:
            example = ", ".join(f"{q}={o}" for q, o in compiler.dead_ends[question.id].items()) or "no answers yet"
            problems.append(located.problem(question.node.path + ("options",), f"{describe(question.node.path)}: question "
                                            f"'{question.id}' is asked with none of its options on offer (for "
                                            f"example after {example}); check the options' offer_if", key=True))
        for option in question.options:
            if (question.id, option.id) not in compiler.offered:
                where = option.node.path + (("offer_if",) if option.offer_if is not None else ("id",))
                problems.append(located.problem(where, f"{describe(option.node.path)}: option '{question.id}: {option.id}' "
                                                       "can never be chosen: its offer_if does not hold whenever the "
                                                       "question is asked", key=option.offer_if is not None))
    for decision in wizard.decisions:
        for rule in decision.rules:
            if rule.is_otherwise or compiler.fired[rule.id]:
                continue
            earlier = compiler.shadowed_by.get(rule.id)
            if earlier:
                names = ", ".join(f"'{r.id}'" for r in decision.rules if r.id in earlier)
                message = (f"rule '{rule.id}' of decision '{decision.id}' can never apply: every combination of "
                           f"answers it matches is already decided by the earlier rule(s) {names}; move it up, "
                           "narrow the earlier rule(s), or remove it")
                problems.append(located.problem(rule.node.path + ("id",), f"{describe(rule.node.path)}: {message}"))
            else:
                message = (f"rule '{rule.id}' of decision '{decision.id}' can never apply: no combination of "
                           "answers meets its condition (check which questions are asked together)")
                problems.append(located.problem(rule.node.path + ("when",), f"{describe(rule.node.path)}: {message}", key=True))
    return problems


def _plan_problems(wizard: WizardLogic, plans: list[Plan], located: Located) -> list[Problem]:
    """What only shows once rules are combined: clashing step ids, checklist items meant for other plans."""
    problems = []
    reported: set[tuple] = set()
    for plan in plans:
        step_owner: dict[str, Rule] = {}
        for rule in plan.rules:
            for step in rule.steps:
                other = step_owner.setdefault(step.id, rule)
                if other is not rule and (other.id, rule.id, step.id) not in reported:
                    reported.add((other.id, rule.id, step.id))
                    problems.append(located.problem(step.path + ("id",), f"{describe(step.path)}: rules '{other.id}' "
                                                    f"and '{rule.id}' both have a step '{step.id}' and apply together "
                                                    f"(plan '{plan.id}'); give the steps different ids"))
        decided = plan.decisions()
        for rule in plan.rules:
            for index, item in enumerate(rule.checklist):
                only_if, described = wizard.checklist_conditions.get(item, (None, ""))
                if only_if is not None and not only_if.holds(decided) and (rule.id, item) not in reported:
                    reported.add((rule.id, item))
                    where = rule.node.path + ("checklist", index)
                    problems.append(located.problem(where, f"{describe(where)}: checklist item '{item}' is only for "
                                                    f"plans where {described}, but rule "
                                                    f"'{rule.id}' is part of plan '{plan.id}', which decides "
                                                    f"{', '.join(f'{k}: {v}' for k, v in decided.items())}"))
    return problems
