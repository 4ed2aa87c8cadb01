"""MkDocs event handlers: thin glue between MkDocs and the coach package beside this file.

guidance.yaml is read inside the handlers (not at import time), because `mkdocs serve`
imports this module once and would otherwise keep serving stale content.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

import coach
from coach import csp

GUIDANCE = Path(__file__).resolve().parent.parent / "guidance.yaml"

_current: coach.Guidance | None = None
_rendered: list[coach.RenderedPage] = []


def _language(config) -> str:
    return config.theme["language"]


def on_config(config):
    # Everything is checked and rendered here, before MkDocs empties site_dir: a broken
    # guidance.yaml leaves the last good site in place, with `mkdocs build` and `serve` too.
    global _current, _rendered
    try:
        _current = coach.load_guidance(GUIDANCE)
    except coach.GuidanceError as error:
        # PluginError ends the build cleanly, before anything is written to site_dir.
        raise PluginError(f"guidance.yaml has {len(error.problems)} problem(s):\n{error.report()}") from None
    lang = _language(config)
    view = _current.view(lang)
    config.site_name = view["site"]["name"]
    config.site_description = view["site"]["description"]
    config.nav = coach.navigation(_current, lang)
    config.extra["coach_not_found"] = coach.pages.not_found(_current, lang)
    _rendered = coach.render_site(_current, lang)
    return config


def on_files(files: Files, config) -> Files:
    for page in _rendered:
        # Explicitly included: MkDocs would otherwise skip anything under templates/.
        files.append(File.generated(config, page.path, content=page.content, inclusion=InclusionLevel.INCLUDED))
    return files


# --- Content-Security-Policy: each page carries its own (hooks/coach/csp.py) -----------------

def on_post_page(output: str, page, config) -> str:
    return csp.with_policy(output)


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html is a theme template, not a page.
    return csp.with_policy(output) if template_name.endswith(".html") else output
