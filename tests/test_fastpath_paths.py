"""The fast path: the wizard asks only what changes the outcome (issue 8), over the compiled paths."""

from __future__ import annotations

import statistics

from coach import wizard


def _lengths(compiled):
    return {tuple(walk.answers.items()): compiled.questions_asked(walk) for walk in compiled.walks}


def test_the_commonest_case_takes_at_most_two_questions(guidance):
    compiled = wizard.compiled(guidance)
    common = [walk for walk in compiled.walks
              if walk.facts["timeline"] == "within_week" and not walk.facts["invited_to_call"]
              and not walk.facts["sales_role"] and not walk.facts["decision_date_passed"]
              and not walk.facts["rejected"] and not walk.facts["other_offer"]]
    assert common, "no path for a decision within a week without a call"
    assert max(compiled.questions_asked(walk) for walk in common) <= 2


def test_no_path_asks_more_than_four_and_the_median_at_most_three(guidance):
    lengths = list(_lengths(wizard.compiled(guidance)).values())
    assert max(lengths) <= 4, sorted(lengths)
    assert statistics.median(lengths) <= 3, sorted(lengths)


def test_progress_never_promises_fewer_questions_than_follow(guidance):
    """'1 of up to N', then '2 of up to M' with M <= N: the total never jumps up."""
    compiled = wizard.compiled(guidance)
    for walk in compiled.walks:
        totals = [state.position + state.remaining for state in walk.states if not state.door]
        assert totals == sorted(totals, reverse=True), (walk.answers, totals)
        assert all(total <= compiled.max_questions for total in totals)


def test_every_question_page_after_the_first_goes_back_to_the_one_before(guidance):
    compiled = wizard.compiled(guidance)
    for walk in compiled.walks:
        asked = [state for state in walk.states if not state.door]
        for before, state in zip(asked, asked[1:]):
            assert state.back is before, (walk.answers, state.page)


def test_every_plan_that_allows_a_call_has_a_step_for_it(guidance):
    compiled = wizard.compiled(guidance)
    for plan in compiled.plans:
        if plan.value("phone_call") == "yes" or plan.value("channel") == "phone":
            calls = [step for step, rule in plan.steps() if rule.decision in ("phone_call", "channel")
                     and (rule.value in ("yes", "phone"))]
            assert calls, plan.id
