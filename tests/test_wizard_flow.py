"""The transition table question pages carry for the one-frame wizard (hooks/coach/wizard_flow.py)."""

from __future__ import annotations

import json

from coach import wizard_flow
from coach.rendering import page_url
from coach.wizard_compile import State
from html_pages import Site


def test_every_answer_leads_where_the_compiled_wizard_says(compiled):
    table = wizard_flow.flow_table(compiled, "en")
    asked = [state for state in compiled.states if not state.door]
    assert set(table["states"]) == {page_url(state.page) for state in asked}
    for state in asked:
        entry = table["states"][page_url(state.page)]
        assert entry["question"] == state.question.id and entry["remaining"] == state.remaining
        assert entry["answers"] == [[option.id, page_url(target.page), not isinstance(target, State)]
                                    for option, target in state.choices]
        # Every address an answer leads to is a question page in the table or a plan page.
        for _, address, is_plan in entry["answers"]:
            assert (address.startswith("wizard/plan/") if is_plan else address in table["states"])


def test_texts_are_in_the_language_asked_for(compiled):
    question = next(state for state in compiled.states if not state.door).question
    for lang in ("en", "de"):
        texts = wizard_flow.flow_table(compiled, lang)["questions"][question.id]
        assert texts["title"] == " ".join(question.node.question.in_(lang).split())
        assert set(texts["options"]) == {option.id for option in question.options}


def test_question_pages_carry_the_table_and_their_own_address(built_site):
    # Read as a browser reads it: the built pages are minified, which may quote the attribute either way.
    data = json.loads(Site(built_site).page("wizard/").find(attr="data-wizard").attrs["data-wizard"])
    assert data["state"] == "wizard/" and data["root"] == "../"
    assert data["state"] in data["flow"]["states"]
