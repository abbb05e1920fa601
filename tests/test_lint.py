"""Lint: ruff's rules hold over the package, scripts and tests; mypy finds no type error in the package; no module is too long."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "scripts", "tests"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing():
    # pyproject.toml [tool.mypy] says what is checked (the package loa) and which untyped libraries are let through
    cache = Path(tempfile.gettempdir()) / "loa-mypy-cache"  # nothing written into the repository
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", "pyproject.toml", "--cache-dir", str(cache)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Success: no issues found" in done.stdout, done.stdout + done.stderr


MAX_MODULE_LINES = 400  # style.md: a module past this does more than one step; split it along a seam


def test_no_module_over_400_lines():
    modules = sorted((ROOT / "scripts" / "loa").rglob("*.py"))
    assert len(modules) > 30, modules  # the package was found, not an empty folder
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in modules}
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: {too_long}"
