"""Words in braces: placeholders in template texts ({company}) and parameters in labels ({done}).

One pattern and one way to fill them in: `fill(label, done=3, total=5)` replaces exactly these names.
Nothing else in an author's text is interpreted (no format specs, no attribute or index access), and
every label's names are checked against what the site fills in, located.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .model import LANGUAGE_NAMES, LANGUAGES, LabelSet, Node, Params, Text, walk_nodes
from .ids import suggestion
from .source import Located, Path_, Problem, describe

NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_GROUP = re.compile(r"\{[^{}\n]*\}")
_BRACE = re.compile(r"[{}]")


def names_in(text: str | None) -> list[str]:
    """Placeholder names in the order they appear, each once."""
    return list(dict.fromkeys(NAME.findall(text or "")))


def fill(text: str, **values: Any) -> str:
    """The text with each {name} replaced by its value; the checks make sure every name is given."""
    return NAME.sub(lambda match: str(values[match.group(1)]), str(text))


def with_markers(text: str, labels: Mapping[str, str]) -> str:
    """The text as a visitor copies it without the form: each {name} shown as [Label]."""
    return NAME.sub(lambda match: f"[{labels.get(match.group(1), match.group(1))}]", text)


def stray_braces(text: str | None) -> list[str]:
    """Braces that do not make a well-formed {name}: '{Company}', '{ company }', or a lone brace
    shown with the text around it."""
    text = text or ""
    found = [group for group in _GROUP.findall(text) if not NAME.fullmatch(group)]
    rest = _GROUP.sub(lambda match: " " * len(match.group(0)), text)
    return found + [text[max(0, m.start() - 8): m.end() + 8].strip() for m in _BRACE.finditer(rest)]


def placeholder_suggestion(name: str, known) -> str:
    return suggestion(name, known, template="; did you mean '{{{}}}'?")


def check_braces(located: Located, path: Path_, text: str | None) -> list[Problem]:
    return [located.problem(path, f"{describe(path)}: '{piece}' is not a placeholder; write placeholders as "
                                  "{lower_case_name}, and no other braces")
            for piece in stray_braces(text)]


def check_label(located: Located, text: Text, wanted: frozenset[str]) -> list[Problem]:
    """A label uses exactly the names the site fills in: a missing {n} would make every "Person {n}"
    heading the same; an unknown {name} would be shown to visitors as it stands."""
    problems: list[Problem] = []
    for lang in LANGUAGES:
        value = text.in_(lang)
        where = text.path + (lang,)
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


def _params(node: Node, field: str) -> frozenset[str] | None:
    """The names a label field takes: its Params, none for a plain label of a label set, else unchecked."""
    info = type(node).model_fields[field]
    for meta in info.metadata:
        if isinstance(meta, Params):
            return meta.names
    return frozenset() if isinstance(node, LabelSet) else None


def check_labels(guidance: Node, located: Located) -> list[Problem]:
    """Every label in the model (label sets and fields marked with Params), checked like template texts."""
    problems: list[Problem] = []
    for node in walk_nodes(guidance):
        for field in type(node).model_fields:
            value = getattr(node, field)
            wanted = _params(node, field) if isinstance(value, Text) else None
            if wanted is not None:
                problems += check_label(located, value, wanted)
    return problems
