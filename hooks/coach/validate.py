"""Check guidance.yaml: its structure by the model, then its meaning, every problem at once.

The model is built once (coach.structure); every check reads it. Checks of meaning return problems
instead of raising, so the author sees all mistakes in one report. Paths through the wizard are
enumerated only when everything else is sound: otherwise one broken reference would show up again
as unreachable rules and questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import labels, markup, structure, timings, wizard
from .markup import _CODE_SPAN, _LINK_SCHEME
from .model import LANGUAGE_NAMES, LANGUAGES, Guidance, Text, walk_nodes
from .source import Located, Problem, describe, strings_with_paths

Check = Callable[[Guidance, Located], list[Problem]]

# Raw HTML in content could inject script into every page; Markdown is all an author needs.
_HTML = re.compile(r"<(?!(?:https?|mailto):[^>\s]*>)[a-zA-Z/!?][^>]*>?")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def check_texts(guidance: Guidance, located: Located) -> list[Problem]:
    """No blank translations, no raw HTML, no links but https:, http: and mailto:."""
    problems = []
    for node in walk_nodes(guidance):
        if isinstance(node, Text):
            for lang in LANGUAGES:
                if not node.in_(lang).strip():
                    problems.append(located.problem(node.path + (lang,), f"{describe(node.path)}: the "
                                                                         f"{LANGUAGE_NAMES[lang]} text is blank"))
    for where, value in strings_with_paths(located.data):
        visible = _CODE_SPAN.sub("", value)
        html = _HTML.search(visible)
        if html:
            problems.append(located.problem(where, f"{describe(where)}: raw HTML is not allowed ({html.group(0)!r}); "
                                                   "use Markdown, or `backticks` to show the characters as they are"))
        for scheme in _LINK_SCHEME.findall(visible):
            if scheme.lower() not in _SAFE_SCHEMES:
                problems.append(located.problem(where, f"{describe(where)}: links may use https:, http: or mailto:, "
                                                       f"not '{scheme}:'"))
    return problems


def validate(located: Located, section_checks: list[Check]) -> tuple[Guidance | None, list[Problem]]:
    """The model and every problem found; the model is None when its shape is wrong."""
    guidance, problems = structure.build(located)
    if guidance is None:
        return None, sorted(set(problems))
    # Timings first: they fill their placeholders into every text that the checks below then read.
    problems += timings.apply(guidance, located)
    problems += check_texts(guidance, located) + markup.check_markup(located) + labels.check_labels(guidance, located)
    for check in section_checks:
        problems += check(guidance, located)
    if not problems:
        problems += wizard.compile_checks(guidance, located)
    return guidance, sorted(set(problems))
