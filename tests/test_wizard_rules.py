"""The source article's rules hold on every path through the wizard.

Each test states one rule of the article (Jenny Foss, Forbes 2012) as a property of answers and plan, and
checks it on every path the build enumerates. None of them repeats the decision table: they would still
catch a wrong plan if someone edited the rules in guidance.yaml.
"""

from __future__ import annotations

import pytest

PER_INTERVIEWER = {"each_interviewer", "each_and_coordinator"}  # one individual message to each interviewer


@pytest.fixture(scope="module")
def primary(guidance):
    return {source.id for source in guidance.sources if source.primary}


def thank_you_due(facts: dict) -> bool:
    """The thank-you is still ahead: no passed date, no rejection, no other offer (then a status message is left)."""
    return not (facts["decision_date_passed"] or facts["rejected"] or facts["other_offer"])


def letter_cannot_work(facts: dict) -> bool:
    """The only reasons the article's letter can fail: no address to post it to, or the thank-you is past."""
    return not facts["letter_can_arrive"] or not thank_you_due(facts)


def first_contact_days(plan) -> int | None:
    """Business days after the interview by which the channel's first message goes out."""
    days = [step.business_days for step in plan.rule("channel").steps if step.from_ == "interview"]
    return min(days) if days else None


def assert_holds(compiled, check) -> None:
    """Run `check(facts, plan)` on every path; it returns None or what is wrong.

    The checks read the path's facts, not its answers, so they hold whatever the questions are called."""
    found = []
    for walk in compiled.walks:
        problem = check(walk.facts, walk.plan)
        if problem:
            found.append(f"{walk.answers} -> {walk.plan.id}: {problem}")
    assert not found, f"{len(found)} path(s) break the rule:\n" + "\n".join(found)


def test_every_path_is_enumerated_once_and_reaches_a_plan(compiled):
    answer_sets = [tuple(walk.answers.items()) for walk in compiled.walks]
    assert len(answer_sets) == len(set(answer_sets))
    # Every situation the article distinguishes is reached by some path.
    assert {walk.facts["timeline"] for walk in compiled.walks} == {"within_week", "longer", "unknown"}
    for fact in ("invited_to_call", "sales_role", "decision_date_passed", "rejected", "other_offer",
                 "letter_can_arrive"):
        assert {walk.facts[fact] for walk in compiled.walks} == {True, False}, fact


def test_decision_within_a_week_means_a_fast_short_email_to_each_interviewer(compiled):
    def check(facts, plan):
        if facts["timeline"] != "within_week" or not thank_you_due(facts):
            return None
        if plan.value("channel") != "email":
            return f"channel {plan.value('channel')}, not email"
        if first_contact_days(plan) is None or first_contact_days(plan) > 1:
            return f"first email after {first_contact_days(plan)} business days; must be the next business day at the latest"
        if "short-and-simple" not in plan.collect("guide"):
            return "does not advise keeping it short"
        if plan.value("recipients") not in PER_INTERVIEWER:
            return f"recipients {plan.value('recipients')}, not one message per interviewer"
        if "thank-you-email" not in plan.collect("templates"):
            return "no thank-you email template"
        return None

    assert_holds(compiled, check)
    assert any(walk.facts["timeline"] == "within_week" for walk in compiled.walks)


def test_longer_timeline_means_a_signed_letter_within_a_few_days_unless_a_letter_cannot_work(compiled, guidance):
    def check(facts, plan):
        if facts["timeline"] != "longer":
            return None
        if plan.value("channel") == "letter":
            if letter_cannot_work(facts):
                return "a letter although it cannot arrive in time or has no address"
            if first_contact_days(plan) is None or first_contact_days(plan) > 3:
                return f"letter posted after {first_contact_days(plan)} business days, not within a few days"
            if "sign-by-hand" not in plan.collect("guide") or "thank-you-letter" not in plan.collect("templates"):
                return "letter plan without the hand signature advice or the letter template"
            if plan.value("recipients") not in PER_INTERVIEWER:
                return "not one letter per interviewer"
            return None
        if not letter_cannot_work(facts):
            return f"channel {plan.value('channel')} although a letter would work"
        rule = plan.rule("channel")
        if plan.value("channel") == "email" and rule.instead_of != "letter":
            return f"falls back to email without saying why not a letter (rule {rule.id} has no instead_of)"
        return None

    assert_holds(compiled, check)
    # The fallback reason is a real text in both languages, shown as "Why not a letter".
    fallbacks = {walk.plan.rule("channel") for walk in compiled.walks if walk.plan.rule("channel").instead_of}
    assert fallbacks
    for rule in fallbacks:
        assert rule.node.because.en.strip() and rule.node.because.de.strip()


def test_no_phone_call_unless_invited_or_in_a_sales_like_role(compiled):
    def check(facts, plan):
        allowed = facts["invited_to_call"] or facts["sales_role"]
        if (plan.value("phone_call") == "yes" or plan.value("channel") == "phone") and not allowed:
            return "a call is advised without an invitation or a sales-like role"
        if plan.value("channel") == "phone" and plan.value("phone_call") != "yes":
            return "channel phone but phone_call false"
        if plan.value("phone_call") != "yes" and plan.rule("phone_call").kind != "avoid":
            return "no call advised, but the plan does not warn against calling"
        return None

    assert_holds(compiled, check)
    # Not even on (or after) the decision date: a passed date alone never brings a call.
    passed_uninvited = [walk for walk in compiled.walks if walk.facts["decision_date_passed"]
                        and not walk.facts["invited_to_call"] and not walk.facts["sales_role"]]
    assert passed_uninvited and all(walk.plan.value("phone_call") != "yes" for walk in passed_uninvited)


def test_after_the_decision_date_no_letter_and_only_the_contact_person(compiled):
    def check(facts, plan):
        if not facts["decision_date_passed"]:
            return None
        if plan.value("channel") == "letter":
            return "a letter after the decision date would arrive too late"
        if plan.value("recipients") != "contact_person":
            return "a status question goes to the contact person, not the whole panel"
        if any(step.from_ != "decision_date" for step, _ in plan.steps()):
            return "steps after a passed date must count from that date"
        return None

    assert_holds(compiled, check)


def test_asking_about_next_steps_is_part_of_the_advice_until_a_no(compiled, primary):
    def check(facts, plan):
        rule = plan.rule("next_steps")
        if facts["rejected"]:  # the decision is made: what is left to ask for is feedback
            return None if rule.value == "feedback" else f"after a no, next steps {rule.value}, not feedback"
        if not {citation.source for citation in rule.sources} & primary:
            return f"next-steps advice {rule.id} does not cite the source article"
        if "closing-question" not in plan.collect("templates"):
            return "no closing-question template"
        if facts["timeline"] == "unknown" and thank_you_due(facts) and rule.value != "ask_now":
            return "no timeline known, but the plan does not say to ask for it now"
        return None

    assert_holds(compiled, check)


def test_advice_beyond_the_source_is_marked_and_cites_its_own_source(compiled, guidance, primary):
    recommendations = {rec.id: rec for _, rec in guidance.recommendations()}

    def check(facts, plan):
        pieces = [(rule.id, rule.node) for rule in plan.rules]
        pieces += [(ref, recommendations[ref]) for ref in plan.collect("guide")]
        for name, piece in pieces:
            cited = {citation.source for citation in piece.sources}
            if not piece.because.en.strip() or not piece.because.de.strip():
                return f"{name} has no reason"
            if piece.beyond_source and not cited - primary:
                return f"{name} is beyond the source but cites only the source article"
            if not piece.beyond_source and not cited & primary:
                return f"{name} is not marked beyond_source but does not cite the source article"
        return None

    assert_holds(compiled, check)
    assert any(rule.node.beyond_source for walk in compiled.walks for rule in walk.plan.rules)


def test_steps_are_in_time_order(compiled):
    def check(facts, plan):
        order = {anchor: index for index, anchor in enumerate(plan.anchors)}
        keys = [(order[step.from_], step.business_days) for step, _ in plan.steps()]
        return None if keys == sorted(keys) and keys else f"steps out of order or missing: {keys}"

    assert_holds(compiled, check)


def test_paths_share_pages(compiled):
    """Pages grow with distinct question states and plans, not with paths."""
    assert len(compiled.plans) < len(compiled.walks)
    assert any(len(plan.paths) > 1 for plan in compiled.plans)
    # A shared page really is the same future: same question, same options, same targets.
    signatures = [(state.question.id, tuple((o.id, id(t)) for o, t in state.choices)) for state in compiled.states]
    assert len(signatures) == len(set(signatures))
    pages = [state.page for state in compiled.states] + [plan.page for plan in compiled.plans]
    assert len(pages) == len(set(pages))
