"""Bench preview: how long an edit takes to show under `mkdocs serve`, on the example campaigns.

    scripts/bench-preview [--edits K]

Copies the project (mkdocs.yml, overrides, docs, campaigns) into a temporary
folder, starts `mkdocs serve` on a free port, then K times changes the
summary of one campaign and polls its page until the change is served: the
time from saving the file to the page carrying it. It also counts the builds
each edit started (one is right: generated pages must not trigger a second),
then serves again on another port and counts the leaflets rendered again
(none is right: the preview's address is not part of a leaflet). Nothing is
written into the repository.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CAMPAIGN = "safe-migration"
TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, since: float) -> float:
    """Seconds from `since` until the page at url contains text."""
    while time.monotonic() - since < TIMEOUT_S:
        if text in fetch(url):
            return time.monotonic() - since
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not show {text!r} within {TIMEOUT_S} s")


def serve(project: Path, port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def builds(log: Path, what: str = "Building documentation") -> int:
    return log.read_text(encoding="utf-8", errors="replace").count(what)


def wait_for_reload(log: Path, count: int, since: float) -> float:
    """Seconds from `since` until MkDocs has told browsers to reload for the count+1-th time (build finished)."""
    while time.monotonic() - since < TIMEOUT_S:
        if builds(log, "Reloading browsers") > count:
            return time.monotonic() - since
        time.sleep(0.02)
    raise RuntimeError(f"no reload within {TIMEOUT_S} s: see {log}")


def measure(project: Path, edits: int) -> dict:
    text = project / "campaigns" / CAMPAIGN / "vi.yml"
    original = text.read_text(encoding="utf-8")
    cache = project / ".loa-cache" / "leaflets"
    port, log = free_port(), project / "serve-1.log"
    server = serve(project, port, log)
    url = f"http://127.0.0.1:{port}/campaigns/{CAMPAIGN}/"
    try:
        first = wait_for(url, "loa-leaflets__size", time.monotonic())
        time.sleep(1.0)  # let the first build settle
        latencies, extra_builds = [], []
        for index in range(edits):
            before, reloads = builds(log), builds(log, "Reloading browsers")
            marker = f"preview-edit-{index}"
            text.write_text(original.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
            saved = time.monotonic()
            shown = wait_for(url, marker, saved)  # the page is written...
            latencies.append(max(shown, wait_for_reload(log, reloads, saved)))  # ...and the browser told to reload
            time.sleep(1.5)  # a second build, if any, would start now
            extra_builds.append(builds(log) - before - 1)
        reloads = builds(log, "Reloading browsers")
        text.write_text(original, encoding="utf-8")
        wait_for_reload(log, reloads, time.monotonic())  # the original text is built again before the server stops
    finally:
        server.terminate()
        server.wait(timeout=30)
    cached = {p.name for p in cache.iterdir()}
    port, log = free_port(), project / "serve-2.log"
    server = serve(project, port, log)
    try:
        second = wait_for(f"http://127.0.0.1:{port}/campaigns/{CAMPAIGN}/", "loa-leaflets__size", time.monotonic())
    finally:
        server.terminate()
        server.wait(timeout=30)
    rendered_again = len({p.name for p in cache.iterdir()} - cached)
    if rendered_again:
        print("rendered again:", sorted({p.name for p in cache.iterdir()} - cached), file=sys.stderr)
    return {"first_serve_s": first, "edit_latency_s": statistics.median(latencies), "edit_latencies_s": latencies,
            "extra_builds_per_edit": max(extra_builds), "new_port_serve_s": second,
            "leaflets_rendered_again_on_new_port": rendered_again}


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench-preview", description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5, metavar="K", help="edits to time (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="loa-preview-") as work:
        project = Path(work) / "project"
        project.mkdir()
        for name in ("overrides", "docs", "campaigns"):
            subprocess.run(["cp", "-r", str(ROOT / name), str(project / name)], check=True)
        (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
        result = measure(project, args.edits)
    print(f"first serve (everything rendered):     {result['first_serve_s']:.2f} s")
    print(f"edit shown in the browser, median:      {result['edit_latency_s']:.2f} s "
          f"({', '.join(f'{s:.2f}' for s in result['edit_latencies_s'])})")
    print(f"extra builds after an edit (0 is right): {result['extra_builds_per_edit']}")
    print(f"serve on another port: first page in    {result['new_port_serve_s']:.2f} s, "
          f"leaflets rendered again: {result['leaflets_rendered_again_on_new_port']} (0 is right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
