"""One timing model: spans are declared once under `timings:`; texts state them only as placeholders."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT  # noqa: F401  (the project root, as the other tests use it)

# A written span: a number (digits or a word) followed by a unit of time, in either language.
NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|ten|einen|zwei|drei|vier|fünf|sechs|sieben|zehn)"
UNIT = r"(?:business days?|days?|hours?|h\b|Arbeitstage?n?|Werktage?n?|Tage?n?|Stunden)"
SPAN = re.compile(rf"\b{NUMBER}(?:\s*(?:to|bis|-|–)\s*{NUMBER})?\s+{UNIT}", re.IGNORECASE)

# Sections this check covers now; the guide, checklist and templates follow once their texts use the
# placeholders (branch `content`).
CHECKED = ("wizard", "pages")


def _strings(data, path=()):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def test_no_text_writes_a_span_of_its_own():
    data = yaml.safe_load((ROOT / "guidance.yaml").read_text(encoding="utf-8"))
    found = [(path, match.group(0)) for section in CHECKED for path, text in _strings(data[section], (section,))
             for match in SPAN.finditer(text)
             # the anchors' own labels count days ({days}); a survey year or sample is no span
             if "anchors" not in path and "because" not in path[-2:]]
    assert not found, found


def test_steps_follow_their_timing(guidance):
    timings = {timing.id: timing for timing in guidance.timings}
    for decision in guidance.wizard.decisions:
        for rule in decision.all_rules():
            for step in rule.steps:
                timing = timings[step.timing]
                assert (step.from_, step.business_days) == (timing.from_, timing.business_days)


def test_a_timing_reads_the_same_wherever_it_is_stated(guidance):
    """The built texts show the declared words: the plan's thank-you deadline and the home page agree."""
    thank_you = next(timing for timing in guidance.timings if timing.id == "thank_you")
    home = " ".join(step.text.en for step in guidance.pages.home.steps)
    within_week = next(rule for rule in guidance.wizard.decisions[0].rules if rule.id == "email-within-week")
    assert thank_you.by.en in home and thank_you.by.en in within_week.title.en
    assert "{" not in home and "{thank_you" not in within_week.advice.en
