"""Helpers for browser tests: axe-core (bundled in axe-playwright-python, works offline)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
# WCAG 2.2 AA includes target size; axe leaves that rule off unless asked.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}


def axe_violations(page) -> list[str]:
    results = _axe.run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


def site_pages(built_site) -> list[str]:
    """Paths of every HTML page of both languages, relative to the site root."""
    paths = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths
