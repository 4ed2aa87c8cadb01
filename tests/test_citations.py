"""Sources a reader can open and quotes a reader can check: what the build refuses, located, and what
the pages show."""

from __future__ import annotations

import re

import pytest

import coach
from coach import drafts
from coach.model.content import MAX_QUOTE_WORDS
from guidance_cases import at, edit, original, position, problems
from html_pages import Site

CAREERBUILDER = "  - id: careerbuilder-2005\n"
STETSON = "  - id: stetson-career-development\n"


def rendered(guidance, lang) -> dict[str, str]:
    return {page.path: page.content for page in coach.render_site(guidance, lang)}


# --- sources: address, date, language --------------------------------------------------------------------

def test_a_source_without_an_address_is_refused():
    text = edit(original(), "    url: https://press.careerbuilder.com/", "    website: https://press.careerbuilder.com/",
                after=CAREERBUILDER)
    found = problems(text)
    assert at(found, position(text, "- id: careerbuilder-2005", offset=2)) == [
        f"{position(text, '- id: careerbuilder-2005', offset=2)}: sources[2]: missing required key 'url'"]


def test_a_source_without_any_date_is_refused_where_it_is():
    text = edit(original(), "    year: 2005\n    date: \"2005-08-16\"\n", "", after=CAREERBUILDER)
    where = position(text, "careerbuilder-2005", after=CAREERBUILDER[:4])
    assert at(problems(text), where) == [
        f"{where}: source 'careerbuilder-2005' has no date: give its year (or date), or, for a page that shows "
        "no date, the month it was checked as accessed: YYYY-MM"]


def test_the_month_a_page_was_checked_is_enough():
    text = edit(original(), "    year: 2005\n    date: \"2005-08-16\"\n", "    accessed: \"2026-11\"\n",
                after=CAREERBUILDER)
    assert problems(text) == []


@pytest.mark.parametrize("accessed", ['"2026-13"', '"November 2026"', "2026"])
def test_the_month_checked_is_written_yyyy_mm(accessed):
    text = edit(original(), "    accessed: \"2026-11\"\n", f"    accessed: {accessed}\n", after=STETSON)
    found = problems(text)
    assert len(found) == 1 and found[0].startswith(position(text, accessed, after=STETSON).rsplit(":", 1)[0])


def test_year_and_date_must_agree():
    text = edit(original(), "    year: 2005\n", "    year: 2006\n", after=CAREERBUILDER)
    where = position(text, "2006", after=CAREERBUILDER)
    assert at(problems(text), where) == [f"{where}: source 'careerbuilder-2005': year 2006 does not match its "
                                         "date 2005-08-16"]


def test_an_http_address_must_be_marked_http_only():
    text = edit(original(), "    http_only: true\n", "", after=STETSON)
    where = position(text, "http://www.stetson.edu")
    assert at(problems(text), where) == [
        f"{where}: source 'stetson-career-development': the address is http:, not https:; use the https: "
        "address, or mark http_only: true if the page could be verified only at this address"]


def test_http_only_on_an_https_address_is_refused():
    text = edit(original(), "    language: en\n", "    language: en\n    http_only: true\n", after=CAREERBUILDER)
    where = position(text, "true", after=CAREERBUILDER)
    assert at(problems(text), where) == [f"{where}: source 'careerbuilder-2005': http_only: true, but the address "
                                         "is https:; remove http_only"]


def test_a_source_names_its_language():
    text = edit(original(), "    language: en\n", "    language: fr\n", after=CAREERBUILDER)
    where = position(text, "fr", after=CAREERBUILDER + "    kind")
    assert at(problems(text), where) == [f"{where}: sources[2].language: 'fr' is not allowed; expected 'en' or 'de'"]


# --- citations with quotes ------------------------------------------------------------------------------

def test_a_quote_longer_than_the_limit_is_refused_at_the_quote():
    long_quote = " ".join(["word"] * (MAX_QUOTE_WORDS + 1))
    text = edit(original(), '            quote: "If anything is going to go wrong',
                f'            quote: "{long_quote} If anything is going to go wrong', after="- id: still-no-call")
    where = position(text, '"word word', after="- id: still-no-call")
    found = at(problems(text), where)
    assert len(found) == 1 and f"the quote has {MAX_QUOTE_WORDS + 1 + 20} words; quote at most {MAX_QUOTE_WORDS}" \
        in found[0]


def test_quoting_the_article_for_advice_beyond_it_is_refused():
    # "Keep applying" goes beyond the source article; presenting an article quote as its support is refused.
    last = '            quote: "try to be patient and positive and continue to search for other jobs."\n'
    text = edit(original(), last, last + "          - source: career-trend\n"
                "            quote: \"Following up after a job interview is a must\"\n", after="- id: keep-applying\n        kind")
    where = position(text, '"Following up after', after="- id: keep-applying\n        kind")
    assert at(problems(text), where) == [
        f"{where}: recommendation 'keep-applying' goes beyond the source article (beyond_source: true), so it "
        "cannot quote the article in its support; quote another source, or cite the article without a quote"]


def test_a_wizard_rule_beyond_the_source_cannot_quote_the_article_either():
    text = edit(original(), "          sources: [career-trend, journalismjobs, indeed-follow-up-wait]\n",
                "          sources:\n            - source: career-trend\n              quote: \"Call Them (Maybe)\"\n"
                "            - journalismjobs\n", after="- id: call-after-date")
    where = position(text, '"Call Them', after="- id: call-after-date")
    found = at(problems(text), where)
    assert len(found) == 1 and "rule 'call-after-date'" in found[0] and "cannot quote the article" in found[0]


def test_the_article_may_be_quoted_for_its_own_advice_and_cited_plainly_beyond_it(guidance):
    beyond = [rec for _, rec in guidance.recommendations() if rec.beyond_source]
    assert any(citation.source == "career-trend" and citation.quote is None for rec in beyond for citation in rec.sources)
    own = [rec for _, rec in guidance.recommendations() if not rec.beyond_source]
    assert any(citation.source == "career-trend" and citation.quote for rec in own for citation in rec.sources)


def test_a_quoted_citation_of_an_unknown_source_is_located():
    text = edit(original(), "          - source: ramsey-sales\n", "          - source: ramsey-sale\n")
    where = position(text, "- source: ramsey-sale\n", offset=2)
    found = problems(text)
    assert any(line.startswith(where.rsplit(":", 1)[0]) and "unknown source 'ramsey-sale'; did you mean "
               "'ramsey-sales'?" in line for line in found), found


def test_an_unknown_key_in_a_citation_is_named():
    text = edit(original(), "            quote: \"You want to walk right up", "            qoute: \"You want to walk right up")
    found = problems(text)
    assert any("unknown key 'qoute'" in line and "did you mean 'quote'?" in line for line in found), found


def test_month_names_must_be_twelve():
    text = edit(original(), "    de: Januar Februar März", "    de: Januar Februar")
    where = position(text, "Januar Februar April")
    assert at(problems(text), where) == [f"{where}: strings.month_names.de: needs the twelve month names, January "
                                         "first, separated by spaces"]


# --- what the pages show --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_quote_is_beside_its_claim_in_the_sources_language_with_links(guidance, lang):
    pages = rendered(guidance, lang)
    sources = {source.id: source for source in guidance.sources}
    quoted = 0
    for phase, rec in guidance.recommendations():
        section = pages[f"guide/{phase.id}.md"].split(f"{{ #{rec.id} }}", 1)[1].split("\n## ", 1)[0]
        for citation in rec.sources:
            source = sources[citation.source]
            assert f"(../sources.md#{source.id}) (<a class=\"coach-cite__original\" href=\"{source.url}\"" in section
            if citation.quote is None:
                continue
            quoted += 1
            details = re.search(r'<details class="coach-quote">\n<summary>[^<]*</summary>\n<blockquote '
                                r'class="coach-quote__text" lang="(\w+)" cite="([^"]+)"><p>(.*?)</p></blockquote>\n'
                                r'<p class="coach-quote__source"><a href="([^"]+)"',
                                section[section.index(_escaped(citation.quote)) - 400:], re.S)
            assert details, (rec.id, citation.source)
            assert details.group(1) == source.language and details.group(2) == source.url == details.group(4)
    assert quoted >= 20


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") \
        .replace("'", "&#39;")


def test_the_sources_page_links_every_source_and_dates_it(guidance):
    english, german = rendered(guidance, "en")["sources.md"], rendered(guidance, "de")["sources.md"]
    for source in guidance.sources:
        for page in (english, german):
            entry = page.split(f"{{ #{source.id} }}", 1)[1].split("\n## ", 1)[0]
            assert f'<a href="{source.url}" rel="noreferrer"' in entry, source.id
    stetson = german.split("{ #stetson-career-development }", 1)[1].split("\n## ", 1)[0]
    assert 'lang="en"><cite>Thank You Letters</cite>' in stetson
    assert "ohne Datum, abgerufen im November 2026 · auf Englisch" in stetson
    assert "undated, checked November 2026" in english.split("{ #stetson-career-development }", 1)[1]
    abi = english.split("{ #abi-ostenrath }", 1)[1].split("\n## ", 1)[0]
    assert 'lang="de"><cite>Sich freuen oder um Feedback bitten</cite>' in abi and "in German" in abi
    assert "20. November 2017" in german.split("{ #accountemps-2017 }", 1)[1].split("\n## ", 1)[0]
    assert "November 20, 2017" in english.split("{ #accountemps-2017 }", 1)[1].split("\n## ", 1)[0]


def test_checklist_items_link_their_sources_and_the_originals(guidance):
    page = rendered(guidance, "de")["checklist/index.md"]
    for item in guidance.checklist.all_items():
        for ref in item.sources:
            source = next(s for s in guidance.sources if s.id == ref)
            assert f'href="../sources/#{ref}"' in page and f'href="{source.url}" rel="noreferrer">Original</a>' in page


# --- the US block letter: the date comes before the inside address ---------------------------------------

def test_the_block_letter_puts_the_date_before_the_inside_address(guidance):
    section = guidance.templates
    letter = next(item for item in section.items if item.id == "thank-you-letter")
    english, german = drafts.page_data(section, letter, "en"), drafts.page_data(section, letter, "de")
    assert english["layout"] == "block-letter" and german["layout"] == "din-5008"
    assert english["parts"].index("info") < english["parts"].index("recipient")
    assert list(english["texts"]) == english["parts"]
    # DIN 5008 places the information block beside the address field, after it in the document.
    assert german["parts"].index("recipient") < german["parts"].index("info")
    page = rendered(guidance, "en")["templates/thank-you-letter.md"]
    assert page.index('data-part="info"') < page.index('data-part="recipient"')


def test_a_layout_order_must_list_each_part_once():
    text = edit(original(), "          block-letter: [letterhead, info, recipient, subject, body, closing, signature]",
                "          block-letter: [letterhead, info, subject, body, closing, signature]")
    where = position(text, "block-letter: [letterhead, info, subject", offset=14)
    found = [line for line in problems(text) if "list each part of the kind once" in line]
    assert len(found) == 1 and found[0].split(": ", 1)[0].rsplit(":", 1)[0] == where.rsplit(":", 1)[0]


# --- the sources page: what each source backs ------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "de"])
def test_each_source_names_the_plan_steps_whose_timing_it_backs_and_links_them(guidance, compiled, built_site, lang):
    site = Site(built_site)
    address = ("de/" if lang == "de" else "") + "sources/"
    page = site.page(address)
    timings = {timing.id: timing for timing in guidance.timings}
    expected: dict[str, set[str]] = {}
    for plan in compiled.plans:
        for step, _ in plan.steps():
            for citation in timings[step.timing].sources if step.timing else []:
                expected.setdefault(citation.source, set()).add(" ".join(step.title.in_(lang).split()))
    assert expected, "no step names a timing with sources: nothing to check"
    label = guidance.strings.cited_for_timing.in_(lang)
    content = page.find("article") or page
    found: dict[str, set[str]] = {}
    source_id = None
    for element in content.iter():
        if element.tag == "h2":
            source_id = element.attrs.get("id")
        elif element.tag == "p" and element.text().startswith(label):
            for link in element.find_all("a", "href"):
                found.setdefault(source_id, set()).add(link.text())
                target = site.link(address, link.attrs["href"])
                fragment = link.attrs["href"].split("#", 1)[1]
                step = site.page(target).find("li", "id", fragment)
                assert step is not None and "wizard-step" in step.attrs.get("class", ""), link.attrs["href"]
                assert link.text() in step.text(), f"{link.attrs['href']} is not the step '{link.text()}'"
    assert found == expected
