"""The site's own scripts and stylesheets as the browser gets them: one file of each kind per set of
page features, minified, and the part of Material's palette stylesheet the site uses.

Every page loads coach.css (mkdocs.yml). A page that names features in its front matter
(`coach_features: [checklist, templates]`) also loads one script and one stylesheet that join those
features' files, the script led by coach-common.js, which every feature builds on: one request each
instead of one per file, gzip compresses a joined file better than its parts, and a page without
features loads no script of this site. The joined files are named after the features, e.g.
assets/javascripts/features/checklist+templates.js.

Minifying is tdewolff/minify's (it also shortens local names in scripts), in a child process
(hooks/coach/minifier.py); docs/assets keeps the readable source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import minifier

# Each feature's scripts and stylesheets (names under assets/javascripts and assets/stylesheets).
FEATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "guide": ((), ("guide",)),  # recommendation cards, labels, figures, sources, the decision table
    "checklist": (("checklist",), ("checklist",)),
    # The checklist page's progress, reset and print, built on the ticks (checklist.js).
    "checklist-controls": (("checklist", "checklist-controls"), ("checklist-controls",)),
    "templates": (("entries", "template-text", "templates"), ("templates",)),
    "wizard-question": (("wizard-common", "wizard-flow"), ("wizard-question",)),
    "wizard-plan": (("entries", "wizard-common", "wizard"), ("wizard-plan",)),
    "wizard-doors": ((), ("wizard-doors",)),
    "print-layout": ((), ("print-layout",)),  # a template kind printed as a letter (DIN 5008, block letter)
}
# What every feature's script builds on: the first part of each joined script.
SHARED_SCRIPT = "coach-common"
# The order files are joined in: a script after those it builds on, stylesheets in cascade order.
SCRIPT_ORDER = (SHARED_SCRIPT, "entries", "template-text", "templates", "wizard-common", "wizard-flow", "wizard",
                "checklist", "checklist-controls")
STYLESHEET_ORDER = ("guide", "wizard-question", "wizard-plan", "wizard-doors", "templates", "print-layout", "checklist",
                    "checklist-controls")
SCRIPTS, STYLESHEETS = "assets/javascripts/", "assets/stylesheets/"

OWN_SUFFIXES = (".css", ".js")  # the kinds of file this site minifies and joins
# Material's palette.css colours the header for each named primary and accent colour; this site sets
# `custom` for both and defines its colours in coach.css, so only the dark (slate) scheme is used.
NAMED_COLOUR_RULE = re.compile(r"\[data-md-color-(?:primary|accent)=")


class AssetError(ValueError):
    """A page names an unknown feature, or a script or stylesheet cannot be minified."""


def _checked(features: Iterable[str]) -> list[str]:
    names = sorted(set(features))
    unknown = [name for name in names if name not in FEATURES]
    if unknown:
        raise AssetError(f"unknown page feature(s) {', '.join(unknown)}; known: {', '.join(FEATURES)}")
    return names


def _joined(features: Iterable[str], kind: int, order: tuple[str, ...], folder: str,
            suffix: str) -> tuple[str, list[str]] | None:
    names = [name for name in _checked(features) if FEATURES[name][kind]]  # the name says what is in the file
    wanted = {file for name in names for file in FEATURES[name][kind]}
    if not wanted:
        return None
    if kind == 0:
        wanted.add(SHARED_SCRIPT)
    files = [f"{folder}{file}{suffix}" for file in order if file in wanted]
    return f"{folder}features/{'+'.join(names)}{suffix}", files


def script_bundle(features: Iterable[str]) -> tuple[str, list[str]] | None:
    """(path of the joined script, the files it joins, in order), or None for features without scripts."""
    return _joined(features, 0, SCRIPT_ORDER, SCRIPTS, ".js")


def stylesheet_bundle(features: Iterable[str]) -> tuple[str, list[str]] | None:
    """(path of the joined stylesheet, the files it joins, in order), or None for features without any."""
    return _joined(features, 1, STYLESHEET_ORDER, STYLESHEETS, ".css")


def feature_files() -> set[str]:
    """Every file some feature joins: published only inside the joined files."""
    return ({f"{SCRIPTS}{name}.js" for scripts, _ in FEATURES.values() for name in (SHARED_SCRIPT, *scripts)}
            | {f"{STYLESHEETS}{name}.css" for _, sheets in FEATURES.values() for name in sheets})


def minifiable(path: str) -> bool:
    return path.endswith(OWN_SUFFIXES) and not path.endswith((".min.js", ".min.css"))


def minified_all(files: dict[str, str]) -> dict[str, str]:
    """Each file's text (path -> text) minified by its type; every file that does not parse is named."""
    unknown = [path for path in files if not path.endswith(OWN_SUFFIXES)]
    if unknown:
        raise AssetError(f"not CSS or JavaScript: {', '.join(unknown)}")
    try:
        return minifier.minified_all(files)
    except minifier.MinifyError as error:
        raise AssetError(str(error)) from None


def minified(path: str, text: str) -> str:
    """`text`, the content of the file at `path`, minified by its type."""
    return minified_all({path: text})[path]


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
