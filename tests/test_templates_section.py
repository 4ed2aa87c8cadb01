"""Templates in guidance.yaml: placeholders declared and used, located errors, texts and pages."""

from __future__ import annotations

import html
import json
import re

import pytest

from coach import drafts
from coach.labels import names_in, stray_braces
from coach.markup import json_attribute
from guidance_cases import at, edit, original, position, problems

STABLE_IDS = ["closing-question", "thank-you-email", "thank-you-letter", "phone-script", "check-in-email",
              "other-offer-email", "rejection-reply"]


def test_the_shipped_file_has_the_stable_template_ids(guidance):
    assert [item.id for item in guidance.templates.items] == STABLE_IDS
    paths = [page.path for page in drafts.render_pages(guidance, "en")]
    assert paths == ["templates/index.md"] + [f"templates/{ident}.md" for ident in STABLE_IDS]


def test_duplicate_template_id():
    text = edit(original(), "    - id: check-in-email\n", "    - id: phone-script\n")
    first = position(text, "phone-script", after="- id: thank-you-letter")
    second = position(text, "phone-script", after="checklist: [no-uninvited-call, call-as-agreed]\n      sources: [career-trend]\n    - id: ")
    assert first != second
    found = at(problems(text), second)
    assert found == [f"{second}: duplicate template id 'phone-script' (already used on line {first.split(':')[1]})"]


# --- placeholders: each failing case, located ------------------------------------------------

def test_placeholder_used_but_not_declared_in_a_subject():
    text = edit(original(), '"Thank you: {position} interview on {interview_date}"',
                '"Thank you: {postion} interview on {interview_date}"')
    found = at(problems(text), position(text, '"Thank you: {postion}'))
    assert len(found) == 1, found
    assert "templates.items[1].texts.subject.en: {postion} is used but not declared" in found[0]
    assert "did you mean '{position}'?" in found[0]


def test_placeholder_used_but_not_declared_in_a_body_points_at_that_text():
    text = edit(original(), "I look forward to hearing from you.\n",
                "I look forward to hearing from you about {salary}.\n", after="- id: thank-you-email")
    body = position(text, "en: |-", after="- id: thank-you-email", offset=4)
    found = at(problems(text), body)
    assert len(found) == 1, found
    assert "templates.items[1].texts.body.en: {salary} is used but not declared" in found[0]


def test_placeholder_declared_but_never_used():
    text = edit(original(), "        your_name: required\n",
                "        your_name: required\n        your_address: optional\n", after="- id: thank-you-email")
    reported = problems(text)
    found = at(reported, position(text, "your_address: optional", after="- id: thank-you-email"))
    assert found == [f"{position(text, 'your_address: optional', after='- id: thank-you-email')}: template "
                     "'thank-you-email' declares {your_address} but never uses it in its texts; use it or remove it"]
    assert len(reported) == 1, reported


def test_placeholder_declared_that_does_not_exist():
    text = edit(original(), "        company: required\n", "        compnay: required\n", after="- id: thank-you-email")
    reported = problems(text)
    declared = at(reported, position(text, "compnay: required"))
    assert len(declared) == 1 and "not in templates.placeholders; did you mean '{company}'?" in declared[0]
    # The text still uses {company}, which is now undeclared: reported where it is used.
    used = at(reported, position(text, "en: |-", after="- id: thank-you-email", offset=4))
    assert any("{company} is used but not declared" in line for line in used), reported


def test_a_brace_that_is_not_a_placeholder():
    text = edit(original(), '"Following up: {position} interview on {interview_date}"',
                '"Following up: {Position} interview on {interview_date}"')
    found = at(problems(text), position(text, '"Following up: {Position}'))
    assert len(found) == 1, found
    assert "texts.subject.en: '{Position}' is not a placeholder; write placeholders as {lower_case_name}" in found[0]


def test_derived_placeholder_must_not_be_declared():
    text = edit(original(), "        salutation: required\n", "        salutation: required\n        greeting: required\n",
                after="- id: thank-you-email")
    found = at(problems(text), position(text, "greeting: required"))
    assert len(found) == 1 and "{greeting} is derived from the salutation and has no field" in found[0]


def test_derived_placeholder_needs_the_fields_it_is_built_from():
    text = edit(original(), "        last_name: required\n", "", after="- id: check-in-email")
    found = at(problems(text), position(text, "en: |-", after="- id: check-in-email", offset=4))
    assert any("{greeting} is built from {last_name}, which template 'check-in-email' does not declare" in line
               for line in found), found


def test_a_placeholder_no_template_uses():
    entry = ("    - id: hobby\n      scope: you\n      input: text\n      label: {en: Hobby, de: Hobby}\n"
             "      help: {en: Your hobby., de: Ihr Hobby.}\n      example: {en: Chess, de: Schach}\n")
    text = edit(original(), "    - id: your_name\n", entry + "    - id: your_name\n")
    found = at(problems(text), position(text, "hobby", after="- id: hobby"))
    assert found and "placeholder {hobby} is declared in templates.placeholders but no template uses it" in found[0]


def test_a_salutation_form_with_an_unknown_placeholder():
    text = edit(original(), 'greeting: "Dear Ms. {last_name},"', 'greeting: "Dear Ms. {lastname},"')
    found = at(problems(text), position(text, '"Dear Ms. {lastname},"'))
    assert len(found) == 1 and "{lastname} cannot be used here" in found[0] and "did you mean '{last_name}'?" in found[0]


def test_a_salutation_without_a_form_for_a_derived_placeholder():
    text = edit(original(), '          named: "Mr. {last_name}"\n', "")
    found = at(problems(text), position(text, "greeting:", after="- id: mr"))
    assert found == [f"{position(text, 'greeting:', after='- id: mr')}: templates.salutations.en[1]: "
                     "no form for the derived placeholder {named}"]


def test_an_email_needs_a_subject():
    subject = ('        subject:\n          en: "Following up: {position} interview on {interview_date}"\n'
               '          de: "Nachfrage zum Vorstellungsgespräch als {position} am {interview_date}"\n')
    text = edit(original(), subject, "")
    found = at(problems(text), position(text, "texts:", after="id: check-in-email"))
    assert found == [f"{position(text, 'texts:', after='id: check-in-email')}: templates.items[4]: a template of "
                     "kind 'email' needs the text 'subject' (its parts: subject, body)"]


def test_a_phrase_has_no_subject():
    text = edit(original(), "      texts:\n", "      texts:\n        subject: {en: Hello, de: Hallo}\n",
                after="- id: closing-question")
    found = at(problems(text), position(text, "subject: {en: Hello"))
    assert found and "template 'closing-question' is a phrase; it has no subject" in found[0]


def test_a_template_of_an_unknown_kind():
    text = edit(original(), "      kind: phrase\n", "      kind: phrases\n", after="- id: closing-question")
    where = position(text, "phrases")
    found = at(problems(text), where)
    assert found == [f"{where}: templates.items[0].kind: unknown template kind 'phrases'; did you mean 'phrase'?"]


def test_a_printed_template_needs_a_layout_of_its_kind():
    text = edit(original(), "        de: din-5008\n      texts:", "        de: din-5009\n      texts:")
    where = position(text, "din-5009")
    assert at(problems(text), where) == [f"{where}: templates.items[2].layout.de: unknown layout 'din-5009'; "
                                         "did you mean 'din-5008'?"]


def test_mail_to_must_name_a_per_person_email_field():
    text = edit(original(), "      mail_to: their_email\n", "      mail_to: your_name\n", after="- id: thank-you-email")
    reported = problems(text)
    assert at(reported, position(text, "your_name", after="mail_to: your_name")) == [
        f"{position(text, 'your_name', after='mail_to: your_name')}: template 'thank-you-email': mail_to must name "
        "a per-person email placeholder, not {your_name}"]
    assert any("declares {their_email} but never uses it" in line for line in reported), reported


def test_a_template_lists_an_unknown_checklist_item():
    # `after`: the wizard's rules list the same items.
    text = edit(original(), "checklist: [check-details, send-emails]", "checklist: [check-detail, send-emails]",
                after="\ntemplates:\n")
    found = at(problems(text), position(text, "check-detail,"))
    assert found and "unknown checklist item 'check-detail'; did you mean 'check-details'?" in found[0]


def test_labels_fill_in_exactly_their_parameters():
    text = edit(original(), 'en: "Remove person {n}"', 'en: "Remove person {number}"')
    where = position(text, '"Remove person {number}"')
    assert sorted(at(problems(text), where)) == [
        f"{where}: templates.labels.remove_person.en: the English text must show {{n}}",
        f"{where}: templates.labels.remove_person.en: {{number}} is not filled in here (this label may use: {{n}})",
    ]


def test_headings_name_people_with_a_per_person_placeholder():
    text = edit(original(), "name_in_headings: named", "name_in_headings: company")
    found = at(problems(text), position(text, "company", after="name_in_headings:"))
    assert found and "{company} is not a per-person placeholder" in found[0]


def test_all_mistakes_are_reported_at_once_in_file_order():
    text = original()
    text = edit(text, '"Thank you: {position} interview on {interview_date}"', '"Thank you: {postion} interview on {interview_date}"')
    text = edit(text, 'greeting: "Dear Ms. {last_name},"', 'greeting: "Dear Ms. {lastname},"')
    text = edit(text, "checklist: [check-details, send-emails]", "checklist: [check-detail, send-emails]",
                after="\ntemplates:\n")
    reported = problems(text)
    assert len(reported) == 3, reported
    lines = [int(line.split(":")[1]) for line in reported]
    assert lines == sorted(lines)
    assert all(re.match(r"guidance\.yaml:\d+:\d+: \S", line) for line in reported)


# --- syntax helpers -------------------------------------------------------------------------------

def test_placeholder_syntax():
    assert names_in("{greeting}\n{a} and {a_b2} but not {A} or { a }") == ["greeting", "a", "a_b2"]
    assert stray_braces("{ok} fine") == []
    assert stray_braces("{Company} and {ok} and { ok }") == ["{Company}", "{ ok }"]
    assert stray_braces("one lonely } brace here") == ["lonely } brace h"]


def test_data_for_a_page_is_an_inert_attribute_value():
    payload = {"text": "</script><img src=x onerror=alert(1)> & \"quoted\" 'too'"}
    shipped = str(json_attribute(payload))
    assert not set("<>\"'") & set(shipped)  # cannot end the attribute or start a tag
    assert json.loads(html.unescape(shipped)) == payload  # what the browser hands the script


# --- the texts: what a careful native writer checks ------------------------------------------------

def _view(guidance, lang):
    return guidance.view(lang)["templates"]


def _texts(template) -> list[str]:
    return list(template["texts"].values())


def _filled_with_examples(section, text):
    examples = {entry["id"]: entry["example"] for entry in section["placeholders"]}
    return re.sub(r"\{([a-z_]+)\}", lambda m: examples[m.group(1)], text)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_emails_stay_short_when_filled_in(guidance, lang):
    section = _view(guidance, lang)
    limit = section["checks"]["max_words"]
    for template in section["items"]:
        if template["kind"] == "email":
            words = len(_filled_with_examples(section, template["texts"]["body"]).split())
            assert 60 <= words <= limit - 30, (template["id"], words)  # room for a long topic


def test_german_letter_follows_din_5008(guidance):
    letter = next(item for item in _view(guidance, "de")["items"] if item["id"] == "thank-you-letter")
    texts = letter["texts"]
    assert letter["layout"] == "din-5008"
    assert not texts["subject"].lower().startswith("betreff")
    assert not texts["subject"].rstrip().endswith(".")
    assert texts["closing"] == "Mit freundlichen Grüßen"
    assert texts["recipient"].splitlines() == ["{company}", "{addressee}", "{company_address}"]
    assert "{letter_date}" in texts["info"]
    assert texts["body"].startswith("{greeting}\n\n")
    first_word = texts["body"].split("\n\n")[1].split()[0]
    assert first_word.islower(), "after the salutation's comma, German continues in lower case"


def test_english_letter_is_a_block_letter(guidance):
    letter = next(item for item in _view(guidance, "en")["items"] if item["id"] == "thank-you-letter")
    assert letter["layout"] == "block-letter"
    assert letter["texts"]["closing"] == "Sincerely,"


def test_german_salutations_are_formal_and_declined(guidance):
    for option in _view(guidance, "de")["salutations"]:
        greeting = option["forms"]["greeting"]
        assert greeting.startswith(("Sehr geehrte Frau ", "Sehr geehrter Herr ", "Guten Tag ")), greeting
        assert greeting.endswith(",")
        if option["label"].startswith("Herr"):
            # After "für" and "bei", as in headings and warnings, "Herr" becomes "Herrn"; so does the
            # address of a letter (DIN 5008: "Herrn Jonas Weber").
            assert option["forms"]["named"].startswith("Herrn ")
            assert option["forms"]["addressee"].startswith("Herrn ")


def test_german_texts_use_sie_never_du(guidance):
    section = _view(guidance, "de")
    informal = section["checks"]["address_mix"]["de"]["informal"]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(informal) + r")(?!\w)", re.I)
    for template in section["items"]:
        for part, text in template["texts"].items():
            assert not pattern.search(text), (template["id"], part, pattern.search(text))
    for key, label in section["labels"].items():
        if key != "warn_address_mix":
            assert not pattern.search(label), key


def test_each_language_asks_only_for_what_its_texts_use(guidance):
    pages = {lang: {page.path: page.content for page in drafts.render_pages(guidance, lang)} for lang in ("en", "de")}
    email = "templates/thank-you-email.md"
    # German thanks the person, not "the company": the German form has no company field.
    assert 'data-field="company"' in pages["en"][email]
    assert 'data-field="company"' not in pages["de"][email]
    for lang in ("en", "de"):
        assert 'data-field="greeting"' not in pages[lang][email]  # derived: no field
        assert 'data-field="last_name"' in pages[lang][email]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_javascript_each_template_shows_its_placeholders_as_labels(guidance, lang):
    section = guidance.templates
    labels = {entry.id: entry.label.in_(lang) for entry in section.placeholders}
    for template in section.items:
        shown = drafts.static_text(section, template, lang)
        assert "{" not in shown and "}" not in shown
        for text in template.texts.values():
            for name in names_in(text.in_(lang)):
                assert f"[{labels[name]}]" in shown
