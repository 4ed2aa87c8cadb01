"""Benchmark: the coach site against plain Material for MkDocs of the same pages, built in the same run.

    make bench                                   # everything (15 to 30 minutes on 2 CPUs)
    .venv/bin/python tools/bench.py --quick      # one Lighthouse run per page, no growth
    .venv/bin/python tools/bench.py --only checklist --lighthouse-runs 1

Both sites are served gzipped on 127.0.0.1 (tools/bench/gzip_server.py), each built for the port
it is served on. The baseline is described in tools/bench/plain_material.py. Speed goals live here,
never in tests. Prints a table (goal, measured, plain Material, ratio), row by row, and exits 1 on any miss.
Metrics are registered in tools/bench/bench_report.py (how to add one is described there).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "bench"))

import bench_build  # noqa: E402 - registers its metrics first: builds are timed while the CPU is quiet
import bench_browser  # noqa: E402,F401 - registers its metrics
import bench_fastpath  # noqa: E402,F401 - registers the fast-path metrics (issue 8)
import bench_serve  # noqa: E402,F401 - registers the authoring loop (make serve)
from bench_report import METRICS, print_header, print_row  # noqa: E402
from gzip_server import GzipServer  # noqa: E402
from plain_material import write_project  # noqa: E402

# Every page type, in both languages. Several candidates: the first that exists in the built site
# is measured (a name ending in * takes the first matching folder), so renamed pages still count.
PAGE_TYPES = [
    ("home", [""]),
    ("guide page", ["guide/calling/", "guide/*"]),
    ("sources", ["sources/"]),
    ("checklist", ["checklist/"]),
    ("templates", ["templates/"]),
    ("template", ["templates/thank-you-email/", "templates/*"]),
    ("printed template", ["templates/thank-you-letter/"]),  # a letter: its print layout comes along
    ("wizard start", ["wizard/"]),
    ("question", ["wizard/call-or-sales/within-week/", "wizard/call-or-sales/*", "wizard/interview-format/*"]),
    ("plan", ["wizard/plan/letter/", "wizard/plan/*"]),
    ("decision table", ["wizard/decision-table/"]),
]


class Bench:
    """What every metric gets: both sites built and served, page paths, a shared Chromium."""

    def __init__(self, tmp: Path, args):
        self.tmp = tmp
        self.args = args
        self.build_runs = args.build_runs
        self.lighthouse_runs = args.lighthouse_runs
        self.plain_lighthouse = not args.no_plain_lighthouse
        self.coach_site, self.plain_site = tmp / "coach" / "site", tmp / "plain" / "site"
        self.plain_project = tmp / "plain-project"
        self.coach_site.mkdir(parents=True)
        self.plain_site.mkdir(parents=True)
        self.coach_server = GzipServer(self.coach_site).start()
        self.plain_server = GzipServer(self.plain_site).start()
        self.coach_url, self.plain_url = self.coach_server.url, self.plain_server.url
        self._playwright = self._browser = None

    def prepare(self) -> None:
        """Write the baseline project and build both sites once (a warm-up, not timed)."""
        write_project(ROOT, self.plain_project)
        bench_build.run_timed(bench_build.coach_build(self.coach_site, self.coach_url))
        bench_build.run_timed(bench_build.plain_build(self.plain_project, self.plain_site, self.plain_url))
        pages = [{p.relative_to(site).as_posix() for p in site.rglob("*.html")} for site in (self.coach_site, self.plain_site)]
        if pages[0] != pages[1]:
            raise SystemExit(f"the baseline does not have the same pages: {sorted(pages[0] ^ pages[1])[:5]} ...")

    def pages(self) -> list[tuple[str, str, str]]:
        """(language, page type, path) for every page type that exists in both languages."""
        found = []
        for page_type, candidates in PAGE_TYPES:
            if self.args.only and not any(word in page_type for word in self.args.only):
                continue
            path = self._first_existing(candidates)
            if path is None:
                print(f"  (no {page_type} page found: {candidates})", file=sys.stderr)
                continue
            found += [("en", page_type, path), ("de", page_type, "de/" + path)]
        return found

    def _first_existing(self, candidates: list[str]) -> str | None:
        for candidate in candidates:
            if candidate.endswith("*"):
                matches = sorted(p.parent for p in self.coach_site.glob(candidate + "/index.html")
                                 if (self.coach_site / "de" / p.parent.relative_to(self.coach_site)).is_dir())
                if matches:
                    return matches[0].relative_to(self.coach_site).as_posix() + "/"
            elif (self.coach_site / candidate / "index.html").is_file() and \
                    (self.coach_site / "de" / candidate / "index.html").is_file():
                return candidate
        return None

    def browser(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=bench_browser.CHROMIUM,
                                                             args=bench_browser.CHROMIUM_ARGS)
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
        self.coach_server.stop()
        self.plain_server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs per page, median taken (0: none)")
    parser.add_argument("--no-plain-lighthouse", action="store_true", help="skip Lighthouse on plain Material")
    parser.add_argument("--build-runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="page types to measure, e.g. checklist 'decision table'")
    parser.add_argument("--skip", nargs="*", default=[], help="metric groups to skip, e.g. Growth Lighthouse")
    parser.add_argument("--quick", action="store_true", help="= --lighthouse-runs 1 --skip Growth")
    args = parser.parse_args()
    if args.quick:
        args.lighthouse_runs, args.skip = 1, [*args.skip, "Growth"]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    misses = 0
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        bench = Bench(Path(tmp), args)
        try:
            print(f"Coach site on {bench.coach_url}, plain Material on {bench.plain_url} (both gzipped)", flush=True)
            bench.prepare()
            for group, function in METRICS:
                if any(group.startswith(skipped) for skipped in args.skip):
                    continue
                print_header(group)
                for row in function(bench):  # printed as measured: a long run shows its progress
                    print_row(row)
                    misses += row.ok is False
        finally:
            bench.close()
    minutes = (time.perf_counter() - started) / 60
    print(f"\n{misses} goal(s) missed; the benchmark took {minutes:.1f} min")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
