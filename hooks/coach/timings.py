"""One timing model: every deadline and waiting period is declared once, under `timings:`.

A text anywhere in the guidance states a timing only through its placeholders, {id} (its span, "two
business days") and {id_by} (its deadline, "by the next business day"); wizard steps name the timing they
follow. A timing counts from a date (an anchor) or from another timing ("a week after your check-in"), so a
gap between two steps is declared too. apply() checks the declarations, fills the placeholders in every text with labels.fill (the one way
to fill a label) and gives each step its date and offset, before any other check runs. So no two pages can
state different spans for the same step.
"""

from __future__ import annotations

from . import citations
from .ids import dangling, unique_ids
from .labels import fill, names_in
from .model import LANGUAGES, Guidance, Text, walk_nodes
from .model.wizard import Step, Timing
from .source import Located, Problem, describe

BY = "_by"


def placeholders(timing: Timing, lang: str) -> dict[str, str]:
    """The two placeholders a timing offers and what they show in one language."""
    return {timing.id: timing.span.in_(lang), timing.id + BY: timing.by.in_(lang)}


def apply(guidance: Guidance, located: Located) -> list[Problem]:
    """Check the timings, fill them into every text and into the steps that name them."""
    known, problems = unique_ids(located, guidance.timings, "timing")
    anchors = [anchor.id for anchor in guidance.wizard.anchors]
    template_fields = {entry.id for entry in guidance.templates.placeholders}
    for timing in known.values():
        problems += dangling(located, timing.path + ("from",), timing.from_, anchors + list(known),
                             "date (wizard.anchors) or timing")
        # Cited as recommendations are (ids or quotes), so the same checks hold: known sources, short quotes.
        problems += citations.check_citations(located, guidance, timing, f"timing '{timing.id}'")
        for name in (timing.id, timing.id + BY):
            if name in template_fields:
                problems.append(located.problem(timing.path + ("id",), f"{describe(timing.path)}: {{{name}}} is also "
                                                                       "a template placeholder; rename the timing"))
    resolved, cycles = _resolve(known, anchors, located)
    problems += cycles + _steps(guidance, located, known, resolved)
    by_lang = {lang: {k: v for t in known.values() for k, v in placeholders(t, lang).items()} for lang in LANGUAGES}
    for node in walk_nodes(guidance):
        if isinstance(node, Text) and not _inside_timing(node):
            _fill(node, by_lang)
    return problems


def _inside_timing(node: Text) -> bool:
    return len(node.path) >= 1 and node.path[0] == "timings"


def _fill(node: Text, by_lang: dict[str, dict[str, str]]) -> None:
    for lang in LANGUAGES:
        text = node.in_(lang)
        names = names_in(text)
        if any(name in by_lang[lang] for name in names):
            # Other placeholders ({company}, {done}) stay as they are, for whoever fills them later.
            values = {name: by_lang[lang].get(name, "{" + name + "}") for name in names}
            setattr(node, lang, fill(text, **values))


def _resolve(known: dict[str, Timing], anchors: list[str],
             located: Located) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """Each timing as (anchor, business days): one that counts from another timing adds its days to it.
    A timing whose chain ends nowhere (reported as dangling above) or goes round is left out."""
    resolved: dict[str, tuple[str, int]] = {}
    problems = []
    for timing in known.values():
        chain, current, days = [], timing, 0
        while current.from_ in known and current.id not in chain:
            chain.append(current.id)
            days += current.business_days
            current = known[current.from_]
        if current.id in chain:
            problems.append(located.problem(timing.path + ("from",), f"{describe(timing.path)}: timing "
                                            f"'{timing.id}' counts from itself ({' -> '.join(chain + [current.id])})"))
            continue
        if current.from_ in anchors:
            resolved[timing.id] = (current.from_, days + current.business_days)
    return resolved, problems


def _steps(guidance: Guidance, located: Located, known: dict[str, Timing],
           resolved: dict[str, tuple[str, int]]) -> list[Problem]:
    problems = []
    for node in walk_nodes(guidance.wizard):
        if not isinstance(node, Step):
            continue
        direct = node.from_ is not None or node.business_days is not None
        if (node.timing is None) == (not direct) or (direct and (node.from_ is None or node.business_days is None)):
            problems.append(located.problem(node.path + ("id",), f"{describe(node.path)}: step '{node.id}' needs "
                                                                 "either `timing` (one of timings:) or both `from` "
                                                                 "and `business_days`"))
            continue
        if node.timing is None:
            continue
        if node.timing not in known:
            problems += dangling(located, node.path + ("timing",), node.timing, list(known), "timing")
            continue
        if node.timing in resolved:
            node.from_, node.business_days = resolved[node.timing]
    return problems
