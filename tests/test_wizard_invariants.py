"""The source article's rules, declared as invariants in guidance.yaml, refuse any rule set that breaks them.

Each test changes one rule so that one invariant no longer holds on some path, and checks that the build
refuses it: located at the invariant (naming the path's answers and the deciding rule) and at the rule.
The published decision table carries each path's facts.
"""

from __future__ import annotations

import json
import re

import pytest

import coach
from guidance_cases import edit, original, position, problems


def violation(invariant: str, rule: str, edits: list[tuple[str, str]], after: str):
    """The file with the rule after `after` changed; the problems; where the invariant, the rule and its
    changed `then` stand."""
    text = original()
    for old, new in edits:
        text = edit(text, old, new, after=after)
    then_at = position(text, edits[0][1], after=after)
    return problems(text), position(text, f"- id: {invariant}", offset=6), position(text, after), then_at


CASES = [
    # invariant, deciding rule, edits of that rule (the first one changes its `then`), unique text before it
    ("email-when-the-decision-is-near", "email-within-week",
     [("then: email", "then: letter"), ("[check-details, send-emails]", "[check-details]")], "- id: email-within-week\n"),
    ("letter-when-there-is-time", "letter",
     [("then: letter", "then: email"), ("[check-details, post-letters]", "[check-details]")],
     "- id: letter\n          when:"),
    ("no-uninvited-call", "email-after-date", [("then: email", "then: phone")], "- id: email-after-date\n"),
    ("call-when-invited-or-sales", "call-sales", [("then: yes", "then: no")], "- id: call-sales\n"),
    ("no-letter-after-the-date", "contact-person", [("then: contact_person", "then: each_interviewer")],
     "- id: contact-person\n"),
    ("ask-for-the-timeline", "ask-about-timeline", [("then: ask_now", "then: known")], "- id: ask-about-timeline\n"),
    ("no-chasing-after-a-rejection", "no-chasing-after-a-no", [("then: none", "then: after_date")],
     "- id: no-chasing-after-a-no\n"),
]


@pytest.mark.parametrize(("invariant", "rule", "edits", "after"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_set_that_breaks_an_invariant_is_refused_located(invariant, rule, edits, after):
    found, invariant_at, rule_at, then_at = violation(invariant, rule, edits, after)
    at_invariant = [line for line in found if line.startswith(invariant_at + ":")]
    assert len(at_invariant) == 1, found
    message = at_invariant[0]
    assert f"invariant '{invariant}' does not hold on the path " in message
    assert re.search(r"on the path [a-z_]+=[a-z_]+", message), message  # names the answers
    assert f"(rule '{rule}', line {rule_at.split(':')[1]})" in message
    at_rule = [line for line in found if line.startswith(":".join(then_at.split(":")[:2]) + ":")]
    assert any(f"rule '{rule}' breaks invariant '{invariant}'" in line for line in at_rule), found
    # Nothing else is wrong with the file: every problem names this invariant.
    assert all(invariant in line for line in found), found


def test_the_shipped_rules_keep_every_invariant(guidance):
    assert len(guidance.wizard.invariants) == len(CASES)
    assert {case[0] for case in CASES} == {invariant.id for invariant in guidance.wizard.invariants}


def test_an_invariant_naming_an_unknown_fact_or_value_is_located():
    text = edit(original(), "          - letter_can_arrive: [true]\n", "          - letter_can_arive: [true]\n")
    where = position(text, "letter_can_arive")
    found = [line for line in problems(text) if line.startswith(where + ":")]
    assert found and "unknown fact or decision 'letter_can_arive'" in found[0]
    assert "did you mean 'letter_can_arrive'?" in found[0]
    text = edit(original(), "        next_steps: [ask_now]\n", "        next_steps: [ask]\n")
    where = position(text, "ask]", after="- id: ask-for-the-timeline")
    found = [line for line in problems(text) if line.startswith(where + ":")]
    assert found and "decision 'next_steps' has no value 'ask'" in found[0] and "Its values: ask_now, known" in found[0]


def test_a_fact_needs_when_or_values():
    text = edit(original(), "    - id: sales_role\n      when:\n        call_or_sales: [sales_role]\n",
                "    - id: sales_role\n")
    where = position(text, "- id: sales_role\n", after="  facts:", offset=2)
    found = [line for line in problems(text) if line.startswith(where + ":")]
    assert found and "fact 'sales_role' needs either `when` (true or false) or `values`" in found[0]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_path_in_the_decision_table_carries_its_facts(guidance, compiled, lang):
    pages = {page.path: page.content for page in coach.render_site(guidance, lang)}
    table = json.loads(pages["wizard/decision-table.json"])
    facts = {fact.id for fact in guidance.wizard.facts}
    assert facts >= {"timeline", "invited_to_call", "sales_role", "decision_date_passed"}
    for path in table["paths"]:
        assert set(path["facts"]) == facts
        assert path["facts"]["timeline"] in {"within_week", "longer", "unknown"}
        for name in ("invited_to_call", "sales_role", "decision_date_passed"):
            assert isinstance(path["facts"][name], bool)
        # The facts follow from the answers as declared.
        answers = path["answers"]
        assert path["facts"]["invited_to_call"] == (answers.get("call_or_sales") == "asked_to_call")
        assert path["facts"]["sales_role"] == (answers.get("call_or_sales") == "sales_role")
        assert path["facts"]["decision_date_passed"] == (answers["situation"] == "date_passed")
        expected = answers.get("timeline") if answers.get("timeline") in ("within_week", "longer") else "unknown"
        assert path["facts"]["timeline"] == expected
