"""The site's own CSS and JavaScript, minified for the browser (rcssmin and rjsmin).

Both only drop comments and whitespace (rjsmin keeps every token, regular expressions and string
contents as written), so the minified code behaves as the source does.
"""

from __future__ import annotations

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minifiable(path: str) -> bool:
    return any(path.endswith(suffix) for suffix in MINIFIERS) and not path.endswith((".min.js", ".min.css"))


def minified(path: str, text: str) -> str:
    """`text`, the content of the file at `path`, minified by its type."""
    for suffix, minify in MINIFIERS.items():
        if path.endswith(suffix):
            return minify(text).strip() + "\n"
    raise ValueError(f"not CSS or JavaScript: {path}")
