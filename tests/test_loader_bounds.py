"""The loader never crashes, hangs or balloons: every hostile file gets one clear problem, fast, in flat memory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import make_project
from loa.glue.config import load_config
from loa.content.load import read_document
from loa.content.validate import check_content

ROOT = Path(__file__).resolve().parent.parent
NESTED = "values are nested more than 40 levels deep (limit)"


def loa_check(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`loa check` in its own process: a segfault or a hang fails the test instead of killing pytest."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "loa.cli", "check", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
    assert "loa: unexpected error" not in done.stderr, done.stderr  # a crash exits 1 too
    return done


# Runs `loa check` and, as it exits, writes the peak resident memory of its own address space (VmHWM,
# in kB) to the file named first. Not getrusage: Linux carries the parent's peak across fork and exec,
# so a child of a 300 MB pytest would report 300 MB whatever it did.
_PEAK_BOOT = """
import atexit, re, runpy, sys
out = sys.argv.pop(1)
def peak():
    status = open("/proc/self/status").read()
    open(out, "w").write(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
atexit.register(peak)
sys.argv[0] = "loa"
runpy.run_module("loa.cli", run_name="__main__")
"""


def loa_check_memory_mb(project: Path) -> tuple[subprocess.CompletedProcess, float]:
    """`loa check` in its own process, and the peak memory of that process alone."""
    peak_file = project.parent / "peak-kb.txt"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", _PEAK_BOOT, str(peak_file), "check"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
    return done, int(peak_file.read_text()) / 1024


@pytest.mark.parametrize("name, text, column", [
    ("flow lists", "title: " + "[" * 30_000 + "]" * 30_000 + "\n", 47),
    ("flow mappings", "title: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n", 164),
    ("block lists", "- " * 30_000 + "x\n", 81),
])
def test_deep_nesting_is_refused_before_composing(tmp_path, name, text, column):
    project = make_project(tmp_path / "p")
    (project / "campaigns/demo/hmn.yml").write_text(text, encoding="utf-8")
    done = loa_check(project)
    assert done.returncode == 1, done.stderr  # -11 (SIGSEGV) before
    assert f"campaigns/demo/hmn.yml:1:{column}: error: {NESTED}" in done.stderr


def test_nesting_just_under_the_limit_still_loads(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text("a: " + "[" * 39 + "]" * 39 + "\n", encoding="utf-8")
    doc, problems = read_document(path)
    assert problems == [] and doc is not None


def special_file(kind: str, path: Path) -> None:
    if kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "named pipe":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/null")
    elif kind == "folder":
        path.mkdir()
    elif kind == "1.5 GB sparse file":
        with open(path, "wb") as handle:
            handle.truncate(1_500_000_000)


@pytest.mark.parametrize("kind, message", [
    ("link to /dev/zero", "this is a device, not a text file: Loa reads only ordinary files"),
    ("named pipe", "this is a named pipe (FIFO), not a text file: Loa reads only ordinary files"),
    ("device", "this is a device, not a text file: Loa reads only ordinary files"),
    ("folder", "this is a folder, not a text file: Loa reads only ordinary files"),
    ("1.5 GB sparse file", "the file is 1,500,000,000 bytes, over the limit of 1,000,000 bytes"),
])
@pytest.mark.parametrize("file", ["campaigns/demo/hmn.yml", "campaigns/demo/vi.yml", "campaigns/hotlines.yml",
                                  "overrides/i18n/hmn.yml"])
def test_a_file_that_is_not_a_small_regular_file_is_refused_unread(tmp_path, kind, message, file):
    project = make_project(tmp_path / "p")
    (project / file).unlink()
    special_file(kind, project / file)
    done, peak_mb = loa_check_memory_mb(project)  # a pipe would block, /dev/zero would fill memory
    assert done.returncode == 1, done.stderr
    assert f"{file}: error: {message}" in done.stderr
    assert 10 < peak_mb < 300  # what the large file would have cost: 1.5 GB


@pytest.mark.parametrize("value, message", [
    ('"a\\u0007b"', "the text contains the control character U+0007 (character 2)"),
    ('"a\\x1bb"', "the text contains the control character U+001B (character 2)"),
    ('"a\\u0085b"', "the text contains the control character U+0085 (character 2)"),
    ('"ab\\u2028"', "the text contains the control character U+2028 (character 3)"),
    ('"abc \\u202Eevil"', "the text contains the invisible character U+202E RIGHT-TO-LEFT OVERRIDE (character 5), "
                          "which changes the order in which text is shown"),
    ('"\\u2066x\\u2069"', "the text contains the invisible character U+2066 LEFT-TO-RIGHT ISOLATE (character 1)"),
    ('"\\u200B\\u200B\\u2060"', "the text is made only of invisible characters (such as zero-width spaces)"),
    ('"\\u00AD\\uFEFF \\u200D"', "the text is made only of invisible characters (such as zero-width spaces)"),
])
def test_hidden_characters_in_text_are_errors(tmp_path, value, message):
    project = make_project(tmp_path / "p")
    path = project / "campaigns/demo/hmn.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Mus ua hauj lwm deb kom muaj kev nyab xeeb",
                                                             f"title: {value}"), encoding="utf-8")
    content, problems = check_content(load_config(project / "mkdocs.yml"))
    found = [p.format() for p in problems if p.file.endswith("hmn.yml") and p.field == "title"]
    assert any(message in f and ":4:" in f for f in found), found


def test_ordinary_vietnamese_tabs_and_line_breaks_pass(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text('a: "Đi làm xa\\tan toàn\\nđó."\nb: "Tổng đài 111"\n', encoding="utf-8")
    _, problems = read_document(path)
    assert problems == []


TRAILING_NEWLINE = [
    ("campaigns/hotlines.yml", '    number: "111"', '    number: "111\\n"', "hotlines[0].number: expected a phone number"),
    ("campaigns/demo/vi.yml", "  - id: warning-signs", '  - id: "warning-signs\\n"', "sections[0].id: expected an id"),
    ("campaigns/demo/campaign.yml", "source_language: vi", 'source_language: "vi\\n"', "source_language: expected a language tag"),
]


@pytest.mark.parametrize("file, old, new, message", TRAILING_NEWLINE)
def test_a_trailing_newline_does_not_slip_past_a_pattern(tmp_path, file, old, new, message):
    project = make_project(tmp_path / "p")
    path = project / file
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _, problems = check_content(load_config(project / "mkdocs.yml"))
    assert any(message in p.format() and "\\n'" in p.format() for p in problems), [p.format() for p in problems]


def test_a_redirect_key_with_a_newline_is_refused(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    (project / "campaigns/redirects.yml").write_text("redirects:\n  ? |\n    old-one\n  : demo\n", encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/redirects.yml:2:5: error: redirects['old-one\\n']:" in err


def test_a_campaign_folder_name_with_a_newline_is_refused(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    os.rename(project / "campaigns/demo", project / "campaigns/demo\n")
    code, _, err = run_loa(project, "check")
    assert code == 1 and "cannot be a campaign's address" in err


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_before_reading(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    bomb = tmp_path / "demo.hmn.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"<row/>" * 100_000
            for _ in range(200):  # 120 MB unpacked, about 120 KB packed
                member.write(block)
    assert bomb.stat().st_size < 1_000_000
    code, _, err = run_loa(project, "import", str(bomb))
    assert code == 1
    assert "error: the spreadsheet unpacks to 120,000,000 bytes, over the limit of 50,000,000" in err


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero"])
def test_an_import_that_is_not_a_regular_file_is_refused(tmp_path, run_loa, kind):
    project = make_project(tmp_path / "p")
    special_file(kind, tmp_path / "demo.hmn.po")
    code, _, err = run_loa(project, "import", str(tmp_path / "demo.hmn.po"))
    assert code == 1 and "not a text file: Loa reads only ordinary files" in err
