"""`make serve`: both languages rebuilt in one warm process on every save, live reload in the browser.

A failed build keeps the last good site on disk but serves an error page instead of every page:
the located problems (guidance.yaml:LINE:COL), escaped, with the live-reload script, so the open
page shows the errors at once and turns back into the site when a save fixes them.
"""

from __future__ import annotations

import html
import logging
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from tools import coach_site

ROOT = coach_site.ROOT


def _source_signature(folder: Path) -> tuple:
    """What the hook code looks like now: a change means the hook modules must be imported again."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts))


def _forget_hook_modules() -> None:
    """Edits to hooks/ take effect without a restart: drop the imported hook modules and MkDocs' cache of them."""
    from mkdocs.config.config_options import Hooks

    Hooks._load_hook.cache_clear()
    for name in list(sys.modules):
        if name in ("coach", "site_hooks") or name.startswith("coach."):
            del sys.modules[name]


def error_page(failure: BaseException) -> bytes:
    """A self-contained page (no request anywhere) listing what went wrong."""
    messages = getattr(failure, "messages", None) or [str(failure)]
    items = "\n".join(f"<pre>{html.escape(message)}</pre>" for message in messages)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed - Follow-up Coach</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1.5rem; color: #1b1b1b; background: #fff8f6; }}
h1 {{ font-size: 1.4rem; color: #8c1d18; margin-top: 0; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border-left: 4px solid #b3261e;
       padding: .75rem 1rem; font-size: .95rem; }}
</style></head>
<body><main id="coach-build-error">
<h1>The site did not build</h1>
<p>{html.escape(str(failure))}. Fix the problems below and save: this page reloads by itself.</p>
{items}
</main></body></html>
""".encode()


def _csp():
    """hooks/coach/csp.py, imported afresh after hook edits (_forget_hook_modules)."""
    if str(ROOT / "hooks") not in sys.path:
        sys.path.insert(0, str(ROOT / "hooks"))
    from coach import csp

    return csp


class CoachServer(LiveReloadServer):
    """MkDocs' live-reload server, serving the error page instead of pages while the last build failed."""

    failure: BaseException | None = None

    def _inject_js_into_html(self, content, epoch):
        # MkDocs adds its live-reload script inline, and each page's policy allows only the scripts it
        # was built with: without the script's hash there, a save would never reload the open page.
        page = super()._inject_js_into_html(content, epoch)
        return _csp().with_fresh_policy(page.decode("utf-8")).encode("utf-8")

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        failure = self.failure
        if failure is None or path.startswith("/livereload/") or not (path.endswith("/") or path.endswith(".html")):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:
            epoch = self._visible_epoch
        content = self._inject_js_into_html(error_page(failure), epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(content))),
                                                     ("Cache-Control", "no-store")])
        return [content]


class _AfterFailure(logging.Filter):
    """After a failed build, MkDocs' "Reloading browsers" (they get the error page) and "code 500" lines are noise."""

    def __init__(self, server: CoachServer):
        super().__init__()
        self.server = server

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (self.server.failure is not None and ("Reloading browsers" in message or '" code 500' in message))


def serve(host: str, port: int) -> int:
    sys.dont_write_bytecode = True  # .pyc files written into hooks/ would look like edits and rebuild again
    coach_site.setup_logging()
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    workdir = Path(tempfile.mkdtemp(prefix="follow-up-coach-"))
    out = workdir / "site"
    url = f"http://{host}:{port}/"
    hooks_seen = [_source_signature(ROOT / "hooks")]
    server: CoachServer | None = None

    def rebuild() -> BaseException | None:
        signature = _source_signature(ROOT / "hooks")
        if signature != hooks_seen[0]:
            _forget_hook_modules()
            hooks_seen[0] = signature
        try:
            seconds = coach_site.build(out, url, parallel=True)
        except Exception as error:  # shown in the browser; never stalls the server
            if not isinstance(error, coach_site.BuildFailed):
                traceback.print_exc()
                error = coach_site.BuildFailed("The build stopped with an error in the code",
                                               ["".join(traceback.format_exception(error))])
            failure = error
            print(f"\n{failure}. The errors are shown in the browser; fix them and save again.\n", file=sys.stderr)
        else:
            failure = None
            print(f"Built both languages in {seconds:.1f} s", file=sys.stderr)
        if server is not None:
            server.failure = failure
        return failure

    try:
        first_failure = rebuild()
        out.mkdir(parents=True, exist_ok=True)
        # Poll often: the watched folders hold a few dozen files, and a save should show within 2 s.
        server = CoachServer(builder=rebuild, host=host, port=port, root=str(out), polling_interval=0.1)
        server.failure = first_failure
        logging.getLogger("mkdocs.livereload").addFilter(_AfterFailure(server))
        for path in coach_site.WATCHED:
            server.watch(str(ROOT / path))
        print(f"Serving on {url} (German at {url}de/). Stop with Ctrl-C.", file=sys.stderr)
        server.serve()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0

