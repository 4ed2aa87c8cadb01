"""The authoring loop (issue 11): with `make serve` running and a page open in the browser, how long from
saving guidance.yaml to the open page showing the change (rebuild and live reload included), and that a
broken save shows its located errors in the open page.

Runs `tools/coach_site.py serve` (what `make serve` runs) in a copy of the project, so the real
guidance.yaml is never touched. Each save changes the site's name, which every page's title carries.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench_report import Row, metric

ROOT = Path(__file__).resolve().parent.parent.parent
PROJECT_FILES = ("mkdocs.yml", "mkdocs.de.yml", "guidance.yaml", "guidance.schema.json", "docs", "hooks", "overrides",
                 "tools")
SAVES = 3
GOAL_SECONDS = 2.0
GIVE_UP_AFTER = 120  # a guard against a hung server, not a goal
NAME_LINE = "    en: Follow-up Coach\n"  # site.name in guidance.yaml


def _copy_project(target: Path) -> None:
    target.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(source, target / name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_served(url: str) -> None:
    deadline = time.monotonic() + GIVE_UP_AFTER
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"make serve did not answer on {url}")


def _wait_for_title(page, ending: str) -> float:
    """Seconds until the open page's title ends with `ending` (polled from Python: the page's policy
    forbids the eval that page.wait_for_function needs)."""
    start = time.perf_counter()
    while time.perf_counter() - start < GIVE_UP_AFTER:
        try:
            if page.title().endswith(ending):
                return time.perf_counter() - start
        except Exception:  # noqa: BLE001 - the page is between two documents while it reloads
            pass
        page.wait_for_timeout(20)
    return float("inf")


def _wait_for_error_page(page) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < GIVE_UP_AFTER:
        try:
            if page.locator("#coach-build-error").count() and "guidance.yaml:" in page.inner_text("body"):
                return time.perf_counter() - start
        except Exception:  # noqa: BLE001 - between two documents
            pass
        page.wait_for_timeout(20)
    return float("inf")


@metric(f"Authoring: make serve, save guidance.yaml -> the open page shows it (median of {SAVES} saves)")
def authoring_loop(bench):
    project = bench.tmp / "serve-project"
    _copy_project(project)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "tools/coach_site.py", "serve", "--port", str(port)], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = bench.browser().new_context()
    try:
        _wait_until_served(base + "guide/")
        page = context.new_page()
        page.goto(base + "guide/")
        guidance = project / "guidance.yaml"
        good = guidance.read_text(encoding="utf-8")
        seconds = []
        for number in range(1, SAVES + 1):
            name = f"Follow-up Coach {number}"
            guidance.write_text(good.replace(NAME_LINE, f"    en: {name}\n", 1), encoding="utf-8")
            seconds.append(_wait_for_title(page, name))
            time.sleep(1)  # MkDocs' watcher waits for the files to settle; saves in one second count once
        median = statistics.median(seconds)
        yield Row("save -> reloaded page", median, goal=f"<= {GOAL_SECONDS:g} s", ok=median <= GOAL_SECONDS,
                  unit="s", note="saves: " + ", ".join(f"{value:.2f}" for value in seconds))
        guidance.write_text(good.replace(NAME_LINE, '    en: ""\n', 1), encoding="utf-8")
        broken = _wait_for_error_page(page)
        yield Row("broken save -> located errors in the open page", broken, goal=f"<= {GOAL_SECONDS:g} s",
                  ok=broken <= GOAL_SECONDS, unit="s")
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=60)
