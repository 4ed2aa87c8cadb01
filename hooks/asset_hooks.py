"""MkDocs event handlers: the site's own stylesheets and scripts (docs/assets) as the browser gets
them (hooks/coach/assets.py): minified, each page's feature files joined into one script and one
stylesheet, and the dark scheme's rules from Material's palette stylesheet at the start of coach.css.

Only files from docs/ are touched, in memory (docs/ keeps the readable source); Material's files are
minified already. Merging the palette rules saves every page a request and the colour rules of
Material's named palettes, which this site does not use (overrides/main.html no longer links
palette.css). Runs after site_hooks.py (mkdocs.yml lists it second), so the generated pages are there.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from coach import assets

SHARED_STYLESHEET = "assets/stylesheets/coach.css"
MATERIAL_PALETTE = "assets/stylesheets/palette.*.min.css"


def _feature_sets(files: Files) -> set[tuple[str, ...]]:
    """The features of every page, as their front matter names them."""
    found = set()
    for page in files.documentation_pages():
        _, meta = get_data(page.content_string)
        features = meta.get("coach_features") or []
        if features:
            found.add(tuple(sorted(features)))
    return found


def _joined_texts(files: Files) -> dict[str, str]:
    """One script and one stylesheet for each set of features some page has: path -> joined source."""
    joined = {}
    for features in _feature_sets(files):
        for bundle in (assets.script_bundle(features), assets.stylesheet_bundle(features)):
            if bundle:
                path, parts = bundle
                missing = [part for part in parts if files.get_file_from_path(part) is None]
                if missing:
                    raise assets.AssetError(f"{path} joins {', '.join(missing)}, which docs/ does not have")
                joined[path] = "\n".join(files.get_file_from_path(part).content_string for part in parts)
    return joined


def _own_files(files: Files, docs: Path) -> list[File]:
    return [file for file in files if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs)]


def on_files(files: Files, config) -> Files:
    docs = Path(config["docs_dir"]).resolve()
    try:
        joined = _joined_texts(files)
        own = {file.src_uri: file for file in _own_files(files, docs) if assets.minifiable(file.src_uri)}
        for path in assets.feature_files() & own.keys():
            files.remove(own.pop(path))  # published only inside the joined files
        minified = assets.minified_all({**joined, **{path: file.content_string for path, file in own.items()}})
    except assets.AssetError as error:
        raise PluginError(str(error)) from None
    for path, file in own.items():
        file.content_string = minified[path]
    palette = next((file for file in files if fnmatch.fnmatch(file.src_uri, MATERIAL_PALETTE)), None)
    shared = files.get_file_from_path(SHARED_STYLESHEET)
    if shared is not None and palette is not None:
        shared.content_string = assets.scheme_rules(palette.content_string) + "\n" + shared.content_string
    for path in sorted(joined):
        files.append(File.generated(config, path, content=minified[path]))
    return files


def on_env(env, config, files):
    # For overrides/partials/coach-*.html: the joined files a page's features load.
    env.filters["coach_script"] = lambda features: (assets.script_bundle(features or []) or (None,))[0]
    env.filters["coach_stylesheet"] = lambda features: (assets.stylesheet_bundle(features or []) or (None,))[0]
    return env
