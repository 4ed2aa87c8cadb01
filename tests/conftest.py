"""Shared fixtures: one site built per test run (shared by all xdist workers), served on 127.0.0.1, and Debian's Chromium."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import pytest

import coach
from coach import wizard
from guidance_cases import GUIDANCE
from tools import coach_site

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
    # Chromium looks up Google hosts on its own; keep every lookup but loopback offline.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


_SHARED = pytest.StashKey[dict]()
_SERVER = pytest.StashKey[tuple]()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser closing a connection early (navigation, test teardown) is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _serve(folder: Path) -> tuple[str, _QuietServer]:
    """Serve `folder` (which may not exist yet: files are looked up on each request) on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


class _ShareWithWorkers:
    """Registered only when pytest-xdist is: hands the served address and folder to each worker."""

    def __init__(self, shared: dict):
        self.shared = shared

    def pytest_configure_node(self, node) -> None:
        node.workerinput["coach_site"] = self.shared


def pytest_configure(config) -> None:
    """One site for the whole run: the main process (xdist's controller, or plain pytest) serves a folder
    on a free port; the first test that needs the site builds it there, once, for every worker.

    Material's instant navigation only intercepts links listed in sitemap.xml, compared by protocol,
    host and port: a site built for another port would load every page in full, and tests of
    instant navigation would pass without it. So the port is taken first, then the site built for it.
    The server lives in the main process so that it outlives every worker.
    """
    if hasattr(config, "workerinput"):
        return
    folder = Path(tempfile.mkdtemp(prefix="coach-tests-"))
    address, server = _serve(folder / "site")
    config.stash[_SERVER] = server, folder
    shared = {"address": address, "folder": str(folder)}
    config.stash[_SHARED] = shared
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_ShareWithWorkers(shared), "coach-site-sharing")


def pytest_unconfigure(config) -> None:
    if _SERVER in config.stash:
        server, folder = config.stash[_SERVER]
        server.shutdown()
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def _served_site(pytestconfig):
    """The site, built for the address it is served from, and that address. Built once per run:
    the first worker to get here builds while the others wait on the lock, then all read the same folder."""
    shared = pytestconfig.workerinput["coach_site"] if hasattr(pytestconfig, "workerinput") else pytestconfig.stash[_SHARED]
    folder = Path(shared["folder"])
    out, done = folder / "site", folder / "built"
    with open(folder / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                coach_site.build(out, shared["address"] + "/")
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return shared["address"], out


@pytest.fixture(scope="session")
def guidance():
    """The shipped guidance.yaml, loaded and checked once for all tests that read it."""
    return coach.load_guidance(GUIDANCE)


@pytest.fixture(scope="session")
def compiled(guidance):
    """The wizard compiled from the shipped guidance: every path and its plan."""
    return wizard.compiled(guidance)


@pytest.fixture(scope="session")
def built_site(_served_site) -> Path:
    return _served_site[1]


@pytest.fixture(scope="session")
def site_server(_served_site) -> str:
    return _served_site[0]


@pytest.fixture(scope="session")
def base_url(site_server) -> str:
    """Replaces pytest-base-url's fixture: relative page.goto() paths land on the served site."""
    return site_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"Debian's chromium is not installed ({CHROMIUM}); `make test` installs it"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is an error, never a skip
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]}


class PageWatch:
    """Everything a page did that a test must not allow: foreign requests, console errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.foreign_requests: list[str] = []
        self.errors: list[str] = []

    def attach(self, page) -> None:
        page.on("request", self._on_request)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def _on_request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:", "about:"))):
            self.foreign_requests.append(url)

    def assert_clean(self) -> None:
        assert not self.foreign_requests, f"requests left 127.0.0.1: {self.foreign_requests}"
        assert not self.errors, f"errors in the browser: {self.errors}"


@pytest.fixture
def watched_page(page, base_url):
    """A page that fails the test on any request off the site's origin or any console error."""
    watch = PageWatch(base_url)
    watch.attach(page)
    page.watch = watch
    yield page
    watch.assert_clean()


# The tests that take longest start first, so that parallel workers (`--dist worksteal`) finish together
# instead of one worker running a long test alone at the end; then the other browser tests.
LONGEST_FIRST = ("test_every_page_loads_cleanly", "test_without_javascript_every_path")


def pytest_collection_modifyitems(config, items) -> None:
    def weight(item) -> int:
        if getattr(item, "originalname", item.name).startswith(LONGEST_FIRST):
            return 0
        return 1 if item.get_closest_marker("browser") else 2

    items.sort(key=weight)
