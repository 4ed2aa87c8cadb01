"""The templates section: texts people fill in and copy, the form's fields, salutations and labels."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from .base import ByLanguage, Id, Ids, Label, LabelSet, Name, Node, NonEmpty, Text
from .content import Citations

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$"),
                        Field(description="A language tag such as en-US, en-GB or de-DE.")]
Word = Annotated[str, StringConstraints(pattern=r"^\w+$")]


class Printing(Node):
    layouts: Annotated[list[Id], Field(min_length=1)] = Field(
        description="Page layouts a template of this kind may use (each has its print style in the site's CSS).")
    order: dict[Id, Annotated[list[Name], Field(min_length=1)]] = Field(
        {}, description="Layout -> its parts in reading order, where it differs from the kind's parts (a US block "
                        "letter puts the date before the inside address).")


class TemplateKind(Node):
    """What a kind of template is made of and what the form offers for it."""

    id: Id
    parts: Annotated[list[Name], Field(min_length=1)] = Field(
        description="The texts of a template of this kind, in reading order, e.g. [subject, body].")
    copy_buttons: dict[Name, Annotated[list[Name], Field(min_length=1)]] = Field(
        description="Copy buttons: button name -> the parts it copies, joined by blank lines. Each button's "
                    "label is templates.labels.copy_<name>.")
    mail_to: bool = Field(False, description="Templates of this kind may name a mail_to placeholder "
                                             "(an 'open in your email app' link).")
    print: Printing | None = Field(None, description="Printed, one page per person, in one of these layouts.")


class Layout(ByLanguage):
    en: Id
    de: Id


class Template(Node):
    id: Id = Field(description="Stable: it is the page's URL (templates/<id>/) and plans refer to it.")
    kind: Id = Field(description="One of templates.kinds.")
    title: Text
    description: Text
    use_when: Text = Field(description="When this template is the right one.")
    sources: Citations
    placeholders: dict[Name, Literal["required", "optional"]] = Field(
        {}, description="The placeholders this template uses, each 'required' or 'optional'. Every one must be "
                        "used in the texts, and every one used must be listed.")
    layout: Layout | None = Field(None, description="Printed kinds: the layout per language.")
    texts: dict[Name, Text] = Field(description="One text per part of its kind. Write each paragraph on one line; "
                                                "a blank line separates paragraphs.")
    mail_to: Name | None = Field(None, description="The placeholder holding the recipient's address, for the "
                                                   "'open in your email app' link.")
    checklist: Annotated[list[Id], Field(min_length=1)] | None = Field(
        None, description="Ids of checklist items shown on this template's page, to tick off there.")


class FieldGroup(Node):
    id: Name
    legend: Text
    per_person: bool = Field(False, description="Asked once for each person written to.")


class Placeholder(Node):
    id: Name
    scope: Name = Field(description="The form's field group (templates.groups) that asks for it.")
    input: Literal["text", "email", "tel", "date", "multiline", "salutation", "derived"] = Field(
        description="The form field. salutation: a choice from 'salutations'; derived: no field, the text comes "
                    "from the chosen salutation.")
    autocomplete: Annotated[str, StringConstraints(pattern=r"^[a-z-]+$")] | None = Field(
        None, description="The browser's autofill hint for the writer's own details (name, email, tel, ...).")
    default: Literal["today"] | None = Field(None, description="Dates only: start with today's date.")
    label: Text
    help: Text
    example: Text
    distinct_warning: Label("other", description="Warn when two people get the same value; {other} names the "
                                                 "other person.") | None = None


class Salutation(Node):
    id: Id
    label: NonEmpty = Field(description="The choice as shown in the form.")
    forms: dict[Name, NonEmpty] = Field(description="For each derived placeholder, its text with this salutation, "
                                                    "e.g. greeting: 'Dear Ms. {last_name},'.")


class Salutations(ByLanguage):
    en: Annotated[list[Salutation], Field(min_length=1)]
    de: Annotated[list[Salutation], Field(min_length=1)]


class DateLocale(ByLanguage):
    en: LanguageTag
    de: LanguageTag


class AddressWords(Node):
    formal: Annotated[list[Word], Field(min_length=1)]
    informal: Annotated[list[Word], Field(min_length=1)]


class AddressMix(ByLanguage):
    en: AddressWords | None = None
    de: AddressWords | None = None


class TemplateChecks(Node):
    """Settings of the warnings the fill-in form shows."""

    max_words: Annotated[int, Field(ge=20, le=1000)] = Field(
        description="A text to send longer than this many words gets a warning.")
    address_mix: AddressMix = Field(description="Per language: words of the formal and of the informal 'you'. "
                                                "A text that uses both gets a warning.")


class TemplateLabels(LabelSet):
    """Labels of the template pages and the fill-in form, its buttons and warnings."""

    static_heading: Text
    static_hint: Text
    static_hint_plain: Text
    placeholders_heading: Text
    related_checklist: Text
    form_heading: Text
    form_intro: Text
    person_legend: Label("n", description="One person's fields, with {n}.")
    add_person: Text
    remove_person: Label("n", description="Button: remove person {n}.")
    person_added: Label("n", description="Announced after adding person {n}.")
    person_removed: Text
    optional: Text
    example: Text
    choose: Text
    outputs_heading: Text
    output_for: Label("name", description="Heading of one text, with {name}.")
    person_fallback: Label("n", description="Names person {n} while their name is empty.")
    subject: Text
    copy_subject: Text
    copy_body: Text
    copied: Text
    copy_failed: Text
    open_email: Text
    print_all: Text
    print_hint: Text
    warnings_heading: Text
    no_warnings: Text
    warn_required: Label("fields", description="A required field is empty; {fields} lists them.")
    warn_leftover: Label("placeholders", description="A placeholder is left in the text.")
    warn_same_text: Label("other", description="Two people get the same text; {other} names the other person.")
    warn_too_long: Label("count", "max", description="A text is too long; {count} words, {max} allowed.")
    warn_emoji: Text
    warn_exclamation: Text
    warn_address_mix: Text
    privacy_heading: Text
    privacy_note: Text
    remember: Text
    remember_help: Text
    forget: Text
    forget_confirm: Text
    forgotten: Text
    not_saved: Text
    save_failed: Text
    length_count: Label("count", "max", description="Characters used in a long field; filled in by the script.")
    length_cut: Label("max", description="A pasted text was cut to {max} characters.")
    date_range: Label("earliest", "latest", description="A date outside the accepted range; filled in by the script.")


class Templates(Node):
    """Texts people fill in and copy. Each template is a page at templates/<id>/."""

    title: Text
    description: Text
    intro: Text
    kinds: Annotated[list[TemplateKind], Field(min_length=1)]
    items: Annotated[list[Template], Field(min_length=1)]
    labels: TemplateLabels
    groups: Annotated[list[FieldGroup], Field(min_length=1)] = Field(
        description="The form's field groups, in order; each placeholder names its group as its scope.")
    placeholders: Annotated[list[Placeholder], Field(min_length=1)]
    salutations: Salutations
    name_in_headings: Name = Field(description="The placeholder that names a person in headings and warnings.")
    date_locale: DateLocale = Field(description="How dates are written in the texts, as a language tag.")
    checks: TemplateChecks


__all__ = ["FieldGroup", "Placeholder", "Salutation", "Template", "TemplateKind", "Templates"]
