"""`make serve` in a copy of the project: a broken save shows its located errors in the browser page,
a fixed save brings the site back, and a plain kill leaves no temporary folder behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import PageWatch
from guidance_cases import replace_once
from test_build import copy_project

# Only a guard against a hung server: the test never asserts how fast anything is.
GIVE_UP_AFTER = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""  # not listening yet


def wait_for(url: str, condition, what: str) -> tuple[int, str]:
    deadline = time.monotonic() + GIVE_UP_AFTER
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if condition(status, body):
            return status, body
        time.sleep(0.2)
    raise AssertionError(f"{what}: still not there; last answer {status}: {body[:300]!r}")


def is_site(status, body):
    return status == 200 and 'class="md-content"' in body


def is_error_page(status, body):
    return status == 500 and 'id="coach-build-error"' in body


def start_server(tmp_path) -> tuple[Path, Path, str, subprocess.Popen]:
    """`make serve` (tools/coach_site.py serve) in a copy of the project: (project, its TMPDIR, address, process)."""
    project = copy_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    server = subprocess.Popen([sys.executable, "tools/coach_site.py", "serve", "--port", str(port)], cwd=project,
                              env={**os.environ, "TMPDIR": str(temporary)},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return project, temporary, f"http://127.0.0.1:{port}/", server


def test_a_broken_save_shows_the_located_errors_in_the_open_page_and_a_fix_brings_the_site_back(tmp_path):
    project, temporary, base, server = start_server(tmp_path)
    try:
        wait_for(base + "de/guide/", is_site, "the first build")
        guidance = project / "guidance.yaml"
        good = guidance.read_text(encoding="utf-8")
        broken = replace_once(good, "    de: Leitfaden\n", '    de: ""\n')
        broken = replace_once(broken, "        statistics: [rejection-replies-2017]\n", "        statistics: [<b>nope</b>]\n")
        empty_line = good.splitlines().index("    de: Leitfaden") + 1
        guidance.write_text(broken, encoding="utf-8")

        _, page = wait_for(base + "de/guide/", is_error_page, "the error page after a broken save")
        assert f"guidance.yaml:{empty_line}:9: strings.nav_guide.de: the German text is empty" in page
        assert "&#x27;&lt;b&gt;nope&lt;/b&gt;&#x27; is not valid" in page  # escaped, not markup
        assert "<b>" not in page
        assert "livereload(" in page  # the page turns back into the site by itself
        assert "http" not in page.replace(base, "")  # nothing loaded from anywhere
        status, _ = fetch(base + "checklist/")
        assert status == 500  # every page shows it, not only the one that was open

        guidance.write_text(good, encoding="utf-8")
        wait_for(base + "de/guide/", is_site, "the site after the fix")
    finally:
        server.send_signal(signal.SIGTERM)  # a plain kill
        output, _ = server.communicate(timeout=60)

    failed_at = output.index("did not build")
    rebuilt_at = output.index("Built both languages", failed_at)
    assert "Reloading browsers" not in output[failed_at:rebuilt_at]
    assert "Traceback" not in output
    assert list(temporary.iterdir()) == []  # the served copy and any staging folder are gone


@pytest.mark.browser
def test_a_save_reloads_the_open_page_in_the_browser(tmp_path, page):
    """MkDocs' live-reload script is inline: the served page's policy must allow it (no console error),
    or the open page never shows the save."""
    project, _, base, server = start_server(tmp_path)
    try:
        wait_for(base + "guide/", is_site, "the first build")
        watch = PageWatch(base.rstrip("/"))
        watch.attach(page)
        page.goto(base + "guide/")
        guidance = project / "guidance.yaml"
        guidance.write_text(replace_once(guidance.read_text(encoding="utf-8"), "    en: Follow-up Coach\n",
                                         "    en: Follow-up Coach, saved\n"), encoding="utf-8")
        expect(page).to_have_title(re.compile("Follow-up Coach, saved$"), timeout=GIVE_UP_AFTER * 1000)
        watch.assert_clean()
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)
