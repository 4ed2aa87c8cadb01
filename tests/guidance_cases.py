"""Helpers for tests that break guidance.yaml on purpose and check what the build says, and where."""

from __future__ import annotations

from pathlib import Path

import coach
from coach.source import GuidanceError, loads

GUIDANCE = Path(__file__).resolve().parent.parent / "guidance.yaml"


def guidance_text() -> str:
    return GUIDANCE.read_text(encoding="utf-8")


original = guidance_text


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `snippet`."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if snippet in line]
    return hits[occurrence - 1]


def line_after(text: str, marker: str, snippet: str) -> int:
    """1-based line number of the first line containing `snippet` after the line containing `marker`."""
    start = line_of(text, marker)
    lines = text.splitlines()
    return next(n for n in range(start + 1, len(lines) + 1) if snippet in lines[n - 1])


def problems(text: str) -> list[str]:
    """Every problem the loader and all checks report, formatted as the build prints them."""
    try:
        located = loads(text, "guidance.yaml")
    except GuidanceError as error:
        return error.report().splitlines()
    _, found = coach.check(located)
    return [problem.format("guidance.yaml") for problem in found]


def edit(text: str, old: str, new: str, *, after: str | None = None) -> str:
    """Replace the one occurrence of `old` (the first after the unique text `after`, if given)."""
    start = 0
    if after is not None:
        assert text.count(after) == 1, f"{after!r} is not unique in guidance.yaml"
        start = text.index(after)
    else:
        assert text.count(old) == 1, f"{old!r} is not unique in guidance.yaml"
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old):]


def position(text: str, needle: str, *, after: str | None = None, offset: int = 0) -> str:
    """`guidance.yaml:LINE:COL` of the first `needle` (after the unique text `after`), plus `offset` columns."""
    start = text.index(after) if after is not None else 0
    at = text.index(needle, start) + offset
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"guidance.yaml:{line}:{col}"


def at(problem_lines: list[str], where: str) -> list[str]:
    """The problems reported at exactly this position."""
    return [line for line in problem_lines if line.startswith(where + ":")]


replace_once = edit  # the name the older tests use
