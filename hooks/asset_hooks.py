"""MkDocs event handler: serves the site's own stylesheets and scripts (docs/assets) minified.

Only files from docs/ are touched, in memory (docs/ keeps the readable source); Material's
files are minified already.
"""

from __future__ import annotations

from pathlib import Path

from coach.minify import minifiable, minified


def on_files(files, config):
    docs = Path(config["docs_dir"]).resolve()
    for file in files:
        source = file.abs_src_path
        if source and minifiable(file.src_uri) and Path(source).resolve().is_relative_to(docs):
            file.content_string = minified(file.src_uri, file.content_string)
    return files
