"""Benchmark: build time, page weight and Lighthouse scores. Speed goals live here, not in tests.

    make bench            # build time and page weight, plus Lighthouse (installs it with npm first)

Lighthouse runs Debian's Chromium against the built site on 127.0.0.1, mobile profile.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools import coach_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "bench" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "de/guide/decision-within-a-week/", "checklist/", "de/templates/thank-you-letter/", "wizard/"]
# Goals (mobile): what a nervous reader on a phone should get.
GOALS = {"build_seconds": 5.0, "page_kb_gzip": 80.0,
         "performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def gzip_kb(data: bytes) -> float:
    return len(gzip.compress(data, 9)) / 1024


def page_weight(site: Path, path: str) -> float:
    """HTML plus the same-origin CSS and JS it loads, gzipped, in KB."""
    html_file = site / path / "index.html"
    html = html_file.read_bytes()
    total = gzip_kb(html)
    for ref in re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (html_file.parent / ref.decode()).resolve()
        if asset.is_file():
            total += gzip_kb(asset.read_bytes())
    return total


def lighthouse(url: str) -> dict[str, float]:
    flags = "--headless=new --no-sandbox --disable-gpu --host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={flags}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"},
        check=True)
    report = json.loads(result.stdout)
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"       {name}: {audit['title']} ({audit['score']:.2f})")
    return {name: category["score"] for name, category in report["categories"].items()}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fast_path(site: Path, report) -> None:
    """Issue 8's journey on a phone (tools/bench/bench_fastpath.py), on a site built for the port it is
    served on, so that Material's instant navigation works as it does for a visitor."""
    sys.path.insert(0, str(ROOT / "tools" / "bench"))
    from playwright.sync_api import sync_playwright

    import bench_fastpath

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    coach_site.build(site, base)
    print("Fast path (commonest case, 375x667, both languages):")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu",
                                                   "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        for name, measured, goal in bench_fastpath.measure(browser, base, ROOT / "guidance.yaml"):
            report(name, measured, goal, False)
        browser.close()
    server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-fast-path", action="store_true", help="skip the fast-path journey (issue 8)")
    args = parser.parse_args()
    misses = []

    def report(name: str, value: float, goal: float, higher_is_better: bool) -> None:
        ok = value >= goal if higher_is_better else value <= goal
        misses.extend([] if ok else [name])
        print(f"  {'ok  ' if ok else 'MISS'} {name:<48} {value:8.2f}   goal {'>=' if higher_is_better else '<='} {goal}")

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        durations = []
        for _ in range(3):
            start = time.perf_counter()
            coach_site.build(site)
            durations.append(time.perf_counter() - start)
        print("Build (both languages, median of 3):")
        report("seconds", statistics.median(durations), GOALS["build_seconds"], False)
        pages = [p for p in PAGES if (site / p / "index.html").exists()]
        print("Page weight (HTML + CSS + JS, gzipped):")
        for path in pages:
            report(f"/{path} KB", page_weight(site, path), GOALS["page_kb_gzip"], False)
        if not args.no_lighthouse:
            server = serve(site)
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            print("Lighthouse (mobile):")
            for path in pages:
                for category, score in lighthouse(base + path).items():
                    report(f"/{path} {category}", score, GOALS[category], True)
            server.shutdown()
        if not args.no_fast_path:
            fast_path(site, report)
    print(f"\n{len(misses)} goal(s) missed" + (f": {', '.join(misses)}" if misses else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
