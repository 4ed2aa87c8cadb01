"""The wizard's questions and decisions as typed data, read from the `wizard:` section of guidance.yaml.

Reading is tolerant: the JSON Schema reports wrong types, so anything malformed is skipped here and the
other checks still run (the author sees every problem at once). Every object keeps its data path, so a
problem is located with `Located.problem(path, ...)`, and the renderer finds its texts by the same path.

Conditions are declarative: `question: [options]` holds when the answer is one of the options (never for
a question that was not asked), combined with `all:`, `any:` and `not:`. Nothing else.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .source import Located, Path_, Problem, describe
from .validate import dangling, items, source_ids

ROOT: Path_ = ("wizard",)

# Fixed by the published decision table and page addresses: these ids must exist with exactly these options.
REQUIRED_QUESTIONS = {
    "timeline": ("within_week", "longer", "unknown"),
    "invited_to_call": ("yes", "no"),
    "sales_role": ("yes", "no"),
}
# decision id -> the values it may have; decision-table.json reports these two as `channel` and `phone_call`.
REQUIRED_DECISIONS = {
    "channel": ("email", "letter", "phone"),
    "phone_call": ("yes", "no"),
}
REQUIRED_DECISION_VALUES_EXACT = {"phone_call"}  # channel may leave out a channel; phone_call is a yes/no
COMBINATORS = ("all", "any", "not")
# Page folders under wizard/ that a question's pages must not take over.
RESERVED_PAGE_NAMES = {"plan", "decision-table"}

Answers = Mapping[str, str]


# --- conditions ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Is:
    """The answer to `question` is one of `options`."""

    question: str
    options: frozenset[str]

    def holds(self, answers: Answers) -> bool:
        return answers.get(self.question) in self.options


@dataclass(frozen=True)
class AllOf:
    parts: tuple

    def holds(self, answers: Answers) -> bool:
        return all(part.holds(answers) for part in self.parts)


@dataclass(frozen=True)
class AnyOf:
    parts: tuple

    def holds(self, answers: Answers) -> bool:
        return any(part.holds(answers) for part in self.parts)


@dataclass(frozen=True)
class Not:
    part: Any

    def holds(self, answers: Answers) -> bool:
        return not self.part.holds(answers)


Condition = Is | AllOf | AnyOf | Not


# --- the model ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    id: str
    path: Path_
    unsure: bool = False
    offer_if: Condition | None = None


@dataclass(frozen=True)
class Question:
    id: str
    index: int
    path: Path_
    options: tuple[Option, ...]
    ask_if: Condition | None = None

    def option_ids(self) -> list[str]:
        return [option.id for option in self.options]


@dataclass(frozen=True)
class Step:
    id: str
    anchor: str  # "interview" or "decision_date"
    business_days: int
    path: Path_


@dataclass(frozen=True)
class Rule:
    id: str
    decision: str
    value: str
    path: Path_
    when: Condition | None  # None: the decision's `otherwise`
    kind: str = "do"
    instead_of: str | None = None
    sources: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    guide: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()

    @property
    def is_otherwise(self) -> bool:
        return self.when is None

    def matches(self, answers: Answers) -> bool:
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True)
class Decision:
    id: str
    path: Path_
    values: tuple[str, ...]
    rules: tuple[Rule, ...]  # in order, `otherwise` last

    def decide(self, answers: Answers) -> Rule:
        return next(rule for rule in self.rules if rule.matches(answers))


@dataclass
class Wizard:
    questions: list[Question] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


# --- reading -----------------------------------------------------------------------------------------

def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(v for v in _list(value) if isinstance(v, str))


def _suggest(word: str, candidates: list[str]) -> str:
    hint = difflib.get_close_matches(word, candidates, n=1)
    return f"; did you mean '{hint[0]}'?" if hint else "."


class _Reader:
    def __init__(self, located: Located):
        self.located = located
        self.problems: list[Problem] = []
        self.wizard = Wizard()

    def problem(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.problems.append(self.located.problem(path, message, key=key))

    # Conditions -----------------------------------------------------------------------------------

    def condition(self, raw: Any, path: Path_, owner: str, before: int | None) -> Condition | None:
        """Read a condition; `before` limits references to questions asked earlier (ask_if, offer_if)."""
        if not isinstance(raw, dict) or not raw:
            return None  # the schema reports it
        if len(raw) > 1:
            keys = ", ".join(raw)
            self.problem(path, f"{describe(path)}: a condition has exactly one key, this one has {len(raw)} ({keys}) "
                               f"in {owner}; combine conditions with `all:` or `any:`")
            return None
        (key, value), = raw.items()
        child = path + (key,)
        if key in ("all", "any"):
            parts = [self.condition(item, child + (i,), owner, before) for i, item in enumerate(_list(value))]
            if not parts or any(part is None for part in parts):
                return None
            return (AllOf if key == "all" else AnyOf)(tuple(parts))
        if key == "not":
            part = self.condition(value, child, owner, before)
            return Not(part) if part is not None else None
        return self.comparison(key, value, child, owner, before)

    def comparison(self, question_id: str, value: Any, path: Path_, owner: str, before: int | None) -> Condition | None:
        known = {q.id: q for q in self.wizard.questions}
        question = known.get(question_id)
        if question is None:
            self.problem(path, f"{describe(path)}: unknown question '{question_id}' in {owner}"
                               f"{_suggest(question_id, [*known, *COMBINATORS])}", key=True)
            return None
        if before is not None and question.index >= before:
            later = "itself" if question.index == before else f"'{question_id}', which is asked later"
            self.problem(path, f"{describe(path)}: {owner} refers to {later}; a condition here may only use "
                               "questions asked before, whose answers are known", key=True)
            return None
        listed = [(path, value)] if isinstance(value, str) else [(path + (i,), v) for i, v in enumerate(_list(value))]
        options = []
        for where, option in listed:
            if not isinstance(option, str):
                continue
            if option not in question.option_ids():
                self.problem(where, f"{describe(where)}: question '{question_id}' has no option '{option}' ({owner})"
                                    f"{_suggest(option, question.option_ids())} Its options: "
                                    f"{', '.join(question.option_ids())}")
                return None
            options.append(option)
        return Is(question_id, frozenset(options)) if options else None

    # Questions -----------------------------------------------------------------------------------

    def questions(self) -> None:
        # First every id, then the conditions: a reference to a later question is then reported as such.
        raws: list[tuple[Path_, dict]] = []
        seen: dict[str, Path_] = {}
        for path, raw in items(self.located.data, *ROOT, "questions"):
            question_id = raw.get("id")
            if not isinstance(question_id, str):
                continue
            if question_id in seen:
                line, _ = self.located.where(seen[question_id] + ("id",))
                self.problem(path + ("id",), f"duplicate question id '{question_id}' (already used on line {line})")
                continue
            seen[question_id] = path
            if question_id.replace("_", "-") in RESERVED_PAGE_NAMES:
                self.problem(path + ("id",), f"question id '{question_id}' is taken by the wizard's own pages "
                                             f"(wizard/{question_id.replace('_', '-')}/); choose another id")
            index = len(self.wizard.questions)
            self.wizard.questions.append(Question(question_id, index, path, self.options(raw, path, question_id)))
            raws.append((path, raw))
        for question, (path, raw) in zip(list(self.wizard.questions), raws):
            owner = f"the ask_if of question '{question.id}'"
            ask_if = self.condition(raw["ask_if"], path + ("ask_if",), owner, question.index) if "ask_if" in raw else None
            options = []
            for option, (_, option_raw) in zip(question.options, self.option_raws(raw, path)):
                owner = f"the offer_if of option '{question.id}: {option.id}'"
                offer_if = (self.condition(option_raw["offer_if"], option.path + ("offer_if",), owner, question.index)
                            if "offer_if" in option_raw else None)
                options.append(Option(option.id, option.path, option.unsure, offer_if))
            self.wizard.questions[question.index] = Question(question.id, question.index, path, tuple(options), ask_if)

    def option_raws(self, raw: dict, path: Path_) -> list[tuple[Path_, dict]]:
        """The option mappings that options() accepted, in the same order."""
        accepted, seen = [], set()
        for option_path, option in items(raw, "options"):
            option_id = option.get("id")
            if isinstance(option_id, str) and option_id not in seen:
                seen.add(option_id)
                accepted.append((path + option_path, option))
        return accepted

    def options(self, raw: dict, path: Path_, question_id: str) -> tuple[Option, ...]:
        options: list[Option] = []
        seen: dict[str, Path_] = {}
        for option_path, option in items(raw, "options"):
            option_path = path + option_path
            option_id = option.get("id")
            if not isinstance(option_id, str):
                continue
            if option_id in seen:
                line, _ = self.located.where(seen[option_id] + ("id",))
                self.problem(option_path + ("id",), f"duplicate option id '{option_id}' in question '{question_id}' "
                                                    f"(already used on line {line})")
                continue
            seen[option_id] = option_path
            options.append(Option(option_id, option_path, option.get("unsure") is True))
        return tuple(options)

    def required_questions(self) -> None:
        by_id = {q.id: q for q in self.wizard.questions}
        for question_id, expected in REQUIRED_QUESTIONS.items():
            question = by_id.get(question_id)
            if question is None:
                if isinstance(_mapping(self.located.data.get("wizard")).get("questions"), list):
                    self.problem(ROOT + ("questions",), f"wizard.questions: the question '{question_id}' (options "
                                                        f"{', '.join(expected)}) is missing; its id and options are "
                                                        "published in page addresses and the decision table", key=True)
                continue
            if sorted(question.option_ids()) != sorted(expected):
                self.problem(question.path + ("options",), f"{describe(question.path)}: question '{question_id}' must "
                                                           f"have exactly the options {', '.join(expected)} (they are "
                                                           f"published); found {', '.join(question.option_ids()) or 'none'}",
                             key=True)

    # Decisions -----------------------------------------------------------------------------------

    def decisions(self, rule_ids: dict[str, Path_]) -> None:
        seen: dict[str, Path_] = {}
        for path, raw in items(self.located.data, *ROOT, "decisions"):
            decision_id = raw.get("id")
            if not isinstance(decision_id, str):
                continue
            if decision_id in seen:
                line, _ = self.located.where(seen[decision_id] + ("id",))
                self.problem(path + ("id",), f"duplicate decision id '{decision_id}' (already used on line {line})")
                continue
            seen[decision_id] = path
            values = self.values(raw, path, decision_id)
            rules = [self.rule(rule, path + rule_path, decision_id, values, rule_ids)
                     for rule_path, rule in items(raw, "rules")]
            if "otherwise" in raw:
                if isinstance(raw["otherwise"], dict):
                    rules.append(self.rule(raw["otherwise"], path + ("otherwise",), decision_id, values, rule_ids))
            else:
                self.problem(path, f"{describe(path)}: decision '{decision_id}' has no `otherwise`; add one after its "
                                   "rules, saying what to advise when none of them applies", key=True)
                continue
            if all(rule is not None for rule in rules):
                self.wizard.decisions.append(Decision(decision_id, path, values, tuple(rules)))

    def values(self, raw: dict, path: Path_, decision_id: str) -> tuple[str, ...]:
        values: list[str] = []
        for value_path, value in items(raw, "values"):
            value_id = value.get("id")
            if not isinstance(value_id, str):
                continue
            if value_id in values:
                self.problem(path + value_path + ("id",), f"duplicate value '{value_id}' in decision '{decision_id}'")
                continue
            values.append(value_id)
        return tuple(values)

    def rule(self, raw: dict, path: Path_, decision_id: str, values: tuple[str, ...],
             rule_ids: dict[str, Path_]) -> Rule | None:
        rule_id = raw.get("id")
        ok = isinstance(rule_id, str)
        if ok:
            if rule_id in rule_ids:
                line, _ = self.located.where(rule_ids[rule_id] + ("id",))
                self.problem(path + ("id",), f"duplicate rule id '{rule_id}' (already used on line {line}); rule ids "
                                             "are unique across all decisions, plan addresses are made of them")
            else:
                rule_ids[rule_id] = path
        name = f"rule '{rule_id}'" if ok else describe(path)
        value = raw.get("then")
        if isinstance(value, str) and value not in values:
            self.problem(path + ("then",), f"{describe(path + ('then',))}: '{value}' is not a value of decision "
                                           f"'{decision_id}' ({name}); its values: {', '.join(values)}")
            ok = False
        instead_of = raw.get("instead_of")
        if isinstance(instead_of, str) and (instead_of not in values or instead_of == value):
            self.problem(path + ("instead_of",), f"{describe(path + ('instead_of',))}: instead_of '{instead_of}' must "
                                                 f"be another value of decision '{decision_id}' ({name})")
        when = None
        if path[-1] != "otherwise":
            when = self.condition(raw.get("when"), path + ("when",), f"the condition of {name}", None)
            ok = ok and when is not None
        steps, step_ids = [], set()
        for step_path, step in items(raw, "steps"):
            step_id, anchor, days = step.get("id"), step.get("from"), step.get("business_days")
            if not (isinstance(step_id, str) and anchor in ("interview", "decision_date")
                    and isinstance(days, int) and not isinstance(days, bool)):
                continue
            if step_id in step_ids:
                self.problem(path + step_path + ("id",), f"duplicate step id '{step_id}' in {name}")
                continue
            step_ids.add(step_id)
            steps.append(Step(step_id, anchor, days, path + step_path))
        if not (ok and isinstance(value, str)):
            return None
        return Rule(rule_id, decision_id, value, path, when, raw.get("kind", "do"),
                    instead_of if isinstance(instead_of, str) else None, _ids(raw.get("sources")), tuple(steps),
                    _ids(raw.get("guide")), _ids(raw.get("templates")), _ids(raw.get("checklist")))

    def required_decisions(self) -> None:
        raw_ids = {raw.get("id"): (path, raw) for path, raw in items(self.located.data, *ROOT, "decisions")}
        for decision_id, allowed in REQUIRED_DECISIONS.items():
            if decision_id not in raw_ids:
                if isinstance(_mapping(self.located.data.get("wizard")).get("decisions"), list):
                    self.problem(ROOT + ("decisions",), f"wizard.decisions: the decision '{decision_id}' (values "
                                                        f"{', '.join(allowed)}) is missing; decision-table.json "
                                                        "publishes it", key=True)
                continue
            path, raw = raw_ids[decision_id]
            values = [value.get("id") for _, value in items(raw, "values")]
            exact = decision_id in REQUIRED_DECISION_VALUES_EXACT
            wrong = sorted(values) != sorted(allowed) if exact else any(v not in allowed for v in values)
            if wrong:
                need = "exactly" if exact else "only"
                self.problem(path + ("values",), f"{describe(path)}: decision '{decision_id}' must have {need} the "
                                                 f"values {', '.join(allowed)} (decision-table.json publishes them)",
                             key=True)


def read(located: Located) -> tuple[Wizard, list[Problem]]:
    """The wizard model and the problems found in its structure and references."""
    reader = _Reader(located)
    if not isinstance(located.data, dict) or not isinstance(located.data.get("wizard"), dict):
        return reader.wizard, []  # the schema reports a missing or mistyped section
    reader.questions()
    reader.required_questions()
    reader.decisions({})
    reader.required_decisions()
    return reader.wizard, reader.problems


# --- references to the rest of guidance.yaml ------------------------------------------------------------

def recommendation_kinds(located: Located) -> dict[str, str]:
    """Guide recommendation id -> kind ('do' or 'avoid')."""
    kinds = {}
    for _, phase in items(located.data, "phases"):
        for rec in _list(phase.get("recommendations")):
            if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                kinds.setdefault(rec["id"], rec.get("kind", "do"))
    return kinds


def checklist_channels(located: Located) -> dict[str, tuple[str, ...] | None]:
    """Checklist item id -> the channels it is limited to (None: all)."""
    found: dict[str, tuple[str, ...] | None] = {}
    for _, group in items(located.data, "checklist", "groups"):
        for item in _list(group.get("items")):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                channels = item.get("channels")
                found.setdefault(item["id"], tuple(channels) if isinstance(channels, list) else None)
    return found


def template_ids(located: Located) -> dict[str, Path_]:
    return {item["id"]: path for path, item in items(located.data, "templates", "items")
            if isinstance(item.get("id"), str)}


def check_references(located: Located) -> list[Problem]:
    """Sources, guide recommendations, templates and checklist items that rules name must exist."""
    problems: list[Problem] = []
    sources = source_ids(located)
    primary = {source["id"] for _, source in items(located.data, "sources")
               if source.get("primary") is True and isinstance(source.get("id"), str)}
    guide = {rec: () for rec in recommendation_kinds(located)}
    templates = template_ids(located)
    checklist = {item: () for item in checklist_channels(located)}
    for decision_path, decision in items(located.data, *ROOT, "decisions"):
        rules = [(decision_path + path, rule) for path, rule in items(decision, "rules")]
        if isinstance(decision.get("otherwise"), dict):
            rules.append((decision_path + ("otherwise",), decision["otherwise"]))
        for path, rule in rules:
            name = f"rule '{rule.get('id', describe(path))}'"
            cited = _list(rule.get("sources"))
            for index, ref in enumerate(cited):
                problems += dangling(located, path + ("sources", index), ref, sources, "source")
            for key, known, kind in (("guide", guide, "guide recommendation"), ("templates", templates, "template"),
                                     ("checklist", checklist, "checklist item")):
                for index, ref in enumerate(_list(rule.get(key))):
                    problems += dangling(located, path + (key, index), ref, known, kind)
            refs = [ref for ref in cited if isinstance(ref, str)]
            if not refs or not primary:
                continue
            if rule.get("beyond_source") is True and all(ref in primary for ref in refs):
                problems.append(located.problem(path + ("sources",), f"{name} goes beyond the source article "
                                                                     "(beyond_source: true) and must cite another source"))
            elif rule.get("beyond_source") is not True and not any(ref in primary for ref in refs):
                problems.append(located.problem(path + ("sources",), f"{name} does not cite the source article; cite "
                                                                     "it, or mark the advice 'beyond_source: true'"))
    return problems
