"""Bench preview: how long an edit takes to show under `mkdocs serve`, on the example campaigns.

    scripts/bench-preview [--edits K] [--baseline REF|none] [--json FILE]
    scripts/bench-preview --profile FILE [--edits K]

Copies the project (mkdocs.yml, overrides, docs, campaigns) into a temporary
folder, starts `mkdocs serve` on a free port, then K times changes the title
of one campaign's source file and polls its page until the change is served
and MkDocs has told browsers to reload: the time from saving the file to
that. Beside each edit's wall time, the CPU time the server spent on it. It
also counts the builds each edit started (one is right: generated pages must
not trigger a second), then serves again on another port and counts the
leaflets rendered again (none is right: the preview's address is not part of
a leaflet).

With --baseline REF, that commit's files (git archive, as scripts/bench does)
are served too, from their own copy, at the same time: the edits alternate
between the two servers (ours first, then the baseline, then the other way
round), so both see the same load; the ratio is the median of the pairs'
ratios. With --profile, no server: the same rebuilds run in this process, as
`mkdocs serve` runs them, and the second is profiled with cProfile into FILE.
Nothing is written into the repository but --json and --profile.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CAMPAIGN = "safe-migration"
TIMEOUT_S = 120
SETTLE_S = 1.5  # after an edit is shown: a second build, if any, would start within this


@dataclass
class Server:
    """One `mkdocs serve` of one project copy (ours or the baseline's)."""

    name: str
    project: Path
    code: Path | None  # the baseline's checkout (its `loa` first on the path); None: this checkout
    port: int = 0
    log: Path | None = None
    process: subprocess.Popen | None = None
    latencies: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    extra_builds: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/campaigns/{CAMPAIGN}/"

    @property
    def source(self) -> Path:
        return self.project / "campaigns" / CAMPAIGN / "vi.yml"

    def start(self, label: str) -> float:
        """Serve on a free port; seconds until the campaign page is there."""
        self.port, self.log = free_port(), self.project / f"serve-{label}.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if self.code is not None:
            env["PYTHONPATH"] = str(self.code / "scripts")
        self.process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{self.port}"],
                                        cwd=self.project, stdout=subprocess.DEVNULL, stderr=open(self.log, "w"), env=env)
        return wait_for(self.url, "loa-leaflets__size", time.monotonic())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def count(self, what: str = "Building documentation") -> int:
        return self.log.read_text(encoding="utf-8", errors="replace").count(what)

    def wait_for_reload(self, count: int, since: float) -> float:
        """Seconds from `since` until MkDocs has told browsers to reload for the count+1-th time (build finished)."""
        while time.monotonic() - since < TIMEOUT_S:
            if self.count("Reloading browsers") > count:
                return time.monotonic() - since
            time.sleep(0.02)
        raise RuntimeError(f"no reload within {TIMEOUT_S} s: see {self.log}")

    def edit(self, text: str, marker: str) -> None:
        """Save the source with `marker` in the title; time it until served and reloaded, with the CPU spent."""
        before, reloads = self.count(), self.count("Reloading browsers")
        cpu = process_cpu(self.process.pid)
        self.source.write_text(text.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
        saved = time.monotonic()
        shown = wait_for(self.url, marker, saved)  # the page is written...
        self.latencies.append(max(shown, self.wait_for_reload(reloads, saved)))  # ...and the browser told to reload
        self.cpu.append(process_cpu(self.process.pid) - cpu)
        time.sleep(SETTLE_S)
        self.extra_builds.append(self.count() - before - 1)


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


def process_cpu(pid: int) -> float:
    """CPU seconds of a process and of the children it has waited for (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def copy_project(code: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("overrides", "docs", "campaigns"):
        subprocess.run(["cp", "-r", str(code / name), str(dest / name)], check=True)
    (dest / "mkdocs.yml").write_text((code / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return dest


def measure(servers: list[Server], edits: int) -> dict:
    """Both servers up, then `edits` rounds, each editing every server once (the order alternates)."""
    originals = {s.name: s.source.read_text(encoding="utf-8") for s in servers}
    first = {}
    try:
        for server in servers:
            first[server.name] = server.start("1")
        time.sleep(1.0)  # let the first builds settle
        for index in range(edits):
            for server in servers if index % 2 == 0 else servers[::-1]:
                server.edit(originals[server.name], f"preview-edit-{index}")
        for server in servers:  # the original text is built again before the server stops
            reloads = server.count("Reloading browsers")
            server.source.write_text(originals[server.name], encoding="utf-8")
            server.wait_for_reload(reloads, time.monotonic())
    finally:
        for server in servers:
            if server.process is not None:
                server.stop()
    return first


def new_port(server: Server) -> tuple[float, int]:
    """Serve again on another port: seconds to the first page, and leaflets rendered again (0 is right)."""
    cache = server.project / ".loa-cache" / "leaflets"
    cached = {p.name for p in cache.iterdir()}
    try:
        seconds = server.start("2")
    finally:
        server.stop()
    again = sorted({p.name for p in cache.iterdir()} - cached)
    if again:
        print("rendered again:", again, file=sys.stderr)
    return seconds, len(again)


def run(edits: int, baseline: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="loa-preview-") as work:
        servers = [Server("ours", copy_project(ROOT, Path(work) / "project"), None)]
        if baseline != "none":
            sys.path.insert(0, str(ROOT / "scripts"))
            from bench import prepare_baseline

            code = prepare_baseline(baseline, Path(work))
            servers.append(Server("baseline", copy_project(code, Path(work) / "baseline-project"), code))
        load_before = os.getloadavg()
        first = measure(servers, edits)
        load_after = os.getloadavg()
        ours = servers[0]
        second, again = new_port(ours)
    result = {"first_serve_s": first["ours"], "edit_latency_s": statistics.median(ours.latencies),
              "edit_latencies_s": ours.latencies, "edit_cpu_s": statistics.median(ours.cpu), "edit_cpus_s": ours.cpu,
              "extra_builds_per_edit": max(ours.extra_builds), "new_port_serve_s": second,
              "leaflets_rendered_again_on_new_port": again, "load_average": [load_before, load_after],
              "cores": os.cpu_count(), "baseline": None}
    if len(servers) > 1:
        base = servers[1]
        result.update({
            "baseline": subprocess.run(["git", "-C", str(ROOT), "rev-parse", baseline], capture_output=True,
                                       text=True).stdout.strip() or baseline,
            "baseline_edit_latency_s": statistics.median(base.latencies), "baseline_edit_latencies_s": base.latencies,
            "baseline_edit_cpu_s": statistics.median(base.cpu), "baseline_edit_cpus_s": base.cpu,
            "baseline_extra_builds_per_edit": max(base.extra_builds),
            "edit_speedup_vs_baseline": statistics.median(b / o for b, o in zip(base.latencies, ours.latencies,
                                                                                  strict=True)),
        })
    return result


def _times(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (range {min(values):.2f}-{max(values):.2f})"


def report(result: dict) -> None:
    (l1, _, _), (m1, _, _) = result["load_average"]
    print(f"load average (1 min) {l1:.1f} before the edits, {m1:.1f} after; {result['cores']} cores")
    print(f"first serve (everything rendered):       {result['first_serve_s']:.2f} s")
    print(f"edit shown in the browser, median:        {_times(result['edit_latencies_s'])}; "
          f"CPU {_times(result['edit_cpus_s'])}")
    print("  each edit:", ", ".join(f"{s:.2f}" for s in result["edit_latencies_s"]))
    if result["baseline"]:
        print(f"baseline {result['baseline'][:10]}, same edits interleaved: {_times(result['baseline_edit_latencies_s'])}; "
              f"CPU {_times(result['baseline_edit_cpus_s'])}")
        print("  each edit:", ", ".join(f"{s:.2f}" for s in result["baseline_edit_latencies_s"]))
        print(f"speedup against the baseline (median of the pairs' ratios): {result['edit_speedup_vs_baseline']:.2f}x")
    print(f"extra builds after an edit (0 is right):  {result['extra_builds_per_edit']}")
    print(f"serve on another port: first page in      {result['new_port_serve_s']:.2f} s, "
          f"leaflets rendered again: {result['leaflets_rendered_again_on_new_port']} (0 is right)")


def profile(edits: int, out: Path) -> None:
    """The rebuilds without the server: in this process, as `mkdocs serve` runs them; the second under cProfile."""
    import cProfile

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory(prefix="loa-preview-") as work:
        project = copy_project(ROOT, Path(work) / "project")
        site, url = str(Path(work) / "site"), "http://127.0.0.1:8000/"
        os.chdir(project)

        def config():
            loaded = load_config(config_file="mkdocs.yml", site_dir=site)
            loaded.site_url = url  # as serve does
            return loaded
        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        build(first, serve_url=url)
        source = project / "campaigns" / CAMPAIGN / "vi.yml"
        original = source.read_text(encoding="utf-8")
        for index in range(edits):
            source.write_text(original.replace("\ntitle: ", f"\ntitle: preview-edit-{index} ", 1), encoding="utf-8")
            profiler = cProfile.Profile() if index == 1 else None
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            build(config(), serve_url=url)
            if profiler:
                profiler.disable()
                profiler.dump_stats(out)
            print(f"rebuild {index + 1}: {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s"
                  + (" (under cProfile)" if profiler else ""))
        first.plugins.on_shutdown()
    print(f"profile of rebuild 2: {out} (python -m pstats {out}, or snakeviz)")


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench-preview", description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5, metavar="K", help="edits to time (default 5)")
    parser.add_argument("--baseline", default="none", metavar="REF",
                        help="a commit to serve beside this checkout, edits interleaved (default: none)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="no server: K rebuilds in this process, the second profiled into FILE (cProfile)")
    args = parser.parse_args()
    if args.profile:
        profile(max(args.edits, 2), args.profile.resolve())
        return 0
    result = run(args.edits, args.baseline)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
