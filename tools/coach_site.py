"""Build or serve both languages of the site as one: English at the root, German under de/.

    python tools/coach_site.py build [--out site]   # for any static host
    python tools/coach_site.py serve [--port 8000]   # live reload on any edit

Each build runs MkDocs in a fresh process, so edits to hooks/ take effect without a restart,
and writes into a staging folder that replaces the output only when both languages built:
a mistake in guidance.yaml never leaves a half-built site behind.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = (("mkdocs.yml", ""), ("mkdocs.de.yml", "de"))
WATCHED = ("docs", "hooks", "overrides", "guidance.yaml", "guidance.schema.json", "mkdocs.yml", "mkdocs.de.yml")


class BuildFailed(Exception):
    pass


def build(out: Path, site_url: str | None = None) -> None:
    """Build English then German into a staging folder, then swap it in for `out`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        site_url = site_url.rstrip("/") + "/"
        env["SITE_URL"], env["SITE_URL_DE"] = site_url, site_url + "de/"
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=out.parent))
    try:
        for config, subdir in CONFIGS:
            # English first: each MkDocs build empties its own output folder.
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                       "--config-file", str(ROOT / config), "--site-dir", str(staging / subdir)]
            if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
                raise BuildFailed(f"{config} did not build; the previous site was left as it was")
        previous = out.with_name(out.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if out.exists():
            out.rename(previous)
        staging.rename(out)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def serve(host: str, port: int) -> None:
    from mkdocs.livereload import LiveReloadServer

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = Path(tempfile.mkdtemp(prefix="follow-up-coach-")) / "site"
    url = f"http://{host}:{port}/"

    def rebuild() -> None:
        try:
            build(out, url)
        except BuildFailed as failure:
            # Keep serving the last good site; the errors are printed above.
            print(f"\n{failure}. Fix the errors and save again.\n", file=sys.stderr)

    rebuild()
    out.mkdir(parents=True, exist_ok=True)
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out))
    for path in WATCHED:
        server.watch(str(ROOT / path))
    try:
        server.serve()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
        shutil.rmtree(out.parent, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="write the site for a static host")
    build_cmd.add_argument("--out", type=Path, default=ROOT / "site")
    build_cmd.add_argument("--site-url", default=os.environ.get("SITE_URL"),
                           help="public address, e.g. https://example.org/coach/ (default: $SITE_URL)")
    serve_cmd = commands.add_parser("serve", help="serve with live reload")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            build(args.out, args.site_url)
        except BuildFailed as failure:
            print(failure, file=sys.stderr)
            return 1
        print(f"Built both languages into {args.out}")
        return 0
    serve(args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
