"""The structural check: the model's validation errors as located, plain messages.

pydantic reports every structural mistake at once, each with its `loc` (the data path). Mistakes that
leave the shape intact (an unknown key, an empty text) are set aside and the data validated again, so
that the checks of meaning still run and the author sees those problems too, in the same report.
"""

from __future__ import annotations

import copy
import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import LANGUAGE_NAMES, Guidance, LabelSet, assign_paths
from .model.base import PATTERN_HINTS, unwrap
from .source import Located, Problem, describe

_EXPECTED = {"int_type": "a whole number", "string_type": "a text", "bool_type": "true or false",
             "model_type": "a mapping", "dict_type": "a mapping", "list_type": "a list", "float_type": "a number"}
_REPAIRABLE = {"extra_forbidden", "string_too_short"}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "a text", int: "a number", float: "a number",
            type(None): "nothing (empty value)"}.get(type(value), type(value).__name__)


def _model_at(loc: tuple) -> Any:
    """The type the model expects at a data path: a model class, list[...], dict[...] or a plain type."""
    current: Any = Guidance
    for part in loc:
        current = unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {field.alias or name: field for name, field in current.model_fields.items()}
            if part not in fields:
                return None
            current = fields[part].annotation
        elif typing.get_origin(current) in (list, tuple):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return unwrap(current)


def _field_names(model: type[BaseModel]) -> list[str]:
    return sorted(field.alias or name for name, field in model.model_fields.items())


def _message(located: Located, error: ErrorDetails) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        model = _model_at(parent)
        allowed = _field_names(model) if isinstance(model, type) and issubclass(model, BaseModel) else []
        hint = difflib.get_close_matches(str(key), allowed, n=1)
        suggestion = f"did you mean '{hint[0]}'? " if hint else ""
        return located.problem(loc, f"unknown key '{key}' in {describe(parent)}; {suggestion}"
                                    f"expected one of: {', '.join(allowed)}", key=True)
    where = describe(loc)
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        model = _model_at(parent)
        if key in LANGUAGE_NAMES:
            message = f"{describe(parent)}: missing the {LANGUAGE_NAMES[key]} text ('{key}:')"
        elif isinstance(model, type) and issubclass(model, LabelSet) and model.used_by:
            message = f"{describe(parent)}: missing the label '{key}' (used by {model.used_by})"
        else:
            message = f"{describe(parent)}: missing required key '{key}'"
        return located.problem(parent, message, key=True)
    if kind in _EXPECTED:
        return located.problem(loc, f"{where}: expected {_EXPECTED[kind]}, got {_type_name(error['input'])}")
    if kind == "string_too_short":
        lang = loc[-1] if loc and loc[-1] in LANGUAGE_NAMES else None
        what = f"the {LANGUAGE_NAMES[lang]} text" if lang else "this text"
        return located.problem(loc, f"{where}: {what} is empty")
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return located.problem(loc, f"{where}: {len(error['input'])} characters long; at most {limit} are allowed "
                                    "(ids become addresses and file names)")
    if kind == "too_short":
        return located.problem(loc, f"{where}: needs at least {error['ctx']['min_length']} item(s)")
    if kind in ("literal_error", "enum"):
        return located.problem(loc, f"{where}: {error['input']!r} is not allowed; expected {error['ctx']['expected']}")
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        hint = PATTERN_HINTS.get(pattern, f"Text matching {pattern}")
        return located.problem(loc, f"{where}: {error['input']!r} is not valid; expected {hint[0].lower() + hint[1:]}")
    return located.problem(loc, f"{where}: {error['msg']}")


def _repaired(data: Any, errors: list[ErrorDetails]) -> Any:
    """The data without the mistakes that do not change its shape, or None if others remain."""
    if any(error["type"] not in _REPAIRABLE for error in errors):
        return None
    fixed = copy.deepcopy(data)
    for error in errors:
        *parents, last = error["loc"]
        node = fixed
        for part in parents:
            node = node[part]
        if error["type"] == "extra_forbidden":
            del node[last]
        else:
            node[last] = "?"
    return fixed


def build(located: Located) -> tuple[Guidance | None, list[Problem]]:
    """The model of the file, and its structural problems. The model is None only if the shape is wrong."""
    try:
        guidance = Guidance.model_validate(located.data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        problems = [_message(located, detail) for detail in errors]
        repaired = _repaired(located.data, errors)
        if repaired is None:
            return None, problems
        try:
            guidance = Guidance.model_validate(repaired)
        except ValidationError:
            return None, problems
        assign_paths(guidance)
        return guidance, problems
    assign_paths(guidance)
    return guidance, []
