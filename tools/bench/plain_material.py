"""The baseline: plain Material for MkDocs building exactly the coach's pages, both languages.

How the baseline is made (once per benchmark, not timed): the coach's own code renders every page's
Markdown from guidance.yaml for each language (the same text the hooks hand to MkDocs) and writes it
into docs folders; the navigation, site name and description are the coach's. The configuration keeps
what any Material site of these pages needs: theme.language, `font: false` (no Google Fonts, which
would fail offline), the same theme features, Markdown extensions and search plugin. It leaves out
everything the coach adds: hooks, overrides, extra CSS and JavaScript, the privacy guard, the language
switcher and the shared German assets. Both languages are then built in one process, English into
the site root and German into de/, like `tools/coach_site.py build`.

    python tools/bench/plain_material.py PROJECT OUT SITE_URL    # build a project written by write_project
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import yaml

LANGUAGES = (("en", ""), ("de", "de"))


def write_project(coach_root: Path, project: Path) -> None:
    """Render the coach's pages from coach_root/guidance.yaml into a plain Material project."""
    sys.path.insert(0, str(coach_root / "hooks"))
    import coach
    from mkdocs.utils import yaml_load

    with open(coach_root / "mkdocs.yml", encoding="utf-8") as file:
        coach_config = yaml_load(file)
    guidance = coach.load_guidance(coach_root / "guidance.yaml")
    project.mkdir(parents=True, exist_ok=True)
    for lang, _ in LANGUAGES:
        docs = project / f"docs_{lang}"
        for page in coach.render_site(guidance, lang):
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
        site = guidance.view(lang)["site"]
        config = {
            "site_name": site["name"],
            "site_description": site["description"],
            "docs_dir": f"docs_{lang}",
            "use_directory_urls": True,
            "exclude_docs": "!/templates/",  # MkDocs always skips templates/ unless told: the coach includes it
            "theme": {"name": "material", "language": lang, "font": False,
                      "features": coach_config["theme"].get("features", [])},
            "plugins": {"search": {}},
            "markdown_extensions": coach_config.get("markdown_extensions", {}),
            "nav": coach.navigation(guidance, lang),
        }
        (project / f"mkdocs.{lang}.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                                    encoding="utf-8")


def build(project: Path, out: Path, site_url: str) -> None:
    """Both languages in this process, English first (each build empties its own folder)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    for lang, subdir in LANGUAGES:
        config = load_config(str(project / f"mkdocs.{lang}.yml"), site_dir=str(out / subdir),
                             site_url=site_url + (subdir + "/" if subdir else ""))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    start = time.perf_counter()
    build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    print(f"plain Material: both languages in {time.perf_counter() - start:.2f} s")
