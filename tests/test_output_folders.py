"""Output folders: no option a user can type makes Loa delete the project or anything not its own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from loa.outputs.publish import MARKER


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*"))
            if p.is_file() and ".loa-cache" not in p.parts}


def prepare(project: Path) -> None:
    (project / "mine").mkdir()
    (project / "mine" / "notes.txt").write_text("my notes", encoding="utf-8")
    (project / "repo" / ".git").mkdir(parents=True)
    (project / "a-file").write_text("keep me", encoding="utf-8")


REFUSED = [
    (".", "this folder holds the project (mkdocs.yml, campaigns/, docs/): writing the output there would delete the project"),
    ("..", "this folder holds the project (mkdocs.yml, campaigns/, docs/): writing the output there would delete the project"),
    ("campaigns", "this folder is campaigns/, which Loa reads: writing the output there would delete it"),
    ("campaigns/", "this folder is campaigns/, which Loa reads: writing the output there would delete it"),
    ("docs", "this folder is docs/, which Loa reads: writing the output there would delete it"),
    ("overrides", "this folder is overrides/, which Loa reads: writing the output there would delete it"),
    ("campaigns/demo", "this folder is inside campaigns/, which Loa reads"),
    ("repo", "this folder is a git repository: writing the output there would delete it"),
    ("mine", "this folder is not empty and Loa did not write it (it has no .loa-output file)"),
    ("a-file", "this is a file, not a folder"),
]


@pytest.mark.parametrize("option", ["--site-dir", "--out"])
@pytest.mark.parametrize("folder, message", REFUSED)
def test_an_output_folder_that_would_lose_files_is_refused(project, run_loa, option, folder, message):
    prepare(project)
    before = snapshot(project)
    command = "build" if option == "--site-dir" else "leaflets"
    code, out, err = run_loa(project, command, option, folder)
    assert code == 2, err
    assert f": error: {option}: {message}" in err
    assert "hint: name" in err
    assert snapshot(project) == before  # nothing deleted, nothing written


def test_a_symlink_to_the_project_is_refused(project, run_loa):
    (project / "link").symlink_to(project)
    code, _, err = run_loa(project, "build", "--site-dir", "link")
    assert code == 2 and "holds the project" in err
    assert (project / "campaigns" / "demo" / "vi.yml").is_file()


def test_mkdocs_build_refuses_a_site_dir_of_campaigns(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Loa\n", "site_name: Loa\nsite_dir: campaigns\n"),
                      encoding="utf-8")
    before = snapshot(project / "campaigns")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "site_dir (mkdocs.yml): this folder is campaigns/, which Loa reads" in done.stderr
    assert snapshot(project / "campaigns") == before


def test_outputs_carry_the_marker_and_can_be_rebuilt(project, run_loa):
    code, _, err = run_loa(project, "build", "--site-dir", "out")
    assert code == 0, err
    assert (project / "out" / MARKER).is_file()
    code, _, err = run_loa(project, "build", "--site-dir", "out")  # its own output: replaced
    assert code == 0, err
    import zipfile

    assert MARKER not in zipfile.ZipFile(project / "out" / "offline.zip").namelist()


def test_the_site_is_readable_by_another_user(project, run_loa):
    old = os.umask(0o022)
    try:
        code, _, err = run_loa(project, "build")
    finally:
        os.umask(old)
    assert code == 0, err
    site = project / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}


def test_export_never_replaces_a_campaign_file(project, run_loa):
    vi = project / "campaigns" / "demo" / "vi.yml"
    before = vi.read_bytes()
    code, _, err = run_loa(project, "export", "demo", "hmn", "--out", "campaigns/demo/vi.yml")
    assert code == 1
    assert "campaigns/demo/vi.yml: error: --out: this is not a .xlsx file: the export would replace it" in err
    assert vi.read_bytes() == before
