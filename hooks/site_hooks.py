"""MkDocs event handlers: thin glue between MkDocs and the coach package beside this file.

The guidance file is named in mkdocs.yml (`extra.coach.guidance`, relative to mkdocs.yml) and read
inside the handlers, not at import time: `mkdocs serve` imports this module once and would otherwise
keep serving stale content.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

import coach
from coach import csp, guide, minifier
from coach.model import LANGUAGES

log = get_plugin_logger(__name__)
_current: coach.Guidance | None = None
_rendered: list[coach.RenderedPage] = []


def _options(config) -> dict:
    options = config.extra.get("coach")
    if not isinstance(options, dict) or not isinstance(options.get("guidance"), str):
        raise PluginError("mkdocs.yml: set extra.coach.guidance to the guidance file, e.g. guidance.yaml")
    return options


def _language(config) -> str:
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise PluginError(f"theme.language is {lang!r}; the guidance has texts in {', '.join(LANGUAGES)}")
    return lang


# tools/coach_site.py builds both languages in one process, and MkDocs imports a hook file once per
# process: the checked (and rendered) guidance is kept for the next language while the file is unchanged.
_checked: dict[tuple[Path, bytes], coach.Guidance] = {}


def _load_checked(path: Path) -> coach.Guidance:
    try:
        key = (path, hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return coach.load_guidance(path)  # missing, a folder, unreadable: the loader says so, located
    if key not in _checked:
        guidance = coach.load_guidance(path)  # raises on any problem: nothing is kept
        _checked.clear()
        _checked[key] = guidance
    return _checked[key]


def on_config(config):
    # Everything is checked and rendered here, before MkDocs empties site_dir: a broken
    # guidance file leaves the last good site in place, with `mkdocs build` and `serve` too.
    global _current, _rendered
    options = _options(config)
    path = Path(config.config_file_path).resolve().parent / options["guidance"]
    try:
        _current = _load_checked(path)
    except coach.GuidanceError as error:
        # PluginError ends the build cleanly, before anything is written to site_dir.
        raise PluginError(f"{error.filename} has {len(error.problems)} problem(s):\n{error.report()}") from None
    lang = _language(config)
    config.site_name = _current.site.name.in_(lang)
    config.site_description = _current.site.description.in_(lang)
    # For the page templates (overrides/main.html): the browser scripts keep their data under this name.
    options["storage_namespace"] = _current.site.storage_namespace
    config.nav = coach.navigation(_current, lang)
    config.extra["coach_not_found"] = guide.not_found(_current, lang)
    _rendered = coach.render_site(_current, lang)
    return config


def on_files(files: Files, config) -> Files:
    for page in _rendered:
        # Explicitly included: MkDocs would otherwise skip anything under templates/.
        files.append(File.generated(config, page.path, content=page.content, inclusion=InclusionLevel.INCLUDED))
    return files


# --- Content-Security-Policy: each page carries its own (hooks/coach/csp.py) -----------------
# And nothing from another origin: a page that would load something from elsewhere is a warning, which
# fails the strict build (mkdocs.yml), as the reader's privacy promises.

# Plain `mkdocs serve` adds MkDocs' live-reload script inline, different on every request, which no
# policy written at build time can allow: the pages it serves go without one. `make serve` builds as
# `build` does and lets each served page's policy allow that script (tools/dev_server.py).
_plain_mkdocs_serve = False


def on_startup(command: str, dirty: bool) -> None:
    global _plain_mkdocs_serve
    _plain_mkdocs_serve = command == "serve"


def _checked_page(output: str, name: str, url: str) -> str:
    for address in csp.foreign_resources(output, url):
        log.warning(f"{name} loads {address} from another origin; this site loads nothing from elsewhere")
    # Minified before the policy hashes its inline scripts: minifying changes their text too.
    try:
        output = minifier.minified_html(output)
    except minifier.MinifyError as error:
        raise PluginError(f"{name} could not be minified: {error}") from None
    return output if _plain_mkdocs_serve else csp.with_policy(output)


def on_post_page(output: str, page, config) -> str:
    return _checked_page(output, page.file.src_uri, config.site_url + page.url)


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html is a theme template, not a page.
    if not template_name.endswith(".html"):
        return output
    return _checked_page(output, template_name, config.site_url + template_name)


# The minifier's child process (hooks/coach/minifier.py) lives for one build.
def on_post_build(config) -> None:
    minifier.stop()


def on_build_error(error) -> None:
    minifier.stop()
