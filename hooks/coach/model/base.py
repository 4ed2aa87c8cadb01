"""Building blocks of the guidance model: strict nodes that know their data path, texts, ids, labels.

Every node is strict (a text stays a text, 5 is never "5") and forbids unknown keys, so the model is
also the JSON Schema editors use (coach.schema generates it). After validation each node knows its
data path in guidance.yaml (`node.path`), so any check can locate a problem with `Located.problem`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, WithJsonSchema

LANGUAGES = ("en", "de")
LANGUAGE_NAMES = {"en": "English", "de": "German"}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
# What a pattern means, for messages and for editors.
PATTERN_HINTS = {
    ID_PATTERN: "Lower-case words joined by hyphens, e.g. thank-you-email.",
    NAME_PATTERN: "Lower-case words joined by underscores, e.g. invited_to_call.",
}

# Ids become folder names and addresses: long ones fail on some file systems ("File name too long")
# and make unreadable links.
ID_MAX_LENGTH = 64
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
               Field(description=PATTERN_HINTS[ID_PATTERN])]
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=ID_MAX_LENGTH),
                 Field(description=PATTERN_HINTS[NAME_PATTERN])]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Ids = Annotated[list[Id], Field(min_length=1)]

CONDITION_SCHEMA = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "description": "Exactly one of: `<name>: [values]` (the answer, fact or decision is one of these; false if "
                   "a question was not asked), `all: [conditions]`, `any: [conditions]`, `not: condition`.",
    "propertyNames": {"pattern": NAME_PATTERN},
    "additionalProperties": {"type": ["string", "boolean", "array", "object"]},
}
# Conditions are read by coach.conditions, which knows which names a condition may use where.
Condition = Annotated[dict[str, Any], WithJsonSchema(CONDITION_SCHEMA)]


class Node(BaseModel):
    """A mapping in guidance.yaml: strict types, no unknown keys, and its own data path."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False)
    _path: tuple = PrivateAttr(default=())

    @property
    def path(self) -> tuple:
        return self._path


class ByLanguage(Node):
    """One value per language; a one-language view (coach.rendering) shows only its own."""

    def in_(self, lang: str) -> Any:
        return getattr(self, lang)


class Text(ByLanguage):
    """A text in both languages. Markdown is allowed; raw HTML is not."""

    model_config = ConfigDict(title="text")
    en: NonEmpty = Field(description="English")
    de: NonEmpty = Field(description="German (Sie-form)")


class Params:
    """Marks a label that the site fills in: it must show exactly these {names} in every language."""

    def __init__(self, *names: str):
        self.names = frozenset(names)

    def __repr__(self) -> str:
        return f"Params({', '.join(sorted(self.names))})"


def Label(*names: str, description: str | None = None) -> Any:
    """A label filled in with these parameters, e.g. Label("done", "total") for "{done} of {total} done"."""
    return Annotated[Text, Params(*names), Field(description=description)]


class LabelSet(Node):
    """Labels the site's pages and scripts show. A missing one is named as a label, for whom it is."""

    used_by: ClassVar[str | None] = None  # e.g. "the site's templates"; None: reported as a missing key


def assign_paths(value: Any, path: tuple = ()) -> None:
    """Give every node of a validated model its data path (field aliases are the keys in the file)."""
    if isinstance(value, Node):
        value._path = path
        for name, field in type(value).model_fields.items():
            assign_paths(getattr(value, name), path + (field.alias or name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            assign_paths(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            assign_paths(item, path + (key,))


def walk_nodes(value: Any):
    """Every node in a model, depth first."""
    if isinstance(value, Node):
        yield value
        for name in type(value).model_fields:
            yield from walk_nodes(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from walk_nodes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk_nodes(item)


def unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    import types
    import typing

    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation
