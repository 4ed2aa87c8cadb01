"""The built site's own assets: each page loads only the features it declares, every asset it
names exists, and the site's CSS and JavaScript are served minified."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from coach.minify import minifiable, minified, scheme_rules

ROOT = Path(__file__).resolve().parent.parent
# Each feature asset and the markup that shows a page uses it: question pages swap questions
# (wizard-flow), plan pages also show answers and dates (wizard), the home page's doors are plain links.
USED_WHEN = {
    ("checklist", "js"): "data-checklist-item", ("checklist", "css"): "data-checklist-item",
    ("templates", "js"): 'class="coach-template', ("templates", "css"): 'class="coach-template',
    ("template-text", "js"): 'class="coach-template',
    ("wizard-flow", "js"): ("data-wizard-question", "data-wizard-summary"),
    ("wizard", "js"): "data-wizard-summary", ("wizard", "css"): ("data-wizard-question", "data-wizard-summary"),
    ("wizard-doors", "css"): "data-wizard-door",
}
ASSET = re.compile(r'(?:href|src)="((?:\.\./|/(?:de/)?)*assets/(?:javascripts|stylesheets)/([a-z-]+)\.(js|css))"')


def own_assets(html: str) -> list[tuple[str, str, str]]:
    return ASSET.findall(html)


def test_pages_load_the_assets_of_their_own_features_only(built_site):
    pages = sorted(built_site.rglob("*.html"))
    seen = {asset: 0 for asset in USED_WHEN}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        named = {(name, kind) for _, name, kind in own_assets(html)}
        for link, _, _ in own_assets(html):
            target = built_site / link.lstrip("/") if link.startswith("/") else page.parent / link
            assert target.resolve().is_file(), f"{page}: {link} does not exist"
        for asset, markers in USED_WHEN.items():
            uses = any(marker in html for marker in ((markers,) if isinstance(markers, str) else markers))
            loads = asset in named
            assert loads == uses, f"{page.relative_to(built_site)}: uses {asset}: {uses}, loads it: {loads}"
            seen[asset] += loads
        assert {("coach", "css"), ("coach-common", "js")} <= named, f"{page}: the shared assets are missing"
    assert all(count >= 2 for count in seen.values()), seen


def test_the_site_serves_its_own_css_and_javascript_minified(built_site):
    sources = ROOT / "docs" / "assets"
    served = [built_site / "assets" / path.relative_to(sources) for path in sources.rglob("*") if minifiable(path.name)]
    assert {path.name for path in served} >= {"coach.css", "coach-common.js", "checklist.js", "wizard.css"}
    for path in served:
        text = path.read_text(encoding="utf-8")
        assert "\n  " not in text and "/*" not in text, f"{path.name} is not minified"


@pytest.mark.parametrize(("name", "source", "expected"), [
    ("a.js", "/* why */\nvar pattern = /a\\/b/g;  // keep\nvar text = 'a  /* b */  c';\n",
     "var pattern=/a\\/b/g;var text='a  /* b */  c';\n"),
    ("a.css", "/* note */\n.a  {\n  color: var(--x);\n}\n", ".a{color:var(--x)}\n"),
])
def test_minifying_drops_comments_and_space_but_keeps_strings_and_patterns(name, source, expected):
    assert minified(name, source) == expected


def test_only_unminified_css_and_javascript_is_minified():
    assert minifiable("coach.css") and minifiable("wizard.js")
    assert not minifiable("bundle.a5f9d56c.min.js") and not minifiable("logo.svg")


def test_only_the_dark_scheme_is_kept_from_materials_palette():
    palette = ('@media screen{[data-md-color-scheme=slate]{--md-hue:232;--md-shadow:0 0 #000,\n  0 1px #000}'
               '[data-md-color-primary=red]{--md-primary-fg-color:red}}'
               '[data-md-color-accent=red]{--md-accent-fg-color:red}'
               '@media screen and (max-width:76em){[data-md-color-primary=red] .md-nav{color:red}}'
               '[data-md-color-switching] *{transition-duration:0s!important}')
    assert scheme_rules(palette) == ('@media screen{[data-md-color-scheme=slate]{--md-hue:232;--md-shadow:0 0 #000, 0 1px #000}}'
                                     '[data-md-color-switching] *{transition-duration:0s!important}')


def test_pages_link_no_palette_stylesheet_and_coach_css_carries_the_dark_scheme(built_site):
    assert "stylesheets/palette." not in (built_site / "index.html").read_text(encoding="utf-8")
    assert (built_site / "assets" / "stylesheets" / "coach.css").read_text(encoding="utf-8").startswith(
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark;")
