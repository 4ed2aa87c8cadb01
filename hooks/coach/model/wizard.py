"""The decision wizard: questions, the facts they establish, decisions with rules, and invariants.

Conditions (`when`, `ask_if`, `offer_if`) are read and resolved by coach.conditions; here they are only
mappings. Facts describe a path in words that do not depend on how the questions are worded; invariants
are the source article's rules over facts and decisions, checked on every path when the site is built.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from .base import Condition, Id, Label, LabelSet, Name, Node, Params, Text
from .content import Citations

Days = Annotated[int, Field(ge=0, le=60, description="Business days (Monday to Friday) after that date.")]


class WizardStrings(LabelSet):
    """Labels the wizard's pages and script show (buttons, headings, progress)."""

    used_by: ClassVar[str] = "the wizard's pages or script"
    doors_heading: Text = Field(description="On the home page, above the other ways into the wizard.")
    length: Label("count", description="How many questions at most, on the home page.")
    table_link: Text = Field(description="Before the link to the decision table (guide and table pages).")
    start_again: Text
    back: Text = Field(description="The link back to the previous question.")
    progress: Label("current", "total", description="Filled in by the script.")
    remaining_last: Text
    remaining_one: Text
    remaining_more: Label("remaining")
    at_a_glance: Text
    answers_heading: Text
    determined_heading: Text
    determined_note: Text
    change: Text
    change_hidden: Label("question", description="Filled in by the script.")
    by_date: Label("date", description="A plan's deadline once its date is known; filled in by the script.")
    by_today: Text = Field(description="A plan's deadline when its date is today, instead of by_date; shown by "
                                       "the script.")
    by_passed: Text = Field(description="A plan's deadline when its date has passed, instead of by_date; shown by "
                                        "the script.")
    what_to_do: Text
    from_the_guide: Text
    read_in_guide: Text
    steps_heading: Text
    steps_intro: Text
    step_why: Text = Field(description="Before the reason for a step's timing (its `because` and sources), under "
                                       "each step that names a timing.")
    dates_heading: Text
    dates_intro: Text
    date_passed: Text
    date_range: Label("earliest", "latest", description="A date outside the accepted range; filled in by the script.")
    ics_button: Text
    ics_note: Text
    ics_filename: Text
    print_button: Text
    avoid_heading: Text
    templates_heading: Text
    checklist_heading: Text
    checklist_more: Text
    table_answers: Text
    table_plan: Text
    table_counts: Label("paths", "plans", "states")
    table_json: Text


class WizardPage(Node):
    title: Text
    description: Text


class WizardTable(Node):
    title: Text
    description: Text
    intro: Text


class WhenLabels(Node):
    """How a step's timing reads, counted from one date."""

    same_day: Text = Field(description="0 business days after the date.")
    next_day: Text = Field(description="1 business day after the date.")
    later: Label("days", description="More business days after the date, with {days}.")


class Anchor(Node):
    """A date the plan's steps count from; the plan page asks for it to put dates on the steps."""

    id: Name
    label: Text = Field(description="The date field's label.")
    hint: Text | None = Field(None, description="Under the date field.")
    default_today: bool = Field(False, description="The date field starts with today's date.")
    when: WhenLabels


class Option(Node):
    id: Name
    label: Text
    hint: Text | None = Field(None, description="One line under the answer, e.g. what a safe default means.")
    unsure: bool = Field(False, description="true for an 'I don't know' answer; it is set apart from the others.")
    offer_if: Condition | None = Field(None, description="Offer this answer only when this holds; may refer to "
                                                          "earlier questions only.")


class Question(Node):
    id: Name = Field(description="Stable: it appears in page addresses and the decision table.")
    door: bool = Field(False, description="Only the first question: its options are the ways into the wizard on "
                                          "the home page; it has no page of its own and is not counted.")
    short: Text = Field(description="A few words naming the question, e.g. in the decision table.")
    question: Text = Field(description="The question; it is the page heading.")
    hint: Text | None = None
    ask_if: Condition | None = Field(None, description="Ask only when this holds; may refer to earlier questions only.")
    options: Annotated[list[Option], Field(min_length=2)]


class FactValue(Node):
    id: Name
    when: Condition | None = Field(None, description="Over answers. The last value has none: it holds otherwise.")


class Fact(Node):
    """What a path means, independent of how the questions are worded; published in the decision table."""

    id: Name
    when: Condition | None = Field(None, description="A true/false fact: true when this holds for the answers.")
    values: list[FactValue] | None = Field(None, description="A fact with named values: the first whose `when` "
                                                             "holds; the last has no `when`.")


class Invariant(Node):
    """A rule every path must keep, over facts and decisions: where `when` holds, `then` must hold."""

    id: Id
    when: Condition
    then: Condition


class Value(Node):
    id: Name
    label: Text
    why_not: Text | None = Field(None, description="Heading for the reason when a rule gives another value "
                                                   "instead_of this one.")


class Step(Node):
    id: Id
    timing: Name | None = Field(None, description="One of `timings:`; the step is due when it says. Or give "
                                                  "`from` and `business_days` directly.")
    from_: Name | None = Field(None, alias="from", description="The date (one of wizard.anchors) the step counts "
                                                               "from, when it names no timing.")
    business_days: Days | None = Field(None, description="When it names no timing.")
    title: Text = Field(description="Short; also the calendar reminder's title.")
    text: Text


class Otherwise(Node):
    id: Id = Field(description="Unique among all rules of the wizard; plan page addresses are made of rule ids.")
    then: Name = Field(description="The value this rule decides: one of the decision's values.")
    kind: Literal["do", "avoid"] = Field("do", description="do (default): shown under what to do; avoid: under "
                                                           "what not to do.")
    title: Text = Field(description="One line, shown at a glance and as the heading of the advice.")
    headline: Annotated[Text | None, Params("deadline"), Field(
        description="The plan page's heading when this rule decides the plan's first decision: the action, with "
                    "{deadline} (when the rule's first step is due; a date once the visitor gave one).")] = None
    advice: Text
    because: Text = Field(description="Why this advice holds.")
    sources: Citations
    beyond_source: bool = Field(False, description="true when the advice goes beyond the source article; it must "
                                                   "then cite another source.")
    instead_of: Name | None = Field(None, description="The value the source article would advise here; the page "
                                                      "then headlines `because` with that value's why_not.")
    steps: list[Step] = []
    guide: list[Id] = Field([], description="Ids of guide recommendations shown with this advice.")
    templates: list[Id] = Field([], description="Ids of templates linked from the plan.")
    checklist: list[Id] = Field([], description="Ids of checklist items shown on the plan.")


class Rule(Otherwise):
    when: Condition


class Decision(Node):
    id: Name
    title: Text
    values: Annotated[list[Value], Field(min_length=1)]
    rules: list[Rule] = Field(description="In order; the first rule whose `when` holds decides.")
    otherwise: Otherwise | None = Field(None, description="Required: what holds when no rule does.")
    publish: bool = Field(False, description="Published under its id in each plan of decision-table.json.")
    publish_true_for: Name | None = Field(None, description="Published as true/false instead: true when the "
                                                            "decided value is this one.")
    in_summary: bool = Field(False, description="Named in the plan's one-line summary in the decision table.")

    def all_rules(self) -> list[Otherwise]:
        return [*self.rules, *([self.otherwise] if self.otherwise else [])]


class Wizard(Node):
    """The decision wizard at wizard/: questions one per page, then a plan. The build enumerates every
    combination of answers, checks the rules and invariants and publishes a plan page per plan and a table."""

    title: Text = Field(description="The wizard's name in the navigation and on its start page.")
    description: Text = Field(description="Meta description of the start and question pages.")
    intro: Text = Field(description="What the wizard does, on its start page.")
    privacy: Text = Field(description="What happens to the answers, on the start page.")
    strings: WizardStrings
    plan: WizardPage = Field(description="Title and meta description of every plan page.")
    table: WizardTable
    anchors: Annotated[list[Anchor], Field(min_length=1)] = Field(
        description="The dates steps count from, in time order.")
    questions: Annotated[list[Question], Field(min_length=1)] = Field(description="Asked in this order, one per page.")
    facts: list[Fact] = Field([], description="What each path means, derived from its answers; published in "
                                              "decision-table.json and used by the invariants.")
    decisions: Annotated[list[Decision], Field(min_length=1)] = Field(description="What the plan decides.")
    invariants: list[Invariant] = Field([], description="Rules every path must keep; the build refuses a "
                                                        "rule set that breaks one.")


class Timing(Node):
    """A deadline or waiting period, declared once. Texts state it only as {id} (its span) or {id_by} (its
    deadline); steps name it. So no two texts can disagree about how long to wait."""

    id: Name
    from_: Name = Field(alias="from", description="The date (one of wizard.anchors) it counts from, or another timing "
                                                  "(then it counts from that timing's day: a week after the check-in).")
    business_days: Days
    span: Text = Field(description="How long, in words, e.g. 'two business days'; shown for {id}.")
    by: Text = Field(description="The deadline in words, e.g. 'by the next business day'; shown for {id_by}.")
    because: Text = Field(description="Why it falls then; shown under every plan step that names this timing.")
    sources: Citations


__all__ = ["Anchor", "Decision", "Fact", "Invariant", "Option", "Otherwise", "Question", "Rule", "Step",
           "Timing", "Value", "Wizard"]
