"""A Content-Security-Policy for each built page, as a <meta> tag (static hosts send no headers), and
the build's own guard that no page loads anything from another origin.

Scripts run only from the site's own files, plus the inline scripts Material writes into every
page, allowed by their sha256 hashes. Their text depends on Material's version and on the page's
depth (`__md_scope=new URL("../..",location)`), so the hashes are computed from each page's own
HTML as it is written, never kept in a list. Material's bundle re-inserts the page's content
scripts after an instant navigation; they are the same text, so the same hashes allow them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urljoin, urlsplit

# Executable script types; JSON data blocks (Material's __config) never run and need no hash.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_EXISTING = re.compile(r"<meta\s+http-equiv=[\"']?content-security-policy", re.I)
_EXISTING_TAG = re.compile(r"\s*<meta\s+http-equiv=[\"']?content-security-policy[\"']?\s+content=\"[^\"]*\"\s*/?>", re.I)

# Everything else the site needs comes from its own origin. data: images are Material's icons in
# its stylesheet. Styles: Material's HTML has no inline style, and its scripts set styles through
# the CSSOM, which a policy does not restrict; so no 'unsafe-inline' for styles either.
BASE_POLICY = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-...') for every inline script in the page that a browser would run."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _SCRIPT_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(script_hashes: list[str]) -> str:
    directives = dict(BASE_POLICY)
    directives["script-src"] = " ".join(["'self'", *script_hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first element after <meta charset> (policies apply only
    to what follows them), or unchanged if it has one or is not a full HTML page."""
    if _EXISTING.search(html):
        return html
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
    return html[:anchor.end()] + meta + html[anchor.end():]


def with_fresh_policy(html: str) -> str:
    """A page that has a policy, with the policy worked out again from its scripts as they are now: a
    development server adds its live-reload script to every page it serves. Other pages are unchanged."""
    if not _EXISTING.search(html):
        return html
    return with_policy(_EXISTING_TAG.sub("", html, count=1))


# --- nothing from another origin ------------------------------------------------------------------
# The elements that make a browser fetch something, and the attributes that name it. <a href> and the
# navigation rels of <link> (canonical, prev, next, alternate) only point somewhere.
_LOADING_TAG = re.compile(r"<(script|link|img|source|video|audio|track|iframe|embed|object|input|image|use)\b([^>]*)>",
                          re.I)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_LOADING_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "xlink:href"}
_POINTING_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me", "search"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)


def _loaded_addresses(html: str) -> list[str]:
    addresses = []
    for tag, attrs in _LOADING_TAG.findall(html):
        values = {name.lower(): value.strip("\"'") for name, value in _ATTRIBUTE.findall(attrs)}
        if tag.lower() == "link" and set(values.get("rel", "").lower().split()) <= _POINTING_RELS and values.get("rel"):
            continue
        for name in _LOADING_ATTRIBUTES & values.keys():
            candidates = values[name].split(",") if name == "srcset" else [values[name]]
            addresses += [candidate.strip().split(" ")[0] for candidate in candidates if candidate.strip()]
    for style in _STYLE_BLOCK.findall(html):
        addresses += _CSS_URL.findall(style)
    return addresses


def foreign_resources(html: str, page_url: str) -> list[str]:
    """Addresses a browser would fetch for this page (at `page_url`) from another origin."""
    own = urlsplit(page_url)
    foreign = []
    for address in _loaded_addresses(html):
        target = urlsplit(urljoin(page_url, address.replace("&amp;", "&")))
        if target.scheme in ("data", "blob", "about"):
            continue
        if (target.scheme, target.netloc) != (own.scheme, own.netloc) and address not in foreign:
            foreign.append(address)
    return foreign
