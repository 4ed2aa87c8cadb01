"""Words in braces: placeholders in template texts ({company}) and parameters in labels ({done}).

Both use the same syntax, so one scanner serves the template checks, the label checks and the
static rendering of a template (the text a visitor without JavaScript sees).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .source import Located, Path_, Problem, describe
from .validate import LANGUAGE_NAMES, LANGUAGES

NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_GROUP = re.compile(r"\{[^{}\n]*\}")
_BRACE = re.compile(r"[{}]")


def names_in(text: Any) -> list[str]:
    """Placeholder names in the order they appear, each once."""
    if not isinstance(text, str):
        return []
    return list(dict.fromkeys(NAME.findall(text)))


def stray_braces(text: Any) -> list[str]:
    """Braces that do not make a well-formed {name}: '{Company}', '{ company }', or a lone brace
    shown with the text around it."""
    if not isinstance(text, str):
        return []
    found = [group for group in _GROUP.findall(text) if not NAME.fullmatch(group)]
    rest = _GROUP.sub(lambda match: " " * len(match.group(0)), text)
    return found + [text[max(0, m.start() - 8): m.end() + 8].strip() for m in _BRACE.finditer(rest)]


def with_markers(text: str, labels: Mapping[str, str]) -> str:
    """The text as a visitor copies it without the form: each {name} shown as [Label]."""
    return NAME.sub(lambda match: f"[{labels.get(match.group(1), match.group(1))}]", text)


def suggestion(name: str, known: Iterable[str]) -> str:
    hint = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{{{hint[0]}}}'?" if hint else ""


def check_braces(located: Located, path: Path_, text: Any) -> list[Problem]:
    return [located.problem(path, f"{describe(path)}: '{piece}' is not a placeholder; write placeholders as "
                                  "{lower_case_name}, and no other braces")
            for piece in stray_braces(text)]


def check_label_parameters(located: Located, path: Path_, expected: Mapping[str, frozenset[str]]) -> list[Problem]:
    """Each label at `path` uses exactly the parameters the page fills in for it (none if not listed).

    A label missing {n} would make every "Person {n}" heading the same; an unknown {name} would be
    shown to visitors as it stands.
    """
    labels = located.data
    for key in path:
        labels = labels.get(key) if isinstance(labels, dict) else None
    if not isinstance(labels, dict):
        return []
    problems: list[Problem] = []
    for key, text in labels.items():
        if not isinstance(text, dict):
            continue
        wanted = expected.get(key, frozenset())
        for lang in LANGUAGES:
            value = text.get(lang)
            if not isinstance(value, str):
                continue
            where = path + (key, lang)
            problems += check_braces(located, where, value)
            used = set(names_in(value))
            for name in sorted(used - wanted):
                allowed = ", ".join(f"{{{n}}}" for n in sorted(wanted)) or "none"
                problems.append(located.problem(where, f"{describe(where)}: {{{name}}} is not filled in here "
                                                       f"(this label may use: {allowed})"))
            for name in sorted(wanted - used):
                problems.append(located.problem(where, f"{describe(where)}: the {LANGUAGE_NAMES[lang]} text "
                                                       f"must show {{{name}}}"))
    return problems
