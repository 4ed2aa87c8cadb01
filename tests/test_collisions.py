"""Ids that become addresses or anchors: too long, or the same as a page or anchor the site already has."""

from __future__ import annotations

from pathlib import Path

from coach.anchors import page_anchors
from guidance_cases import guidance_text, line_of, problems, replace_once


def test_a_phase_called_index_would_replace_the_guide_overview():
    # Renamed everywhere, so that every reference still holds and only the address collides.
    text = guidance_text().replace("before-you-leave", "index")
    line = line_of(text, "  - id: index")
    found = problems(text)
    assert any(problem.startswith(f"guidance.yaml:{line}:") for problem in found), found
    # The checklist group of the same name was renamed too: every id 'index' is pointed out.
    assert all("id 'index' makes the address guide/index/" in problem for problem in found), found
    assert "guide/index/" in found[0] and "choose another id" in found[0]


def test_a_template_called_index_would_replace_the_templates_overview():
    text = guidance_text().replace("closing-question", "index")
    found = problems(text)
    line = line_of(text, "    - id: index")
    assert found and all(problem.startswith(f"guidance.yaml:{line}:") for problem in found), found
    assert "templates/index/" in found[0]


def test_a_rule_id_equal_to_a_heading_anchor_of_the_plan_page_is_refused():
    plan_template = Path(__file__).parent.parent / "hooks" / "templates" / "wizard_plan.md.j2"
    anchors = set(page_anchors(plan_template.read_text(encoding="utf-8")))
    taken = sorted(anchor for anchor in anchors if "{" not in anchor)[0]
    text = replace_once(guidance_text(), "        - id: email-within-week\n", f"        - id: {taken}\n")
    line = line_of(text, f"        - id: {taken}")
    found = [problem for problem in problems(text) if problem.startswith(f"guidance.yaml:{line}:")]
    assert any(f"#{taken}" in problem for problem in found), problems(text)


def test_an_id_longer_than_an_address_should_be_is_refused_located():
    long_id = "-".join(["word"] * 60)
    text = replace_once(guidance_text(), "  - id: before-you-leave\n", f"  - id: {long_id}\n", after="\nphases:\n")
    line = line_of(text, long_id)
    found = problems(text)
    assert found and found[0].startswith(f"guidance.yaml:{line}:"), found
    assert "at most 64" in found[0]


def test_page_anchors_sees_explicit_html_and_heading_ids():
    markdown = ("---\ntitle: x\n---\n# Before you leave\n\n## Steps { #steps }\n\n"
                '<p id="raw">x</p>\n\n*text*{ #inline }\n')
    assert page_anchors(markdown) == ["raw", "before-you-leave", "steps", "inline"]


def test_page_anchors_reads_only_whole_id_attributes():
    """`id="..."` counts where it starts an attribute (or the text), not inside another name or page data."""
    markdown = ('id="first"\n<a grid="no" data-id="no" data-x="{&#34;id&#34;:1}" id="yes">\n'
                '<p\tid="tab">x</p><b aria-id="hyphen">')
    assert page_anchors(markdown) == ["first", "yes", "tab", "hyphen"]
