"""Read guidance.yaml into plain Python data and remember where every value stands.

PyYAML forgets line numbers once it builds Python objects, and it silently keeps the
last of two duplicate keys. We compose the node tree ourselves so that every value
(and every mapping key) can be traced back to `guidance.yaml:LINE:COL`, and so that
duplicate keys become errors instead of silent overwrites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One authoring mistake, located in the source file (1-based line and column)."""

    line: int
    col: int
    message: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.col}: {self.message}"


class GuidanceError(Exception):
    """Raised with every problem found, so an author can fix them all in one go."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(p.format(self.filename) for p in self.problems)


@dataclass
class Located:
    """Parsed data plus the position of each value and each mapping key, by path."""

    data: Any
    filename: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), falling back to the nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(line, col, message)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def describe(path: Path_) -> str:
    """`phases[0].recommendations[2].because` for messages an author can follow."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


class _Builder:
    def __init__(self, located: Located, problems: list[Problem]):
        self.located = located
        self.problems = problems
        # Only plain scalars are typed (ints, bools, dates); quoted ones stay strings.
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.located.values[path] = _position(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = _position(key_node)
                    self.problems.append(Problem(line, col, f"{describe(path)}: keys must be plain names"))
                    continue
                key = key_node.value
                child = path + (key,)
                if key in result:
                    first_line, _ = self.located.keys[child]
                    line, col = _position(key_node)
                    self.problems.append(
                        Problem(line, col, f"duplicate key '{key}' in {describe(path)} "
                                           f"(first given on line {first_line}); YAML would keep only the last one")
                    )
                    continue
                self.located.keys[child] = _position(key_node)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text; the schema decides what a valid date looks like.
            return node.value
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
            # YAML 1.1 reads a bare yes/no/on/off as true/false; the wizard has options called yes and no.
            # Only true and false are booleans here, as in YAML 1.2.
            return node.value
        return self.constructor.construct_object(node, deep=True)


def load(path: Path | str, *, display_name: str | None = None) -> Located:
    """Parse the file. Raises GuidanceError (never a YAML traceback) on syntax errors."""
    path = Path(path)
    filename = display_name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GuidanceError(filename, [Problem(1, 1, f"file not found: {path}")]) from None
    except UnicodeDecodeError as err:
        raise GuidanceError(filename, [Problem(1, 1, f"not UTF-8 text ({err.reason})")]) from None
    return loads(text, filename)


def loads(text: str, filename: str = "guidance.yaml") -> Located:
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml: ~10x faster, same nodes and marks
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (err.context, err.problem) if part)
        raise GuidanceError(filename, [Problem(line, col, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as err:
        raise GuidanceError(filename, [Problem(1, 1, f"YAML error: {err}")]) from None

    if root is None:
        raise GuidanceError(filename, [Problem(1, 1, "the file is empty; expected the guidance mapping "
                                                     "(site, strings, sources, phases, ...)")])
    if not isinstance(root, yaml.MappingNode):
        line, col = _position(root)
        raise GuidanceError(filename, [Problem(line, col, "the file must be a mapping of sections "
                                                          "(site:, strings:, sources:, ...), not a "
                                                          f"{'list' if isinstance(root, yaml.SequenceNode) else 'single value'}")])
    located = Located(data=None, filename=filename)
    problems: list[Problem] = []
    located.data = _Builder(located, problems).build(root, ())
    if problems:
        raise GuidanceError(filename, problems)
    return located
