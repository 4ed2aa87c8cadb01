"""Ids across guidance.yaml: unique within their kind, references that exist, "did you mean" for typos."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from .source import Located, Path_, Problem, describe


def suggestion(word: str, known: Iterable[str], *, template: str = "; did you mean '{}'?") -> str:
    """`; did you mean 'x'?` for the closest known word, or nothing."""
    hint = difflib.get_close_matches(str(word), [str(k) for k in known], n=1)
    return template.format(hint[0]) if hint else ""


def unique_ids(located: Located, nodes: Iterable[Any], kind: str, *, note: str = "") -> tuple[dict[str, Any], list[Problem]]:
    """Each node's id is unique among `nodes`; the first of each id wins. Returns id -> node and problems."""
    seen: dict[str, Any] = {}
    problems = []
    for node in nodes:
        if node.id in seen:
            line, _ = located.where(seen[node.id].path + ("id",))
            problems.append(located.problem(node.path + ("id",), f"duplicate {kind} id '{node.id}' "
                                                                  f"(already used on line {line}){note}"))
        else:
            seen[node.id] = node
    return seen, problems


def dangling(located: Located, path: Path_, ref: str, known: Iterable[str], kind: str) -> list[Problem]:
    """A reference to an id that does not exist, with the closest one suggested."""
    known = list(known)
    if ref in known:
        return []
    return [located.problem(path, f"{describe(path)}: unknown {kind} '{ref}'{suggestion(ref, known)}")]


def dangling_list(located: Located, owner: Any, field: str, known: Iterable[str], kind: str) -> list[Problem]:
    """Every id in the list `owner.<field>` exists."""
    known = list(known)
    return [problem for index, ref in enumerate(getattr(owner, field) or [])
            for problem in dangling(located, owner.path + (field, index), ref, known, kind)]
