"""The wizard's transition table, for the script that shows the next question without loading a page.

Every question page carries it: for each question state (keyed by its page's address), the question's
texts and, for each answer, the address it leads to (another state, or a plan page). The browser only
looks up where an answer leads; the rules were evaluated here, once (wizard_compile). The pre-rendered
pages stay: the script shows the same question the page at that address shows, so links, sharing,
Back and visitors without JavaScript see the same thing.
"""

from __future__ import annotations

import html
import re
from typing import Any

from .markup import inline_markdown
from .rendering import page_url
from .wizard_compile import Compiled, State


def _html(text: Any) -> str:
    """Author text as inline HTML, sanitised as on the page (markup.inline_markdown)."""
    return str(inline_markdown(text)) if text else ""


def _plain(text: Any) -> str:
    """The text without markup, for the window title."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", _html(text))).split())


def _question(question, lang: str) -> dict:
    node = question.node
    return {
        "door": question.door,  # answered on the home page, not counted in progress
        "heading": _html(node.question.in_(lang)),
        "title": _plain(node.question.in_(lang)),
        "hint": _html(node.hint.in_(lang)) if node.hint else "",
        "options": {option.id: {"label": _html(option.node.label.in_(lang)), "unsure": option.unsure,
                                "hint": _html(option.node.hint.in_(lang)) if option.node.hint else ""}
                    for option in question.options},
    }


def _state(compiled: Compiled, state: State) -> dict:
    return {
        "question": state.question.id,
        "index": state.question.index,
        "remaining": state.remaining,
        "position": state.position,  # None where ways here differ in length
        "back": page_url(state.back.page) if state.back else "",  # "" is the home page, with the doors
        "prefixes": [[[q, o, compiled.wizard.question(q).index] for q, o in prefix.items()]
                     for prefix in state.prefixes],
        # In the order the page lists them; plans end the questions (a page load, not a swap).
        "answers": [[option.id, page_url(target.page), not isinstance(target, State)] for option, target in state.choices],
    }


_tables: dict[tuple[int, str], tuple[Compiled, dict]] = {}


def flow_table(compiled: Compiled, lang: str) -> dict:
    """{"questions": texts of each question, "states": {address of a question page: its question and, per
    answer, [option, address it leads to, whether that is a plan]}}, addresses relative to the language's root. Built once per compiled wizard and language; every question page shares it."""
    cached = _tables.get((id(compiled), lang))
    if cached and cached[0] is compiled:
        return cached[1]
    table = {"questions": {question.id: _question(question, lang) for question in compiled.wizard.questions},
             "states": {page_url(state.page): _state(compiled, state) for state in compiled.states if not state.door}}
    for key in [key for key, (other, _) in _tables.items() if other is not compiled]:
        del _tables[key]  # one wizard at a time (mkdocs serve rebuilds it on every save)
    _tables[(id(compiled), lang)] = (compiled, table)
    return table
