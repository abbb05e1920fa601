"""Every failure a user can cause gets a message, never `unexpected error: ...`, and loses nothing."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import openpyxl
import pytest



def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def built(project: Path, run_loa) -> dict[str, bytes]:
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    return site_files(project / "site")


def failing_zip(kind: int, path_of, removed: Path | None = None):
    """In place of the offline zip step (the build's last): fail as the disk or the folders would."""
    def fail(site_dir: Path, *args):
        if removed is not None:
            shutil.rmtree(removed)  # what a user (or a cleaning script) does while the build runs
        raise OSError(kind, __import__("os").strerror(kind), str(path_of(site_dir)))
    return fail


@pytest.mark.parametrize("kind, removed, message, hint", [
    (errno.ENOSPC, False, "loa: the disk is full: a file could not be written (", "hint: free some space"),
    (errno.EROFS, False, "loa: Loa may not write here (", "the folder is read-only or belongs to another user"),
    (errno.EACCES, False, "loa: Loa may not write here (", "hint: run Loa in a folder you may write to"),
    (errno.ENOENT, True, "loa: a file disappeared while Loa was working (", "was .loa-cache/ or the output folder removed"),
])
def test_a_failing_disk_is_a_message_and_the_previous_site_stays(project, run_loa, monkeypatch, kind, removed, message, hint):
    before = built(project, run_loa)
    cache = project / ".loa-cache"
    monkeypatch.setattr("loa.glue.plugin.write_offline_zip",
                        failing_zip(kind, lambda site: site / "offline.zip", cache if removed else None))
    code, _, err = run_loa(project, "build")
    assert code == 1
    assert message in err and hint in err
    assert "unexpected error" not in err and "Traceback" not in err
    assert site_files(project / "site") == before
    assert not list(project.glob(".site-building-*"))


def test_a_read_only_output_folder_is_a_message(project, run_loa, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir") or "somewhere")
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    code, _, err = run_loa(project, "build")
    assert code == 1
    assert "loa: Loa may not write here (" in err and "unexpected error" not in err


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "99999999999", "2026-12-02"])
def test_a_bad_source_date_epoch_is_a_usage_message(project, run_loa, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for command in ("build", "leaflets"):
        code, _, err = run_loa(project, command)
        assert code == 2
        assert f"SOURCE_DATE_EPOCH: error: the environment variable is '{value}', not a number of seconds" in err
        assert "hint: unset it, or set it from the last commit" in err
    assert not (project / "site").exists()


def test_a_good_source_date_epoch_builds(project, run_loa, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    assert run_loa(project, "build")[0] == 0


def export_xlsx(project: Path, run_loa, out: Path) -> Path:
    code, _, err = run_loa(project, "export", "demo", "hmn", "--out", str(out))
    assert code == 0, err
    return out / "demo.hmn.xlsx"


def test_an_xlsx_formula_without_a_saved_result_is_an_error_naming_the_cell(project, run_loa, tmp_path):
    """openpyxl reads such a cell as empty: the import used to delete the translation it replaced."""
    path = export_xlsx(project, run_loa, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["translation"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "title")
    row[2].value = '=CONCATENATE("Mus ", "ua")'  # a formula, saved by a program that keeps no computed value
    book.save(path)
    hmn = project / "campaigns/demo/hmn.yml"
    before = hmn.read_bytes()
    code, _, err = run_loa(project, "import", str(path))
    assert code == 1
    cell = f"C{row[2].row}"
    assert (f"demo.hmn.xlsx:{row[2].row}: error: {cell}: the cell {cell} holds a formula (=CONCATENATE(\"Mus \", \"ua\")) "
            "with no saved result: importing it would delete this translation") in err
    assert hmn.read_bytes() == before


@pytest.mark.parametrize("text, message", [
    ("Mus\x85 ua", "the text contains the control character U+0085"),  # openpyxl cannot even write C0 controls
    ("Mus \u202eua", "the text contains the invisible character U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u200b\u200b", "the text is made only of invisible characters"),
])
def test_an_import_is_held_to_the_rules_of_yaml_before_anything_is_written(project, run_loa, tmp_path, text, message):
    path = export_xlsx(project, run_loa, tmp_path)
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["translation"].iter_rows(min_row=2) if r[0].value == "title")
    row[2].value = text
    book.save(path)
    hmn = project / "campaigns/demo/hmn.yml"
    before = hmn.read_bytes()
    code, _, err = run_loa(project, "import", str(path))
    assert code == 1
    assert f"demo.hmn.xlsx:{row[2].row}: error: title: {message}" in err
    assert hmn.read_bytes() == before


def test_raw_html_in_an_imported_body_is_refused_before_writing(project, run_loa, tmp_path):
    path = export_xlsx(project, run_loa, tmp_path)
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["translation"].iter_rows(min_row=2) if r[0].value == "sections.warning-signs.body")
    row[2].value = "Nyiaj hli <script>alert(1)</script>"
    book.save(path)
    hmn = project / "campaigns/demo/hmn.yml"
    before = hmn.read_bytes()
    code, _, err = run_loa(project, "import", str(path))
    assert code == 1 and "error: sections.warning-signs.body: raw HTML is not allowed ('<script>')" in err
    assert hmn.read_bytes() == before


def test_an_export_of_text_with_control_characters_is_a_message(project, run_loa, tmp_path):
    vi = project / "campaigns/demo/vi.yml"
    vi.write_text(vi.read_text(encoding="utf-8").replace("title: Đi làm xa an toàn", 'title: "Đi làm\\x07 xa"'), encoding="utf-8")
    code, _, err = run_loa(project, "export", "demo", "hmn", "--out", str(tmp_path))
    assert code == 1
    assert "campaigns/demo/vi.yml:1:8: error: title: the text contains the control character U+0007" in err
    assert "unexpected error" not in err and not list(tmp_path.glob("*.xlsx"))
