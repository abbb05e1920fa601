"""Translators' files as their tools expect them, read back for real.

po: the header Poedit and Weblate read, `#:` references into vi.yml, fuzzy
entries with the previous source (`#| msgid`), and `msgfmt -c` finds nothing.
xlsx: a list to choose the state from, the source columns locked. Import: a
changed source marks its items stale without holding up the others, the first
import records what each translation was made from, and "wrote" is said only
when a file changed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import polib
import pytest

from conftest import make_project
from loa.translation import exchange, items, status
from test_workflow import TAGS, content, demo, edit

TODAY = status.datetime.date(2026, 11, 23)


@pytest.fixture
def campaigns(tmp_path: Path, monkeypatch) -> Path:
    folder = make_project(tmp_path / "project") / "campaigns"
    shutil.copy(Path(__file__).parent / "fixtures" / "workflow" / "hmn.yml", folder / "demo" / "hmn.yml")
    monkeypatch.chdir(folder.parent)
    return folder


def msgfmt(path: Path) -> subprocess.CompletedProcess:
    """GNU gettext's own checks (installed by scripts/setup --test)."""
    assert shutil.which("msgfmt"), "msgfmt is missing: run scripts/setup --test (it installs gettext)"
    return subprocess.run(["msgfmt", "-c", "--check-format", "--statistics", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- po -----------------------------------------------------------------------------

def test_po_header_is_complete_and_msgfmt_finds_nothing(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "po", tmp_path, {}, "Hmoob")
    header = polib.pofile(str(path)).metadata
    assert {key: header[key] for key in ("Project-Id-Version", "Language", "Language-Team", "Plural-Forms", "MIME-Version",
                                         "Content-Type", "Content-Transfer-Encoding", "Last-Translator")} == {
        "Project-Id-Version": "Loa demo", "Language": "hmn", "Language-Team": "Hmoob",
        "Plural-Forms": "nplurals=1; plural=0;", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit", "Last-Translator": ""}
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        assert status.datetime.datetime.strptime(header[key], "%Y-%m-%d %H:%M%z")  # the form gettext writes
    checked = msgfmt(path)
    assert (checked.returncode, checked.stderr) == (0, "4 translated messages, 5 untranslated messages.\n")


def test_po_references_point_at_the_source_line_and_field(campaigns, tmp_path):
    vi = campaigns / "demo" / "vi.yml"
    po = polib.pofile(str(exchange.export(demo(campaigns), "hmn", "po", tmp_path, {})))
    entries = {entry.msgctxt: entry for entry in po}
    assert entries["title"].occurrences == [("campaigns/demo/vi.yml", str(line_of(vi, "title:")))]
    assert entries["sections.families.body"].occurrences == [
        ("campaigns/demo/vi.yml", str(line_of(vi, "body: Hỏi con đi đâu")))]
    assert entries["sections.families.body"].comment.splitlines()[0] == "sections[1].body in vi.yml"
    assert entries["discussion"].comment.splitlines()[0] == "discussion in vi.yml"


def test_a_stale_entry_is_fuzzy_with_the_previous_source_and_msgfmt_clean(campaigns, tmp_path):
    status.mark_current(demo(campaigns), "hmn", today=TODAY)
    vi = campaigns / "demo" / "vi.yml"
    edit(vi, "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    edit(vi, "      - Gọi [111](tel:111) để hỏi.\n", "      - Gọi [111](tel:111) để hỏi, miễn phí.\n")
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "po", tmp_path, status.load_store(campaign.folder))
    text = path.read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "Đi làm xa an toàn"\nmsgctxt "title"\nmsgid "Đi làm ăn xa an toàn"\n' in text
    body = polib.pofile(str(path)).find("sections.warning-signs.body", by="msgctxt")
    assert body.flags == ["fuzzy"] and body.previous_msgid.endswith("- Gọi [111](tel:111) để hỏi.\n")
    assert body.msgid.endswith("\n") and body.msgstr.endswith("\n")
    checked = msgfmt(path)
    assert (checked.returncode, checked.stderr) == (0, "2 translated messages, 2 fuzzy translations, 5 untranslated messages.\n")


# --- import -------------------------------------------------------------------------

def test_the_first_import_records_the_sources_so_a_later_change_is_stale(campaigns, tmp_path):
    assert not (campaigns / "demo" / "translation-status.yml").exists()
    path = exchange.export(demo(campaigns), "hmn", "po", tmp_path, {})
    po = polib.pofile(str(path))
    po.find("summary", by="msgctxt").msgstr = "Paub cov cim qhia kev dag."
    po.save(str(path))
    exchange.import_file(path, campaigns, today=TODAY)
    store = status.load_store(campaigns / "demo")
    assert store["hmn"]["imported"] == TODAY and set(store["hmn"]["source"]) == {
        "title", "summary", "key_messages", "sections.warning-signs.heading", "sections.warning-signs.body"}
    assert status.status_rows(content(campaigns), TAGS)[1].stale == 0

    edit(campaigns / "demo" / "vi.yml", "summary: Biết", "summary: Hãy biết")
    edit(campaigns / "demo" / "vi.yml", "heading: Dấu hiệu lừa đảo", "heading: Dấu hiệu của lừa đảo")
    hmn = status.status_rows(content(campaigns), TAGS)[1]
    assert (hmn.translated, hmn.stale) == (3, 2)
    assert demo(campaigns).stale["hmn"] == {"summary", "sections.warning-signs.heading"}


def test_a_new_translation_left_fuzzy_is_stale(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "po", tmp_path, {})
    po = polib.pofile(str(path))
    entry = po.find("summary", by="msgctxt")
    entry.msgstr, entry.flags = "Paub cov cim (tseem tab tom txhais)", ["fuzzy"]
    po.save(str(path))
    exchange.import_file(path, campaigns)
    assert demo(campaigns).stale["hmn"] == {"summary"}


def test_an_item_gone_from_the_source_is_named_and_the_rest_imports(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "po", tmp_path, {})
    po = polib.pofile(str(path))
    po.find("stories.lan.text", by="msgctxt").msgstr = "Lawv cog lus rau kuv tias yuav tau haujlwm."
    po.find("summary", by="msgctxt").msgstr = "Paub cov cim qhia kev dag."
    po.save(str(path))
    vi = campaigns / "demo" / "vi.yml"
    edit(vi, "  - id: lan\n", "  - id: mai\n")
    imported = exchange.import_file(path, campaigns)
    assert [(p.line, p.field, p.severity, p.message) for p in imported.warnings] == [
        (po.find("stories.lan.text", by="msgctxt").linenum, "stories.lan.text", "warning",
         "this item is no longer in vi.yml: its translation was not imported")]
    hmn = items.text_items(demo(campaigns).texts["hmn"])
    assert hmn["summary"] == "Paub cov cim qhia kev dag." and "stories.lan.text" not in hmn and "stories.mai.text" not in hmn


def test_the_cli_says_wrote_only_when_a_file_changed(campaigns, tmp_path, run_loa):
    project = campaigns.parent
    path = tmp_path / "demo.hmn.po"
    assert run_loa(project, "export", "demo", "hmn", "--format", "po", "--out", str(path))[0] == 0
    po = polib.pofile(str(path))
    po.find("summary", by="msgctxt").msgstr = "Paub cov cim qhia kev dag."
    po.save(str(path))
    code, out, err = run_loa(project, "import", str(path))
    assert out.splitlines()[:2] == ["wrote campaigns/demo/hmn.yml", "wrote campaigns/demo/translation-status.yml"], err
    before = {name: (campaigns / "demo" / name).stat().st_mtime_ns for name in ("hmn.yml", "translation-status.yml")}
    code, out, err = run_loa(project, "import", str(path))
    assert out.splitlines()[0] == "unchanged campaigns/demo/hmn.yml" and "wrote" not in out, out
    assert before == {name: (campaigns / "demo" / name).stat().st_mtime_ns for name in before}


def test_the_cli_imports_past_a_changed_source_and_says_so(campaigns, tmp_path, run_loa):
    project = campaigns.parent
    path = tmp_path / "demo.hmn.xlsx"
    run_loa(project, "export", "demo", "hmn", "--out", str(path))
    book = openpyxl.load_workbook(path)
    book["translation"]["C3"] = "Paub cov cim qhia kev dag."  # summary
    book.save(path)
    edit(campaigns / "demo" / "vi.yml", "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    code, out, err = run_loa(project, "import", str(path))
    assert f"{path}:2: warning: title: the vi.yml text of this item changed after the file was exported" in err
    assert "wrote campaigns/demo/hmn.yml" in out
    code, out, err = run_loa(project, "status")
    hmn = next(line.split() for line in out.splitlines() if line.startswith("demo ") and " hmn " in line)
    assert hmn[:5] == ["demo", "hmn", "draft", "4", "1"]  # translated 4 (summary new), stale 1 (title)


# --- xlsx ---------------------------------------------------------------------------

def test_xlsx_state_is_chosen_from_a_list_and_the_source_columns_are_locked(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "xlsx", tmp_path, {})
    book = openpyxl.load_workbook(path)
    sheet = book["translation"]
    [states] = sheet.data_validations.dataValidation
    assert (states.type, states.formula1, str(states.sqref), states.showErrorMessage) == (
        "list", '"translated,missing,stale"', "D2:D10", True)
    assert sheet.protection.sheet and not sheet.protection.password
    assert not sheet.protection.formatColumns  # translators may widen columns
    for row in sheet.iter_rows(min_row=1, max_row=10):
        assert [cell.protection.locked for cell in row] == ([True] * 4 if row[0].row == 1 else [True, True, False, False])
    assert book.security.lockStructure and book["loa"].sheet_state == "hidden"


def test_a_stale_row_shows_the_earlier_source_in_a_note(campaigns, tmp_path):
    status.mark_current(demo(campaigns), "hmn", today=TODAY)
    edit(campaigns / "demo" / "vi.yml", "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "xlsx", tmp_path, status.load_store(campaign.folder))
    sheet = openpyxl.load_workbook(path)["translation"]
    assert (sheet["B2"].value, sheet["D2"].value) == ("Đi làm ăn xa an toàn", "stale")
    assert sheet["B2"].comment.text.splitlines()[-1] == "Đi làm xa an toàn"
    assert [row[1].comment for row in sheet.iter_rows(min_row=3)] == [None] * 8  # only on the stale row
