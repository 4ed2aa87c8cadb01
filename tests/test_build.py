"""Whole builds: both languages build strictly; a broken guidance.yaml stops the build cleanly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from guidance_cases import replace_once

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


def copy_project(target: Path) -> Path:
    target.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def test_broken_guidance_fails_cleanly_with_every_problem_and_keeps_the_old_site(tmp_path):
    project = copy_project(tmp_path / "project")
    guidance = project / "guidance.yaml"
    text = guidance.read_text(encoding="utf-8")
    text = replace_once(text, "    de: Leitfaden\n", '    de: ""\n')
    text = replace_once(text, "        statistics: [formats-2005]\n", "        statistics: [nope]\n")
    guidance.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")

    result = subprocess.run([sys.executable, "tools/coach_site.py", "build", "--out", str(out)],
                            cwd=project, capture_output=True, text=True)

    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "guidance.yaml has 2 problem(s)" in output
    assert "strings.nav_guide.de: the German text is empty" in output
    assert "unknown statistic 'nope'" in output
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging left behind
