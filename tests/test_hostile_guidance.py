"""A hostile and careless corpus: every broken guidance.yaml is refused at guidance.yaml:LINE:COL
within three lines of the mistake, with no traceback, and without exhausting the builder.

Each case breaks the shipped file in one place and names the line of the mistake. Cases are
generated per class (YAML that exhausts a parser, characters and bytes, quotes, script in author
text, foreign content), so a new payload is one more line here.
"""

from __future__ import annotations

import json
import re

import pytest

from coach.source import MAX_BYTES, MAX_DEPTH, GuidanceError, load
from guidance_cases import original, problems

LOCATED = re.compile(r"^guidance\.yaml:(\d+):(\d+): \S")
# Lines of the shipped file that hold one text each, far apart (start, middle, end of the file).
TARGETS = ["    de: Leitfaden\n", "    year: 2017\n"]


def _middle_text_line(text: str) -> str:
    """A `because:` line in the middle of the file (a bilingual text's English line follows it)."""
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    # At the indentation raw_line writes, so that only the payload is wrong; unique, so it can be found again.
    return next(line for line in lines[middle:]
                if line.startswith("    en: ") and len(line) > 40 and text.count(line) == 1)


def inject(text: str, target: str, replacement: str) -> tuple[str, int]:
    """Replace the line `target` (unique) by `replacement`; return the text and that line's number."""
    assert text.count(target) == 1, target
    at = text.index(target)
    return text[:at] + replacement + text[at + len(target):], text.count("\n", 0, at) + 1


def text_value(payload: str, where: str = "start") -> tuple[str, int]:
    """The shipped file with one text replaced by `payload` (a JSON string is valid YAML)."""
    text = original()
    target = TARGETS[0] if where == "start" else _middle_text_line(text)
    indent = target[:len(target) - len(target.lstrip())]
    key = target.strip().split(":")[0]
    return inject(text, target, f"{indent}{key}: {json.dumps(payload)}\n")


def raw_line(line: str, where: str = "start") -> tuple[str, int]:
    """The shipped file with one line replaced by `line` exactly as written."""
    text = original()
    target = TARGETS[0] if where == "start" else _middle_text_line(text)
    return inject(text, target, line)


def assert_located(found: list[str], mistake_line: int) -> None:
    assert found, "the broken file was accepted"
    lines = []
    for problem in found:
        match = LOCATED.match(problem)
        assert match, f"not located: {problem!r}"
        lines.append(int(match.group(1)))
    nearest = min(lines, key=lambda line: abs(line - mistake_line))
    assert abs(nearest - mistake_line) <= 3, f"mistake on line {mistake_line}, reported at {lines}: {found}"
    assert not any("Traceback" in problem for problem in found)


# --- YAML that would exhaust the builder or construct arbitrary objects -------------------------------

def alias_bomb():
    laughs = ['lol0: &l0 "lol"'] + [f"lol{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    text = original()
    return text + "\n".join(laughs) + "\n", text.count("\n") + 1


def self_alias():
    return raw_line("    de: &me [*me]\n", "middle")


def merge_alias():
    return raw_line("    de: {<<: *nowhere}\n")


def deep_brackets():
    return raw_line("    de: " + "[" * 10_000 + "]" * 10_000 + "\n", "middle")


def deep_braces():
    return raw_line("    de: " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\n")


def deep_blocks():
    """Block nesting has one level a line: the mistake is the first line deeper than the limit."""
    text = original()
    nested = "".join(" " * (2 + 2 * depth) + f"k{depth}:\n" for depth in range(200))
    return text + "deep:\n" + nested, text.count("\n") + 1 + MAX_DEPTH


TAGS = ["!!python/name:os.system", "!!python/object/apply:os.system ['true']", "!mytag x", "!!int 'x'",
        "!!float 2012", "!!binary aGk=", "!!set {a}", "!!omap [a: 1]", "!!timestamp 2012-01-01", "!!str x",
        "!<tag:yaml.org,2002:python/none> ''", "!!python/object:builtins.dict {}"]

EXHAUSTING = {"alias bomb": alias_bomb, "self-referencing alias": self_alias, "merge of an alias": merge_alias,
              "10,000 brackets": deep_brackets, "10,000 braces": deep_braces, "200 nested blocks": deep_blocks}
EXHAUSTING.update({f"tag {tag}": (lambda tag=tag: raw_line(f"    de: {tag}\n", "middle")) for tag in TAGS})
EXHAUSTING["tag on a year"] = lambda: raw_line("    year: !!float 2017\n")
EXHAUSTING["second document"] = lambda: raw_line("---\n", "middle")


# --- characters, bytes, quotes and layout ----------------------------------------------------------------

CHARACTERS = {
    "NUL": "\x00", "bell": "\x07", "escape": "\x1b", "DEL": "\x7f", "C1 control": "\x9b", "NEL line break": "\x85",
    "line separator": "\u2028", "paragraph separator": "\u2029", "byte-order mark inside": "\ufeff",
    "noncharacter": "\uffff", "lone CR inside a text": "\r",
}
ESCAPES = {"escaped NUL": "\\0", "escaped bell": "\\a", "escaped ESC": "\\e", "escaped C1": "\\x9b",
           "escaped line separator": "\\L", "escaped \\u0000": "\\u0000"}


def character_case(char):
    return lambda: raw_line(f"    en: Before the mistake{char}and after it\n", "middle")


def escape_case(escape):
    return lambda: raw_line(f'    en: "Before the mistake{escape}and after it"\n', "middle")


def quote_cases():
    text = original()
    target = _middle_text_line(text)
    indent = target[:len(target) - len(target.lstrip())]
    body = target.strip().split(": ", 1)[1]
    return {
        "unclosed double quote": lambda: inject(text, target, f'{indent}en: "{body}\n'),
        "unclosed single quote": lambda: inject(text, target, f"{indent}en: '{body}\n"),
        "unclosed quote at the end": lambda: (text + 'last: "never closed\n', text.count("\n") + 1),
        "unclosed bracket": lambda: inject(text, target, f"{indent}en: [{body}\n"),
        "tab indentation": lambda: inject(text, target, f"\t{target.lstrip()}"),
        "stray colon": lambda: inject(text, target, f"{indent}en: {body}: more\n"),
    }


def layout_cases():
    def crlf():
        broken, line = raw_line("    en: Guide\n    becuase: typo\n")
        return broken.replace("\n", "\r\n"), line + 1

    def cr_only():
        broken, line = raw_line("    en: Guide\n    becuase: typo\n")
        return broken.replace("\n", "\r"), line + 1

    def bom():
        broken, line = raw_line("    en: Guide\n    becuase: typo\n", "middle")
        return "\ufeff" + broken, line + 1

    def long_line():
        return text_value("x" * 200_000 + " *text*{ onclick=alert(1) }", "middle")

    def long_block_text():
        lines = "".join(f"      Line {n} of a long text.\n" for n in range(40))
        broken, line = raw_line("    en: |\n" + lines + "      *x*{ onclick=alert(1) }\n" + lines, "middle")
        return broken, line + 41

    return {"CRLF line ends": crlf, "CR line ends": cr_only, "byte-order mark": bom,
            "a 200,000-character line": long_line, "a payload deep in a block text": long_block_text}


# --- script and foreign content from author text ---------------------------------------------------------

ATTR_LISTS = ['[link](https://example.org/){ onmouseover="alert(1)" }', "*text*{ onclick=alert(1) }",
              '*x*{ style="position:fixed;inset:0;background:red" }', "**x**{: onfocus=alert(1) autofocus }",
              "`code`{ onclick=alert(1) }", "Heading text {: onclick=alert(1) }", "x\n{: onclick=alert(1) }",
              "[a](https://example.org/){ #main-content }", "[a](https://example.org/){ .md-button hidden }",
              "*x*{ data-md-component=search }", "[a](https://example.org/){ target=_blank }"]
SCHEMES = ["[a](javascript&#58;alert(1))", "[a](javascript&colon;alert(1))", "[a](&#106;avascript:alert(1))",
           "[a](&#x6A;avascript:alert(1))", "[a](&#0000106;avascript:alert(1))", "[a](java&Tab;script:alert(1))",
           "[a](jav&#x09;ascript:alert(1))", "[a](java&NewLine;script:alert(1))", "[a](&#32;javascript:alert(1))",
           "[a](JaVaScRiPt&#58;alert(1))", "[a](vbscript&#58;x)", "[a](data&#58;text/html,x)",
           "[a][r]\n\n[r]: javascript&#58;alert(1)", "[a](//evil.example/)", "[a](/\\evil.example/)",
           "[a](javascript:alert(1))", "[a](<javascript:alert(1)>)", "<javascript:alert(1)>"]
IMAGES = ["![x](https://tracker.example/p.png)", "![x](//host/x.png)", "![x](http://tracker.example/p.png)",
          "![x][r]\n\n[r]: https://tracker.example/p.png", "![x](data:image/svg+xml,<svg onload=alert(1)>)",
          "![x](https&#58;//tracker.example/p.png)", "![x](/\\tracker.example/p.png)"]
RAW_HTML = ["<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<script>alert(1)</script>",
            "<!-- hidden -->", "<style>*{display:none}</style>", "<a href='javascript:x'>a</a>", "<iframe src=//x>"]

AUTHOR_TEXT = {f"attr_list {p!r}": p for p in ATTR_LISTS}
AUTHOR_TEXT.update({f"scheme {p!r}": p for p in SCHEMES})
AUTHOR_TEXT.update({f"image {p!r}": p for p in IMAGES})
AUTHOR_TEXT.update({f"raw HTML {p!r}": p for p in RAW_HTML})


CASES = dict(EXHAUSTING)
CASES.update({f"character {name}": character_case(char) for name, char in CHARACTERS.items()})
CASES.update({name: escape_case(escape) for name, escape in ESCAPES.items()})
CASES.update(quote_cases())
CASES.update(layout_cases())
CASES.update({name: (lambda payload=payload: text_value(payload, "middle")) for name, payload in AUTHOR_TEXT.items()})


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_text_is_refused_where_the_mistake_is(name):
    broken, mistake_line = CASES[name]()
    assert_located(problems(broken), mistake_line)


@pytest.mark.parametrize("payload", list(AUTHOR_TEXT.values())[:6])
def test_author_text_payloads_are_refused_in_every_section(payload):
    """Not only in one text: at the start, in the middle (guide) and at the end (templates) of the file."""
    text = original()
    lines = text.splitlines(keepends=True)
    targets = [TARGETS[0], _middle_text_line(text),
               next(line for line in reversed(lines) if line.strip().startswith("en: ") and len(line) > 30)]
    for target in targets:
        indent = target[:len(target) - len(target.lstrip())]
        broken, line = inject(text, target, f"{indent}en: {json.dumps(payload)}\n")
        assert_located(problems(broken), line)


@pytest.mark.parametrize("payload", [AUTHOR_TEXT[next(iter(AUTHOR_TEXT))], SCHEMES[0], IMAGES[0]])
def test_the_same_payload_in_several_texts_is_refused_at_each(payload):
    """The check looks at each distinct text once; every place that text stands is still reported."""
    text = original()
    lines = text.splitlines(keepends=True)
    targets = [TARGETS[0], _middle_text_line(text),
               next(line for line in reversed(lines) if line.strip().startswith("en: ") and len(line) > 30)]
    places = []
    for target in targets:
        indent = target[:len(target) - len(target.lstrip())]
        key = target.strip().split(":")[0]
        text, line = inject(text, target, f"{indent}{key}: {json.dumps(payload)}\n")
        places.append(line)
    reported = [int(LOCATED.match(problem).group(1)) for problem in problems(text)]
    for line in places:
        assert any(abs(found - line) <= 3 for found in reported), f"line {line} not reported: {reported}"
    assert len(reported) >= len(places)


# --- the file itself ------------------------------------------------------------------------------------

def load_problems(path) -> list[str]:
    try:
        load(path)
    except GuidanceError as error:
        return error.report().splitlines()
    return []


@pytest.mark.parametrize(("name", "raw", "line"), [
    ("invalid byte", b"site:\n  name:\n    en: caf\xe9\n", 3),
    ("cut multi-byte character", b"site:\n  name:\n    en: x\n    de: \xe2\x82\n", 4),
    ("overlong encoding", b"a: 1\nb: 2\nc: 3\nd: \xc0\xaf\n", 4),
    ("encoded surrogate", b"a: 1\nb: \xed\xa0\x80\n", 2),
    ("UTF-16 file", "site: x\n".encode("utf-16"), 1),
    ("Latin-1 after CRLF lines", b"a: 1\r\nb: 2\r\nc: \xfc\r\n", 3),
])
def test_undecodable_bytes_are_located(tmp_path, name, raw, line):
    path = tmp_path / "guidance.yaml"
    path.write_bytes(raw)
    assert_located(load_problems(path), line)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "guidance.yaml"
    line = "    en: " + "x" * 90 + "\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("site:\n  name:\n")
        stream.writelines([line] * (MAX_BYTES // len(line) * 3))
    found = load_problems(path)
    limit_line = 2 + MAX_BYTES // len(line) + 1
    assert_located(found, limit_line)
    assert "larger than" in found[0]


@pytest.mark.parametrize("kind", ["folder", "missing", "empty", "only comments", "a list", "a single value"])
def test_the_wrong_kind_of_file_gets_one_clean_message(tmp_path, kind):
    path = tmp_path / "guidance.yaml"
    content = {"empty": "", "only comments": "# nothing yet\n", "a list": "- site\n", "a single value": "site\n"}
    if kind == "folder":
        path.mkdir()
    elif kind in content:
        path.write_text(content[kind], encoding="utf-8")
    found = load_problems(path)
    assert len(found) == 1
    assert_located(found, 1)
    assert {"folder": "is a folder", "missing": "not found", "empty": "empty", "only comments": "empty",
            "a list": "not a list", "a single value": "not a single value"}[kind] in found[0]


@pytest.mark.parametrize("name", ["alias bomb", "10,000 brackets", "200 nested blocks", "tag !!float 2012",
                                  "unclosed double quote", "unclosed quote at the end", "tab indentation",
                                  "CRLF line ends", "escaped NUL", "second document"])
def test_without_libyaml_the_same_mistakes_are_located_the_same(monkeypatch, name):
    """PyYAML without its C parser (a source install) falls back to the pure Python one."""
    import yaml

    from coach import source
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    broken, mistake_line = CASES[name]()
    assert_located(problems(broken), mistake_line)
