"""tdewolff/minify for the build: the site's CSS and JavaScript, and every page's HTML.

That minifier is Go code loaded into the process that imports it, and a process with the Go runtime
loaded must not fork (tools/coach_site.py forks the German build) and no longer owns its signals. So it
runs in a child process of the building one, started on first use and stopped at the end of each build
(`stop`); requests go to it one JSON line at a time. Results are kept per text for this process.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys

MEDIA_TYPES = {".css": "text/css", ".js": "application/javascript", ".html": "text/html"}

# Pages keep what scripts, styles and tests look for: the html/head/body tags, every end tag, quotes
# around attribute values and attributes at their default value (CSS may select [type=text]).
# Whitespace is collapsed; <pre> and <textarea> keep theirs.
HTML_OPTIONS = {
    "html-keep-document-tags": True,
    "html-keep-end-tags": True,
    "html-keep-quotes": True,
    "html-keep-default-attr-vals": True,
}

# The child: each input line is {path: [media type, text]}; each answer line {path: {"text"} or {"error"}}.
_CHILD = """
import json, sys
import minify
minify.config(json.loads(sys.argv[1]))
for line in sys.stdin:
    answers = {}
    for path, (media_type, text) in json.loads(line).items():
        try:
            answers[path] = {"text": minify.string(media_type, text)}
        except minify.MinifyError as error:
            answers[path] = {"error": str(error)}
    sys.stdout.write(json.dumps(answers) + "\\n")
    sys.stdout.flush()
"""


class MinifyError(ValueError):
    """A file that does not parse (each one named), or a minifier that stopped."""


_child: subprocess.Popen | None = None
_child_owner = 0  # the process that started _child: a forked process starts its own
_minified: dict[tuple[str, str], str] = {}  # (media type, text) -> minified text


def media_type(path: str) -> str:
    found = next((media for suffix, media in MEDIA_TYPES.items() if path.endswith(suffix)), None)
    if found is None:
        raise MinifyError(f"not HTML, CSS or JavaScript: {path}")
    return found


def _running_child() -> subprocess.Popen:
    global _child, _child_owner
    if _child is not None and _child.poll() is not None:
        stop()  # it ended (killed, out of memory): its pipes are closed before another starts
    if _child is None or _child_owner != os.getpid():
        _child = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps(HTML_OPTIONS)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        _child_owner = os.getpid()
    return _child


def _ask(jobs: dict[str, tuple[str, str]]) -> dict[str, dict]:
    child = _running_child()
    try:
        child.stdin.write(json.dumps(jobs) + "\n")
        child.stdin.flush()
        answer = child.stdout.readline()
    except OSError:
        answer = ""
    if not answer:  # it ended: what it said on the way out is the reason
        try:
            reason = child.stderr.read().strip()[-600:]
        except (OSError, ValueError):
            reason = ""
        stop()
        raise MinifyError(f"the minifier stopped: {reason or 'no reason given'}")
    return json.loads(answer)


def minified_all(files: dict[str, str]) -> dict[str, str]:
    """Each file's text (path -> text) minified by its type; every file that does not parse is named."""
    jobs = {path: (media_type(path), text) for path, text in files.items()}
    results = {path: _minified[job] for path, job in jobs.items() if job in _minified}
    new = {path: job for path, job in jobs.items() if path not in results}
    if new:
        answers = _ask(new)
        errors = [f"{path}: {answer['error']}" for path, answer in answers.items() if "error" in answer]
        if errors:
            raise MinifyError("\n".join(errors))
        for path, answer in answers.items():
            results[path] = answer["text"].strip() + "\n"
            # A page is minified once per build: keeping pages would only grow `make serve`'s memory.
            if new[path][0] != "text/html":
                _minified[new[path]] = results[path]
    return {path: results[path] for path in files}


def minified(path: str, text: str) -> str:
    """`text`, the content of the file at `path`, minified by its type."""
    return minified_all({path: text})[path]


def minified_html(page: str) -> str:
    """One page's HTML minified (HTML_OPTIONS)."""
    return minified("page.html", page)


def _close_pipes(child: subprocess.Popen) -> None:
    for pipe in (child.stdin, child.stdout, child.stderr):
        try:
            pipe.close()
        except OSError:
            pass


def stop() -> None:
    """Ends this process's minifier child, if it has one (the next request starts another)."""
    global _child
    child, _child = _child, None
    if child is None or _child_owner != os.getpid():
        return
    _close_pipes(child)
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _forget_inherited() -> None:
    """In a forked process: let go of the parent's child without a word to it. Its pipes are closed here
    so that the parent's `stop` still ends it (a copy of its input left open would keep it waiting)."""
    global _child
    if _child is not None:
        _close_pipes(_child)
        _child = None


os.register_at_fork(after_in_child=_forget_inherited)
atexit.register(stop)
