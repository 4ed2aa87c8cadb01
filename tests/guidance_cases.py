"""Build variants of the real guidance.yaml with one deliberate mistake, and report what the checks say."""

from __future__ import annotations

from pathlib import Path

import coach
from coach.source import GuidanceError, loads
from coach.validate import validate

GUIDANCE = Path(__file__).resolve().parent.parent / "guidance.yaml"


def guidance_text() -> str:
    return GUIDANCE.read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"test setup: {old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


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
    found = validate(located, [section.checks for section in coach.SECTIONS])
    return [problem.format("guidance.yaml") for problem in found]
