"""The site, its sources and statistics, the guide (pages and phases) and the checklist."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from .base import LANGUAGES, Condition, Id, Ids, Label, LabelSet, Name, Node, NonEmpty, Text

Year = Annotated[int, Field(ge=1900, le=2100)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
                    Field(description="YYYY-MM-DD")]
Month = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$"), Field(description="YYYY-MM")]
# A quote longer than this is no longer a passage a reader checks at a glance.
MAX_QUOTE_WORDS = 30


class Citation(Node):
    """A cited source; with `quote`, the passage that supports the claim, shown beside it."""

    source: Id = Field(description="Id of a source.")
    quote: NonEmpty | None = Field(None, description=f"The passage that supports the claim, word for word and in "
                                                     f"the source's language; at most {MAX_QUOTE_WORDS} words.")


def _as_citation(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


# In guidance.yaml a citation is a source id, or {source: id, quote: "..."} when the passage is quoted.
Citations = Annotated[
    list[Annotated[Citation, BeforeValidator(_as_citation, json_schema_input_type=Id | Citation)]],
    Field(min_length=1, description="The sources that support this: ids, or {source: id, quote: passage}."),
]


class Site(Node):
    name: Text = Field(description="Site name in the header and the browser tab.")
    description: Text = Field(description="Default meta description.")
    storage_namespace: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        description="Prefix of everything the site keeps in the browser's storage, e.g. follow-up-coach. "
                    "Change it and visitors' stored entries are no longer found.")


class SiteStrings(LabelSet):
    """Labels the site's templates and scripts show (buttons, headings), by key."""

    used_by: ClassVar[str] = "the site's templates"
    nav_home: Text
    nav_guide: Text
    nav_sources: Text
    not_found_heading: Text = Field(description="Heading of the page shown for an address that does not exist.")
    not_found_text: Text
    why: Text
    sources_label: Text
    from_source: Text
    beyond_source: Text
    avoid_label: Text
    in_figures: Text
    figure_sample: Label("year", "sample", description="A survey's year and sample.")
    guide_phases: Label("number", "total", description="Which phase of the guide, of how many.")
    statistics_heading: Text
    statistics_age_note: Text
    home_now_heading: Text
    cited_by: Text
    cited_for_timing: Text = Field(description="On the sources page, before the plan steps whose timing a source "
                                               "backs.")
    template_use_when: Text
    original: Text = Field(description="Link text of a citation's link to the source itself, e.g. 'original'.")
    quote_from: Label("source", description="Summary of a quoted passage, e.g. 'Quote from {source}'.")
    in_other_language: Text = Field(description="After a source title in the other language of the site: en "
                                                "'in German', de 'auf Englisch'.")
    undated: Label("month", description="A source without a date of its own, with the month it was checked.")
    date_format: Label("day", "month", "year", description="A full date, e.g. '{month} {day}, {year}'.")
    month_names: Text = Field(description="The twelve month names, January first, separated by spaces.")


class Source(Node):
    id: Id
    primary: bool = Field(False, description="true for the source article the site is built on.")
    author: NonEmpty = Field(description="Who wrote it: a person, or the organisation when no author is named.")
    title: NonEmpty = Field(description="The title exactly as published, in the source's language.")
    publisher: NonEmpty | None = None
    language: Literal[LANGUAGES] = Field(description="The language the source is written in; its title and "
                                                     "quotes are in this language.")
    year: Year | None = Field(None, description="Year of publication, where the source shows one.")
    date: IsoDate | None = Field(None, description="Date of publication, where the source shows one.")
    accessed: Month | None = Field(None, description="For a source that shows no date: the month it was checked, "
                                                     "YYYY-MM. Every source needs a year, a date or this.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://")] = Field(
        description="Where to read it: an https: address; http: only with http_only: true.")
    http_only: bool = Field(False, description="true when the page could be verified only at its http: address.")
    supports: Text = Field(description="What this source backs up, in a sentence.")
    kind: Literal["article", "survey", "career-guide", "standard"] = Field(description="What sort of source this is.")


class Statistic(Node):
    id: Id
    source: Id = Field(description="Id of a source.")
    year: Year
    sample: Text = Field(description="Who was asked, with how many, e.g. '300 HR managers'.")
    text: Text


class Recommendation(Node):
    id: Id
    kind: Literal["do", "avoid"] = Field(description="do: something to do; avoid: a mistake to stay clear of.")
    title: Text
    advice: Text
    because: Text = Field(description="Why this advice holds.")
    sources: Citations
    statistics: list[Id] = []
    beyond_source: bool = Field(False, description="true when the advice goes beyond the source article; it must "
                                                   "then cite another source.")


class Phase(Node):
    id: Id
    title: Text
    description: Text = Field(description="One sentence for search engines and link previews.")
    intro: Text
    recommendations: Annotated[list[Recommendation], Field(min_length=1)]


class HomeStep(Node):
    text: Text
    phase: Id = Field(description="Id of the phase that explains this step.")


class HomePage(Node):
    title: Text
    description: Text
    lead: Text
    steps: Annotated[list[HomeStep], Field(min_length=1)]
    guide_link: Text
    plan_link: Text = Field(description="The main button: to the decision wizard.")
    tools_heading: Text = Field(description="Heading above the links to the wizard, checklist and templates.")


class Page(Node):
    title: Text
    description: Text
    intro: Text


class Pages(Node):
    home: HomePage
    guide: Page
    sources: Page


class ChecklistItem(Node):
    id: Id = Field(description="Stable: stored ticks and plan pages refer to it.")
    action: Text = Field(description="One line: what to do.")
    detail: Text | None = None
    sources: Ids
    only_if: Condition | None = Field(None, description="Show it on a plan only when this holds for the plan's "
                                                          "decisions, e.g. `channel: [email]`. Leave out for every plan.")


class ChecklistGroup(Node):
    id: Id
    title: Text
    items: Annotated[list[ChecklistItem], Field(min_length=1)]


class ChecklistLabels(LabelSet):
    """Labels of the checklist's buttons and messages (also used on pages that show checklist items)."""

    progress: Label("done", "total", description="Progress, with {done} and {total}.")
    reset: Text = Field(description="The button that removes all ticks.")
    reset_confirm: Text = Field(description="Asked before removing all ticks.")
    reset_done: Text = Field(description="Announced after removing all ticks.")
    print: Text = Field(description="The print button.")
    saved_note: Text = Field(description="Where ticks are kept.")
    not_saved: Text = Field(description="Shown when the browser does not let the site keep ticks.")


class Checklist(Node):
    """The checklist page: items grouped by when to do them. Plan pages show the items that fit the plan."""

    title: Text
    description: Text
    intro: Text
    groups: Annotated[list[ChecklistGroup], Field(min_length=1)]
    labels: ChecklistLabels

    def all_items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]


__all__ = ["MAX_QUOTE_WORDS", "Checklist", "ChecklistGroup", "ChecklistItem", "Citation", "Citations", "Name", "Page",
           "Pages", "Phase", "Recommendation", "Site", "SiteStrings", "Source", "Statistic"]
