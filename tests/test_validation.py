"""guidance.yaml mistakes: each is reported once, located as guidance.yaml:LINE:COL, with a clear message."""

from __future__ import annotations

import pytest

import coach
from guidance_cases import GUIDANCE, guidance_text, line_after, line_of, problems, replace_once


def test_the_real_guidance_file_is_valid():
    assert problems(guidance_text()) == []
    guidance = coach.load_guidance(GUIDANCE)
    assert guidance.view("de")["site"]["name"] == "Follow-up-Coach"


def test_yaml_syntax_error_is_located():
    text = replace_once(guidance_text(), "      en: Just left a job interview? Here is what to do next.",
                        "      en: Just left: a job interview? [unclosed")
    line = line_of(text, "Just left: a job")
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"guidance.yaml:{line}:")
    assert "YAML syntax error" in found[0]


def test_duplicate_key_is_an_error_not_a_silent_overwrite():
    text = replace_once(guidance_text(), "  nav_sources:\n", "  nav_home:\n    en: Again\n    de: Nochmal\n  nav_sources:\n")
    first = line_of(text, "  nav_home:", 1)
    second = line_of(text, "  nav_home:", 2)
    assert problems(text) == [
        f"guidance.yaml:{second}:3: duplicate key 'nav_home' in strings (first given on line {first}); "
        "YAML would keep only the last one"
    ]


def test_wrong_type_names_what_was_expected():
    text = replace_once(guidance_text(), "    year: 2005\n    date:", "    year: two thousand five\n    date:")
    line = line_of(text, "year: two thousand five")
    assert problems(text) == [f"guidance.yaml:{line}:11: sources[2].year: expected a whole number, got a text"]


def test_unknown_key_suggests_the_right_one():
    text = replace_once(guidance_text(), "        because:\n          en: >-\n            The answer tells you",
                        "        becuase:\n          en: >-\n            The answer tells you")
    line = line_of(text, "becuase:")
    found = problems(text)
    assert f"guidance.yaml:{line}:9: unknown key 'becuase' in phases[0].recommendations[0]; did you mean 'because'? " \
           "expected one of: advice, because, beyond_source, id, kind, sources, statistics, title" in found
    # The missing key it replaced is reported too: all problems at once.
    assert any("phases[0].recommendations[0]: missing required key 'because'" in p for p in found)


def test_duplicate_id_names_the_first_use():
    text = replace_once(guidance_text(), "      - id: note-names\n", "      - id: ask-next-steps\n")
    first = line_of(text, "- id: ask-next-steps", 1)
    second = line_of(text, "- id: ask-next-steps", 2)
    assert f"guidance.yaml:{second}:13: duplicate recommendation id 'ask-next-steps' (already used on line {first})" \
        in problems(text)


def test_dangling_reference_suggests_a_close_id():
    text = replace_once(guidance_text(), "        statistics: [formats-2005]\n", "        statistics: [format-2005]\n")
    line = line_of(text, "statistics: [format-2005]")
    assert problems(text) == [
        f"guidance.yaml:{line}:22: phases[2].recommendations[0].statistics[0]: unknown statistic 'format-2005'; "
        "did you mean 'formats-2005'?"
    ]


def test_missing_translation():
    text = replace_once(guidance_text(), "  nav_guide:\n    en: Guide\n    de: Leitfaden\n", "  nav_guide:\n    en: Guide\n")
    line = line_of(text, "  nav_guide:")
    assert problems(text) == [f"guidance.yaml:{line}:3: strings.nav_guide: missing the German text ('de:')"]


@pytest.mark.parametrize("empty", ['""', '"   "'])
def test_empty_or_blank_translation(empty):
    text = replace_once(guidance_text(), "    de: Leitfaden\n", f"    de: {empty}\n")
    line = line_of(text, f"de: {empty}")
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"guidance.yaml:{line}:9: strings.nav_guide")
    assert "German text is" in found[0]


def test_empty_file():
    assert problems("# only a comment\n") == [
        "guidance.yaml:1:1: the file is empty; expected the guidance mapping (site, strings, sources, phases, ...)"
    ]


def test_file_that_is_not_a_mapping():
    found = problems("- site\n- phases\n")
    assert found == ["guidance.yaml:1:1: the file must be a mapping of sections (site:, strings:, sources:, ...), not a list"]


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "Click <a href='x'>here</a>", "<img src=x onerror=alert(1)>"])
def test_raw_html_is_rejected(payload):
    text = replace_once(guidance_text(), "    en: Guide\n", f'    en: "{payload}"\n')
    line = line_of(text, payload)
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"guidance.yaml:{line}:9: strings.nav_guide.en: raw HTML is not allowed")


def test_angle_brackets_in_backticks_and_autolinks_are_fine():
    text = replace_once(guidance_text(), "    en: Guide\n", '    en: "Guide `<Position>` <https://example.org>"\n')
    assert problems(text) == []


def test_script_links_are_rejected():
    text = replace_once(guidance_text(), "    en: Guide\n", '    en: "[Guide](javascript:alert(1))"\n')
    line = line_of(text, "javascript:")
    assert problems(text) == [
        f"guidance.yaml:{line}:9: strings.nav_guide.en: links may use https:, http: or mailto:, not 'javascript:'"
    ]


def test_advice_must_cite_the_source_article_or_be_marked_beyond_it():
    text = replace_once(guidance_text(), "          - career-trend\n          - source: ramsey-sales\n",
                        "          - source: ramsey-sales\n")
    line = line_after(text, "- id: sales-exception", "- source: ramsey-sales")
    assert problems(text) == [
        f"guidance.yaml:{line}:11: recommendation 'sales-exception' does not cite the source article; "
        "cite it, or mark the advice 'beyond_source: true'"
    ]


def test_advice_beyond_the_source_must_cite_another_source():
    at = guidance_text().index("- id: email-alongside")
    start = guidance_text().index("        sources:\n", at)
    end = guidance_text().index("      - id: ", start)
    text = guidance_text()[:start] + "        sources: [career-trend]\n" + guidance_text()[end:]
    line = line_after(text, "- id: email-alongside", "sources: [career-trend]")
    found = problems(text)
    assert found == [f"guidance.yaml:{line}:18: recommendation 'email-alongside' goes beyond the source article "
                     "(beyond_source: true) and must cite another source"]


def test_a_label_the_templates_need_must_exist():
    text = replace_once(guidance_text(), '  why:\n    en: "Why:"\n    de: "Warum:"\n', "")
    line = line_of(text, "strings:")
    assert f"guidance.yaml:{line}:1: strings: missing the label 'why' (used by the site's templates)" in problems(text)


def test_all_problems_are_reported_at_once_in_file_order():
    text = guidance_text()
    text = replace_once(text, "    de: Leitfaden\n", '    de: ""\n')
    text = replace_once(text, "        statistics: [formats-2005]\n", "        statistics: [nope]\n")
    text = replace_once(text, "      - id: note-names\n", "      - id: ask-next-steps\n        colour: red\n")
    found = problems(text)
    assert len(found) == 4  # empty text, unknown statistic, duplicate id, unknown key
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)
