"""Page weight (Chromium, every request a page makes) and Lighthouse scores, for every page type."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import urllib.request
from pathlib import Path

from bench_report import Row, metric

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# Lighthouse 12.2.3 with Chromium 156: these audits fail ("reading 'frame_sequence'") and carry no
# weight in the category scores; skipping them keeps the report free of errors.
BROKEN_AUDITS = ("render-blocking-resources", "layout-shifts")
WEIGHT_ALLOWANCE_KB = 10.0


def _favicon_bytes(page, base_url: str, seen: set[str]) -> int:
    """Headless Chromium does not fetch the favicon; a visitor's browser does. Count it if it was not seen."""
    href = page.evaluate("() => document.querySelector('link[rel~=icon]')?.href || ''")
    if not href or href in seen or not href.startswith(base_url):
        return 0
    request = urllib.request.Request(href, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


def _body_bytes(request) -> int:
    # Chromium reports 0 for a worker's own script; the server's Content-Length is the bytes it sent.
    sent = request.sizes()["responseBodySize"]
    response = request.response()
    return sent or int(response.headers.get("content-length", 0)) if response else sent


def page_weight_kb(browser, url: str, base_url: str) -> tuple[float, int]:
    """Bytes of every response body as sent (gzipped where the server gzips), until the network is
    quiet, runtime requests (search index, scripts a page adds) and the favicon included. A fresh
    context per page: nothing cached. Returns (KB, number of requests)."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        response = page.goto(url, wait_until="load")
        if response is None or not response.ok:
            raise RuntimeError(f"{url} answered {response.status if response else 'nothing'}")
        page.wait_for_load_state("networkidle")
        total = sum(_body_bytes(request) for request in finished)
        total += _favicon_bytes(page, base_url, {request.url for request in finished})
        return total / 1024, len(finished)
    finally:
        context.close()


@metric(f"Page weight: every request, gzipped as served; goal: at most plain Material + {WEIGHT_ALLOWANCE_KB:g} KB")
def page_weight(bench):
    browser = bench.browser()
    for lang, page_type, path in bench.pages():
        coach_kb, requests = page_weight_kb(browser, bench.coach_url + path, bench.coach_url)
        plain_kb, plain_requests = page_weight_kb(browser, bench.plain_url + path, bench.plain_url)
        extra = coach_kb - plain_kb
        yield Row(f"{lang} {page_type} /{path}", coach_kb, goal=f"<= plain+{WEIGHT_ALLOWANCE_KB:g}",
                  ok=extra <= WEIGHT_ALLOWANCE_KB, unit="KB", plain=plain_kb,
                  note=f"{extra:+.1f} KB, {requests} requests (plain {plain_requests})")


def lighthouse(url: str) -> dict:
    # Lighthouse splits --chrome-flags like a shell would: quote values with spaces.
    flags = " ".join(["--headless=new"] + [arg if " " not in arg else '{}="{}"'.format(*arg.split("=", 1))
                                           for arg in CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}", f"--skip-audits={','.join(BROKEN_AUDITS)}",
               f"--chrome-flags={flags}"]
    for attempt in range(3):  # on a busy machine a run sometimes times out: try again
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        if result.returncode == 0:
            return json.loads(result.stdout)
    raise RuntimeError(f"Lighthouse failed 3 times on {url}: {(result.stderr.strip().splitlines() or ['?'])[-1][:120]}")


def _failing_audits(report: dict, category: str) -> set[str]:
    """The weighted audits of a category that cost points (by id, with the worst score seen)."""
    failing = set()
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            failing.add(ref["id"])
    return failing


def scores(url: str, runs: int) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Median of `runs` Lighthouse runs for each category, and the audits that cost points in any run."""
    reports = [lighthouse(url) for _ in range(runs)]
    medians = {name: statistics.median(r["categories"][name]["score"] for r in reports) for name in CATEGORIES}
    failing = {name: sorted(set().union(*(_failing_audits(r, name) for r in reports))) for name in CATEGORIES}
    return medians, failing


@metric("Lighthouse 12.2.3, mobile, served gzipped (median of the runs per page; plain Material: one run)")
def lighthouse_scores(bench):
    if not bench.lighthouse_runs:
        return
    if not LIGHTHOUSE.exists():
        yield Row("Lighthouse is not installed (make bench installs it)", None, ok=False)
        return
    for lang, page_type, path in bench.pages():
        try:
            coach, failing = scores(bench.coach_url + path, bench.lighthouse_runs)
        except RuntimeError as error:
            yield Row(f"{lang} {page_type}", None, goal="scores", ok=False, note=str(error))
            continue
        try:
            plain, _ = scores(bench.plain_url + path, 1) if bench.plain_lighthouse else ({}, {})
        except RuntimeError:
            plain = {}
        for category in CATEGORIES:
            ok = coach[category] >= GOALS[category]
            yield Row(f"{lang} {page_type} {category}", coach[category], goal=f">= {GOALS[category]:.2f}",
                      ok=ok, plain=plain.get(category), note="" if ok else ", ".join(failing[category]))
