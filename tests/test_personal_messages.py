"""Personal, not a form letter: each per-person message is built around what that conversation was about.

Issue 8: two people's messages with different details must differ in more than the name. The details are
the per-person fields that must differ between people (they carry a distinct_warning); each message
template asks for them and its body uses them in a paragraph of their own.
"""

from __future__ import annotations

import re

import pytest

from coach.labels import fill, names_in
from coach.model import LANGUAGES

NAME_FIELDS = {"salutation", "first_name", "last_name", "their_email"}


def details(guidance) -> list[str]:
    """Per-person fields that must differ between people: what a message is built around."""
    per_person = {group.id for group in guidance.templates.groups if group.per_person}
    return [entry.id for entry in guidance.templates.placeholders
            if entry.scope in per_person and entry.distinct_warning is not None and entry.id not in NAME_FIELDS]


def personal_templates(guidance):
    """Templates written to each interviewer in turn: they require something from that conversation.
    (A check-in goes to one contact person and asks for no such detail; a reply to a rejection may
    mention a topic, but it is one message to one person.)"""
    wanted = set(details(guidance))
    return [item for item in guidance.templates.items
            if wanted & {name for name, need in item.placeholders.items() if need == "required"}]


def test_there_are_personal_templates_and_details_to_build_them_on(guidance):
    assert {item.id for item in personal_templates(guidance)} >= {"thank-you-email", "thank-you-letter"}
    assert len(details(guidance)) >= 2  # a topic alone differs in a few words; a sentence of one's own does not


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_personal_message_requires_every_detail_and_builds_a_paragraph_on_them(guidance, lang):
    wanted = details(guidance)
    for item in personal_templates(guidance):
        if item.kind not in ("email", "letter"):
            continue  # a phone script is spoken, not sent: one topic is enough to prepare
        assert all(item.placeholders.get(name) == "required" for name in wanted), item.id
        body = item.texts["body"].in_(lang)
        paragraphs = body.split("\n\n")
        holding = [p for p in paragraphs if set(wanted) <= set(names_in(p))]
        assert holding, f"{item.id}: no paragraph uses all of {wanted}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_peoples_messages_differ_in_more_than_name_and_topic(guidance, lang):
    wanted = details(guidance)
    shared = {"position": "Analyst", "company": "Northwind", "interview_date": "May 4", "your_name": "Alex",
              "your_phone": "", "your_email": "", "greeting": "Hello,"}
    assert set(wanted) == {"topic", "takeaway"}  # the values below
    people = [{"topic": "release planning", "takeaway": "Weekly steps are how I like to work."},
              {"topic": "the onboarding program", "takeaway": "I would gladly mentor new colleagues myself."}]
    for item in personal_templates(guidance):
        if item.kind not in ("email", "letter"):
            continue
        body = item.texts["body"].in_(lang)
        texts = []
        for person in people:
            values = {name: person.get(name, shared.get(name, f"<{name}>")) for name in names_in(body)}
            texts.append(fill(body, **values))
        words = [set(re.findall(r"\w+", text)) for text in texts]
        topic_words = set(re.findall(r"\w+", people[0]["topic"] + " " + people[1]["topic"]))
        differing = (words[0] ^ words[1]) - topic_words
        assert len(differing) >= 8, f"{item.id}: the two messages differ only in {sorted(differing)}"
