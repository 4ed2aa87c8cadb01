"""MkDocs event handler: serves the site's own stylesheets and scripts (docs/assets) minified, with
the dark scheme's rules from Material's palette stylesheet at the start of coach.css.

Only files from docs/ are touched, in memory (docs/ keeps the readable source); Material's
files are minified already. Merging the palette rules saves every page a request and the colour
rules of Material's named palettes, which this site does not use (overrides/main.html no longer
links palette.css).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from coach.minify import minifiable, minified, scheme_rules

SHARED_STYLESHEET = "assets/stylesheets/coach.css"
MATERIAL_PALETTE = "assets/stylesheets/palette.*.min.css"


def on_files(files, config):
    docs = Path(config["docs_dir"]).resolve()
    palette = next((file for file in files if fnmatch.fnmatch(file.src_uri, MATERIAL_PALETTE)), None)
    for file in files:
        source = file.abs_src_path
        if source and minifiable(file.src_uri) and Path(source).resolve().is_relative_to(docs):
            file.content_string = minified(file.src_uri, file.content_string)
            if file.src_uri == SHARED_STYLESHEET and palette is not None:
                file.content_string = scheme_rules(palette.content_string) + "\n" + file.content_string
    return files
