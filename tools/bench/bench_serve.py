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

from bench_build import copy_project
from bench_report import Row, metric

ROOT = Path(__file__).resolve().parent.parent.parent
SAVES = 3
GOAL_SECONDS = 2.0
GIVE_UP_AFTER = 120  # a guard against a hung server, not a goal
NAME_LINE = "    en: Follow-up Coach\n"  # site.name in guidance.yaml


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


def _seconds_until(page, shown) -> float:
    """Seconds until `shown(page)` is true (polled from Python: the page's policy forbids the eval that
    page.wait_for_function needs); infinity if it never is."""
    start = time.perf_counter()
    while time.perf_counter() - start < GIVE_UP_AFTER:
        try:
            if shown(page):
                return time.perf_counter() - start
        except Exception:  # noqa: BLE001 - the page is between two documents while it reloads
            pass
        page.wait_for_timeout(20)
    return float("inf")


def _has_title_ending(ending: str):
    return lambda page: page.title().endswith(ending)


def _shows_located_errors(page) -> bool:
    return page.locator("#coach-build-error").count() > 0 and "guidance.yaml:" in page.inner_text("body")


@metric(f"Authoring: make serve, save guidance.yaml -> the open page shows it (median of {SAVES} saves)")
def authoring_loop(bench):
    project = copy_project(bench.tmp / "serve-project")
    shutil.copy2(ROOT / "guidance.yaml", project / "guidance.yaml")
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
            seconds.append(_seconds_until(page, _has_title_ending(name)))
            time.sleep(1)  # MkDocs' watcher waits for the files to settle; saves in one second count once
        median = statistics.median(seconds)
        yield Row("save -> reloaded page", median, goal=f"<= {GOAL_SECONDS:g} s", ok=median <= GOAL_SECONDS,
                  unit="s", note="saves: " + ", ".join(f"{value:.2f}" for value in seconds))
        guidance.write_text(good.replace(NAME_LINE, '    en: ""\n', 1), encoding="utf-8")
        broken = _seconds_until(page, _shows_located_errors)
        yield Row("broken save -> located errors in the open page", broken, goal=f"<= {GOAL_SECONDS:g} s",
                  ok=broken <= GOAL_SECONDS, unit="s")
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=60)
