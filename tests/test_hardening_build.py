"""The built site, page by page: its own policy, no script from author text, a 404 page per language;
and plain `mkdocs build` on a broken guidance.yaml leaves the previous site as it was."""

from __future__ import annotations

import base64
import hashlib
import html
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from coach import csp
from test_build import copy_project


class _Page(HTMLParser):
    """What a browser would run or load from a page: inline scripts, attributes, the <head> order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head: list[tuple[str, dict]] = []
        self.in_head = False
        self.elements: list[tuple[str, dict]] = []
        self.inline_scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.elements.append((tag, values))
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head.append((tag, values))
        if tag == "script" and "src" not in values and values.get("type", "text/javascript") == "text/javascript":
            self._script = []

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def parsed(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def policy_of(page: _Page) -> dict[str, list[str]]:
    meta = next(values for tag, values in page.head if values.get("http-equiv") == "Content-Security-Policy")
    return {part.split()[0]: part.split()[1:] for part in meta["content"].split(";")}


def test_every_page_has_its_own_strict_policy_first_in_head(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = parsed(path)
        assert page.head[0] == ("meta", {"charset": "utf-8"}), path
        assert page.head[1][1].get("http-equiv") == "Content-Security-Policy", (path, page.head[:2])
        policy = policy_of(page)
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'self'"] and policy["style-src"] == ["'self'"], path
        allowed = set(policy["script-src"])
        assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed, path
        # Exactly the page's own inline scripts are allowed, each by its hash.
        assert allowed == {"'self'"} | {sha256_source(script) for script in page.inline_scripts}, path
        assert len(page.inline_scripts) >= 2, path  # Material's scope and hash-target scripts


def test_no_page_carries_handlers_styles_script_links_or_foreign_images(built_site):
    failures = []
    for path in sorted(built_site.rglob("*.html")):
        for tag, attrs in parsed(path).elements:
            for name, value in attrs.items():
                if name.startswith("on") or name == "style":
                    failures.append(f"{path}: <{tag} {name}>")
                if name in ("href", "src", "action", "formaction") and value:
                    url = "".join(html.unescape(value).split()).lower()
                    if url.startswith(("javascript:", "vbscript:", "data:text")):
                        failures.append(f"{path}: <{tag} {name}={value!r}>")
                    if tag == "img" and name == "src" and url.startswith(("http:", "https:", "//")):
                        failures.append(f"{path}: foreign image {value!r}")
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_each_language_has_its_own_404_page_with_both_languages(built_site, guidance, lang):
    page = built_site / ("de/404.html" if lang == "de" else "404.html")
    text = page.read_text(encoding="utf-8")
    own, other = guidance.view(lang)["strings"], guidance.view("en" if lang == "de" else "de")["strings"]
    assert f'<html lang="{lang}"' in text
    assert f"<h1>{own['not_found_heading']}</h1>" in text
    assert f"<h2>{other['not_found_heading']}</h2>" in text  # the root 404 is served under de/ too
    assert text.index(own["not_found_heading"]) < text.index(other["not_found_heading"])


def test_policy_is_computed_from_the_page_not_from_a_list():
    page = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
            '<script>var a=1</script><script src="x.js"></script>'
            '<script id="__config" type="application/json">{"a":1}</script></head>'
            '<body><script>var b=2</script></body></html>')
    result = csp.with_policy(page)
    page_after = _Page()
    page_after.feed(result)
    assert page_after.head[1][1]["http-equiv"] == "Content-Security-Policy"
    assert set(policy_of(page_after)["script-src"]) == {"'self'", sha256_source("var a=1"), sha256_source("var b=2")}
    assert csp.with_policy(result) == result  # never two policies
    assert csp.with_policy('{"not": "html"}') == '{"not": "html"}'


def test_pages_served_by_plain_mkdocs_serve_go_without_a_policy_and_built_pages_keep_it():
    """Plain `mkdocs serve` injects a different live-reload script on every request: no built policy allows it."""
    import site_hooks

    page = '<html><head><meta charset="utf-8"></head><body><script>x()</script></body></html>'
    site_hooks.on_startup(command="serve", dirty=False)
    try:
        assert "Content-Security-Policy" not in site_hooks._checked_page(page, "a.md", "http://127.0.0.1:8000/a/")
    finally:
        site_hooks.on_startup(command="build", dirty=False)
    assert "Content-Security-Policy" in site_hooks._checked_page(page, "a.md", "http://127.0.0.1:8000/a/")


def test_a_page_served_with_an_added_script_gets_a_policy_that_allows_it():
    """make serve adds MkDocs' live-reload script to every page: without its hash the page never reloads."""
    page = '<html><head><meta charset="utf-8"><title>t</title></head><body><script>var a=1</script></body></html>'
    built = csp.with_policy(page)
    served = built.replace("</body>", "<script>livereload(1, 2)</script></body>")
    fresh = csp.with_fresh_policy(served)
    assert fresh.count("Content-Security-Policy") == 1
    assert csp.policy(csp.inline_script_hashes(served)) in fresh
    assert all(source in fresh for source in csp.inline_script_hashes(served))
    error_page = "<html><head><meta charset='utf-8'><style>p{}</style></head><body><script>x()</script></body></html>"
    assert csp.with_fresh_policy(error_page) == error_page  # a page without a policy keeps none


@pytest.mark.parametrize(("name", "old", "new"), [
    ("alias", "    de: Leitfaden\n", "    de: &g Leitfaden\n  nav_other: *g\n"),
    ("remote image", "    de: Leitfaden\n", '    de: "![x](https://tracker.example/p.png)"\n'),
    ("handler", "    de: Leitfaden\n", '    de: "*Leitfaden*{ onclick=alert(1) }"\n'),
])
def test_plain_mkdocs_build_on_a_broken_file_keeps_the_previous_site(tmp_path, name, old, new):
    """Without the staging of tools/coach_site.py: every check and all rendering happen in on_config,
    before MkDocs empties site_dir."""
    project = copy_project(tmp_path / "project")
    guidance = project / "guidance.yaml"
    text = guidance.read_text(encoding="utf-8")
    assert text.count(old) == 1
    guidance.write_text(text.replace(old, new), encoding="utf-8")
    site = project / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text("previous site", encoding="utf-8")
    (site / "guide" / "index.html").write_text("previous guide", encoding="utf-8")

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    line = text.count("\n", 0, text.index(old)) + 1
    assert f"guidance.yaml:{line}:" in output or f"guidance.yaml:{line + 1}:" in output, output
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["guide", "guide/index.html", "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_a_page_that_fails_to_render_keeps_the_previous_site(tmp_path):
    """Rendering happens in on_config too: even a fault in a page template stops the build before
    MkDocs touches site_dir (a bug in the code, so a traceback is fine here; a lost site is not)."""
    project = copy_project(tmp_path / "project")
    template = project / "hooks" / "templates" / "phase.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{{ no_such_value.anywhere }}\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    assert result.returncode != 0
    assert "no_such_value" in result.stdout + result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
