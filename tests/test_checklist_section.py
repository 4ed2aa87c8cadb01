"""The checklist in guidance.yaml: stable ids, located errors, and the markup every page shares."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import coach
from coach import checklist
from guidance_cases import GUIDANCE, at, edit, original, position, problems

GROUPS = ["before-you-leave", "same-day", "within-24-hours", "within-a-few-days", "decision-date", "after-decision-date",
          "if-rejected"]


def _all_item_ids(guidance) -> list[str]:
    return [item.id for item in guidance.checklist.all_items()]


def test_the_groups_and_items_are_there_in_time_order(guidance):
    assert [group.id for group in guidance.checklist.groups] == GROUPS
    ids = _all_item_ids(guidance)
    assert [item["id"] for group in guidance.view("en")["checklist"]["groups"] for item in group["items"]] == ids
    assert len(set(ids)) == len(ids) >= 11


def test_plans_show_only_the_items_meant_for_them(compiled):
    for plan in compiled.plans:
        shown = plan.collect("checklist")
        if plan.value("channel") == "email":
            assert "post-letters" not in shown
        if plan.value("channel") == "letter":
            assert "send-emails" not in shown
        if plan.value("phone_call") != "yes":
            assert "call-as-agreed" not in shown
    assert any("send-emails" in plan.collect("checklist") for plan in compiled.plans)
    assert any("post-letters" in plan.collect("checklist") for plan in compiled.plans)


# --- mistakes, located ----------------------------------------------------------------------------

def test_duplicate_item_id():
    text = edit(original(), "        - id: note-topics\n", "        - id: ask-next-steps\n")
    first = position(text, "ask-next-steps", after="checklist:\n")
    second = position(text, "ask-next-steps", after="- id: collect-names")
    found = at(problems(text), second)
    assert found == [f"{second}: duplicate checklist item id 'ask-next-steps' (already used on line "
                     f"{first.split(':')[1]})"]


def test_unknown_source():
    text = edit(original(), "          sources: [journalismjobs]\n", "          sources: [journalismjob]\n",
                after="- id: check-in-once")
    found = at(problems(text), position(text, "journalismjob]"))
    assert len(found) == 1 and "unknown source 'journalismjob'; did you mean 'journalismjobs'?" in found[0]


def test_relative_link_in_an_item():
    text = edit(original(), "de: Am sichersten übernehmen Sie sie von der Visitenkarte oder aus der Einladung.",
                "de: Am sichersten übernehmen Sie sie von der Visitenkarte ([Leitfaden](../guide/index.md)).")
    found = at(problems(text), position(text, "Am sichersten"))
    assert found == [f"{position(text, 'Am sichersten')}: checklist.groups[0].items[1].detail.de: link "
                     "'../guide/index.md' is relative; checklist items appear on several pages, so link with a "
                     "full https:// address"]


def test_progress_label_must_show_its_numbers():
    text = edit(original(), 'de: "{done} von {total} erledigt"', 'de: "{done} erledigt"')
    where = position(text, '"{done} erledigt"')
    assert at(problems(text), where) == [f"{where}: checklist.labels.progress.de: the German text must show {{total}}"]


def test_missing_label():
    text = edit(original(), "    reset_done:\n      en: All ticks removed.\n      de: Alle Haken wurden entfernt.\n", "")
    found = problems(text)
    assert found == [f"{position(text, 'labels:', after='checklist:')}: checklist.labels: missing required key 'reset_done'"]


# --- markup ---------------------------------------------------------------------------------------

class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def _checklist_page(tmp_path, text, lang="en") -> str:
    path = tmp_path / "guidance.yaml"
    path.write_text(text, encoding="utf-8")
    return checklist.render_pages(coach.load_guidance(path), lang)[0].content


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_checkbox_has_its_label_and_detail(tmp_path, lang):
    elements = _elements(_checklist_page(tmp_path, original(), lang))
    ids = {attrs["id"] for _, attrs in elements if "id" in attrs}
    boxes = [attrs for tag, attrs in elements if tag == "input"]
    assert [box["data-checklist-item"] for box in boxes] == _all_item_ids(coach.load_guidance(GUIDANCE))
    labels = {attrs["for"] for tag, attrs in elements if tag == "label"}
    for box in boxes:
        assert box["type"] == "checkbox" and box["id"] == "check-" + box["data-checklist-item"]
        assert box["id"] in labels
        if "aria-describedby" in box:
            assert box["aria-describedby"] in ids
    assert sum("aria-describedby" in box for box in boxes) == 1  # collect-names has a detail


def test_markdown_in_items_becomes_html_and_text_stays_text(tmp_path):
    text = edit(original(), "en: Note one topic you discussed with each interviewer.",
                "en: Note *one* topic & a `<b>` for each [interviewer](https://example.org/a?b=1&c=2).")
    page = _checklist_page(tmp_path, text)
    label = re.search(r'<label for="check-note-topics">(.*?)</label>', page).group(1)
    assert label == ('Note <em>one</em> topic &amp; a <code>&lt;b&gt;</code> for each '
                     '<a href="https://example.org/a?b=1&amp;c=2">interviewer</a>.')


def test_controls_are_hidden_until_the_script_runs(tmp_path):
    page = _checklist_page(tmp_path, original())
    controls = [attrs for tag, attrs in _elements(page) if "data-checklist-controls" in attrs]
    assert len(controls) == 1 and "hidden" in controls[0]
