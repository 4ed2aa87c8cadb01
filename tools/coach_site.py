"""Build or serve both languages of the site as one: English at the root, German under de/.

    python tools/coach_site.py build [--out site] [--site-url URL]   # for any static host
    python tools/coach_site.py serve [--port 8000]                  # live reload on any edit

guidance.yaml is loaded and checked once per build, in this process (the hook keeps it while its
content is unchanged); then, on a machine with a second CPU, German builds in a forked child that
inherits it while this process builds English (MkDocs' own build for each). Each build
writes into a staging folder that replaces the output only when both languages built: a mistake in
guidance.yaml never leaves a half-built site behind. German pages use the English `assets/` files
(identical bytes), so a reader who switches language downloads no asset twice; German search keeps
its own index in de/search/.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
# English first: each MkDocs build empties its own output folder, and de/ lies inside the English one.
CONFIGS = (("mkdocs.yml", ""), ("mkdocs.de.yml", "de"))
WATCHED = ("docs", "hooks", "overrides", "guidance.yaml", "guidance.schema.json", "mkdocs.yml", "mkdocs.de.yml")
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


class BuildFailed(Exception):
    """A build that did not finish; `messages` are the errors MkDocs and the hooks reported."""

    def __init__(self, summary: str, messages: list[str] | None = None):
        super().__init__(summary)
        self.messages = messages or []


class _Collect(logging.Handler):
    """Keeps the warnings and errors of one build: they make a strict build fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def setup_logging() -> None:
    """MkDocs' warnings and errors on stderr, as its own command line prints them (once per process)."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_coach", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(ColorFormatter())
        handler._coach = True
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.WARNING)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates in memory, for the whole process (nothing is written to disk).

    Each language's build makes new Jinja environments from the theme (one for the pages, and three
    more Material's search plugin makes for its labels), and each would compile the same templates
    again. jinja2 keys an entry by the template's name and file and checks the checksum of its source,
    so a template edited between two builds of `make serve` is compiled afresh.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def share_compiled_templates(theme) -> None:
    """Every Jinja environment this MkDocs theme makes from now on uses COMPILED_TEMPLATES."""
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_environment()
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    theme.get_env = get_env


def _build_language(config_file: Path, site_dir: Path, site_url: str | None) -> str:
    """One MkDocs build, strict, in this process. Returns the site_url it was built for."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    share_compiled_templates(config.theme)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return config.site_url


def _build_checked(config: str, site_dir: Path, url: str | None, root: Path, collected: _Collect) -> str:
    from mkdocs.exceptions import MkDocsException

    try:
        return _build_language(root / config, site_dir, url)
    except MkDocsException as error:  # includes Abort, ConfigurationError, PluginError
        raise BuildFailed(f"{config} did not build; the previous site was left as it was",
                          collected.messages or [str(error)]) from None


def _start_in_child(job: tuple, root: Path, collected: _Collect) -> tuple[int, int]:
    """Fork; the child builds one language and sends back its site_url or its errors as JSON."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    os.close(read_end)
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):  # the parent cleans up; a signal just ends the child
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    for handler in logging.getLogger("mkdocs").handlers:  # the parent prints the errors, once
        if getattr(handler, "_coach", False):
            handler.setLevel(logging.CRITICAL + 1)
    try:
        result = {"url": _build_checked(*job, root, collected)}
    except BuildFailed as failure:
        result = {"failed": str(failure), "messages": failure.messages}
    except BaseException:  # noqa: BLE001 - reported by the parent, which owns the terminal and the server
        result = {"failed": f"{job[0]} stopped with an error in the code", "messages": [traceback.format_exc()]}
    with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
        json.dump(result, pipe)
    os._exit(0)


def _finish_child(pid: int, read_end: int) -> str:
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        answer = pipe.read()
    os.waitpid(pid, 0)
    result = json.loads(answer) if answer else {"failed": "the German build ended without an answer"}
    if "failed" in result:
        for message in result.get("messages") or []:
            logging.getLogger("mkdocs").error(message)
        raise BuildFailed(result["failed"], result.get("messages"))
    return result["url"]


def _check_before_forking(config_file: Path) -> None:
    """Runs the hooks' on_config once in this process: guidance.yaml is read, checked and rendered here,
    and the German child forked next inherits all of it (the hooks keep it while the file is unchanged).
    A problem is left for the builds themselves to report, located, as always."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), strict=True)
        config.plugins.on_config(config)
    except MkDocsException:
        pass


def build_into(staging: Path, site_url: str | None = None, root: Path = ROOT, *, parallel: bool = False) -> None:
    """Build both languages into `staging` (which must be empty), German assets shared.

    `parallel`: German builds in a forked child on another CPU core, into its own folder, while this
    process builds English. guidance.yaml is loaded and checked once either way (before the fork).
    """
    setup_logging()
    collected = _Collect()
    logging.getLogger("mkdocs").addHandler(collected)
    jobs = [(config, staging / subdir, site_url + subdir + "/" if site_url and subdir else site_url)
            for config, subdir in CONFIGS]
    child = german_dir = None
    try:
        if parallel and hasattr(os, "fork"):
            _check_before_forking(root / jobs[0][0])
            german_dir = Path(tempfile.mkdtemp(prefix=".site-staging-de-", dir=staging.parent))
            child = _start_in_child((jobs[1][0], german_dir, jobs[1][2]), root, collected)
            english_url = _build_checked(*jobs[0], root, collected)
            german_url = _finish_child(*child)
            child = None
            german_dir.rename(staging / "de")
        else:
            english_url = _build_checked(*jobs[0], root, collected)
            german_url = _build_checked(*jobs[1], root, collected)
    finally:
        logging.getLogger("mkdocs").removeHandler(collected)
        if child:  # English failed or was interrupted: the German half is not wanted
            os.kill(child[0], signal.SIGTERM)
            os.waitpid(child[0], 0)
            os.close(child[1])
        if german_dir:
            shutil.rmtree(german_dir, ignore_errors=True)
    share_english_assets(staging, english_url, german_url)


def share_english_assets(site: Path, english_url: str, german_url: str) -> None:
    """Point German pages at the English assets/ and drop de/assets (it must be byte-identical).

    Material writes asset URLs relative to the language root ("../" once per folder level), and in
    404.html absolute from the site_url's path. The search worker and its lunr languages come from
    assets/ too; the worker loads de/search/search_index.json through the page's own "base", which
    stays the German root, so German search keeps its German index.
    """
    german_assets, english_assets = site / "de" / "assets", site / "assets"
    for file in german_assets.rglob("*"):
        twin = english_assets / file.relative_to(german_assets)
        if file.is_file() and (not twin.is_file() or twin.read_bytes() != file.read_bytes()):
            raise BuildFailed("German and English assets differ", [
                f"de/assets/{file.relative_to(german_assets).as_posix()} is not the same file as in assets/: "
                "both languages must share one copy (put language-specific data in the pages)"])
    absolute_de, absolute_en = urlsplit(german_url).path, urlsplit(english_url).path
    for page in (site / "de").rglob("*.html"):
        depth = len(page.relative_to(site / "de").parts) - 1
        relative = "../" * depth + "assets/"
        # The opening quote is part of the match (not a lookbehind), so the search jumps from quote to quote.
        pattern = re.compile(r"([\"'])(%s|%s)" % (re.escape(relative), re.escape(absolute_de + "assets/")))
        html = page.read_text(encoding="utf-8")
        shared = pattern.sub(lambda m: m[1] + ("../" * (depth + 1) + "assets/" if m[2] == relative
                                               else absolute_en + "assets/"), html)
        if shared != html:
            page.write_text(shared, encoding="utf-8")
    shutil.rmtree(german_assets)


def _staging_folder(parent: Path) -> Path:
    """An empty folder beside the output, readable like any folder the user creates (mkdtemp makes 0700)."""
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    return staging


def build(out: Path, site_url: str | None = None, root: Path = ROOT, *, parallel: bool = False) -> float:
    """Build both languages into a staging folder, then swap it in for `out`. Returns the seconds taken."""
    start = time.perf_counter()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if site_url:
        site_url = site_url.rstrip("/") + "/"
    staging = _staging_folder(out.parent)
    try:
        build_into(staging, site_url, root, parallel=parallel)
        previous = out.with_name(out.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if out.exists():
            out.rename(previous)
        staging.rename(out)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - start


def _exit_on_termination() -> None:
    """A plain `kill` (SIGTERM) or a closed terminal (SIGHUP) unwinds like Ctrl-C: temporary folders go."""

    def stop(signum, frame):
        for name in ("SIGTERM", "SIGHUP"):
            signal.signal(getattr(signal, name), signal.SIG_IGN)  # cleaning up: don't interrupt it again
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), stop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="write the site for a static host")
    build_cmd.add_argument("--out", type=Path, default=ROOT / "site")
    build_cmd.add_argument("--site-url", default=os.environ.get("SITE_URL"),
                           help="public address, e.g. https://example.org/coach/ (default: $SITE_URL)")
    serve_cmd = commands.add_parser("serve", help="serve with live reload")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    _exit_on_termination()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.command == "serve":
        from tools.dev_server import serve

        return serve(args.host, args.port)
    if not args.site_url:
        print(f"NOTICE: SITE_URL is not set, so canonical links and the sitemap name {DEFAULT_SITE_URL}\n"
              "        (fine to look at locally; for a public host: SITE_URL=https://example.org/coach/ make build)",
              file=sys.stderr)
    try:
        # Both languages at once where the machine has a second CPU (German in a forked child).
        seconds = build(args.out, args.site_url, parallel=hasattr(os, "fork") and (os.cpu_count() or 1) > 1)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    print(f"Built both languages into {args.out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
