"""The site's own CSS and JavaScript, minified for the browser (rcssmin and rjsmin), and the part of
Material's palette stylesheet the site uses.

Both minifiers only drop comments and whitespace (rjsmin keeps every token, regular expressions and
string contents as written), so the minified code behaves as the source does.
"""

from __future__ import annotations

import re

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# Material's palette.css colours the header for each named primary and accent colour; this site sets
# `custom` for both and defines its colours in coach.css, so only the dark (slate) scheme is used.
NAMED_COLOUR_RULE = re.compile(r"\[data-md-color-(?:primary|accent)=")


def minifiable(path: str) -> bool:
    return any(path.endswith(suffix) for suffix in MINIFIERS) and not path.endswith((".min.js", ".min.css"))


def minified(path: str, text: str) -> str:
    """`text`, the content of the file at `path`, minified by its type."""
    for suffix, minify in MINIFIERS.items():
        if path.endswith(suffix):
            return minify(text).strip() + "\n"
    raise ValueError(f"not CSS or JavaScript: {path}")


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of minified CSS; a body may hold nested rules (@media)."""
    blocks, depth, start, prelude_end, quote = [], 0, 0, 0, ""
    for index, char in enumerate(css):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude_end = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:prelude_end].strip(), css[prelude_end + 1:index]))
                start = index + 1
            elif depth < 0:
                raise ValueError("unbalanced braces in CSS")
    if depth or css[start:].strip():
        raise ValueError("CSS ends inside a rule")
    return blocks


def scheme_rules(palette_css: str) -> str:
    """Material's palette stylesheet without the rules for named primary and accent colours: the
    dark scheme's variables and the scheme switch's rules stay, in their order, on one line."""
    return re.sub(r"\s*\n\s*", " ", _kept_rules(palette_css))


def _kept_rules(palette_css: str) -> str:
    kept = []
    for prelude, body in _blocks(palette_css):
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            inner = _kept_rules(body)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif not NAMED_COLOUR_RULE.search(prelude):
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)
