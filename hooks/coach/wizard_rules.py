"""The wizard's logic, resolved from the model: conditions read, references checked, ids unique.

Every object keeps its model node (`.node`), whose data path locates any problem and whose texts the
pages show. Conditions are declarative (coach.conditions); facts and invariants use the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import citations, guide
from .conditions import Condition, Reader, Vocabulary, as_text
from .ids import dangling, dangling_list, unique_ids
from .model import Guidance
from .model import wizard as m
from .source import Located, Problem, describe

# Page folders under wizard/ that a question's pages must not take over.
RESERVED_PAGE_NAMES = {"plan", "decision-table"}


@dataclass(frozen=True, eq=False)
class Option:
    id: str
    node: m.Option
    offer_if: Condition | None = None

    @property
    def unsure(self) -> bool:
        return self.node.unsure


@dataclass(frozen=True, eq=False)
class Question:
    id: str
    index: int
    node: m.Question
    options: tuple[Option, ...]
    ask_if: Condition | None = None

    @property
    def door(self) -> bool:
        return self.node.door

    def option_ids(self) -> list[str]:
        return [option.id for option in self.options]


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    decision: str
    value: str
    node: m.Otherwise
    when: Condition | None  # None: the decision's `otherwise`

    @property
    def is_otherwise(self) -> bool:
        return self.when is None

    def matches(self, answers) -> bool:
        return self.when is None or self.when.holds(answers)

    def __getattr__(self, name: str) -> Any:
        # kind, instead_of, sources, steps, guide, templates, checklist: as written in guidance.yaml
        return getattr(self.node, name)


@dataclass(frozen=True, eq=False)
class Decision:
    id: str
    node: m.Decision
    values: tuple[str, ...]
    rules: tuple[Rule, ...]  # in order, `otherwise` last

    def decide(self, answers) -> Rule:
        return next(rule for rule in self.rules if rule.matches(answers))


@dataclass(frozen=True, eq=False)
class Fact:
    id: str
    node: m.Fact
    values: tuple[tuple[Any, Condition | None], ...]  # (value, condition); the last one holds otherwise

    def of(self, answers) -> Any:
        return next(value for value, when in self.values if when is None or when.holds(answers))


@dataclass(frozen=True, eq=False)
class Invariant:
    id: str
    node: m.Invariant
    when: Condition
    then: Condition


@dataclass
class WizardLogic:
    questions: list[Question] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    invariants: list[Invariant] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # in time order
    checklist_conditions: dict[str, tuple[Condition, str]] = field(default_factory=dict)  # id -> only_if, as text

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def facts_of(self, answers) -> dict[str, Any]:
        return {fact.id: fact.of(answers) for fact in self.facts}


class _Reader(Reader):
    def __init__(self, guidance: Guidance, located: Located):
        super().__init__(located, [])
        self.guidance = guidance
        self.wizard = guidance.wizard
        self.logic = WizardLogic(anchors=[anchor.id for anchor in self.wizard.anchors])

    def questions(self) -> None:
        # First every id, then the conditions: a reference to a later question is then reported as such.
        known, found = unique_ids(self.located, self.wizard.questions, "question")
        self.problems += found
        words = Vocabulary("question", "option")
        options_of = {}
        for index, question in enumerate(known.values()):
            if question.door and index > 0:
                self.problem(question.path + ("door",), f"{describe(question.path)}: only the first question can be "
                                                        f"a door (question '{question.id}' is not the first)")
            if question.id.replace("_", "-") in RESERVED_PAGE_NAMES:
                self.problem(question.path + ("id",), f"question id '{question.id}' is taken by the wizard's own "
                                                      f"pages (wizard/{question.id.replace('_', '-')}/); choose another id")
            options_of[question.id], found = unique_ids(self.located, question.options, "option",
                                                        note=f" in question '{question.id}'")
            self.problems += found
            words.values[question.id] = list(options_of[question.id])
            words.order[question.id] = index
        self.words = words
        for index, question in enumerate(known.values()):
            ask_if = (self.read(question.ask_if, question.path + ("ask_if",), f"the ask_if of question '{question.id}'",
                                words, index) if question.ask_if is not None else None)
            options = []
            for option in options_of[question.id].values():
                owner = f"the offer_if of option '{question.id}: {option.id}'"
                offer_if = (self.read(option.offer_if, option.path + ("offer_if",), owner, words, index)
                            if option.offer_if is not None else None)
                options.append(Option(option.id, option, offer_if))
            self.logic.questions.append(Question(question.id, index, question, tuple(options), ask_if))

    def decisions(self) -> None:
        known, found = unique_ids(self.located, self.wizard.decisions, "decision")
        self.problems += found
        rule_ids: dict[str, Any] = {}
        for decision in known.values():
            values, found = unique_ids(self.located, decision.values, "value")
            self.problems += found
            if decision.publish_true_for is not None:
                self.problems += dangling(self.located, decision.path + ("publish_true_for",),
                                          decision.publish_true_for, values, f"value of decision '{decision.id}'")
            if decision.otherwise is None:
                self.problem(decision.path, f"{describe(decision.path)}: decision '{decision.id}' has no `otherwise`; "
                                            "add one after its rules, saying what to advise when none of them "
                                            "applies", key=True)
            rules = [self.rule(rule, decision, list(values), rule_ids) for rule in decision.all_rules()]
            if decision.otherwise is not None and all(rule is not None for rule in rules):
                self.logic.decisions.append(Decision(decision.id, decision, tuple(values), tuple(rules)))

    def rule(self, node: m.Otherwise, decision: m.Decision, values: list[str], rule_ids: dict) -> Rule | None:
        if node.id in rule_ids:
            line, _ = self.located.where(rule_ids[node.id].path + ("id",))
            self.problem(node.path + ("id",), f"duplicate rule id '{node.id}' (already used on line {line}); rule ids "
                                              "are unique across all decisions, plan addresses are made of them")
        rule_ids.setdefault(node.id, node)
        name = f"rule '{node.id}'"
        ok = True
        if node.then not in values:
            self.problem(node.path + ("then",), f"{describe(node.path + ('then',))}: '{node.then}' is not a value of "
                                                f"decision '{decision.id}' ({name}); its values: {', '.join(values)}")
            ok = False
        if node.instead_of is not None and (node.instead_of not in values or node.instead_of == node.then):
            self.problem(node.path + ("instead_of",), f"{describe(node.path + ('instead_of',))}: instead_of "
                                                      f"'{node.instead_of}' must be another value of decision "
                                                      f"'{decision.id}' ({name})")
        when = None
        if isinstance(node, m.Rule):
            when = self.read(node.when, node.path + ("when",), f"the condition of {name}", self.words)
            ok = ok and when is not None
        self.problems += unique_ids(self.located, node.steps, "step", note=f" in {name}")[1]
        for step in node.steps:
            if step.from_ is not None and step.timing is None:  # a timing's date is checked with the timing
                self.problems += dangling(self.located, step.path + ("from",), step.from_, self.logic.anchors,
                                          "date (wizard.anchors)")
        self.references(node, name)
        return Rule(node.id, decision.id, node.then, node, when) if ok else None

    def references(self, node: m.Otherwise, name: str) -> None:
        guidance = self.guidance
        self.problems += citations.check_citations(self.located, guidance, node, name)
        for key, known, kind in (("guide", [rec.id for _, rec in guidance.recommendations()], "guide recommendation"),
                                 ("templates", [item.id for item in guidance.templates.items], "template"),
                                 ("checklist", [item.id for item in guidance.checklist.all_items()], "checklist item")):
            self.problems += dangling_list(self.located, node, key, known, kind)
        self.problems += guide.check_cites_source_article(self.located, guidance, node, name)

    def facts_and_invariants(self) -> None:
        known, found = unique_ids(self.located, self.wizard.facts, "fact")
        self.problems += found
        # Names as declared, so that a mistake elsewhere in a decision or fact is reported once, there.
        over_decisions = Vocabulary("fact or decision", "value")
        for decision in self.wizard.decisions:
            over_decisions.values[decision.id] = [value.id for value in decision.values]
            over_decisions.what[decision.id] = "decision"
        for fact in known.values():
            read = self.fact(fact)
            if fact.id in over_decisions.values:
                self.problem(fact.path + ("id",), f"fact '{fact.id}' has the id of a decision; invariants could "
                                                  "not tell them apart, so choose another id")
                continue
            if read is not None:
                self.logic.facts.append(read)
            over_decisions.values[fact.id] = [True, False] if fact.values is None else [v.id for v in fact.values]
            over_decisions.what[fact.id] = "fact"
        self.problems += unique_ids(self.located, self.wizard.invariants, "invariant")[1]
        for invariant in self.wizard.invariants:
            owner = f"invariant '{invariant.id}'"
            when = self.read(invariant.when, invariant.path + ("when",), owner, over_decisions)
            then = self.read(invariant.then, invariant.path + ("then",), owner, over_decisions)
            if when is not None and then is not None:
                self.logic.invariants.append(Invariant(invariant.id, invariant, when, then))
        self.checklist()

    def fact(self, fact: m.Fact) -> Fact | None:
        owner = f"fact '{fact.id}'"
        if (fact.when is None) == (fact.values is None):
            self.problem(fact.path, f"{describe(fact.path)}: {owner} needs either `when` (true or false) or `values` "
                                    "(named values), not both or neither", key=True)
            return None
        if fact.when is not None:
            when = self.read(fact.when, fact.path + ("when",), owner, self.words)
            return Fact(fact.id, fact, ((True, when), (False, None))) if when else None
        values = []
        for index, value in enumerate(fact.values):
            last = index == len(fact.values) - 1
            if last != (value.when is None):
                what = "the last value holds otherwise and has no `when`" if last else "only the last value may " \
                                                                                      "leave out `when`"
                self.problem(value.path + ("id",), f"{describe(value.path)}: {owner}: {what}")
                return None
            when = None if last else self.read(value.when, value.path + ("when",), owner, self.words)
            if not last and when is None:
                return None
            values.append((value.id, when))
        return Fact(fact.id, fact, tuple(values))

    def checklist(self) -> None:
        decisions_only = Vocabulary("decision", "value",
                                    {d.id: [value.id for value in d.values] for d in self.wizard.decisions})
        for item in self.guidance.checklist.all_items():
            if item.only_if is not None:
                read = self.read(item.only_if, item.path + ("only_if",), f"checklist item '{item.id}'", decisions_only)
                if read is not None:
                    self.logic.checklist_conditions[item.id] = (read, as_text(item.only_if))


def read(guidance: Guidance, located: Located) -> tuple[WizardLogic, list[Problem]]:
    """The wizard's logic and every problem found in its structure and references."""
    reader = _Reader(guidance, located)
    reader.problems += unique_ids(located, guidance.wizard.anchors, "date")[1]
    reader.questions()
    reader.decisions()
    reader.facts_and_invariants()
    return reader.logic, reader.problems
