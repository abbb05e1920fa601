"""Shared fixtures: a throwaway copy of the project with fixture campaigns, and ways to run loa."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from loa import cli

# Nothing written into the repository: no example database, Hypothesis' caches in the temporary folder.
settings.register_profile("loa", database=None)
settings.load_profile("loa")
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "loa-hypothesis")

# Loa speaks Vietnamese by default; the tests read its English (tests/test_messages.py checks the Vietnamese).
# Set here, before any test, so the commands the tests start in subprocesses speak English too.
os.environ["LANGUAGE"] = "en"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, campaigns: Path = FIXTURES / "campaigns", leaflets: bool = False) -> Path:
    """A copy of the real site configuration, overrides and docs, with the given campaigns.

    Leaflets are off unless asked for: most site tests do not need PDFs, and rendering them is slow.
    """
    dest.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "  - loa:\n      campaigns: campaigns\n"
    assert anchor in config
    if not leaflets:
        config = config.replace(anchor, anchor + "      leaflets: false\n")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(campaigns, dest / "campaigns")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture
def run_loa(monkeypatch, capsys):
    """Run the real CLI in-process from a folder; returns (exit code, stdout, stderr).

    A crash also exits 1, as content problems do: an unexpected error fails the test
    (unless it passes crash_expected), so no test passes because the command crashed.
    """
    def run(cwd: Path, *args: str, crash_expected: bool = False) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        assert crash_expected or "loa: unexpected error" not in err, err
        return code, out, err
    return run


def loa_in(project: Path, *args: str) -> int:
    """Run one `loa` command in the project folder: for module and session fixtures, which cannot use run_loa."""
    old = os.getcwd()
    os.chdir(project)
    try:
        return cli.main(list(args))
    finally:
        os.chdir(old)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture campaigns built once, for real, with `loa build --strict`."""
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    code = loa_in(project, "build", "--strict")
    assert code == 0, "the fixture site must build cleanly in strict mode"
    return project / "site"


from browser_fixtures import browser, browsers, example_site, phone, server  # noqa: E402,F401  (shared by browser tests)
