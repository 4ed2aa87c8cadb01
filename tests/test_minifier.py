"""Every built page is minified HTML (hooks/coach/minifier.py), with what must not change left alone,
and the minifier's child process lives only as long as the build that started it."""

from __future__ import annotations

import os
import re

import pytest

from coach import csp, drafts, minifier
from html_pages import Site

INDENTED = re.compile(r">\n[ \t]+<")


def _pre_texts(page) -> list[str]:
    return ["".join(child if isinstance(child, str) else child.text() for child in pre.find("code").children)
            for pre in page.find_all("pre") if pre.find("code")]


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("de", "de/")])
def test_pages_are_minified_and_a_template_keeps_its_lines(built_site, guidance, lang, prefix):
    site = Site(built_site)
    section = guidance.templates
    for template in section.items:
        address = f"{prefix}templates/{template.id}/"
        source = site.file_of(address).read_text(encoding="utf-8")
        assert not INDENTED.search(source), f"/{address} is not minified"
        # The text a visitor without JavaScript copies keeps every line break and blank line.
        assert drafts.static_text(section, template, lang) in _pre_texts(site.page(address)), address


def test_every_page_is_minified_and_its_policy_allows_its_minified_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert not INDENTED.search(source), f"{page.relative_to(built_site)} is not minified"
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', source)[1]
        hashes = csp.inline_script_hashes(source)
        assert hashes and all(digest in policy for digest in hashes), page.relative_to(built_site)


def test_minifying_a_page_keeps_quotes_end_tags_default_attributes_and_preformatted_text():
    page = ('<!doctype html>\n<html lang="en">\n  <head>\n    <title>A</title>\n  </head>\n  <body>\n'
            '    <p class="a">One   two</p>\n    <input type="text" name="x">\n'
            '    <pre><code>line 1\n\n  line 3</code></pre>\n  </body>\n</html>\n')
    assert minifier.minified_html(page) == (
        '<!doctype html><html lang="en"><head><title>A</title></head><body>'
        '<p class="a">One two</p><input type="text" name="x">'
        '<pre><code>line 1\n\n  line 3</code></pre></body></html>\n')


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not yet waited for is not running either.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_the_child_ends_when_stopped_and_the_next_request_starts_another():
    minifier.minified_html("<p>one</p>")
    first = minifier._child.pid
    minifier.stop()
    assert not _alive(first)
    assert minifier.minified_html("<p>two</p>") == "<p>two</p>\n"
    assert minifier._child.pid != first
    minifier.stop()


def test_a_forked_process_uses_a_child_of_its_own_and_leaves_the_parents_to_stop():
    """tools/coach_site.py forks the German build: the fork must not talk to the parent's minifier, and
    its copy of that minifier's pipes must not keep it alive once the parent stops it."""
    minifier.minified_html("<p>parent</p>")
    parents = minifier._child.pid
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the fork: answers whether it got a minifier of its own that works
        os.close(read_end)
        try:
            ok = minifier.minified_html("<p>fork</p>") == "<p>fork</p>\n" and minifier._child.pid != parents
            minifier.stop()
        except BaseException:  # noqa: BLE001 - any failure is a "no" to the parent
            ok = False
        os.write(write_end, b"1" if ok else b"0")
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        assert pipe.read() == b"1"
    os.waitpid(pid, 0)
    assert minifier.minified_html("<p>still</p>") == "<p>still</p>\n" and minifier._child.pid == parents
    minifier.stop()
    assert not _alive(parents)


def test_a_minifier_that_ended_is_replaced_on_the_next_request():
    minifier.minified_html("<p>one</p>")
    first = minifier._child
    first.kill()
    first.wait()
    assert minifier.minified_html("<p>two</p>") == "<p>two</p>\n" and minifier._child is not first
    minifier.stop()
