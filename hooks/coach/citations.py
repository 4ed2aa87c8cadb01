"""Sources a reader can open, and citations a reader can check.

Every source has an address and a date (or the month it was checked, for a page that shows none).
A citation names a source and may quote the passage that supports the claim; the quote is short, and
the source article is never quoted in support of advice that goes beyond it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .ids import dangling
from .model import LANGUAGES, Guidance
from .model.content import MAX_QUOTE_WORDS, Citation, Source
from .source import Located, Problem, describe


def ids(citations: Iterable[Citation]) -> list[str]:
    """The source ids of a list of citations, in order."""
    return [citation.source for citation in citations]


def words(text: str) -> int:
    return len(text.split())


# --- sources ----------------------------------------------------------------------------------------------

def _check_source(located: Located, source: Source) -> list[Problem]:
    path = source.path
    problems = []
    if source.year is None and source.date is None and source.accessed is None:
        problems.append(located.problem(path + ("id",), f"source '{source.id}' has no date: give its year (or "
                                                         "date), or, for a page that shows no date, the month "
                                                         "it was checked as accessed: YYYY-MM"))
    if source.year is not None and source.date is not None and source.date[:4] != str(source.year):
        problems.append(located.problem(path + ("year",), f"source '{source.id}': year {source.year} does not "
                                                          f"match its date {source.date}"))
    if source.url.startswith("http:") and not source.http_only:
        problems.append(located.problem(path + ("url",), f"source '{source.id}': the address is http:, not https:; "
                                                         "use the https: address, or mark http_only: true if the "
                                                         "page could be verified only at this address"))
    if source.http_only and source.url.startswith("https:"):
        problems.append(located.problem(path + ("http_only",), f"source '{source.id}': http_only: true, but the "
                                                               "address is https:; remove http_only"))
    return problems


def check_sources(guidance: Guidance, located: Located) -> list[Problem]:
    problems = [problem for source in guidance.sources for problem in _check_source(located, source)]
    months = guidance.strings.month_names
    for lang in LANGUAGES:
        if len(months.in_(lang).split()) != 12:
            where = months.path + (lang,)
            problems.append(located.problem(where, f"{describe(where)}: needs the twelve month names, January "
                                                   "first, separated by spaces"))
    return problems


# --- citations ----------------------------------------------------------------------------------------------

def check_citations(located: Located, guidance: Guidance, node: Any, name: str) -> list[Problem]:
    """The citations of a recommendation, wizard rule or template: known sources, short quotes, and no
    quote from the source article in support of advice beyond it."""
    known = [source.id for source in guidance.sources]
    primary = {source.id for source in guidance.sources if source.primary}
    beyond = getattr(node, "beyond_source", False)
    problems: list[Problem] = []
    for index, citation in enumerate(node.sources):
        path = node.path + ("sources", index)
        problems += dangling(located, path, citation.source, known, "source")
        if citation.quote is None:
            continue
        count = words(citation.quote)
        if count > MAX_QUOTE_WORDS:
            problems.append(located.problem(path + ("quote",), f"{describe(path)}: the quote has {count} words; "
                                                               f"quote at most {MAX_QUOTE_WORDS}, the passage "
                                                               "that supports the claim"))
        if beyond and citation.source in primary:
            problems.append(located.problem(path + ("quote",), f"{name} goes beyond the source article "
                                                               "(beyond_source: true), so it cannot quote the "
                                                               "article in its support; quote another source, "
                                                               "or cite the article without a quote"))
    return problems
