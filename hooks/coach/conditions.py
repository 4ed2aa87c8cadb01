"""The condition language: `name: [values]`, `all: [...]`, `any: [...]`, `not: ...`. Nothing else.

The same language decides when a question is asked or an option offered (over earlier answers), which
rule applies (over answers), what a fact is (over answers), and what an invariant demands (over facts
and decisions). A Vocabulary says which names a condition may use and their values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .ids import suggestion
from .source import Located, Path_, Problem, describe

COMBINATORS = ("all", "any", "not")
Values = Mapping[str, Any]


@dataclass(frozen=True)
class Is:
    """The value of `name` is one of `options` (never, if it has no value: a question not asked)."""

    name: str
    options: frozenset

    def holds(self, values: Values) -> bool:
        return self.name in values and values[self.name] in self.options


@dataclass(frozen=True)
class AllOf:
    parts: tuple

    def holds(self, values: Values) -> bool:
        return all(part.holds(values) for part in self.parts)


@dataclass(frozen=True)
class AnyOf:
    parts: tuple

    def holds(self, values: Values) -> bool:
        return any(part.holds(values) for part in self.parts)


@dataclass(frozen=True)
class Not:
    part: Any

    def holds(self, values: Values) -> bool:
        return not self.part.holds(values)


Condition = Is | AllOf | AnyOf | Not


def shown(value: Any) -> str:
    """A value as written in guidance.yaml."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def as_text(raw: Any) -> str:
    """A condition in one line, for messages: `channel: email`, `all: (a: x; b: y)`."""
    if not isinstance(raw, dict):
        return shown(raw)
    parts = []
    for key, value in raw.items():
        if key in ("all", "any") and isinstance(value, list):
            parts.append(f"{key}: (" + "; ".join(as_text(item) for item in value) + ")")
        elif key == "not":
            parts.append(f"not ({as_text(value)})")
        else:
            values = value if isinstance(value, list) else [value]
            parts.append(f"{key}: {', '.join(shown(v) for v in values)}")
    return "; ".join(parts)


@dataclass
class Vocabulary:
    """The names a condition may use, with their values; `order` limits a condition to earlier names."""

    kind: str                      # "question", or "fact or decision"
    value_word: str                # "option" or "value"
    values: dict[str, list] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    what: dict[str, str] = field(default_factory=dict)  # name -> 'fact' or 'decision', for messages


class Reader:
    """Reads conditions into Is/AllOf/AnyOf/Not, collecting located problems instead of raising."""

    def __init__(self, located: Located, problems: list[Problem]):
        self.located = located
        self.problems = problems

    def problem(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.problems.append(self.located.problem(path, message, key=key))

    def read(self, raw: dict, path: Path_, owner: str, words: Vocabulary, before: int | None = None) -> Condition | None:
        """A condition, or None (reported). `before`: only names whose order is lower may be used."""
        if not isinstance(raw, dict) or not raw:
            self.problem(path, f"{describe(path)}: expected a condition ({owner})")
            return None
        if len(raw) > 1:
            self.problem(path, f"{describe(path)}: a condition has exactly one key, this one has {len(raw)} "
                               f"({', '.join(raw)}) in {owner}; combine conditions with `all:` or `any:`")
            return None
        (key, value), = raw.items()
        child = path + (key,)
        if key in ("all", "any"):
            items = value if isinstance(value, list) else []
            if not items:
                self.problem(child, f"{describe(child)}: needs a list of at least one condition ({owner})")
                return None
            parts = [self.read(item, child + (i,), owner, words, before) for i, item in enumerate(items)]
            if any(part is None for part in parts):
                return None
            return (AllOf if key == "all" else AnyOf)(tuple(parts))
        if key == "not":
            part = self.read(value, child, owner, words, before)
            return Not(part) if part is not None else None
        return self.comparison(key, value, child, owner, words, before)

    def comparison(self, name: str, value: Any, path: Path_, owner: str, words: Vocabulary,
                   before: int | None) -> Condition | None:
        if name not in words.values:
            self.problem(path, f"{describe(path)}: unknown {words.kind} '{name}' in {owner}"
                               f"{suggestion(name, [*words.values, *COMBINATORS]) or '.'}", key=True)
            return None
        if before is not None and words.order[name] >= before:
            later = "itself" if words.order[name] == before else f"'{name}', which is asked later"
            self.problem(path, f"{describe(path)}: {owner} refers to {later}; a condition here may only use "
                               "questions asked before, whose answers are known", key=True)
            return None
        listed = [(path + (i,), v) for i, v in enumerate(value)] if isinstance(value, list) else [(path, value)]
        if not listed:
            self.problem(path, f"{describe(path)}: name at least one {words.value_word} ({owner})")
            return None
        known = words.values[name]
        options = []
        for where, option in listed:
            if option not in known or not isinstance(option, (str, bool)):
                self.problem(where, f"{describe(where)}: {words.what.get(name, words.kind)} '{name}' has no "
                                    f"{words.value_word} '{shown(option)}' ({owner})"
                                    f"{suggestion(shown(option), [shown(k) for k in known]) or '.'} Its "
                                    f"{words.value_word}s: {', '.join(shown(k) for k in known)}")
                return None
            options.append(option)
        return Is(name, frozenset(options))
