"""Mistakes in the wizard's questions and rules stop the build, located, with the ids involved, all at once.

Each test makes one deliberate mistake in a copy of the real guidance.yaml and checks what the build says.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import coach
from coach import wizard_compile
from coach.source import loads
from coach.wizard_rules import read
from guidance_cases import guidance_text, line_after, line_of, problems, replace_once

EMAIL_AFTER_DATE_WHEN = "          when:\n            situation: [date_passed]\n          then: email\n"
WITHIN_WEEK_WHEN = "            timeline: [within_week]\n          then: email\n"
INTERVIEW_FORMAT_ASK_IF = "      ask_if:\n        timeline: [longer]\n"
CALL_OR_SALES_ASK_IF = "      ask_if:\n        situation: [just_interviewed, date_passed]\n"


def mistake(old: str, new: str) -> tuple[str, list[str]]:
    text = replace_once(guidance_text(), old, new)
    return text, problems(text)


def test_the_real_wizard_compiles_without_problems():
    located = loads(guidance_text())
    guidance, found = coach.check(located)
    assert found == []
    wizard, found = read(guidance, located)
    assert found == []
    compiled, found = wizard_compile.compile_wizard(wizard, located)
    assert found == [] and compiled is not None


def test_condition_naming_an_unknown_question():
    text, found = mistake(EMAIL_AFTER_DATE_WHEN, EMAIL_AFTER_DATE_WHEN.replace("situation", "situaton"))
    line = line_of(text, "situaton: [date_passed]")
    assert found == [
        f"guidance.yaml:{line}:13: wizard.decisions[0].rules[1].when.situaton: unknown question "
        "'situaton' in the condition of rule 'email-after-date'; did you mean 'situation'?"
    ]


def test_condition_naming_an_unknown_option():
    text, found = mistake(WITHIN_WEEK_WHEN, WITHIN_WEEK_WHEN.replace("within_week", "within_a_week"))
    line = line_of(text, "timeline: [within_a_week]")
    assert found == [
        f"guidance.yaml:{line}:24: wizard.decisions[0].rules[4].when.timeline[0]: question 'timeline' has no option "
        "'within_a_week' (the condition of rule 'email-within-week'); did you mean 'within_week'? "
        "Its options: within_week, longer, unknown"
    ]


def test_rule_shadowed_by_earlier_rules_is_reported_with_their_ids():
    # Widening the within-week rule to `longer` leaves nothing for the two rules after it.
    text, found = mistake(WITHIN_WEEK_WHEN, WITHIN_WEEK_WHEN.replace("[within_week]", "[within_week, longer]"))
    no_address = line_of(text, "- id: email-no-address")
    letter = line_of(text, "        - id: letter", 2)  # the first is the decision's value `letter`
    assert found == [
        f"guidance.yaml:{no_address}:15: wizard.decisions[0].rules[5]: rule 'email-no-address' of decision 'channel' "
        "can never apply: every combination of answers it matches is already decided by the earlier rule(s) "
        "'email-within-week'; move it up, narrow the earlier rule(s), or remove it",
        f"guidance.yaml:{letter}:15: wizard.decisions[0].rules[6]: rule 'letter' of decision 'channel' can never "
        "apply: every combination of answers it matches is already decided by the earlier rule(s) "
        "'email-within-week'; move it up, narrow the earlier rule(s), or remove it",
    ]


def test_rule_whose_condition_no_path_meets():
    # After a rejection nobody is asked about calls: the two answers never come together.
    old = "            call_or_sales: [asked_to_call]\n          then: yes\n"
    new = "            all:\n              - call_or_sales: [asked_to_call]\n              - situation: [rejected]\n          then: yes\n"
    text, found = mistake(old, new)
    line = line_after(text, "- id: call-invited", "when:")
    assert found == [
        f"guidance.yaml:{line}:11: wizard.decisions[2].rules[1]: rule 'call-invited' of decision 'phone_call' can "
        "never apply: no combination of answers meets its condition (check which questions are asked together)"
    ]


def test_question_that_is_never_asked_and_what_depends_on_it():
    new = "      ask_if:\n        all:\n          - timeline: [longer]\n          - situation: [rejected]\n"
    text, found = mistake(INTERVIEW_FORMAT_ASK_IF, new)
    ask_if = line_after(text, "- id: interview_format", "ask_if:")
    rule_when = line_after(text, "- id: email-no-address", "when:")
    assert found == [
        f"guidance.yaml:{ask_if}:7: wizard.questions[3]: question 'interview_format' can never be asked: its ask_if "
        "does not hold for any combination of the answers before it",
        # All at once: the rule that needed its answer is reported too.
        f"guidance.yaml:{rule_when}:11: wizard.decisions[0].rules[5]: rule 'email-no-address' of decision 'channel' "
        "can never apply: no combination of answers meets its condition (check which questions are asked together)",
    ]


def test_option_that_can_never_be_chosen():
    old = "        - id: remote_with_address\n          label:\n"
    new = "        - id: remote_with_address\n          offer_if:\n            timeline: [unknown]\n          label:\n"
    text, found = mistake(old, new)
    line = line_of(text, "offer_if:")
    assert found == [
        f"guidance.yaml:{line}:11: wizard.questions[3].options[1]: option 'interview_format: remote_with_address' can never be "
        "chosen: its offer_if does not hold whenever the question is asked"
    ]


@pytest.mark.parametrize(("asked", "index", "ask_if", "condition", "what"), [
    ("call_or_sales", 2, CALL_OR_SALES_ASK_IF, "interview_format: [in_person]", "'interview_format', which is asked later"),
    ("interview_format", 3, INTERVIEW_FORMAT_ASK_IF, "interview_format: [in_person]", "itself"),
])
def test_ask_if_may_only_use_earlier_questions(asked, index, ask_if, condition, what):
    text, found = mistake(ask_if, f"      ask_if:\n        {condition}\n")
    line = line_after(text, f"- id: {asked}", condition)
    question = condition.split(":")[0]
    assert found == [
        f"guidance.yaml:{line}:9: wizard.questions[{index}].ask_if.{question}: the ask_if of question '{asked}' "
        f"refers to {what}; a condition here may only use questions asked before, whose answers are known"
    ]


def test_decision_without_otherwise():
    text, found = mistake("      otherwise:\n        id: check-in-after-date\n", "      otherwize:\n        id: check-in-after-date\n")
    decision = line_of(text, "    - id: check_in")
    assert (f"guidance.yaml:{decision}:7: wizard.decisions[3]: decision 'check_in' has no `otherwise`; add one after "
            "its rules, saying what to advise when none of them applies") in found
    assert any("unknown key 'otherwize'" in problem for problem in found)


def test_condition_with_two_keys_asks_for_all_or_any():
    new = EMAIL_AFTER_DATE_WHEN.replace("[date_passed]\n", "[date_passed]\n            timeline: [longer]\n")
    text, found = mistake(EMAIL_AFTER_DATE_WHEN, new)
    line = line_after(text, "- id: email-after-date", "situation: [date_passed]")
    assert found == [
        f"guidance.yaml:{line}:13: wizard.decisions[0].rules[1].when: a condition has exactly one key, this one has 2 "
        "(situation, timeline) in the condition of rule 'email-after-date'; combine conditions with "
        "`all:` or `any:`"
    ]


def test_rule_value_must_be_one_of_the_decisions_values():
    text, found = mistake("          then: letter\n", "          then: post\n")
    line = line_of(text, "then: post")
    assert found == [f"guidance.yaml:{line}:17: wizard.decisions[0].rules[6].then: 'post' is not a value of decision "
                     "'channel' (rule 'letter'); its values: email, letter, phone"]


def test_plans_may_only_name_existing_templates_checklist_items_and_guide_advice():
    text = guidance_text()
    text = replace_once(text, "          templates: [thank-you-letter]\n", "          templates: [thank-you-leter]\n")
    text = replace_once(text, "          checklist: [call-as-agreed]\n", "          checklist: [call-as-agred]\n")
    text = replace_once(text, "          guide: [sign-by-hand, email-alongside]\n", "          guide: [sign-by-hand, email-along]\n")
    found = problems(text)
    assert found == [
        f"guidance.yaml:{line_of(text, 'email-along]')}:33: wizard.decisions[0].rules[6].guide[1]: unknown guide "
        "recommendation 'email-along'; did you mean 'email-alongside'?",
        f"guidance.yaml:{line_of(text, 'thank-you-leter')}:23: wizard.decisions[0].rules[6].templates[0]: unknown "
        "template 'thank-you-leter'; did you mean 'thank-you-letter'?",
        f"guidance.yaml:{line_of(text, 'call-as-agred')}:23: wizard.decisions[2].rules[1].checklist[0]: unknown "
        "checklist item 'call-as-agred'; did you mean 'call-as-agreed'?",
    ]


def test_checklist_item_for_another_channel_is_refused():
    text, found = mistake("          checklist: [check-details, post-letters]\n",
                          "          checklist: [check-details, send-emails]\n")
    line = line_of(text, "checklist: [check-details, send-emails]", 3)
    assert found == [
        f"guidance.yaml:{line}:38: wizard.decisions[0].rules[6].checklist[1]: checklist item 'send-emails' is only "
        "for plans where channel: email, but rule 'letter' is part of plan 'letter--call-invited', "
        "which decides channel: letter, recipients: each_interviewer, phone_call: yes, check_in: after_date, "
        "next_steps: known"
    ]


def test_advice_beyond_the_source_must_say_so():
    old = "          instead_of: letter\n          beyond_source: true\n          headline:\n            en: \"Email each interviewer"
    text, found = mistake(old, old.replace("          beyond_source: true\n", ""))
    line = line_after(text, "- id: email-no-address", "sources:")
    assert found == [f"guidance.yaml:{line}:20: rule 'email-no-address' does not cite the source article; cite it, "
                     "or mark the advice 'beyond_source: true'"]


def test_duplicate_rule_ids_are_refused():
    text, found = mistake("        - id: call-sales\n", "        - id: call-invited\n")
    first = line_of(text, "- id: call-invited", 1)
    second = line_of(text, "- id: call-invited", 2)
    assert f"guidance.yaml:{second}:15: duplicate rule id 'call-invited' (already used on line {first}); rule ids " \
           "are unique across all decisions, plan addresses are made of them" in found


def test_yes_and_no_stay_option_ids():
    """YAML 1.1 would read a bare yes/no as true/false; the loader keeps them as the option ids they are."""
    located = loads("a: yes\nb: [no, On]\nc: true\nd: false\n")
    assert located.data == {"a": "yes", "b": ["no", "On"], "c": True, "d": False}


def test_too_many_paths_stop_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(wizard_compile, "MAX_PATHS", 10)
    text = guidance_text()
    assert problems(text) == [f"guidance.yaml:{line_of(text, '  questions:')}:3: wizard.questions: more than 10 "
                              "combinations of answers; ask fewer questions, or use ask_if so that each question is "
                              "asked only where it matters"]


def test_a_broken_wizard_stops_the_build_cleanly(tmp_path):
    from test_build import copy_project

    project = copy_project(tmp_path / "project")
    guidance = project / "guidance.yaml"
    guidance.write_text(replace_once(guidance.read_text(encoding="utf-8"), WITHIN_WEEK_WHEN,
                                     WITHIN_WEEK_WHEN.replace("within_week", "within_a_week")), encoding="utf-8")
    result = subprocess.run([sys.executable, "tools/coach_site.py", "build", "--out", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "guidance.yaml has 1 problem(s)" in output
    assert "question 'timeline' has no option 'within_a_week'" in output
    assert not (tmp_path / "site").exists()
