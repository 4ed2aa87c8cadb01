"""Whole builds: both languages build strictly; a broken guidance.yaml stops the build cleanly."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jinja2
import pytest
from coach import csp
from guidance_cases import replace_once
from tools import coach_site
from tools.coach_site import build_into, share_english_assets

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["mkdocs.yml", "mkdocs.de.yml", "guidance.yaml", "guidance.schema.json", "docs", "hooks", "overrides", "tools"]


def html_paths(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if "de" not in p.relative_to(folder).parts[:1]}


def test_both_languages_build_with_the_same_page_paths(built_site):
    english = html_paths(built_site)
    german = {p.relative_to(built_site / "de").as_posix() for p in (built_site / "de").rglob("*.html")}
    assert "index.html" in english and "guide/calling/index.html" in english
    assert english == german
    assert '<html lang="de"' in (built_site / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "index.html").read_text(encoding="utf-8")


def test_the_built_site_references_no_other_origin(built_site):
    """Besides the browser test: no stylesheet, script or font is loaded from another host."""
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for attribute in ("src", "href"):
            for tag in ("script", "link", "img", "iframe"):
                assert f'<{tag} {attribute}="http' not in html, (page, tag)


def local_references(site: Path, page: Path) -> list[str]:
    """Site paths of the files a page loads (stylesheets, scripts, icons, the search worker)."""
    html = page.read_text(encoding="utf-8")
    page_url = "http://site/" + page.relative_to(site).as_posix()
    found = re.findall(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]+)', html)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    if config:
        found.append(json.loads(config.group(1))["search"])
    paths = [urlsplit(urljoin(page_url, ref)).path.lstrip("/") for ref in found if "://" not in ref]
    return [path for path in paths if re.search(r"\.[a-z0-9]+$", path)]  # files, not page links


def test_german_pages_load_the_english_assets_and_keep_their_own_search_index(built_site):
    """Someone who switches language downloads no asset twice; German search still searches German."""
    assert not (built_site / "de" / "assets").exists()
    german_pages = list((built_site / "de").rglob("*.html"))
    assert len(german_pages) > 20
    for page in german_pages:
        references = local_references(built_site, page)
        assert any(ref.startswith("assets/javascripts/bundle.") for ref in references), page
        for ref in references:
            assert not ref.startswith("de/assets/") and (built_site / ref).is_file(), (page, ref)
    home = (built_site / "de" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S)[1])
    assert config["base"] == "."  # the worker fetches <base>/search/search_index.json: the German one
    assert json.loads((built_site / "de" / "search" / "search_index.json").read_text())["config"]["lang"] == ["de"]
    assert (built_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.de.min.js").is_file()


def test_the_site_folder_is_readable_by_a_web_server_running_as_another_user(built_site):
    umask = os.umask(0)
    os.umask(umask)
    assert built_site.stat().st_mode & 0o777 == 0o777 & ~umask


def copy_project(target: Path) -> Path:
    target.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(source, target / name)
    return target


def build_over_a_previous_site(project: Path, out: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """`make build`'s command in `project`, into `out`, which holds a previous site (one page)."""
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    result = subprocess.run([sys.executable, "tools/coach_site.py", "build", "--out", str(out)],
                            cwd=project, capture_output=True, text=True)
    return result, out


def test_broken_guidance_fails_cleanly_with_every_problem_and_keeps_the_old_site(tmp_path):
    project = copy_project(tmp_path / "project")
    guidance = project / "guidance.yaml"
    text = guidance.read_text(encoding="utf-8")
    text = replace_once(text, "    de: Leitfaden\n", '    de: ""\n')
    text = replace_once(text, "        statistics: [formats-2005]\n", "        statistics: [nope]\n")
    guidance.write_text(text, encoding="utf-8")

    result, out = build_over_a_previous_site(project, tmp_path / "site")

    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "guidance.yaml has 2 problem(s)" in output
    assert "strings.nav_guide.de: the German text is empty" in output
    assert "unknown statistic 'nope'" in output
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging left behind


def test_a_page_that_would_load_from_another_origin_fails_the_build_and_keeps_the_old_site(tmp_path):
    """The build's own guard (hooks/coach/csp.py): here an override adds a script from a CDN to every page."""
    project = copy_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", '{% block extrahead %}<script src="https://cdn.example.org/tracker.js"></script>'),
        encoding="utf-8")

    result, out = build_over_a_previous_site(project, tmp_path / "site")

    assert result.returncode == 1
    output = " ".join((result.stdout + result.stderr).split())  # MkDocs wraps long messages
    assert "index.md loads https://cdn.example.org/tracker.js from another origin" in output
    assert "404.html loads https://cdn.example.org/tracker.js from another origin" in output
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.parametrize(("html", "foreign"), [
    ('<link rel="stylesheet" href="https://cdn.example/a.css">', ["https://cdn.example/a.css"]),
    ('<img src="a.png" srcset="//img.example/b.png 2x, c.png 1x">', ["//img.example/b.png"]),
    ("<style>p { background: url('https://t.example/p.gif') }</style>", ["https://t.example/p.gif"]),
    ('<iframe src="https://video.example/embed/1"></iframe>', ["https://video.example/embed/1"]),
    # Links only point somewhere; the site's own absolute addresses and data: URLs are its own.
    ('<a href="https://example.org/">x</a><link rel="canonical" href="https://example.org/c/">', []),
    ('<script src="http://127.0.0.1:8000/assets/a.js"></script><img src="data:image/png;base64,AA==">', []),
])
def test_the_guard_finds_what_a_page_would_load_from_another_origin(html, foreign):
    assert csp.foreign_resources(html, "http://127.0.0.1:8000/guide/") == foreign


def test_the_languages_built_side_by_side_make_the_same_site_as_one_after_the_other(tmp_path):
    """`make build` forks the German build where there is a second CPU; the site must not depend on it."""
    url = "http://127.0.0.1:8000/"
    side_by_side = tmp_path / "side-by-side"
    subprocess.run([sys.executable, "tools/coach_site.py", "build", "--out", str(side_by_side), "--site-url", url],
                   cwd=ROOT, check=True, capture_output=True)
    one_after_the_other = tmp_path / "one-after-the-other"
    one_after_the_other.mkdir()
    build_into(one_after_the_other, url, parallel=False)
    files = [{path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
             for site in (side_by_side, one_after_the_other)]
    assert files[0].keys() == files[1].keys()
    assert [path for path in files[0] if files[0][path] != files[1][path]] == []


def test_german_pages_are_pointed_at_the_english_assets_by_depth(tmp_path):
    """Relative asset URLs gain one "../" (the German root is one level down); 404.html's absolute ones
    lose their de/; only URLs that open an attribute or a string change."""
    for lang in ("", "de/"):
        (tmp_path / lang / "assets").mkdir(parents=True)
        (tmp_path / lang / "assets" / "a.js").write_text("same", encoding="utf-8")
    pages = {"index.html": '<link href="assets/a.css"><script>x=\'assets/a.js\'</script> assets/ "../assets/a.css"',
             "guide/x/index.html": '<a href="../../assets/a.css"> "../assets/a.css" "/coach/de/assets/a.css"',
             "404.html": '<link href="/coach/de/assets/a.css"> "/coach/assets/a.css"'}
    for path, html in pages.items():
        (tmp_path / "de" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "de" / path).write_text(html, encoding="utf-8")
    share_english_assets(tmp_path, "https://example.org/coach/", "https://example.org/coach/de/")
    read = {path: (tmp_path / "de" / path).read_text(encoding="utf-8") for path in pages}
    assert read == {
        "index.html": '<link href="../assets/a.css"><script>x=\'../assets/a.js\'</script> assets/ "../assets/a.css"',
        "guide/x/index.html": '<a href="../../../assets/a.css"> "../assets/a.css" "/coach/assets/a.css"',
        "404.html": '<link href="/coach/assets/a.css"> "/coach/assets/a.css"'}
    assert not (tmp_path / "de" / "assets").exists()


def test_both_languages_share_compiled_templates_and_an_edited_override_is_compiled_again(tmp_path, monkeypatch):
    """Each build makes several Jinja environments from the theme; all share the compiled templates
    (coach_site.share_compiled_templates). A rebuild in the same process, as `make serve` does,
    compiles again only the template that was edited."""
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(coach_site, "COMPILED_TEMPLATES", coach_site.CompiledTemplates())  # as in a new process
    compiled = Counter()
    compile_template = jinja2.Environment.compile

    def counting(env, source, name=None, *args, **kwargs):
        compiled[name] += 1
        return compile_template(env, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    (tmp_path / "first").mkdir()
    build_into(tmp_path / "first", "http://127.0.0.1:8000/", project)
    assert compiled["main.html"] == compiled["base.html"] == compiled["partials/language.html"] == 1
    assert max(compiled.values()) == 1, compiled.most_common(3)

    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block site_meta %}\n", "{% block site_meta %}\n  <meta name=\"coach-edit\" content=\"seen\">\n", 1),
        encoding="utf-8")
    compiled.clear()
    (tmp_path / "second").mkdir()
    build_into(tmp_path / "second", "http://127.0.0.1:8000/", project)
    assert compiled == Counter({"main.html": 1})
    for home in (tmp_path / "second" / "index.html", tmp_path / "second" / "de" / "index.html"):
        assert '<meta name="coach-edit" content="seen">' in home.read_text(encoding="utf-8")
