"""Loa installed from a wheel works outside the checkout: templates, fonts and strings are package data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)


def test_a_wheel_checks_campaigns_outside_the_checkout(tmp_path):
    # Built from a copy: setuptools writes build/ and egg-info next to the sources, never into the repository.
    source = tmp_path / "source"
    (source / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", source)
    shutil.copy2(ROOT / "mkdocs.yml", source)
    shutil.copytree(ROOT / "overrides", source / "overrides")
    shutil.copytree(ROOT / "scripts/loa", source / "scripts/loa", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                str(tmp_path / "dist"), str(source))
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("loa-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"loa/defaults/mkdocs.yml", "loa/defaults/overrides/i18n/vi.yml", "loa/defaults/overrides/loa/pages/campaign.html",
            "loa/defaults/overrides/leaflets/fonts/NotoSans-Regular.ttf", "loa/schema/text.schema.json"} <= names
    assert not any(name.startswith("loa/defaults/overrides/") and name.endswith(".py") for name in names)

    installed = tmp_path / "installed"
    done = run(sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(installed), str(wheel))
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "campaigns", elsewhere / "campaigns")
    env = {**os.environ, "PYTHONPATH": str(installed), "NO_MKDOCS_2_WARNING": "1"}
    where = run(sys.executable, "-c", "import loa; print(loa.__file__)", cwd=elsewhere, env=env)
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr  # not the checkout's loa

    checked = run(str(installed / "bin/loa"), "check", cwd=elsewhere, env=env)
    assert checked.returncode == 0, checked.stderr
    (elsewhere / "campaigns/safe-migration/hmn.yml").write_text("title: [\n", encoding="utf-8")
    broken = run(str(installed / "bin/loa"), "check", cwd=elsewhere, env=env)
    assert broken.returncode == 1 and "campaigns/safe-migration/hmn.yml:2:1: error:" in broken.stderr, broken.stderr
    in_vietnamese = run(str(installed / "bin/loa"), "--lang", "vi", "check", cwd=elsewhere, env=env)  # the catalog is in the wheel
    assert "campaigns/safe-migration/hmn.yml:2:1: lỗi:" in in_vietnamese.stderr, in_vietnamese.stderr
    version = run(str(installed / "bin/loa"), "--version", cwd=elsewhere, env=env)
    assert version.stdout == "loa 0.1.0\n"
