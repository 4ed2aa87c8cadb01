"""Template pages in Chromium: the fill-in form, one text per person, copy, mailto, print,
warnings, privacy (opt-in, forget), hostile input, keyboard use and accessibility."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

import coach
from browser_helpers import axe_violations, axe_without_scripts, tab_to
from conftest import PageWatch
from guidance_cases import GUIDANCE

pytestmark = pytest.mark.browser

KEY = "follow-up-coach:templates:v1"
CHECKLIST_KEY = "follow-up-coach:checklist:v1"
GUIDANCE_DATA = coach.load_guidance(GUIDANCE)

PEOPLE = {
    "en": [
        {"salutation": "dr", "first_name": "Maria", "last_name": "Lopez", "their_email": "maria.lopez@example.com",
         "topic": "how your team plans its releases",
         "takeaway": "Weekly releases are how I like to work."},
        {"salutation": "mr", "first_name": "Sam", "last_name": "Okafor", "their_email": "sam.okafor@example.com",
         "topic": "the new onboarding program",
         "takeaway": "I would gladly mentor new colleagues myself."},
        {"salutation": "none", "first_name": "Robin", "last_name": "Chen", "their_email": "robin.chen@example.com",
         "topic": "mentoring junior staff",
         "takeaway": "Mentoring taught me more than any course."},
    ],
    "de": [
        {"salutation": "frau-dr", "first_name": "Maria", "last_name": "Schmidt", "their_email": "maria.schmidt@example.de",
         "topic": "die Einführung des neuen Kundenportals",
         "takeaway": "Schrittweise Einführungen entsprechen genau meiner Arbeitsweise."},
        {"salutation": "herr", "first_name": "Can", "last_name": "Yilmaz", "their_email": "can.yilmaz@example.de",
         "topic": "die Zusammenarbeit mit dem Vertrieb",
         "takeaway": "Aus meiner Zeit im Außendienst kenne ich beide Seiten."},
        {"salutation": "keine", "first_name": "Robin", "last_name": "Weber", "their_email": "robin.weber@example.de",
         "topic": "die Einarbeitung neuer Kolleginnen und Kollegen",
         "takeaway": "Als Patin habe ich selbst viel dabei gelernt."},
    ],
}
SHARED = {
    "en": {"your_name": "Alex Morgan", "your_email": "alex.morgan@example.com", "your_phone": "(555) 010-2345",
           "your_address": "12 Elm Street\nSpringfield, IL 62704", "company": "Northwind Traders",
           "company_address": "400 Market Street\nSpringfield, IL 62701", "position": "Project Manager",
           "interview_date": "2026-11-12", "decision_date": "2026-11-20", "letter_date": "2026-11-13"},
    "de": {"your_name": "Anna Becker", "your_email": "anna.becker@example.de", "your_phone": "0170 1234567",
           "your_address": "Lindenallee 5\n50667 Köln", "company": "Nordwind Handel GmbH",
           "company_address": "Hafenstraße 12\n20457 Hamburg", "position": "Projektleiterin",
           "interview_date": "2026-11-12", "decision_date": "2026-11-20", "letter_date": "2026-11-13"},
}
INTERVIEW_DATE = {"en": "November 12, 2026", "de": "12. November 2026"}


def section(lang: str) -> dict:
    return GUIDANCE_DATA.view(lang)["templates"]


def labels(lang: str) -> dict:
    return section(lang)["labels"]


def form_of(lang: str, salutation: str, form: str, person: dict) -> str:
    """What a derived placeholder should read, computed from guidance.yaml, not from the page."""
    option = next(option for option in section(lang)["salutations"] if option["id"] == salutation)
    text = option["forms"][form].replace("{first_name}", person["first_name"]).replace("{last_name}", person["last_name"])
    return " ".join(text.split())


def url(base_url: str, lang: str, ident: str) -> str:
    return f"{base_url}/{'de/' if lang == 'de' else ''}templates/{ident}/"


def set_field(page, selector: str, value: str) -> None:
    field = page.locator(selector)
    if field.evaluate("element => element.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def fill_shared(page, values: dict) -> None:
    for name, value in values.items():
        selector = f"#coach-field-{name}"
        if page.locator(selector).count():
            set_field(page, selector, value)


def fill_person(page, number: int, person: dict) -> None:
    for name, value in person.items():
        selector = f"#coach-p{number}-{name}"
        if page.locator(selector).count():
            set_field(page, selector, value)


def fill_people(page, people: list[dict]) -> None:
    for number, person in enumerate(people, start=1):
        if page.locator("[data-person]").count() < number:
            page.get_by_role("button", name=labels_on(page)["add_person"]).click()
        fill_person(page, number, person)


def labels_on(page) -> dict:
    return labels("de" if "/de/" in page.url else "en")


def open_filled(page, base_url: str, lang: str, ident: str, people: int = 1):
    page.goto(url(base_url, lang, ident))
    fill_shared(page, SHARED[lang])
    fill_people(page, PEOPLE[lang][:people])
    return page.locator("[data-output]")


def output(page, number: int):
    return page.locator("[data-output]").nth(number - 1)


def warnings_of(page, number: int) -> list[str]:
    return output(page, number).locator("[data-warning-list] li").all_inner_texts()


def stored(page, key: str = KEY):
    text = page.evaluate("key => localStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


# --- one individual text per person ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("ident", ["thank-you-email", "thank-you-letter"])
def test_three_people_get_three_individual_texts(watched_page, base_url, lang, ident):
    page = watched_page
    outputs = open_filled(page, base_url, lang, ident, people=3)
    expect(outputs).to_have_count(3)
    people = PEOPLE[lang]
    bodies = []
    for number, person in enumerate(people, start=1):
        card = output(page, number)
        name = form_of(lang, person["salutation"], "named", person)
        expect(card.locator("[data-output-title]")).to_have_text(labels(lang)["output_for"].format(name=name))
        body = card.locator("[data-part='body']").inner_text()
        assert body.startswith(form_of(lang, person["salutation"], "greeting", person) + "\n\n")
        assert person["topic"] in body and person["takeaway"] in body
        # The date is in the subject; the German texts do not repeat it in the first sentence.
        assert INTERVIEW_DATE[lang] in card.locator("[data-part='subject']").inner_text()
        for other in people:
            if other is not person:
                assert other["topic"] not in body and other["last_name"] not in body
        assert "[" not in card.inner_text()  # no placeholder left
        expect(card.locator("[data-no-warnings]")).to_be_visible()
        expect(card.locator("[data-warning-list]")).to_be_hidden()
        bodies.append(body)
    assert len(set(bodies)) == 3
    assert axe_violations(page) == []


def test_the_form_updates_as_you_type(watched_page, base_url):
    page = watched_page
    page.goto(url(base_url, "en", "thank-you-email"))
    subject = output(page, 1).locator("[data-part='subject']")
    expect(subject).to_contain_text("[Position]")
    page.locator("#coach-field-position").press_sequentially("Analyst")
    expect(subject).to_contain_text("Thank you: Analyst interview on")
    page.locator("#coach-field-position").fill("")
    expect(subject).to_contain_text("[Position]")


def test_optional_lines_disappear_when_empty(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "de", "check-in-email")
    body = output(page, 1).locator("[data-part='body']")
    expect(body).to_contain_text("Sie hatten eine Entscheidung bis zum 20. November 2026 in Aussicht gestellt")
    expect(body).to_contain_text("0170 1234567")
    page.locator("#coach-field-decision_date").fill("")
    page.locator("#coach-field-your_phone").fill("")
    expect(body).not_to_contain_text("Entscheidung bis zum")
    expect(body).not_to_contain_text("0170")
    assert "\n\n\n" not in body.inner_text()
    expect(body).to_have_text(re.compile(r"Mit freundlichen Grüßen\nAnna Becker\nanna\.becker@example\.de$"))


# --- copy, mailto, print ----------------------------------------------------------------------------

def test_copy_buttons_put_subject_and_text_on_the_clipboard(watched_page, base_url):
    page = watched_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    open_filled(page, base_url, "en", "thank-you-email", people=2)
    second = output(page, 2)
    announcer = page.locator("[data-announcer]")
    second.get_by_role("button", name=labels("en")["copy_subject"]).click()
    expect(announcer).to_have_text(labels("en")["copied"])
    assert page.evaluate("navigator.clipboard.readText()") == second.locator("[data-part='subject']").inner_text()
    second.get_by_role("button", name=labels("en")["copy_body"]).click()
    body = page.evaluate("navigator.clipboard.readText()")
    assert body == second.locator("[data-part='body']").inner_text()
    assert body.startswith("Dear Mr. Okafor,\n\n") and body.endswith("Alex Morgan\n(555) 010-2345\nalex.morgan@example.com")


def test_copy_works_without_the_clipboard_api(context, base_url):
    """Older browsers and some embedded views have no navigator.clipboard: the fallback copies."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    watch = PageWatch(base_url)
    watch.attach(page)
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    open_filled(page, base_url, "de", "thank-you-letter")
    output(page, 1).get_by_role("button", name=labels("de")["copy_body"]).click()
    expect(page.locator("[data-announcer]")).to_have_text(labels("de")["copied"])
    reader = context.new_page()
    reader.goto(base_url + "/")
    copied = reader.evaluate("navigator.clipboard.readText()")
    letter = output(page, 1)
    assert copied.startswith(letter.locator("[data-part='body']").inner_text())
    assert copied.endswith("Mit freundlichen Grüßen\n\n\n\nAnna Becker")
    watch.assert_clean()


def test_mailto_link_carries_recipient_subject_and_text(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-email")
    # Characters that mean something in a URL must arrive as text, not split the link.
    page.locator("#coach-p1-topic").fill("pricing & billing? #1 + 50% = more/less")
    card = output(page, 1)
    link = card.get_by_role("link", name=labels("en")["open_email"])
    href = link.get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and unquote(parts.path) == "maria.lopez@example.com"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert sorted(query) == ["body", "subject"]
    assert query["subject"] == [card.locator("[data-part='subject']").inner_text()]
    assert query["body"] == [card.locator("[data-part='body']").inner_text().replace("\n", "\r\n")]
    assert "pricing & billing? #1 + 50% = more/less" in query["body"][0]


def _page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)]


def test_german_letters_print_on_a4_in_din_5008_layout(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "de", "thank-you-letter", people=2)
    page.emulate_media(media="print")
    for hidden in ("header.md-header", "[data-template-form]", ".coach-privacy", "[data-output-title] >> nth=0",
                   ".coach-output__actions >> nth=0", "[data-warnings] >> nth=0", "h1", ".coach-outputs__print",
                   "#auf-ihrer-checkliste"):
        expect(page.locator(hidden)).to_be_hidden()
    letters = page.locator(".coach-letter")
    expect(letters).to_have_count(2)
    expect(letters.nth(1)).to_be_visible()
    assert letters.first.evaluate("el => getComputedStyle(el).page") == "coach-din-a4"
    size = page.evaluate("""() => [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
        .filter(rule => rule instanceof CSSPageRule && rule.selectorText === "coach-din-a4")
        .map(rule => rule.style.getPropertyValue("size"))""")
    assert [value.lower() for value in size] == ["a4"]
    # Positions from the edge of the sheet, in millimetres (96 px to the inch).
    millimetres = letters.first.evaluate("""letter => {
        const box = letter.getBoundingClientRect(), mm = px => Math.round((px * 25.4 / 96) * 10) / 10;
        const at = part => letter.querySelector(`[data-part="${part}"]`).getBoundingClientRect();
        return {recipientTop: mm(at("recipient").top - box.top), recipientLeft: mm(at("recipient").left - box.left),
                infoTop: mm(at("info").top - box.top), infoLeft: mm(at("info").left - box.left),
                bodyLeft: mm(at("body").left - box.left),
                signatureGap: mm(at("signature").top - at("closing").bottom)};
    }""")
    assert millimetres["recipientTop"] == pytest.approx(62.7, abs=0.5)  # address field at 45 mm, Form B
    assert millimetres["recipientLeft"] == pytest.approx(25, abs=0.5)
    assert millimetres["infoTop"] == pytest.approx(50, abs=0.5)
    assert millimetres["infoLeft"] == pytest.approx(125, abs=0.5)
    assert millimetres["bodyLeft"] == pytest.approx(25, abs=0.5)
    assert millimetres["signatureGap"] >= 12  # about three lines for the handwritten signature
    first = letters.first.inner_text()
    assert "Betreff" not in first
    assert "\nMit freundlichen Grüßen\n" in first
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert _page_sizes(pdf) == [(pytest.approx(595, abs=1), pytest.approx(842, abs=1))] * 2


def test_english_letters_print_on_us_letter(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-letter", people=3)
    page.emulate_media(media="print")
    letters = page.locator(".coach-letter")
    assert letters.first.evaluate("el => getComputedStyle(el).page") == "coach-us-letter"
    expect(page.locator("[data-template-form]")).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    assert _page_sizes(pdf) == [(612, 792)] * 3


def test_print_button_opens_the_print_dialog(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-letter")
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name=labels("en")["print_all"]).click()
    assert page.evaluate("window.__printed") == 1


# --- warnings: each when it should, and not otherwise ----------------------------------------------

def _expect_only(page, number: int, expected: list[str]) -> None:
    expect(output(page, number).locator("[data-warning-list] li")).to_have_text(expected)


def test_warning_required_field_empty(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-email", people=2)
    _expect_only(page, 1, [])
    page.locator("#coach-p1-last_name").fill("")
    page.locator("#coach-field-position").fill("")
    still = labels("en")["warn_required"]
    _expect_only(page, 1, [still.format(fields="Position, Last name")])
    _expect_only(page, 2, [still.format(fields="Position")])
    page.locator("#coach-field-position").fill("Analyst")
    page.locator("#coach-p1-last_name").fill("Lopez")
    _expect_only(page, 1, [])
    _expect_only(page, 2, [])
    page.locator("#coach-field-your_phone").fill("")  # optional: no warning
    _expect_only(page, 1, [])


def test_warning_placeholder_left_over(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-email")
    page.locator("#coach-p1-topic").fill("[TOPIC] and {details}")
    _expect_only(page, 1, [labels("en")["warn_leftover"].format(placeholders="[TOPIC], {details}")])
    page.locator("#coach-p1-topic").fill("release planning")
    _expect_only(page, 1, [])


def test_warning_same_text_and_same_topic(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-email", people=2)
    first, second = PEOPLE["en"][0], PEOPLE["en"][1]
    fill_person(page, 2, first)  # a duplicate: same person, same text
    named = form_of("en", first["salutation"], "named", first)
    same_text = labels("en")["warn_same_text"].format(other=named)
    warning = {entry["id"]: entry.get("distinct_warning") for entry in section("en")["placeholders"]}
    topic_warning, takeaway_warning = warning["topic"], warning["takeaway"]
    _expect_only(page, 1, [same_text, topic_warning.format(other=named), takeaway_warning.format(other=named)])
    _expect_only(page, 2, [same_text, topic_warning.format(other=named), takeaway_warning.format(other=named)])
    fill_person(page, 2, {**second, "topic": "  HOW your team plans   its releases "})  # same topic, other person
    _expect_only(page, 1, [topic_warning.format(other=form_of("en", second["salutation"], "named", second))])
    _expect_only(page, 2, [topic_warning.format(other=named)])
    fill_person(page, 2, second)
    _expect_only(page, 1, [])
    _expect_only(page, 2, [])


def test_warning_email_too_long_only_for_emails(watched_page, base_url):
    page = watched_page
    limit = section("en")["checks"]["max_words"]
    long_topic = " ".join(["details"] * limit)
    open_filled(page, base_url, "en", "thank-you-email")
    page.locator("#coach-p1-topic").fill(long_topic)
    words = len(output(page, 1).locator("[data-part='body']").inner_text().split())
    _expect_only(page, 1, [labels("en")["warn_too_long"].format(count=words, max=limit)])
    page.locator("#coach-p1-topic").fill("release planning")
    _expect_only(page, 1, [])
    open_filled(page, base_url, "en", "thank-you-letter")
    page.locator("#coach-p1-topic").fill(long_topic)
    _expect_only(page, 1, [])  # a letter may be longer


@pytest.mark.parametrize(("topic", "warning"), [
    ("release planning 🚀", "warn_emoji"),
    ("release planning 👍🏽", "warn_emoji"),
    ("release planning!!", "warn_exclamation"),
    ("release planning! !", "warn_exclamation"),
    ("release planning ©", None),
    ("release planning!", None),
])
def test_warning_emoji_and_exclamation_marks(watched_page, base_url, topic, warning):
    page = watched_page
    open_filled(page, base_url, "en", "thank-you-email")
    page.locator("#coach-p1-topic").fill(topic)
    _expect_only(page, 1, [labels("en")[warning]] if warning else [])


@pytest.mark.parametrize(("lang", "topic", "warns"), [
    ("de", "wie du dein Team führst", True),
    ("de", "wie Du Dein Team führst", True),
    ("de", "wie Sie Ihr Team führen", False),
    ("de", "die Dusche im Büro", False),  # "Du" inside a word is not "du"
    ("en", "du and dein in German", False),  # the check is for German texts
])
def test_warning_sie_and_du_mixed_in_german(watched_page, base_url, lang, topic, warns):
    page = watched_page
    open_filled(page, base_url, lang, "thank-you-email")
    page.locator("#coach-p1-topic").fill(topic)
    _expect_only(page, 1, [labels(lang)["warn_address_mix"]] if warns else [])


def test_page_with_warnings_is_accessible(watched_page, base_url):
    page = watched_page
    open_filled(page, base_url, "de", "thank-you-email", people=2)
    page.locator("#coach-p1-topic").fill("wie du das machst!! 🚀")
    page.locator("#coach-p2-last_name").fill("")
    expect(output(page, 1).locator("[data-warning-list] li")).to_have_count(3)
    assert axe_violations(page) == []


# --- privacy --------------------------------------------------------------------------------------

def test_nothing_is_stored_unless_the_visitor_opts_in(watched_page, base_url):
    page = watched_page
    page.goto(url(base_url, "en", "thank-you-email"))
    remember = page.get_by_label(labels("en")["remember"])
    expect(remember).not_to_be_checked()
    page.locator("#coach-field-your_name").fill("Alex Morgan")
    page.locator("#coach-p1-last_name").fill("Lopez")
    assert stored(page) is None
    assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('follow-up-coach:'))") == []

    # Kept in this tab only: another template keeps it, and so does a reload ...
    page.locator("nav.md-nav--primary").get_by_role("link", name="Thank-you letter", exact=True).click()
    expect(page).to_have_url(url(base_url, "en", "thank-you-letter"))
    expect(page.locator("#coach-field-your_name")).to_have_value("Alex Morgan")
    expect(page.locator("#coach-p1-last_name")).to_have_value("Lopez")
    page.reload()
    expect(page.locator("#coach-field-your_name")).to_have_value("Alex Morgan")
    # ... another tab (its own sessionStorage) starts empty.
    other = page.context.new_page()
    other.goto(url(base_url, "en", "thank-you-email"))
    expect(other.locator("#coach-field-your_name")).to_have_value("")
    other.close()
    page.evaluate("() => sessionStorage.clear()")
    page.reload()
    expect(page.locator("#coach-field-your_name")).to_have_value("")

    remember.check()
    page.locator("#coach-field-your_name").fill("Alex Morgan")
    assert stored(page)["values"]["your_name"] == "Alex Morgan"
    page.reload()
    expect(remember).to_be_checked()
    expect(page.locator("#coach-field-your_name")).to_have_value("Alex Morgan")
    remember.uncheck()
    assert stored(page) is None  # gone from the device; this tab keeps it until it closes
    page.reload()
    expect(remember).not_to_be_checked()
    expect(page.locator("#coach-field-your_name")).to_have_value("Alex Morgan")


def test_forget_everything_deletes_all_this_site_stored_and_nothing_else(watched_page, base_url):
    page = watched_page
    page.goto(url(base_url, "en", "thank-you-email"))
    page.get_by_label(labels("en")["remember"]).check()
    fill_shared(page, SHARED["en"])
    fill_people(page, PEOPLE["en"][:2])
    page.locator("#check-send-emails").check()
    page.evaluate("""() => { localStorage.setItem("another-site:data", "keep");
                             localStorage.setItem("follow-up-coach:wizard:v1", "{}"); }""")
    forget = page.get_by_role("button", name=labels("en")["forget"])

    page.once("dialog", lambda dialog: dialog.dismiss())
    forget.click()
    assert stored(page)["values"]["your_name"] == "Alex Morgan"
    assert stored(page, CHECKLIST_KEY) == {"ticked": ["send-emails"]}

    page.once("dialog", lambda dialog: (dialog.message == labels("en")["forget_confirm"]) and dialog.accept())
    forget.click()
    expect(page.locator("[data-announcer]")).to_have_text(labels("en")["forgotten"])
    assert page.evaluate("Object.keys(localStorage).sort()") == ["another-site:data"]
    expect(page.get_by_label(labels("en")["remember"])).not_to_be_checked()
    expect(page.locator("#coach-field-your_name")).to_have_value("")
    expect(page.locator("[data-person]")).to_have_count(1)
    expect(page.locator("#coach-p1-last_name")).to_have_value("")
    expect(page.locator("#check-send-emails")).not_to_be_checked()
    page.reload()
    expect(page.locator("#coach-field-your_name")).to_have_value("")


# --- hostile input ----------------------------------------------------------------------------------

PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    "\"><svg onload=window.__pwned=1>",
    "javascript:window.__pwned=1",
]


def _element_count(page) -> int:
    return page.evaluate("document.querySelectorAll('img, script, svg, iframe, object, embed').length")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_typed_into_any_field_stays_text(watched_page, base_url, payload):
    page = watched_page
    for ident in ("thank-you-email", "thank-you-letter"):
        page.goto(url(base_url, "en", ident))
        page.get_by_role("button", name=labels("en")["add_person"]).click()
        before = _element_count(page)
        fields = page.locator("[data-template-form] input[data-field], [data-template-form] textarea[data-field]")
        for index in range(fields.count()):
            if fields.nth(index).get_attribute("type") != "date":
                fields.nth(index).fill(payload)
        page.locator("#coach-p1-salutation").select_option(index=1)
        page.wait_for_timeout(200)  # time for any injected handler to fire
        assert page.evaluate("window.__pwned") is None
        assert _element_count(page) == before
        assert payload in output(page, 1).locator("[data-part='body']").inner_text()
        assert payload in output(page, 2).inner_text()
        # Slots and warnings hold text only (the leftover warning quotes the payload).
        assert page.locator("[data-outputs] [data-part] *, [data-warning-list] li *").count() == 0
        if ident == "thank-you-email":
            href = output(page, 1).locator("[data-mailto]").get_attribute("href")
            assert href.startswith("mailto:") and payload in unquote(href)


def test_hostile_stored_entries_stay_text(watched_page, base_url):
    page = watched_page
    page.goto(url(base_url, "en", "thank-you-email"))
    hostile = {
        "values": {"your_name": PAYLOADS[0], "company": PAYLOADS[1], "__proto__": {"polluted": "yes"},
                   "constructor": "x", "position": 42, "Your-Name": "ignored"},
        "people": [{"last_name": PAYLOADS[2], "salutation": "<b>dr</b>", "topic": PAYLOADS[1]}, "not a person", None],
    }
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(hostile)])
    page.reload()
    before = page.evaluate("document.querySelectorAll('*').length")
    expect(page.locator("#coach-field-your_name")).to_have_value(PAYLOADS[0])
    expect(page.locator("#coach-p1-last_name")).to_have_value(PAYLOADS[2])
    expect(page.locator("#coach-p1-salutation")).to_have_value("")  # not a choice: ignored
    expect(page.locator("#coach-field-position")).to_have_value("")  # not text: ignored
    expect(page.locator("[data-person]")).to_have_count(3)  # broken entries become empty people
    assert page.evaluate("({}).polluted") is None
    assert page.evaluate("window.__pwned") is None
    assert PAYLOADS[0] in output(page, 1).inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('*').length") == before


@pytest.mark.parametrize("stored_text", ["{broken", "[]", "\"text\"", "{\"values\": [1, 2], \"people\": {}}"])
def test_corrupt_stored_entries_are_ignored(watched_page, base_url, stored_text):
    page = watched_page
    page.goto(url(base_url, "de", "thank-you-letter"))
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored_text])
    page.reload()
    expect(page.locator("[data-person]")).to_have_count(1)
    expect(page.locator("#coach-field-your_name")).to_have_value("")
    expect(output(page, 1).locator("[data-part='signature']")).to_have_text("[Ihr Name]")


# --- keyboard, navigation, no JavaScript, small screens ------------------------------------------------

def test_keyboard_alone_fills_adds_removes_and_copies(watched_page, base_url):
    page = watched_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(url(base_url, "en", "thank-you-email"))
    tab_to(page, "#coach-field-your_name")
    page.keyboard.type("Alex Morgan")
    tab_to(page, "#coach-field-company")
    page.keyboard.type("Northwind Traders")
    page.keyboard.press("Tab")
    page.keyboard.type("Project Manager")
    page.keyboard.press("Tab")
    page.keyboard.type("11122026")  # month, day, year in this browser's date field
    tab_to(page, "#coach-p1-salutation")  # Tab first steps through the date's own parts
    page.keyboard.type("Dr")
    page.keyboard.press("Tab")
    page.keyboard.type("Maria")
    page.keyboard.press("Tab")
    page.keyboard.type("Lopez")
    tab_to(page, "#coach-p1-topic")
    page.keyboard.type("release planning")
    tab_to(page, "[data-add-person]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "coach-p2-salutation"
    expect(page.locator("[data-announcer]")).to_have_text(labels("en")["person_added"].format(n=2))
    tab_to(page, "[data-person][data-index='1'] [data-remove-person]")
    page.keyboard.press("Space")
    expect(page.locator("[data-person]")).to_have_count(1)
    assert page.evaluate("document.activeElement.matches('[data-add-person]')")
    card = output(page, 1)
    expect(card.locator("[data-part='body']")).to_contain_text(
        "Dear Dr. Lopez,\n\nThank you for meeting with me about the Project Manager position at Northwind Traders "
        "on November 12, 2026. I especially enjoyed our conversation about release planning.")
    tab_to(page, "[data-output] [data-copy='body']")
    page.keyboard.press("Enter")
    expect(page.locator("[data-announcer]")).to_have_text(labels("en")["copied"])
    assert page.evaluate("navigator.clipboard.readText()") == card.locator("[data-part='body']").inner_text()


def test_instant_navigation_sets_each_page_up_once(watched_page, base_url):
    page = watched_page
    page.goto(url(base_url, "en", "thank-you-email"), wait_until="networkidle")  # see INSTANT_READY in browser_helpers.py
    page.evaluate("window.__sameDocument = true")
    nav = page.locator("nav.md-nav--primary")
    for name in ("Thank-you letter", "Thank-you email", "Checklist", "Thank-you email"):
        nav.get_by_role("link", name=name, exact=True).click()
        expect(page.locator("h1")).to_have_text(re.compile(name.replace("-", ".")))
    assert page.evaluate("window.__sameDocument") is True
    page.get_by_role("button", name=labels("en")["add_person"]).click()
    expect(page.locator("[data-person]")).to_have_count(2)
    expect(page.locator("[data-output]")).to_have_count(2)
    page.locator("#coach-p2-last_name").fill("Okafor")
    expect(page.locator("[data-output]")).to_have_count(2)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_javascript_the_template_shows_its_placeholders(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(base_url, lang, "thank-you-letter"))
    text = page.locator("pre.coach-template__text")
    expect(text).to_be_visible()
    company = next(entry["label"] for entry in section(lang)["placeholders"] if entry["id"] == "company")
    expect(text).to_contain_text(f"[{company}]")
    assert "{" not in text.inner_text()
    expect(page.locator("dl.coach-template__placeholders dt").first).to_be_visible()
    expect(page.locator("[data-template-filler]")).to_be_hidden()
    context.close()
    assert axe_without_scripts(browser, url(base_url, lang, "thank-you-letter")) == []


def test_a_template_without_placeholders_is_plain_copyable_text(watched_page, base_url):
    page = watched_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(url(base_url, "de", "closing-question"))
    expect(page.locator("[data-template-filler]")).to_have_count(0)
    text = page.locator("pre.coach-template__text")
    expect(text).to_be_visible()
    page.locator(".coach-template .md-code__button[data-md-type='copy'], .coach-template .md-clipboard").first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == text.inner_text().strip()


@pytest.mark.parametrize("ident", ["thank-you-email", "thank-you-letter", "phone-script", "check-in-email"])
def test_filled_form_fits_a_small_phone_and_is_accessible(watched_page, base_url, ident):
    page = watched_page
    page.set_viewport_size({"width": 320, "height": 640})
    open_filled(page, base_url, "de", ident, people=2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
