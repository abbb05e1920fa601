"""scripts/bench: its corpus passes `loa check`, is the same every time, and its JSON has the documented keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loa import cli

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "scripts" / "bench.py"
KEYS = {"full_build_s", "plain_mkdocs_s", "site_build_s", "overhead_ratio", "incremental_s", "incremental_fraction",
        "leaflets_cpu_s_one_core", "leaflets_cpu_s_all_cores", "leaflet_cpu_ms", "baseline_leaflet_cpu_ms",
        "leaflet_speedup_vs_baseline", "baseline_full_build_s", "full_build_speedup_vs_baseline", "baseline",
        "leaflets_per_s_one_core", "leaflets_per_s_all_cores", "leaflet_parallel_speedup", "peak_rss_mb",
        "campaigns", "languages", "leaflets", "cores", "runs"}


def bench(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run scripts/bench.py with its temporary folders under cwd/tmp (-B: no bytecode in the repository)."""
    (cwd / "tmp").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-B", str(BENCH), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "TMPDIR": str(cwd / "tmp")})


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_corpus_passes_loa_check(tmp_path, monkeypatch, capsys):
    done = bench("--corpus", str(tmp_path / "corpus"), "--campaigns", "5", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "corpus" / "project"
    monkeypatch.chdir(project)
    assert cli.main(["check", "--strict"]) == 0, capsys.readouterr().err
    assert "ok: 5 campaigns in 4 languages" in capsys.readouterr().out
    folders = sorted(p for p in (project / "campaigns").iterdir() if p.is_dir())
    assert len({p.name for p in folders}) == 5
    assert len({(p / "vi.yml").read_text(encoding="utf-8") for p in folders}) == 5  # content hashes differ
    assert [p.name for p in folders if (p / "images" / "cover.jpg").is_file()]  # some have a cover picture
    assert all((p / f"{lang}.yml").is_file() for p in folders for lang in ("vi", "hmn", "ium", "tyz"))
    plain = tmp_path / "corpus" / "plain" / "docs" / "campaigns"
    assert {p.name for p in plain.iterdir()} == {p.name for p in folders}
    assert (plain / folders[0].name / "index.hmn.md").read_text(encoding="utf-8").startswith("---\n")


def test_the_corpus_is_the_same_every_time(tmp_path):
    for name in ("a", "b"):
        assert bench("--corpus", str(tmp_path / name), "--campaigns", "4", cwd=tmp_path).returncode == 0
    assert tree(tmp_path / "a" / "project") == tree(tmp_path / "b" / "project")
    assert tree(tmp_path / "a" / "plain") == tree(tmp_path / "b" / "plain")


@pytest.mark.slow
def test_the_json_has_exactly_the_documented_keys(tmp_path):
    out = tmp_path / "bench.json"
    done = bench("--campaigns", "1", "--runs", "1", "--no-leaflets", "--json", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(figures) == KEYS
    assert figures["campaigns"] == 1 and figures["languages"] == 4 and figures["runs"] == 1
    assert figures["full_build_s"] > 0 and figures["plain_mkdocs_s"] > 0 and figures["peak_rss_mb"] > 0
    assert figures["overhead_ratio"] == pytest.approx(figures["site_build_s"] / figures["plain_mkdocs_s"], rel=1e-3)
    assert "overhead ratio" in done.stdout and "Where the time goes" in done.stdout
    assert not list((tmp_path / "tmp").iterdir())  # the temporary folder is cleaned up


def _bench_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("loa_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("one, every, flagged", [(10.0, 6.0, False), (10.0, 3.0, True)])
def test_the_parallel_speedup_is_shown_with_wall_and_cpu_time_and_above_the_cores_is_impossible(one, every, flagged):
    figures = {"leaflet_parallel_speedup": one / every, "cores": 2, "leaflets_cpu_s_one_core": 4.0,
               "leaflets_cpu_s_all_cores": 4.6, "_medians": {"leaflets_one": one, "leaflets_all": every},
               "_spreads": {"parallel_ratio": (one / every, one / every)}}
    note = _bench_module().parallel_note(figures)
    assert f"wall {one:.1f} s on one core, {every:.1f} s on all; CPU 4.0 s and 4.6 s" in note
    assert ("IMPOSSIBLE: above the 2 cores" in note) is flagged
