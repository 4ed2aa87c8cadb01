"""Follow-up Coach: load, check and render guidance.yaml. Plain Python, no MkDocs needed."""

from __future__ import annotations

from pathlib import Path

from . import pages
from .guidance import Guidance
from .source import GuidanceError, Problem, load
from .validate import check_references, check_strings, check_texts, validate

CHECKS = [check_texts, check_references, check_strings(pages.REQUIRED_STRINGS)]


def load_guidance(path: Path | str) -> Guidance:
    """Parse and check the file; raise GuidanceError listing every problem found."""
    located = load(path)
    problems = validate(located, CHECKS)
    if problems:
        raise GuidanceError(located.filename, problems)
    return Guidance(located.data)


__all__ = ["Guidance", "GuidanceError", "Problem", "load_guidance", "pages"]
