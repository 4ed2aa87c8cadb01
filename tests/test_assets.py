"""The built site's own assets: each page loads only the features it declares, every asset it
names exists, and the site's CSS and JavaScript are served minified."""

from __future__ import annotations

import re
import sys

from pathlib import Path

import pytest

from coach import assets
from coach.assets import minifiable, minified, scheme_rules

ROOT = Path(__file__).resolve().parent.parent
# Each feature and the markup that shows a page uses it: question pages swap questions
# (wizard-question), plan pages also show answers and dates (wizard-plan), the home page's doors are links.
USED_WHEN = {
    "checklist": "data-checklist-item",
    "templates": 'class="coach-template',
    "wizard-question": "data-wizard-question",
    "wizard-plan": "data-wizard-summary",
    "wizard-doors": "data-wizard-door",
    "print-layout": 'class="coach-letter',
    "checklist-controls": "data-checklist-controls",
    "guide": ('class="coach-rec', 'class="coach-source', 'class="wizard-table', 'class="coach-step'),
}
ASSET = re.compile(r'(?:href|src)="((?:\.\./|/(?:de/)?)*assets/(?:javascripts|stylesheets)/(features/)?([a-z+-]+)\.(js|css))"')


def own_assets(html: str) -> list[tuple[str, str, str, str]]:
    return ASSET.findall(html)


def test_pages_load_one_joined_file_of_their_own_features_only(built_site):
    pages = sorted(built_site.rglob("*.html"))
    seen = {feature: 0 for feature in USED_WHEN}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = own_assets(html)
        for link, *_ in found:
            target = built_site / link.lstrip("/") if link.startswith("/") else page.parent / link
            assert target.resolve().is_file(), f"{page}: {link} does not exist"
        shared = {(name, kind) for _, folder, name, kind in found if not folder}
        assert shared == {("coach", "css")}, f"{page}: loads {shared}"
        used = sorted(feature for feature, markers in USED_WHEN.items()
                      if any(marker in html for marker in ((markers,) if isinstance(markers, str) else markers)))
        joined = {kind: name.split("+") for _, folder, name, kind in found if folder}
        # Each joined file is named after the features that bring files of its kind; a page without such a
        # feature loads none (so coach-common.js, which comes only inside the joined scripts, neither).
        expected = {kind: [name for name in used if assets.FEATURES[name][index]]
                    for index, kind in enumerate(("js", "css"))}
        assert joined == {kind: names for kind, names in expected.items() if names}, \
            f"{page.relative_to(built_site)}: uses {used}, loads {joined}"
        for feature in used:
            seen[feature] += 1
    assert all(count >= 2 for count in seen.values()), seen


def test_a_joined_file_holds_its_features_files_in_order_and_only_those():
    path, parts = assets.script_bundle(["wizard-plan", "templates", "checklist", "templates"])
    assert path == "assets/javascripts/features/checklist+templates+wizard-plan.js"
    # Shared modules before the scripts that use them, each file once.
    assert parts == [f"assets/javascripts/{name}.js" for name in
                     ("coach-common", "entries", "template-text", "templates", "wizard-common", "wizard", "checklist")]
    assert assets.stylesheet_bundle(["wizard-question"]) == (
        "assets/stylesheets/features/wizard-question.css", ["assets/stylesheets/wizard-question.css"])
    assert assets.script_bundle(["wizard-doors"]) is None and assets.script_bundle([]) is None
    # A feature without scripts leaves the script's name alone: letter and email pages share one script.
    assert assets.script_bundle(["templates", "print-layout"])[0] == "assets/javascripts/features/templates.js"
    assert assets.stylesheet_bundle(["templates", "print-layout"])[0] == (
        "assets/stylesheets/features/print-layout+templates.css")


def test_an_unknown_feature_is_refused_by_name():
    with pytest.raises(assets.AssetError, match="unknown page feature.*wizzard"):
        assets.script_bundle(["checklist", "wizzard"])


def test_every_feature_file_exists_and_is_published_only_joined(built_site):
    for file in assets.feature_files():
        assert (ROOT / "docs" / file).is_file(), file
        assert not (built_site / file).exists(), f"{file} is published on its own"


def test_the_site_serves_its_own_css_and_javascript_minified(built_site):
    sources = [path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs" / "assets").rglob("*")]
    published = [built_site / path for path in sources if minifiable(path) and path not in assets.feature_files()]
    joined = list((built_site / "assets").glob("*/features/*"))
    served = published + joined
    assert {path.name for path in served} >= {"coach.css", "checklist+checklist-controls.js", "wizard-question.css"}
    for path in served:
        text = path.read_text(encoding="utf-8")
        assert "\n  " not in text and "/*" not in text, f"{path.name} is not minified"


def test_minifying_drops_comments_and_space_but_keeps_strings_and_patterns():
    assert minified("a.js", "/* why */\nvar pattern = /a\\/b/g;  // keep\nvar text = 'a  /* b */  c';\n") == (
        'var pattern=/a\\/b/g,text="a  /* b */  c"\n')
    assert minified("a.css", "/* note */\n.a  {\n  color: var(--x);\n}\n") == ".a{color:var(--x)}\n"


def test_minifying_shortens_local_names_but_keeps_global_ones():
    source = '(function () { "use strict"; var longName = 1; window.coach = function (other) { return longName + other; }; })();'
    result = minified("a.js", source)
    assert "longName" not in result and "other" not in result and "window.coach=function(" in result


def test_the_go_minifier_never_loads_into_the_building_process():
    """tdewolff/minify is Go: a process that loaded it must not fork (make serve forks the German build)."""
    minified("a.js", "var unusedBefore = 1;")
    assert "minify" not in sys.modules


def test_every_file_that_does_not_parse_is_named_at_once():
    with pytest.raises(assets.AssetError) as error:
        assets.minified_all({"a.js": "var = ;", "b.js": "var ok = 1;", "c.js": "function ("})
    assert "a.js: " in str(error.value) and "c.js: " in str(error.value) and "b.js" not in str(error.value)


def test_a_script_that_does_not_parse_is_refused_with_its_path():
    with pytest.raises(assets.AssetError, match="broken.js: .*line 1"):
        minified("broken.js", "var = ;")


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
