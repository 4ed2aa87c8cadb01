"""One timing model: spans are declared once under `timings:`; texts state them only as placeholders.

Two checks, so that no two pages can state different spans for the same step:
- in guidance.yaml, no text outside `timings:` writes a span of its own (it names a timing instead);
- in the built site, both languages, every span a visitor can read is the rendering of a declared timing.
What the sources say is data, not advice, and is exempt in both checks, by name (EXEMPT_KEYS, EXEMPT_CLASSES).
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from coach.source import strings_with_paths
from page_text import VisibleText

# A written span: a number (digits or a word) followed by a unit of time, in either language.
NUMBER = (r"(?:\d+|a|one|two|three|four|five|six|seven|ten|ein|eine|einen|einem|einer|zwei|drei|vier|fünf|sechs"
          r"|sieben|zehn)")
UNIT = r"(?:business days?|days?|hours?|weeks?|h\b|Arbeitstage?n?|Werktage?n?|Tage?n?|Stunden|Wochen?)"
SPAN = re.compile(rf"\b{NUMBER}(?:\s*(?:to|or|bis|oder|-|–|,)\s*{NUMBER})?\s+{UNIT}(?![\w-])", re.IGNORECASE)

# The sources' own words and figures, which state their own spans: what each source supports (`sources:`),
# survey results (`statistics:`) and verbatim quotes. The anchors' `when` labels count a step's business
# days ("{days} business days after the interview") from the timing the step names.
EXEMPT_SECTIONS = ("timings", "sources", "statistics")
EXEMPT_KEYS = ("quote",)
# The same in the built pages: quotes are <blockquote>, survey figures carry these classes, and the sources
# page is the sources' own words throughout (the guide titles it links to are checked on their own pages).
# A plan step's "why then?" line is its timing's own `because`, declared with the timing under `timings:`
# (exempt above for the same reason): what the sources advise, beside the span it explains.
EXEMPT_PAGES = ("sources/index.html",)
EXEMPT_TAGS = {"blockquote", "script", "style", "svg"}
EXEMPT_CLASSES = ("coach-figure", "coach-source", "wizard-step__why")



def _exempt(path) -> bool:
    return path[0] in EXEMPT_SECTIONS or any(key in path for key in EXEMPT_KEYS) \
        or (path[:2] == ("wizard", "anchors") and "when" in path)


def test_the_span_pattern_finds_the_spans_texts_used_to_write():
    """The check below is only as good as this pattern: it finds each way a span was written before."""
    for text in ("not after two days", "within 24 hours", "24 to 48 hours", "two to five business days",
                 "a week later", "within a day or two", "nach zwei Tagen", "48 Stunden", "zwei Arbeitstage",
                 "ein, zwei Tage", "etwa einer Woche", "10 Werktage"):
        assert SPAN.search(text), text
    for text in ("in a busy week", "in einer vollen Woche", "the day of the interview", "take an hour", "eine Stunde"):
        assert not SPAN.search(text), text


def test_no_text_writes_a_span_of_its_own():
    data = yaml.safe_load((ROOT / "guidance.yaml").read_text(encoding="utf-8"))
    found = [("/".join(map(str, path)), match.group(0)) for path, text in strings_with_paths(data) if not _exempt(path)
             for match in SPAN.finditer(text)]
    assert not found, f"write these as {{timing}} or {{timing_by}} placeholders: {found}"


def _visible_text() -> VisibleText:
    """What a visitor reads (the texts its scripts show included), without the exempt elements."""
    def exempt(tag: str, attrs: dict) -> bool:
        classes = (attrs.get("class") or "").split()
        return tag in EXEMPT_TAGS or any(name.startswith(prefix) for name in classes for prefix in EXEMPT_CLASSES)
    return VisibleText(exempt, ("aria-label", "title", "alt"))


def _declared_spans(guidance, lang: str) -> set[str]:
    """Every span a declared timing shows: its words, its deadline, and its business days as the anchors
    count them ("7 business days after the decision date")."""
    spans = set()
    for timing in guidance.timings:
        spans.update(match.group(0).lower() for text in (timing.span.in_(lang), timing.by.in_(lang))
                     for match in SPAN.finditer(text))
    for decision in guidance.wizard.decisions:
        for rule in decision.all_rules():
            for step in rule.steps:
                labels = next(anchor for anchor in guidance.wizard.anchors if anchor.id == step.from_).when
                label = labels.next_day if step.business_days == 1 else labels.later
                text = label.in_(lang).replace("{days}", str(step.business_days))
                spans.update(match.group(0).lower() for match in SPAN.finditer(text))
    return spans


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_span_on_the_built_pages_is_a_declared_timing(built_site, guidance, lang):
    declared = _declared_spans(guidance, lang)
    root = built_site / "de" if lang == "de" else built_site
    pages = [path for path in root.rglob("*.html") if (lang == "de" or "de" not in path.relative_to(root).parts)
             and path.relative_to(root).as_posix() not in EXEMPT_PAGES]
    assert len(pages) > 20
    stray = {}
    for path in pages:
        parser = _visible_text()
        parser.feed(path.read_text(encoding="utf-8"))
        shown = [text for skipped, blob in parser.data if not skipped for _, text in strings_with_paths(blob)]
        for text in parser.texts + shown:
            for match in SPAN.finditer(" ".join(text.split())):
                if match.group(0).lower() not in declared:
                    stray.setdefault(match.group(0), str(path.relative_to(built_site)))
    assert not stray, f"spans that no timing declares (span: first page): {stray}"


def test_a_timing_may_count_from_another(guidance):
    """The last check-in is declared as a week after the check-in; its steps are dated from the check-in's date."""
    timings = {timing.id: timing for timing in guidance.timings}
    steps = [step for decision in guidance.wizard.decisions for rule in decision.all_rules() for step in rule.steps]
    relative = [step for step in steps if timings[step.timing].from_ in timings]
    assert relative
    for step in relative:
        timing = timings[step.timing]
        base = timings[timing.from_]
        assert base.from_ not in timings  # one level in this file
        assert (step.from_, step.business_days) == (base.from_, base.business_days + timing.business_days)


def test_steps_follow_their_timing(guidance):
    timings = {timing.id: timing for timing in guidance.timings}
    for decision in guidance.wizard.decisions:
        for rule in decision.all_rules():
            for step in rule.steps:
                timing = timings[step.timing]
                if timing.from_ not in timings:
                    assert (step.from_, step.business_days) == (timing.from_, timing.business_days)


def test_a_timing_reads_the_same_wherever_it_is_stated(guidance):
    """The built texts show the declared words: the plan's thank-you deadline, the home page, the guide and
    the checklist agree."""
    thank_you = next(timing for timing in guidance.timings if timing.id == "thank_you")
    home = " ".join(step.text.en for step in guidance.pages.home.steps)
    within_week = next(rule for rule in guidance.wizard.decisions[0].rules if rule.id == "email-within-week")
    guide = [rec.title.en for phase in guidance.phases for rec in phase.recommendations]
    checklist = [group.title.en for group in guidance.checklist.groups]
    assert thank_you.by.en in home and thank_you.by.en in within_week.title.en
    assert sum(thank_you.by.en in title for title in guide) >= 2
    assert any(thank_you.by.en in title for title in checklist)
    assert "{" not in home and "{thank_you" not in within_week.advice.en


def test_a_timing_that_counts_from_itself_is_refused_located():
    from guidance_cases import edit, original, position, problems

    text = edit(original(), "  - id: check_in\n    from: decision_date\n", "  - id: check_in\n    from: last_check_in\n")
    found = problems(text)
    where = position(text, "from: last_check_in", after="  - id: check_in\n", offset=len("from: "))
    assert any("counts from itself" in line and line.startswith(where.rsplit(":", 1)[0]) for line in found), found


def test_a_timing_from_nowhere_is_refused_located():
    from guidance_cases import edit, original, problems

    text = edit(original(), "  - id: check_in\n    from: decision_date\n", "  - id: check_in\n    from: decison_date\n")
    found = problems(text)
    assert any("decison_date" in line and "timing" in line for line in found), found


def test_a_timing_citing_an_unknown_source_is_refused_located(guidance):
    """Timings cite as recommendations do, with the same checks: the unknown id, where it stands."""
    from guidance_cases import at, edit, original, position, problems

    index = [timing.id for timing in guidance.timings].index("rejection_reply")
    after = "  - id: rejection_reply\n"
    text = edit(original(), "    sources: [lawrence-career-services]\n", "    sources: [lawrence-career-service]\n",
                after=after)
    where = position(text, "lawrence-career-service]", after=after)
    assert at(problems(text), where) == [f"{where}: timings[{index}].sources[0]: unknown source "
                                         "'lawrence-career-service'; did you mean 'lawrence-career-services'?"]


def test_a_timing_quote_is_checked_as_any_citation_quote(guidance):
    from guidance_cases import at, edit, original, position, problems
    from coach.model.content import MAX_QUOTE_WORDS

    long_quote = " ".join(["word"] * (MAX_QUOTE_WORDS + 1))
    after = "  - id: rejection_reply\n"
    text = edit(original(), "    sources: [lawrence-career-services]\n",
                f'    sources:\n      - source: lawrence-career-services\n        quote: "{long_quote}"\n', after=after)
    where = position(text, '"word word', after=after)
    found = at(problems(text), where)
    assert len(found) == 1 and f"the quote has {MAX_QUOTE_WORDS + 1} words; quote at most {MAX_QUOTE_WORDS}" \
        in found[0], found
