"""The translation workflow: status, staleness, translator exchange (xlsx, po), scaffolding, QA warnings.

Every test works on a copy of tests/fixtures/campaigns in tmp_path and builds
the model the way `loa check` does. The demo campaign's source has 9 text
items; its Hmong translation has 4 of them.
"""

from __future__ import annotations

import datetime
import difflib
import json
import shutil
from pathlib import Path

import openpyxl
import polib
import pytest

from loa.translation import exchange, items, scaffold, status
from loa.checks import placeholders
from loa.checks import translation_qa as qa
from loa.glue.config import load_config
from loa.content.problems import ContentError
from loa.content.validate import check_content

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2026, 11, 23)
TAGS = ("vi", "hmn", "ium", "tyz")


@pytest.fixture
def campaigns(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the fixture campaigns; the Hmong demo translation carries translators' comments."""
    folder = tmp_path / "campaigns"
    shutil.copytree(FIXTURES / "campaigns", folder)
    shutil.copy(FIXTURES / "workflow" / "hmn.yml", folder / "demo" / "hmn.yml")
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working folder
    return folder


def content(campaigns: Path):
    found, problems = check_content(load_config(ROOT / "mkdocs.yml", campaigns))
    assert found is not None, "\n".join(p.format() for p in problems)
    return found


def demo(campaigns: Path):
    return next(c for c in content(campaigns).campaigns if c.slug == "demo")


def demo_in(campaigns: Path):
    """The content model and its demo campaign: checks read positions from the model's documents."""
    found = content(campaigns)
    return found, next(c for c in found.campaigns if c.slug == "demo")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def formatted(error: ContentError) -> list[str]:
    return [p.format() for p in error.problems]


# --- items --------------------------------------------------------------------------

def test_items_have_stable_keys_in_reading_order(campaigns):
    campaign = demo(campaigns)
    assert list(items.text_items(campaign.source)) == [
        "title", "summary", "key_messages",
        "sections.warning-signs.heading", "sections.warning-signs.body",
        "sections.families.heading", "sections.families.body",
        "stories.lan.text", "discussion",
    ]
    assert items.text_items(campaign.source)["key_messages"] == (
        "Giữ giấy tờ tùy thân của bạn.\nGọi 111 khi cần giúp đỡ, miễn phí.\nBáo cho gia đình biết nơi bạn đến.")
    assert list(items.text_items(campaign.texts["hmn"])) == [
        "title", "key_messages", "sections.warning-signs.heading", "sections.warning-signs.body"]


def test_items_from_plain_values_match_the_model(campaigns):
    import yaml
    for text in demo(campaigns).texts.values():
        data = yaml.safe_load(text.file.read_text(encoding="utf-8"))
        assert items.data_items(data) == items.text_items(text)


def test_fingerprint_is_short_and_ignores_unicode_normalisation():
    composed, decomposed = "Gọi 111", "Go\u0323i 111"
    assert items.fingerprint(composed) == items.fingerprint(decomposed)
    assert len(items.fingerprint(composed)) == 16
    assert items.fingerprint(composed) != items.fingerprint("Gọi 113")


# --- status -----------------------------------------------------------------------

def add_reviewed_tay(campaigns: Path) -> None:
    (campaigns / "demo" / "tyz.yml").write_text(
        "translation:\n  status: reviewed\n  reviewed_by: Hội LHPN huyện Bắc Hà\n"
        "title: Pây hết viẹc quây hẩư an toàn\nsummary: Chắc ngòi hăn viẹc lỏ.\n", encoding="utf-8")


def test_status_rows_for_each_status(campaigns):
    add_reviewed_tay(campaigns)
    rows = status.status_rows(content(campaigns), TAGS)
    assert status.rows_as_json(rows) == [
        {"campaign": "demo", "language": "vi", "status": "source", "total": 9, "translated": 9, "missing": 0, "stale": 0,
         "leaflet": True},
        {"campaign": "demo", "language": "hmn", "status": "draft", "total": 9, "translated": 4, "missing": 5, "stale": 0,
         "leaflet": True},
        {"campaign": "demo", "language": "ium", "status": "missing", "total": 9, "translated": 0, "missing": 9, "stale": 0,
         "leaflet": False},
        {"campaign": "demo", "language": "tyz", "status": "reviewed", "total": 9, "translated": 2, "missing": 7, "stale": 0,
         "leaflet": True},
    ]
    assert [round(r.percent) for r in rows] == [100, 44, 0, 22]
    json.dumps(status.rows_as_json(rows))  # plain values only


def test_status_table_is_aligned_with_percentages(campaigns):
    add_reviewed_tay(campaigns)
    assert status.format_table(status.status_rows(content(campaigns), TAGS)) == (
        "campaign  language  status    translated  stale  missing  total  done  leaflet\n"
        "demo      vi        source             9      0        0      9  100%      yes\n"
        "demo      hmn       draft              4      0        5      9   44%      yes\n"
        "demo      ium       missing            0      0        9      9    0%    waits\n"
        "demo      tyz       reviewed           2      0        7      9   22%      yes"
    )


def test_a_language_never_marked_has_nothing_stale(campaigns):
    edit(campaigns / "demo" / "vi.yml", "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    campaign = demo(campaigns)
    assert status.stale_keys(campaign, "hmn", status.load_store(campaign.folder)) == set()


def test_a_changed_source_item_makes_exactly_that_item_stale(campaigns):
    path = status.mark_current(demo(campaigns), "hmn", reviewed_by="Lis Maiv", today=TODAY)
    assert path == campaigns / "demo" / "translation-status.yml"
    vi = campaigns / "demo" / "vi.yml"
    edit(vi, "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    edit(vi, "summary: Biết", "summary: Hãy biết")  # hmn has no summary: nothing to be stale
    campaign = demo(campaigns)
    assert status.stale_keys(campaign, "hmn", status.load_store(campaign.folder)) == {"title"}
    hmn = status.status_rows(content(campaigns), TAGS)[1]
    assert (hmn.translated, hmn.stale, hmn.missing, hmn.total) == (3, 1, 5, 9)

    status.mark_current(campaign, "hmn", today=TODAY)
    assert status.stale_keys(campaign, "hmn", status.load_store(campaign.folder)) == set()


def test_the_store_is_a_commented_file_owned_by_the_tool(campaigns):
    campaign = demo(campaigns)
    status.mark_current(campaign, "hmn", reviewed_by="Lis Maiv", today=TODAY)
    text = (campaigns / "demo" / "translation-status.yml").read_text(encoding="utf-8")
    assert text.startswith("# Written by `loa mark-current` (and `loa import`): do not edit it by hand.\n")
    source = items.text_items(campaign.source)
    kept = ("title", "key_messages", "sections.warning-signs.heading", "sections.warning-signs.body")
    assert status.load_store(campaign.folder) == {
        "hmn": {"marked": TODAY, "reviewed_by": "Lis Maiv", "source": {key: items.fingerprint(source[key]) for key in kept}},
        "source_texts": {items.fingerprint(source[key]): source[key] for key in sorted(kept, key=lambda k: items.fingerprint(source[k]))},
    }


def test_mark_current_refuses_the_source_and_a_missing_translation(campaigns):
    campaign = demo(campaigns)
    with pytest.raises(ContentError) as source:
        status.mark_current(campaign, "vi")
    with pytest.raises(ContentError) as missing:
        status.mark_current(campaign, "ium")
    assert formatted(source.value) == [
        "campaigns/demo/vi.yml: error: vi.yml is the source text: only translations are marked current\n"
        "  hint: give the language of a translation, e.g. hmn"]
    assert formatted(missing.value) == [
        "campaigns/demo/ium.yml: error: the campaign 'demo' has no ium translation\n"
        "  hint: translate it first: loa export demo ium --format xlsx"]


def test_a_damaged_store_is_reported_not_ignored(campaigns):
    (campaigns / "demo" / "translation-status.yml").write_text("hmn: [1, 2]\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        status.load_store(campaigns / "demo")
    assert formatted(error.value) == [
        "campaigns/demo/translation-status.yml: error: the translation status file is damaged\n"
        "  hint: restore it with git (git checkout -- FILE), or delete it and run loa mark-current again"]


# --- exchange: xlsx -----------------------------------------------------------------

def cells(path: Path) -> dict[str, list]:
    """The translator's sheet, by item id: [id, source, translation, state] cells."""
    book = openpyxl.load_workbook(path)
    return {row[0].value: row for row in book["translation"].iter_rows(min_row=2)}


def translate_xlsx(path: Path, changes: dict[str, str | None], states: dict[str, str] | None = None) -> None:
    """What a translator does in a spreadsheet program: type into column C, save."""
    book = openpyxl.load_workbook(path)
    rows = {row[0].value: row for row in book["translation"].iter_rows(min_row=2)}
    for key, text in changes.items():
        rows[key][2].value = text
    for key, state in (states or {}).items():
        rows[key][3].value = state
    book.save(path)


def test_xlsx_export_has_one_row_per_item_with_its_state(campaigns, tmp_path):
    campaign = demo(campaigns)
    status.mark_current(campaign, "hmn", today=TODAY)
    edit(campaigns / "demo" / "vi.yml", "heading: Dấu hiệu lừa đảo", "heading: Dấu hiệu của lừa đảo")
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "xlsx", tmp_path, status.load_store(campaign.folder))
    assert path == tmp_path / "demo.hmn.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["translation"]
    assert [c.value for c in sheet[1]] == ["id", "source (vi)", "translation (hmn)", "state"]
    assert [(r[0], r[3]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("title", "translated"), ("summary", "missing"), ("key_messages", "translated"),
        ("sections.warning-signs.heading", "stale"), ("sections.warning-signs.body", "translated"),
        ("sections.families.heading", "missing"), ("sections.families.body", "missing"),
        ("stories.lan.text", "missing"), ("discussion", "missing")]
    assert sheet["B4"].value == items.text_items(campaign.source)["key_messages"]
    assert book["loa"].sheet_state == "hidden"


def test_xlsx_round_trip_keeps_comments_and_writes_the_new_text(campaigns, tmp_path):
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "xlsx", tmp_path / "hmn.xlsx", {})
    translate_xlsx(path, {
        "title": "Mus ua haujlwm deb kom nyab xeeb",
        "summary": "Paub cov cim qhia kev dag thiab paub hu leej twg.",
        "key_messages": "Khaws koj daim ntawv pov thawj.\nHu 111 pub dawb thaum xav tau kev pab.\n"
                        "Qhia koj tsev neeg tias koj mus qhov twg.",
        "sections.families.heading": "Tsev neeg yuav tsum paub",
        "sections.families.body": "Nug koj tus me nyuam mus qhov twg,\nnrog leej twg.",
    })
    assert exchange.import_file(path, campaigns).target == campaigns / "demo" / "hmn.yml"
    assert (campaigns / "demo" / "hmn.yml").read_text(encoding="utf-8") == """\
# yaml-language-server: $schema=../../scripts/loa/schema/text.schema.json
# Txhais los ntawm Lis Maiv (a translator's note: it must survive an import)
translation:
  status: draft
  orthography: RPA
title: Mus ua haujlwm deb kom nyab xeeb            # lub npe
summary: Paub cov cim qhia kev dag thiab paub hu leej twg.
key_messages:
  - Khaws koj daim ntawv pov thawj.
  # tus xov tooj 111 yog pub dawb
  - Hu 111 pub dawb thaum xav tau kev pab.
  - Qhia koj tsev neeg tias koj mus qhov twg.
sections:
  - id: warning-signs
    heading: Cov cim qhia kev dag
    body: |
      Nyiaj hli siab tab sis tsis xav tau kev paub yog kev dag.

      - Tus neeg txawv them nqi tsheb.
      - Hu [111](tel:111) los nug.
  - id: families
    heading: Tsev neeg yuav tsum paub
    body: |
      Nug koj tus me nyuam mus qhov twg,
      nrog leej twg.
"""
    hmn = status.status_rows(content(campaigns), TAGS)[1]
    assert (hmn.translated, hmn.missing) == (7, 2)


def test_an_untouched_spreadsheet_changes_nothing(campaigns, tmp_path):
    target = campaigns / "demo" / "hmn.yml"
    before = target.read_bytes()
    path = exchange.export(demo(campaigns), "hmn", "xlsx", tmp_path, {})
    translate_xlsx(path, {})
    exchange.import_file(path, campaigns)
    assert target.read_bytes() == before


def test_an_emptied_cell_removes_the_item_and_an_empty_one_leaves_it_absent(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "xlsx", tmp_path, {})
    translate_xlsx(path, {"sections.warning-signs.heading": None, "sections.warning-signs.body": "",
                          "summary": "  "})
    exchange.import_file(path, campaigns)
    text = (campaigns / "demo" / "hmn.yml").read_text(encoding="utf-8")
    assert "sections:" not in text and "summary:" not in text
    assert list(items.text_items(demo(campaigns).texts["hmn"])) == ["title", "key_messages"]


def test_import_creates_a_missing_translation_file(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "ium", "xlsx", tmp_path, {})
    translate_xlsx(path, {"title": "Mingh Go Zoux Gong Oix Baengh Orn", "discussion": "Haaix dauh haih tengx meih?",
                          "key_messages": "yes"})
    exchange.import_file(path, campaigns)
    assert (campaigns / "demo" / "ium.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../scripts/loa/schema/text.schema.json\n"
        "translation:\n  status: draft\n"
        "title: Mingh Go Zoux Gong Oix Baengh Orn\n"
        "key_messages:\n  - \"yes\"\n"  # quoted: YAML would read a bare yes as true
        "discussion:\n  - Haaix dauh haih tengx meih?\n")


def test_a_changed_source_marks_its_items_stale_and_the_others_import(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "xlsx", tmp_path, {})
    translate_xlsx(path, {"summary": "Paub cov cim qhia kev dag.", "sections.families.heading": "Tsev neeg yuav tsum paub"})
    vi = campaigns / "demo" / "vi.yml"
    edit(vi, "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")  # translated, untouched in the sheet
    edit(vi, "heading: Gia đình cần biết", "heading: Gia đình phải biết")  # translated in the sheet
    edit(vi, "body: Hỏi con đi đâu, với ai & <làm gì>.", "body: Hỏi con đi đâu, với ai.")  # missing, untouched
    imported = exchange.import_file(path, campaigns)
    hint = ("  hint: export again (loa export demo hmn --format xlsx), bring this translation up to date "
            "with the new text and import that file")
    assert [p.format() for p in imported.warnings] == [
        f"demo.hmn.xlsx:2: warning: title: the vi.yml text of this item changed after the file was exported: "
        f"its translation is marked stale\n{hint}",
        f"demo.hmn.xlsx:7: warning: sections.families.heading: the vi.yml text of this item changed after the file "
        f"was exported: its translation is marked stale\n{hint}",
    ]
    campaign = demo(campaigns)
    hmn = items.text_items(campaign.texts["hmn"])
    assert hmn["summary"] == "Paub cov cim qhia kev dag." and hmn["sections.families.heading"] == "Tsev neeg yuav tsum paub"
    assert campaign.stale["hmn"] == {"title", "sections.families.heading"}  # without loa mark-current


def test_import_refuses_a_spreadsheet_not_written_by_loa(campaigns, tmp_path):
    path = tmp_path / "mine.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id", "translation"])
    book.save(path)
    with pytest.raises(ContentError) as error:
        exchange.import_file(path, campaigns)
    assert formatted(error.value) == [
        "mine.xlsx: error: this spreadsheet was not written by loa export\n"
        "  hint: export the campaign with loa export SLUG LANG --format xlsx and translate in that file"]


def test_a_stale_row_set_back_to_translated_is_marked_current(campaigns, tmp_path):
    status.mark_current(demo(campaigns), "hmn", today=TODAY)
    edit(campaigns / "demo" / "vi.yml", "heading: Dấu hiệu lừa đảo", "heading: Dấu hiệu của lừa đảo")
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "xlsx", tmp_path, status.load_store(campaign.folder))
    translate_xlsx(path, {}, states={"sections.warning-signs.heading": "translated"})
    exchange.import_file(path, campaigns)
    assert status.stale_keys(campaign, "hmn", status.load_store(campaign.folder)) == set()


# --- exchange: po -------------------------------------------------------------------

def test_po_round_trip_with_fuzzy_for_stale_items(campaigns, tmp_path):
    status.mark_current(demo(campaigns), "hmn", today=TODAY)
    edit(campaigns / "demo" / "vi.yml", "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "po", tmp_path, status.load_store(campaign.folder))
    po = polib.pofile(str(path))
    assert po.metadata["X-Loa-Campaign"] == "demo" and po.metadata["Language"] == "hmn"
    entries = {e.msgctxt: e for e in po}
    assert list(entries) == list(items.text_items(campaign.source))
    assert entries["title"].flags == ["fuzzy"] and entries["title"].msgid == "Đi làm ăn xa an toàn"
    assert entries["sections.warning-signs.body"].msgstr.endswith("\n")  # as gettext tools want
    assert entries["summary"].msgstr == ""

    # what a translator's tool does: translate, and clear "fuzzy" on the updated entry
    entries["title"].msgstr = "Mus ua haujlwm deb kom nyab xeeb"
    entries["title"].flags.remove("fuzzy")
    entries["stories.lan.text"].msgstr = "Lawv cog lus rau kuv tias yuav tau haujlwm hauv tsev noj mov."
    po.save(str(path))
    exchange.import_file(path, campaigns)

    campaign = demo(campaigns)
    hmn = items.text_items(campaign.texts["hmn"])
    assert hmn["title"] == "Mus ua haujlwm deb kom nyab xeeb"
    assert hmn["stories.lan.text"] == "Lawv cog lus rau kuv tias yuav tau haujlwm hauv tsev noj mov."
    assert status.stale_keys(campaign, "hmn", status.load_store(campaign.folder)) == set()
    assert "# tus xov tooj 111 yog pub dawb" in campaign.texts["hmn"].file.read_text(encoding="utf-8")


def test_a_po_entry_left_fuzzy_stays_stale(campaigns, tmp_path):
    status.mark_current(demo(campaigns), "hmn", today=TODAY)
    edit(campaigns / "demo" / "vi.yml", "title: Đi làm xa an toàn", "title: Đi làm ăn xa an toàn")
    campaign = demo(campaigns)
    path = exchange.export(campaign, "hmn", "po", tmp_path, status.load_store(campaign.folder))
    po = polib.pofile(str(path))
    po.find("Đi làm ăn xa an toàn", msgctxt="title").msgstr = "Mus ua haujlwm deb (tseem tab tom txhais)"
    po.save(str(path))
    exchange.import_file(path, campaigns)
    campaign = demo(campaigns)
    assert items.text_items(campaign.texts["hmn"])["title"] == "Mus ua haujlwm deb (tseem tab tom txhais)"
    assert status.stale_keys(campaign, "hmn", status.load_store(campaign.folder)) == {"title"}


def test_a_po_entry_whose_source_changed_is_named_at_its_line(campaigns, tmp_path):
    path = exchange.export(demo(campaigns), "hmn", "po", tmp_path, {})
    edit(campaigns / "demo" / "vi.yml", "- Báo cho gia đình biết nơi bạn đến.", "- Báo cho gia đình.")
    [problem] = exchange.import_file(path, campaigns).warnings
    assert (problem.field, problem.severity) == ("key_messages", "warning")
    assert problem.line == polib.pofile(str(path)).find("key_messages", by="msgctxt").linenum


def test_export_refuses_the_source_language_and_unknown_formats(campaigns, tmp_path):
    campaign = demo(campaigns)
    with pytest.raises(ContentError) as source:
        exchange.export(campaign, "vi", "xlsx", tmp_path, {})
    with pytest.raises(ContentError) as fmt:
        exchange.export(campaign, "hmn", "csv", tmp_path, {})
    assert [p.message for p in source.value.problems] == [
        "vi is the campaign's source language: there is nothing to translate into it"]
    assert formatted(fmt.value) == [
        "campaigns/demo: error: 'csv' is not an exchange format\n  hint: use --format xlsx or --format po"]


def test_writing_one_item_leaves_every_other_line_of_the_example_translations(tmp_path):
    """The real example campaigns: changing a title rewrites the title line and nothing else."""
    shutil.copytree(ROOT / "campaigns", tmp_path / "campaigns")
    for path in sorted((tmp_path / "campaigns").glob("*/[!v]*.yml")):
        if path.name in ("campaign.yml", status.STORE_FILE):
            continue
        before = path.read_text(encoding="utf-8").splitlines()
        source = __import__("yaml").safe_load((path.parent / "vi.yml").read_text(encoding="utf-8"))
        exchange.write_items(path, {"title": "Lub npe tshiab"}, source)
        after = path.read_text(encoding="utf-8").splitlines()
        changed = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
        assert [line for line in changed if "title" not in line] == [], path


# --- scaffold -------------------------------------------------------------------------

def test_new_campaign_passes_check_at_once(campaigns):
    written = scaffold.new_campaign(campaigns, "safe-school")
    assert written == [campaigns / "safe-school" / "campaign.yml", campaigns / "safe-school" / "vi.yml"]
    for path, schema in zip(written, ("campaign", "text"), strict=True):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../scripts/loa/schema/{schema}.schema.json"
    found, problems = check_content(load_config(ROOT / "mkdocs.yml", campaigns))
    assert found is not None
    assert [p.format() for p in problems if "safe-school" in p.file] == []
    campaign = next(c for c in found.campaigns if c.slug == "safe-school")
    assert campaign.hotlines == ("child-protection",)
    assert len(campaign.source.key_messages) == 3 and len(campaign.source.sections) == 1
    assert [p.format().splitlines()[0] for p in placeholders.placeholder_problems(found, campaign)][:2] == [
        "campaigns/safe-school/vi.yml:7:1: warning: title: this is still the example text written by loa new",
        "campaigns/safe-school/vi.yml:9:1: warning: summary: this is still the example text written by loa new",
    ]


def test_new_campaign_uses_the_first_hotline_when_child_protection_is_not_there(campaigns):
    edit(campaigns / "hotlines.yml", "id: child-protection", "id: children")
    edit(campaigns / "demo" / "campaign.yml", "[child-protection, police]", "[children, police]")
    scaffold.new_campaign(campaigns, "safe-school")
    assert "hotlines: [children]\n" in (campaigns / "safe-school" / "campaign.yml").read_text(encoding="utf-8")


def test_new_campaign_refuses_a_bad_name_and_an_existing_folder(campaigns):
    with pytest.raises(ContentError) as bad:
        scaffold.new_campaign(campaigns, "Đi làm xa")
    with pytest.raises(ContentError) as existing:
        scaffold.new_campaign(campaigns, "demo")
    assert formatted(bad.value) == [
        "campaigns/Đi làm xa: error: 'Đi làm xa' cannot be a campaign's address\n"
        "  hint: use lowercase ASCII letters, digits and single hyphens, e.g. 'di-lam-xa'"]
    assert formatted(existing.value) == [
        "campaigns/demo: error: the campaign 'demo' already exists\n"
        "  hint: choose another name, or edit the files in that folder"]
    assert not (campaigns / "Đi làm xa").exists()


# --- QA warnings ------------------------------------------------------------------------

QA_TRANSLATION = """\
translation:
  status: draft
title: Đi làm xa an toàn
key_messages:
  - Khaws koj daim ntawv pov thawj.
  - Hu 113 thaum xav tau kev pab.
  - Qhia koj tsev neeg.
sections:
  - id: warning-signs
    heading: Cov cim qhia kev dag
    body: Nyiaj hli siab, hu 111.
discussion:
  - Ai có thể giúp bạn nếu bạn bị lừa?
  - Leej twg pab tau koj?
"""


def test_quality_warnings_have_exact_messages(campaigns):
    (campaigns / "demo" / "hmn.yml").write_text(QA_TRANSLATION, encoding="utf-8")
    numbers_hint = "  hint: hotlines, ages and dates must be the same as in vi.yml: copy each number as it is written there"
    assert [p.format() for p in qa.quality_problems(*demo_in(campaigns))] == [
        "campaigns/demo/hmn.yml:3:1: warning: title: the translation is the same as the source text\n"
        "  hint: translate it, or remove it to show the vi.yml text with a notice that it is not translated",
        "campaigns/demo/hmn.yml:4:1: warning: key_messages: the numbers differ from the source text: "
        f"111 is missing, 113 is not in the source\n{numbers_hint}",
        "campaigns/demo/hmn.yml:11:5: warning: sections[0].body: the numbers differ from the source text: "
        f"111 is written once here, twice in the source\n{numbers_hint}",
        "campaigns/demo/hmn.yml:12:1: warning: discussion: the translation has 2 discussion questions, the source has 1\n"
        "  hint: translate every line of vi.yml, in the same order: a list is shown whole, in one language",
        "campaigns/demo/hmn.yml:13:5: warning: discussion[0]: the translation is the same as the source text\n"
        "  hint: translate this line; the whole list is shown in this language",
    ]


def test_quality_checks_pass_a_faithful_translation(campaigns):
    assert qa.quality_problems(*demo_in(campaigns)) == []


def test_short_texts_and_numbers_may_stay_as_they_are(campaigns):
    assert qa.item_problems("title", "SOS", "SOS", "vi.yml") == []
    assert qa.item_problems("title", "111 - 113", "111 - 113", "vi.yml") == []
