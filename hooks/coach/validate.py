"""Check guidance.yaml: structure by JSON Schema, meaning by the checks below.

Every check returns problems instead of raising, so the author sees all mistakes at once.
Checks must tolerate data that failed the schema (wrong types), because both run together.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .source import Located, Path_, Problem, describe

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "guidance.schema.json"
LANGUAGES = ("en", "de")
LANGUAGE_NAMES = {"en": "English", "de": "German"}

Check = Callable[[Located], list[Problem]]


@cache
def schema_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


# --- structure -------------------------------------------------------------------------

_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "a text", "integer": "a whole number",
               "boolean": "true or false", "number": "a number"}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "a text", int: "a number", float: "a number",
            type(None): "nothing (empty value)"}.get(type(value), type(value).__name__)


def _schema_problem(located: Located, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = describe(path)
    kind = error.validator
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        problems = []
        for key in error.instance:
            if key in allowed:
                continue
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"did you mean '{hint[0]}'? " if hint else ""
            problems.append(located.problem(path + (key,), f"unknown key '{key}' in {where}; {suggestion}"
                                                           f"expected one of: {', '.join(allowed)}", key=True))
        return problems
    if kind == "required":
        missing = error.message.split("'")[1]
        if missing in LANGUAGE_NAMES:
            message = f"{where}: missing the {LANGUAGE_NAMES[missing]} text ('{missing}:')"
        else:
            message = f"{where}: missing required key '{missing}'"
        return [located.problem(path, message, key=True)]
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        return [located.problem(path, f"{where}: expected {expected}, got {_type_name(error.instance)}")]
    if kind == "minLength" and error.validator_value == 1:
        lang = path[-1] if path and path[-1] in LANGUAGE_NAMES else None
        what = f"the {LANGUAGE_NAMES[lang]} text" if lang else "this text"
        return [located.problem(path, f"{where}: {what} is empty")]
    if kind == "minItems":
        return [located.problem(path, f"{where}: needs at least {error.validator_value} item(s)")]
    if kind == "enum":
        options = ", ".join(repr(v) for v in error.validator_value)
        return [located.problem(path, f"{where}: {error.instance!r} is not allowed; expected one of {options}")]
    if kind == "pattern":
        hint = error.schema.get("description", f"text matching {error.validator_value}")
        return [located.problem(path, f"{where}: {error.instance!r} is not valid; expected {hint[0].lower() + hint[1:]}")]
    if kind == "propertyNames":
        return [located.problem(path, f"{where}: invalid key name: {error.message}")]
    if kind in ("minimum", "maximum"):
        return [located.problem(path, f"{where}: {error.message}")]
    return [located.problem(path, f"{where}: {error.message}")]


def check_schema(located: Located) -> list[Problem]:
    problems: list[Problem] = []
    for error in schema_validator().iter_errors(located.data):
        problems.extend(_schema_problem(located, error))
    return problems


# --- helpers for semantic checks ------------------------------------------------------------

def items(data: Any, *path: str) -> Iterator[tuple[Path_, dict]]:
    """(path, item) for each mapping in the list at `path`; skips anything mistyped."""
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict):
                yield tuple(path) + (index,), item


def walk_texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict]]:
    """Every bilingual text: a mapping whose keys are exactly the languages."""
    if isinstance(data, dict):
        if set(data) == set(LANGUAGES):
            yield path, data
            return
        for key, value in data.items():
            yield from walk_texts(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_texts(value, path + (index,))


def walk_strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value anywhere in the file, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, path + (index,))


def unique_ids(located: Located, entries: list[tuple[Path_, dict]], kind: str) -> tuple[dict[str, Path_], list[Problem]]:
    seen: dict[str, Path_] = {}
    problems = []
    for path, item in entries:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            line, _ = located.where(seen[ident] + ("id",))
            problems.append(located.problem(path + ("id",), f"duplicate {kind} id '{ident}' (already used on line {line})"))
        else:
            seen[ident] = path
    return seen, problems


def source_ids(located: Located) -> dict[str, Path_]:
    """Ids of all sources (first occurrence), for reference checks in any section."""
    known: dict[str, Path_] = {}
    for path, source in items(located.data, "sources"):
        if isinstance(source.get("id"), str):
            known.setdefault(source["id"], path)
    return known


def check_cited_sources(located: Located, entries: list[tuple[Path_, dict]]) -> list[Problem]:
    """Every `sources:` list in these entries names known sources."""
    known = source_ids(located)
    problems = []
    for path, entry in entries:
        cited = entry.get("sources")
        for index, ref in enumerate(cited if isinstance(cited, list) else []):
            problems += dangling(located, path + ("sources", index), ref, known, "source")
    return problems


def dangling(located: Located, path: Path_, ref: Any, known: dict[str, Path_], kind: str) -> list[Problem]:
    if not isinstance(ref, str) or ref in known:
        return []
    hint = difflib.get_close_matches(ref, list(known), n=1)
    suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
    return [located.problem(path, f"{describe(path)}: unknown {kind} '{ref}'{suggestion}")]


# --- meaning ----------------------------------------------------------------------------------

# Raw HTML in content could inject script into every page; Markdown is all an author needs.
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_HTML = re.compile(r"<(?!(?:https?|mailto):[^>\s]*>)[a-zA-Z/!?][^>]*>?")
_LINK_SCHEME = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)([a-zA-Z][a-zA-Z0-9+.-]*):", re.M)
_SAFE_SCHEMES = {"http", "https", "mailto"}


def check_texts(located: Located) -> list[Problem]:
    problems = []
    for path, text in walk_texts(located.data):
        for lang in LANGUAGES:
            value = text.get(lang)
            if isinstance(value, str) and value and not value.strip():
                problems.append(located.problem(path + (lang,), f"{describe(path)}: the {LANGUAGE_NAMES[lang]} text is blank"))
    for where, value in walk_strings(located.data):
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


def check_references(located: Located) -> list[Problem]:
    data = located.data
    problems: list[Problem] = []
    sources, found = unique_ids(located, list(items(data, "sources")), "source")
    problems += found
    statistics, found = unique_ids(located, list(items(data, "statistics")), "statistic")
    problems += found
    phases, found = unique_ids(located, list(items(data, "phases")), "phase")
    problems += found
    recommendations = []
    for path, phase in items(data, "phases"):
        for index, rec in enumerate(phase.get("recommendations") or []):
            if isinstance(rec, dict):
                recommendations.append((path + ("recommendations", index), rec))
    _, found = unique_ids(located, recommendations, "recommendation")
    problems += found

    primary = [path for path, source in items(data, "sources") if source.get("primary") is True]
    if len(primary) != 1 and sources:
        at = primary[1] if len(primary) > 1 else ("sources",)
        problems.append(located.problem(at, f"exactly one source must be 'primary: true' (the source article); found {len(primary)}"))
    primary_ids = {source.get("id") for _, source in items(data, "sources") if source.get("primary") is True}

    for path, stat in items(data, "statistics"):
        problems += dangling(located, path + ("source",), stat.get("source"), sources, "source")

    problems += check_cited_sources(located, recommendations)
    for path, rec in recommendations:
        cited = rec.get("sources") if isinstance(rec.get("sources"), list) else []
        quoted = rec.get("statistics") if isinstance(rec.get("statistics"), list) else []
        for index, ref in enumerate(quoted):
            problems += dangling(located, path + ("statistics", index), ref, statistics, "statistic")
        if not cited or not primary_ids:
            continue
        rec_id = rec.get("id", describe(path))
        if rec.get("beyond_source") is True:
            if all(ref in primary_ids for ref in cited):
                problems.append(located.problem(path + ("sources",), f"recommendation '{rec_id}' goes beyond the source "
                                                                      "article (beyond_source: true) and must cite another source"))
        elif not any(ref in primary_ids for ref in cited):
            problems.append(located.problem(path + ("sources",), f"recommendation '{rec_id}' does not cite the source article; "
                                                                  "cite it, or mark the advice 'beyond_source: true'"))

    for path, step in items(data, "pages", "home", "steps"):
        problems += dangling(located, path + ("phase",), step.get("phase"), phases, "phase")
    return problems


def check_strings(required: frozenset[str]) -> Check:
    """Labels the templates and scripts need must all exist in `strings:`."""
    def check(located: Located) -> list[Problem]:
        strings = located.data.get("strings")
        if not isinstance(strings, dict):
            return []
        return [located.problem(("strings",), f"strings: missing the label '{key}' (used by the site's templates)", key=True)
                for key in sorted(required - set(strings))]
    return check


def validate(located: Located, checks: list[Check]) -> list[Problem]:
    problems = check_schema(located)
    for check in checks:
        problems += check(located)
    return sorted(set(problems))
