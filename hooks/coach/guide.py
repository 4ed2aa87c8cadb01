"""The guide section: home page, one guide page per phase and the sources page, per language."""

from __future__ import annotations

from . import citations
from .ids import dangling, dangling_list, unique_ids
from .labels import fill
from .markup import inline_markdown
from .model import LANGUAGES, Guidance
from .rendering import RenderedPage, in_language, render
from .source import Located, Problem

HOME = "index.md"
INDEX = "guide/index.md"
SOURCES = "sources.md"


def phase_path(phase_id: str) -> str:
    return f"guide/{phase_id}.md"


# --- checks ----------------------------------------------------------------------------------------

def primary_sources(guidance: Guidance) -> set[str]:
    return {source.id for source in guidance.sources if source.primary}


def check_cites_source_article(located: Located, guidance: Guidance, node, name: str) -> list[Problem]:
    """Advice cites the source article, or says it goes beyond it and cites another source."""
    primary = primary_sources(guidance)
    if not primary:
        return []
    cited = citations.ids(node.sources)
    if node.beyond_source and all(ref in primary for ref in cited):
        return [located.problem(node.path + ("sources",), f"{name} goes beyond the source article "
                                                          "(beyond_source: true) and must cite another source")]
    if not node.beyond_source and not any(ref in primary for ref in cited):
        return [located.problem(node.path + ("sources",), f"{name} does not cite the source article; cite it, "
                                                          "or mark the advice 'beyond_source: true'")]
    return []


def checks(guidance: Guidance, located: Located) -> list[Problem]:
    sources, problems = unique_ids(located, guidance.sources, "source")
    statistics, found = unique_ids(located, guidance.statistics, "statistic")
    problems += found
    phases, found = unique_ids(located, guidance.phases, "phase")
    problems += found
    recommendations = [rec for _, rec in guidance.recommendations()]
    problems += unique_ids(located, recommendations, "recommendation")[1]
    primary = [source for source in guidance.sources if source.primary]
    if len(primary) != 1:
        at = primary[1].path if len(primary) > 1 else ("sources",)
        problems.append(located.problem(at, "exactly one source must be 'primary: true' (the source article); "
                                            f"found {len(primary)}"))
    for stat in guidance.statistics:
        problems += dangling(located, stat.path + ("source",), stat.source, sources, "source")
    problems += citations.check_sources(guidance, located)
    for rec in recommendations:
        problems += citations.check_citations(located, guidance, rec, f"recommendation '{rec.id}'")
        problems += dangling_list(located, rec, "statistics", statistics, "statistic")
        problems += check_cites_source_article(located, guidance, rec, f"recommendation '{rec.id}'")
    for step in guidance.pages.home.steps:
        problems += dangling(located, step.path + ("phase",), step.phase, phases, "phase")
    return problems


# --- pages ----------------------------------------------------------------------------------------------

def date_text(source, strings) -> str:
    """When a source appeared, in the page's language: its date, its year, or the month it was checked."""
    months = strings.month_names.split()
    if source.date:
        year, month, day = (int(part) for part in source.date.split("-"))
        return fill(strings.date_format, day=day, month=months[month - 1], year=year)
    if source.year:
        return str(source.year)
    year, month = (int(part) for part in source.accessed.split("-"))
    return fill(strings.undated, month=f"{months[month - 1]} {year}")


def _context(guidance: Guidance, lang: str) -> dict:
    view = in_language(guidance, lang)
    cited_by: dict[str, list[dict]] = {source.id: [] for source in guidance.sources}
    for phase, rec in guidance.recommendations():
        for ref in citations.ids(rec.sources):
            cited_by[ref].append({"phase": in_language(phase, lang), "rec": in_language(rec, lang)})
    return {
        "lang": lang,
        "site": view.site,
        "t": view.strings,
        "pages": view.pages,
        "phases": view.phases,
        "phase_by_id": {phase.id: phase for phase in view.phases},
        "sources": {source.id: source for source in view.sources},
        "dates": {source.id: date_text(source, view.strings) for source in view.sources},
        "statistics": {stat.id: stat for stat in view.statistics},
        "cited_by": cited_by,
        "phase_path": phase_path,
        # The home page is the hub: it introduces the other sections by their own titles.
        "tools": [(view.wizard, "wizard/index.md"), (view.checklist, "checklist/index.md"),
                  (view.templates, "templates/index.md")],
    }


def render_pages(guidance: Guidance, lang: str) -> list[RenderedPage]:
    from . import wizard  # the home page is the wizard's start page; wizard imports this module

    context = _context(guidance, lang)
    context["table_link"] = guidance.wizard.strings.table_link.in_(lang)
    context["table_title"] = guidance.wizard.table.title.in_(lang)
    timed_by = wizard.timing_citations(guidance, lang, SOURCES)  # the plan steps whose timing a source backs
    pages = [RenderedPage(HOME, render("home.md.j2", context, doors=wizard.doors(guidance, lang, HOME))),
             RenderedPage(INDEX, render("guide_index.md.j2", context)),
             RenderedPage(SOURCES, render("sources.md.j2", context, timed_by=timed_by))]
    for index, phase in enumerate(context["phases"]):
        pages.append(RenderedPage(phase_path(phase.id), render("phase.md.j2", context, phase=phase, number=index + 1)))
    return pages


def nav(guidance: Guidance, lang: str) -> list:
    """Home and the guide in time order. The sources go last (sources_nav)."""
    strings = guidance.strings
    guide = [INDEX] + [{phase.title.in_(lang): phase_path(phase.id)} for phase in guidance.phases]
    return [{strings.nav_home.in_(lang): HOME}, {strings.nav_guide.in_(lang): guide}]


def not_found(guidance: Guidance, lang: str) -> list[dict]:
    """The 404 page's texts, this language first. Static hosts serve the root 404.html for every
    missing address, other languages' too, so each 404 page carries every language."""
    strings = guidance.strings
    return [{"lang": code, "heading": strings.not_found_heading.in_(code),
             "text": inline_markdown(strings.not_found_text.in_(code)), "home": strings.nav_home.in_(code)}
            for code in sorted(LANGUAGES, key=lambda code: code != lang)]


def sources_nav(guidance: Guidance, lang: str) -> list:
    return [{guidance.strings.nav_sources.in_(lang): SOURCES}]
