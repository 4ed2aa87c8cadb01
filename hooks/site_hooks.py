"""MkDocs event handlers: thin glue between MkDocs and the coach package beside this file.

guidance.yaml is read inside the handlers (not at import time), because `mkdocs serve`
imports this module once and would otherwise keep serving stale content.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

import coach

GUIDANCE = Path(__file__).resolve().parent.parent / "guidance.yaml"
SCHEMA = GUIDANCE.with_name("guidance.schema.json")

_current: coach.Guidance | None = None


def _language(config) -> str:
    return config.theme["language"]


# tools/coach_site.py builds both languages in one process, and MkDocs imports a hook file once per
# process: the checked guidance is kept for the next language while the files' content is unchanged.
_checked: dict[bytes, coach.Guidance] = {}


def _load_checked() -> coach.Guidance:
    key = hashlib.sha256(GUIDANCE.read_bytes() + b"\0" + SCHEMA.read_bytes()).digest()
    if key not in _checked:
        guidance = coach.load_guidance(GUIDANCE)  # raises on any problem: nothing is kept
        _checked.clear()
        _checked[key] = guidance
    return _checked[key]


def on_config(config):
    global _current
    try:
        _current = _load_checked()
    except coach.GuidanceError as error:
        # PluginError ends the build cleanly, before anything is written to site_dir.
        raise PluginError(f"guidance.yaml has {len(error.problems)} problem(s):\n{error.report()}") from None
    lang = _language(config)
    view = _current.view(lang)
    config.site_name = view["site"]["name"]
    config.site_description = view["site"]["description"]
    config.nav = coach.navigation(_current, lang)
    return config


def on_files(files: Files, config) -> Files:
    for page in coach.render_site(_current, _language(config)):
        # Explicitly included: MkDocs would otherwise skip anything under templates/.
        files.append(File.generated(config, page.path, content=page.content, inclusion=InclusionLevel.INCLUDED))
    return files
