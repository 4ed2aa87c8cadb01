"""Helpers for tests that break guidance.yaml on purpose and check where the build points."""

from __future__ import annotations

from pathlib import Path

import coach

ROOT = Path(__file__).resolve().parent.parent
GUIDANCE = ROOT / "guidance.yaml"


def original() -> str:
    return GUIDANCE.read_text(encoding="utf-8")


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


def problems(tmp_path: Path, text: str) -> list[str]:
    """Every problem the build reports for this guidance.yaml text, as `guidance.yaml:L:C: message`."""
    path = tmp_path / "guidance.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        coach.load_guidance(path)
    except coach.GuidanceError as error:
        return error.report().splitlines()
    return []


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
