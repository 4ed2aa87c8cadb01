"""Read guidance.yaml into plain Python data and remember where every value stands.

PyYAML forgets line numbers once it builds Python objects, and it silently keeps the
last of two duplicate keys. We compose the node tree ourselves from YAML's event stream so
that every value (and every mapping key) can be traced back to `guidance.yaml:LINE:COL`,
duplicate keys become errors instead of silent overwrites, and a hostile file cannot exhaust
the build: no aliases (an alias bomb expands exponentially), no explicit tags (they construct
arbitrary types), a bounded nesting depth and file size, and characters that would shift
every line number afterwards are refused where they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

# libyaml parses about ten times faster and keeps the same marks; the pure Python parser is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 4_000_000  # guidance.yaml is about 120 KB
MAX_DEPTH = 64  # the deepest nesting guidance.yaml needs is about 15 (wizard conditions)


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
    # Where each text value ends (line, col), for locating something inside a long text.
    ends: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list, repr=False)

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

    def where_inside(self, path: Path_, needles: list[str]) -> tuple[int, int]:
        """Position of the first of `needles` written inside the text at `path`; else the text's start.

        For a mistake deep inside a long (multi-line) text, so the author is sent to the line itself.
        """
        start = self.where(path)
        end = self.ends.get(tuple(path), start)
        best: tuple[int, int] | None = None
        for number in range(start[0], min(end[0], len(self.lines)) + 1):
            line = self.lines[number - 1]
            first = start[1] - 1 if number == start[0] else 0
            for needle in needles:
                at = line.find(needle, first) if needle else -1
                if at >= 0 and (best is None or (number, at + 1) < best):
                    best = (number, at + 1)
            if best:
                return best
        return start

    def problem_inside(self, path: Path_, needles: list[str], message: str) -> Problem:
        line, col = self.where_inside(path, needles)
        return Problem(line, col, message)


def _position(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def strings_with_paths(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string in nested dicts and lists, with its path of keys and indexes."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_with_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_with_paths(value, path + (index,))


def describe(path: Path_) -> str:
    """`phases[0].recommendations[2].because` for messages an author can follow."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


# --- reading the file --------------------------------------------------------------------------

def load(path: Path | str, *, display_name: str | None = None) -> Located:
    """Read and parse the file. Raises GuidanceError (never a traceback) on anything unreadable."""
    path = Path(path)
    filename = display_name or path.name
    return loads(_read_text(path, filename), filename)


def _fail(filename: str, line: int, col: int, message: str) -> GuidanceError:
    return GuidanceError(filename, [Problem(line, col, message)])


def _read_text(path: Path, filename: str) -> str:
    try:
        if path.is_dir():
            raise _fail(filename, 1, 1, f"{path} is a folder; expected the guidance file itself")
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)  # never more: a huge file must not exhaust memory
    except FileNotFoundError:
        raise _fail(filename, 1, 1, f"file not found: {path}") from None
    except PermissionError:
        raise _fail(filename, 1, 1, f"cannot read {path}: permission denied") from None
    except OSError as err:
        raise _fail(filename, 1, 1, f"cannot read {path}: {err.strerror or err}") from None
    if len(raw) > MAX_BYTES:
        line, col = _byte_position(raw, MAX_BYTES)
        raise _fail(filename, line, col, f"the file is larger than {MAX_BYTES // 1_000_000} MB, far more "
                                         "than any guidance needs; is it the right file?")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _byte_position(raw, err.start)
        raise _fail(filename, line, col, f"not UTF-8 text: byte 0x{raw[err.start]:02x} cannot be read here "
                                         "(save the file as UTF-8)") from None


_BREAK = re.compile(r"\r\n|\r|\n")


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of a byte offset; the bytes before it may end mid-character."""
    before = raw[:offset].decode("utf-8", errors="replace")
    breaks = list(_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before) - line_start + 1


# Characters YAML refuses, plus the ones it counts as line breaks while editors do not (they would
# shift every reported line number after them), and a byte-order mark anywhere but at the start.
_BAD_CHARACTER = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _character_problems(text: str) -> list[Problem]:
    problems = []
    line, line_start = 1, 0
    position = 0
    for match in _BAD_CHARACTER.finditer(text):
        for brk in _BREAK.finditer(text, position, match.start()):
            line, line_start = line + 1, brk.end()
        position = match.start()
        char = match.group(0)
        name = {"\x00": "a NUL character", "\ufeff": "a byte-order mark (U+FEFF)"}.get(char, f"the character U+{ord(char):04X}")
        problems.append(Problem(line, match.start() - line_start + 1,
                                f"{name} is not allowed in the file (invisible control or line-break characters "
                                "confuse editors and YAML); delete it"))
        if len(problems) >= 50:
            break
    return problems


# --- parsing -----------------------------------------------------------------------------------

class _Refused(Exception):
    """Composition cannot go on (nesting too deep); carries the one problem."""

    def __init__(self, problem: Problem):
        self.problem = problem


def _compose(loader, events: _Events, problems: list[Problem]) -> yaml.Node | None:
    """The document's node tree, built without recursion from the event stream.

    Aliases, anchors and explicit tags are reported (and replaced by empty values so that
    every one is reported at once); nesting deeper than MAX_DEPTH stops at once.
    """
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # DocumentStart
    stack: list[tuple[yaml.CollectionNode, list]] = []
    root: yaml.Node | None = None
    while root is None:
        event = events.get()
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, children = stack.pop()
            node.end_mark = event.end_mark
            node.value = list(zip(children[::2], children[1::2])) if isinstance(node, yaml.MappingNode) else children
        else:
            node = _node_start(loader, event, problems)
            if isinstance(node, yaml.CollectionNode):
                if len(stack) >= MAX_DEPTH:
                    line, col = _position(event)
                    raise _Refused(Problem(line, col, f"nested more than {MAX_DEPTH} levels deep; "
                                                      "guidance needs far fewer (is a bracket not closed?)"))
                stack.append((node, []))
                continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        line, col = _position(loader.peek_event())
        problems.append(Problem(line, col, "a second YAML document starts here ('---'); "
                                           "guidance.yaml holds exactly one"))
    return root


def _node_start(loader, event: yaml.Event, problems: list[Problem]) -> yaml.Node:
    line, col = _position(event)
    if isinstance(event, yaml.AliasEvent):
        problems.append(Problem(line, col, f"aliases (*{event.anchor}) are not supported; write the value out"))
        return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
    if event.anchor is not None:
        problems.append(Problem(line, col, f"anchors (&{event.anchor}) are not supported; write each value out"))
    if event.tag is not None and event.tag != "!":
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(line, col, f"explicit YAML tags ({tag}) are not supported; "
                                           "write plain values (quote a text that must stay text)"))
    if isinstance(event, yaml.ScalarEvent):
        tag = loader.resolve(yaml.ScalarNode, event.value, (event.implicit[0], event.implicit[1]))
        if event.tag is not None:
            tag = "tag:yaml.org,2002:str"  # refused above; keep the text as it is
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    if isinstance(event, yaml.SequenceStartEvent):
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [], event.start_mark, None, flow_style=event.flow_style)
    return yaml.MappingNode("tag:yaml.org,2002:map", [], event.start_mark, None, flow_style=event.flow_style)


def _syntax_problem(err: yaml.MarkedYAMLError, last_scalar: yaml.ScalarEvent | None) -> Problem:
    if last_scalar is not None and last_scalar.style in ("'", '"') and \
            last_scalar.end_mark.line > last_scalar.start_mark.line:
        # A quoted text spanning lines right before a syntax error: almost always a missing closing quote.
        line, col = _position(last_scalar)
        return Problem(line, col, f"this quoted text runs on to line {last_scalar.end_mark.line + 1}, where "
                                  f"YAML then fails; is its closing {last_scalar.style} missing?")
    what = " ".join(part for part in (err.context, err.problem) if part)
    # An unclosed quote is found only at the end of the file: report where the text opens.
    if err.context == "while scanning a quoted scalar" and err.context_mark:
        line, col = err.context_mark.line + 1, err.context_mark.column + 1
        return Problem(line, col, f"YAML syntax error: the quoted text that opens here is not closed ({err.problem})")
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(line, col, f"YAML syntax error: {what}")


class _Events:
    """The loader's events, remembering the last scalar (for locating a runaway quoted text)."""

    def __init__(self, loader):
        self.loader = loader
        self.last_scalar: yaml.ScalarEvent | None = None

    def get(self) -> yaml.Event:
        event = self.loader.get_event()
        if isinstance(event, yaml.NodeEvent):
            self.last_scalar = event if isinstance(event, yaml.ScalarEvent) else None
        return event


def _parse(text: str, filename: str) -> tuple[yaml.Node | None, list[Problem]]:
    text = text.removeprefix("\ufeff")  # a byte-order mark at the start is harmless (and invisible)
    problems = _character_problems(text)
    if problems:
        raise GuidanceError(filename, problems)
    loader = _Loader(text)
    events = _Events(loader)
    try:
        root = _compose(loader, events, problems)
    except _Refused as refused:
        raise GuidanceError(filename, [refused.problem]) from None
    except yaml.MarkedYAMLError as err:
        problem = _syntax_problem(err, events.last_scalar)
        lines = _BREAK.split(text)
        if problem.line <= len(lines) and lines[problem.line - 1][problem.col - 1:problem.col] == "\t":
            problem = Problem(problem.line, problem.col, problem.message + " (a tab: YAML indents with spaces only)")
        raise GuidanceError(filename, [problem]) from None
    except yaml.YAMLError as err:
        raise GuidanceError(filename, [Problem(1, 1, f"YAML error: {err}")]) from None
    finally:
        loader.dispose()
    return root, problems


# --- building Python data ----------------------------------------------------------------------

_TYPED = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null")}
_KEY_LINE = re.compile(r"\s*[A-Za-z_][\w-]*:(\s|$)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class _Builder:
    def __init__(self, located: Located, problems: list[Problem]):
        self.located = located
        self.problems = problems
        # Only plain scalars are typed (ints, bools, dates); quoted ones stay strings.
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.located.values[path] = _position(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
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

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        self.located.ends[path] = (node.end_mark.line + 1, node.end_mark.column + 1)
        if node.style in ("'", '"'):
            self.check_quoted(node, path)
            return node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text; the schema decides what a valid date looks like.
            return node.value
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
            # YAML 1.1 reads a bare yes/no/on/off as true/false; the wizard has options called yes and no.
            # Only true and false are booleans here, as in YAML 1.2.
            return node.value
        if node.tag not in _TYPED:
            return node.value  # text, and tags with no plain meaning here (`<<`, `=`)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            line, col = _position(node)
            self.problems.append(Problem(line, col, f"{describe(path)}: {node.value[:40]!r} cannot be read as a "
                                                    "number; quote it if it is meant as text"))
            return node.value

    def check_quoted(self, node: yaml.ScalarNode, path: Path_) -> None:
        line, col = _position(node)
        control = _CONTROL.search(node.value)
        if control:
            self.problems.append(Problem(line, col, f"{describe(path)}: the escape for U+{ord(control.group(0)):04X} "
                                                    "(a control character) is not allowed in a text"))
        # A quoted text whose later lines look like `key: value`, indented no deeper than the line it
        # starts on, swallowed the entries after it (a text's own continuation lines are indented deeper).
        first = self.located.lines[line - 1]
        indent = len(first) - len(first.lstrip(" -"))
        later = self.located.lines[line:node.end_mark.line + 1]
        if any(_KEY_LINE.match(text) and len(text) - len(text.lstrip(" -")) <= indent for text in later):
            self.problems.append(Problem(line, col, f"this quoted text runs on to line {node.end_mark.line + 1} and "
                                                    "takes in lines that look like further entries; is its closing "
                                                    f"{node.style} missing?"))


def loads(text: str, filename: str = "guidance.yaml") -> Located:
    root, problems = _parse(text, filename)
    if root is None:
        raise GuidanceError(filename, [Problem(1, 1, "the file is empty; expected the guidance mapping "
                                                     "(site, strings, sources, phases, ...)")])
    if not isinstance(root, yaml.MappingNode):
        line, col = _position(root)
        kind = "list" if isinstance(root, yaml.SequenceNode) else "single value"
        raise GuidanceError(filename, problems + [Problem(line, col, "the file must be a mapping of sections "
                                                                     f"(site:, strings:, sources:, ...), not a {kind}")])
    located = Located(data=None, filename=filename, lines=_BREAK.split(text))
    located.data = _Builder(located, problems).build(root, ())
    if problems:
        raise GuidanceError(filename, problems)
    return located
