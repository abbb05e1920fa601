"""Checks of what is printed (numbers, identifiers, wording) and the print-shop gates, through the real CLI.

Each case edits the fixture project and pins the exact line `loa check` or
`loa leaflets --print-shop` prints; a refused print-shop run renders nothing.
"""

from __future__ import annotations

import datetime

import pytest

from test_check_messages import DEMO, edit
from test_format_v2 import PUBLISHER, RETIRED

STORY = "text: Tôi được hứa việc làm ở nhà hàng, lương cao."
REAL_SITE = "site_url: https://phongchongmuabannguoi.example.vn/\n"


@pytest.fixture
def printable_project(project):
    """The fixture made ready for the print shop: publisher, a required hotline, a real address, reviewed Hmong."""
    edit(project, "campaigns/hotlines.yml", "    free: true\n", "    required: true\n    free: true\n")
    with (project / "campaigns/hotlines.yml").open("a", encoding="utf-8") as file:
        file.write(RETIRED)
    (project / "campaigns/publisher.yml").write_text(PUBLISHER, encoding="utf-8")
    today = datetime.date.today().isoformat()
    for old in ("checked: 2026-11-01", "checked: 2026-11-01"):
        edit(project, "campaigns/hotlines.yml", old, f"checked: {today}")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("site_url: https://loa.example.org/\n", REAL_SITE), encoding="utf-8")
    edit(project, f"{DEMO}/hmn.yml", "status: draft", "status: reviewed\n  reviewed_by: Hội LHPN xã\n  reviewed_on: 2026-11-20")
    i18n = project / "overrides/i18n/hmn.yml"
    i18n.write_text(i18n.read_text(encoding="utf-8").replace("status: draft", "status: reviewed", 1), encoding="utf-8")
    return project


def lines_of(err: str) -> list[str]:
    return [line.strip() for line in err.splitlines()]


# --- loa check: numbers, identifiers, wording -------------------------------------------------

@pytest.mark.parametrize("text, line, hint", [
    ("Gọi 112 nhé.", "campaigns/demo/vi.yml:22:15: warning: stories[0].text: the number 112 is not one of this "
     "campaign's hotlines (111 (child-protection), 113 (police))",
     "hint: did you mean 111? if readers should call it, add it to campaigns/hotlines.yml and to this campaign's "
     "hotlines; if it is a person's number, remove it"),
    ("Gọi [112](tel:112).", "campaigns/demo/vi.yml:22:16: warning: stories[0].text: the number 112 is not one of "
     "this campaign's hotlines (111 (child-protection), 113 (police))", None),
    ("Tôi là Giàng Thị Mai.", "campaigns/demo/vi.yml:22:5: warning: stories[0].text: 'Giàng Thị Mai' looks like a "
     "full name, which can identify a person",
     "hint: write no real name: say 'a girl from a border commune' or use no name at all"),
    ("Tôi ở bản Tả Van.", "campaigns/demo/vi.yml:22:5: warning: stories[0].text: 'bản Tả Van' looks like the name "
     "of a village or commune, which can identify a person", "hint: write 'a border commune' instead of its name"),
    ("Năm đó tôi mười bốn tuổi.", "campaigns/demo/vi.yml:22:5: warning: stories[0].text: 'mười bốn tuổi' looks like "
     "an exact age, which can identify a person", None),
    ("Tôi học lớp 8.", "campaigns/demo/vi.yml:22:5: warning: stories[0].text: 'lớp 8' looks like a school class, "
     "which can identify a person", None),
])
def test_check_warns(project, run_loa, text, line, hint):
    edit(project, f"{DEMO}/vi.yml", STORY, f"text: {text}")
    code, _, err = run_loa(project, "check")
    assert code == 0, err
    assert line in lines_of(err), err
    if hint:
        assert lines_of(err)[lines_of(err).index(line) + 1] == hint


def test_identifiers_in_every_text_not_only_stories(project, run_loa):
    edit(project, f"{DEMO}/vi.yml", "Người lạ trả tiền đi đường.", "Sùng A Páo ở xã Y Tý trả tiền đi đường.")
    code, _, err = run_loa(project, "check")
    assert "campaigns/demo/vi.yml:10:5: warning: sections[0].body: 'Sùng A Páo' looks like a full name, " \
           "which can identify a person" in err
    assert "'xã Y Tý' looks like the name of a village or commune" in err


def test_institutions_are_not_places(project, run_loa):
    edit(project, f"{DEMO}/vi.yml", "Người lạ trả tiền đi đường.",
         "Báo công an xã hoặc Đồn Biên phòng, Ủy ban nhân dân xã, Hội Phụ nữ xã Hội.")
    code, _, err = run_loa(project, "check")
    assert "looks like" not in err, err


def test_retired_number_is_an_error_naming_its_replacement(project, run_loa):
    with (project / "campaigns/hotlines.yml").open("a", encoding="utf-8") as file:
        file.write(RETIRED)
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Gọi 1800 1567 nhé.")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert ("campaigns/demo/vi.yml:22:15: error: stories[0].text: the number 1800 1567 is retired (until 2017): "
            "it must never be printed again") in lines_of(err)
    assert "hint: write 111, child-protection instead (campaigns/hotlines.yml, retired)" in lines_of(err)


def test_hotline_of_another_campaign_hints_to_add_it(project, run_loa):
    edit(project, f"{DEMO}/campaign.yml", "hotlines: [child-protection, police]", "hotlines: [child-protection]")
    code, _, err = run_loa(project, "check")
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Gọi 113 nhé.")
    code, _, err = run_loa(project, "check")
    assert "the number 113 is not one of this campaign's hotlines (111 (child-protection))" in err
    assert "hint: add police to hotlines: in campaigns/demo/campaign.yml, or remove the number" in err


WORDING = """vi:
  - avoid: nhẹ dạ cả tin
    instead: bị lừa bởi những lời hứa rất khéo
    why: victim-blaming
  - avoid: cả tin
    instead: bị lừa
  - avoid: đừng bao giờ đi làm xa
    instead: trước khi đi làm xa, hãy kiểm tra kỹ công việc
"""


def test_wording_names_phrase_and_alternative(project, run_loa):
    (project / "campaigns/wording.yml").write_text(WORDING, encoding="utf-8")
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Vì tôi Nhẹ dạ cả tin. Đừng bao giờ đi làm xa.")
    code, _, err = run_loa(project, "check")
    assert code == 0
    lines = lines_of(err)
    assert "campaigns/demo/vi.yml:22:5: warning: stories[0].text: avoid 'Nhẹ dạ cả tin' (victim-blaming)" in lines
    assert "hint: say instead: 'bị lừa bởi những lời hứa rất khéo' (campaigns/wording.yml)" in lines
    assert "campaigns/demo/vi.yml:22:5: warning: stories[0].text: avoid 'Đừng bao giờ đi làm xa'" in lines
    assert "avoid 'cả tin'" not in err  # inside the longer phrase: said once


def test_wording_file_is_checked(project, run_loa):
    (project / "campaigns/wording.yml").write_text("vi:\n  - avoid: ham tiền\n", encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/wording.yml:2:5: error: vi[0]: the required key 'instead' is missing" in err


# --- print gates ----------------------------------------------------------------------------------

def test_ready_project_passes_every_gate(printable_project, run_loa):
    code, out, err = run_loa(printable_project, "leaflets", "--print-shop", "--out", "out", "--jobs", "1")
    assert code == 0, err
    assert (printable_project / "out/leaflets/demo/vi-a4-trifold-print.pdf").is_file()


GATES = [
    # (id, file, old, new, expected error line)
    ("draft-translation", f"{DEMO}/hmn.yml", "status: reviewed", "status: draft",
     "campaigns/demo/hmn.yml:2:3: error: translation.status: the hmn translation is a draft, not checked by a native "
     "speaker; a print-shop edition is refused"),
    ("placeholder-site-url", "mkdocs.yml", REAL_SITE, "site_url: http://localhost:8000/\n",
     "mkdocs.yml:4:1: error: site_url: the site's address http://localhost:8000/ is a placeholder: every QR code "
     "would lead nowhere; a print-shop edition is refused"),
    ("missing-site-url", "mkdocs.yml", REAL_SITE, "",
     "mkdocs.yml: error: site_url: the site's address is missing: every QR code would lead to http://localhost:8000/; "
     "a print-shop edition is refused"),
    ("old-hotline", "campaigns/hotlines.yml", "    checked: 20", "    checked: 2020-01-01\n    old: 20",
     "campaigns/hotlines.yml:7:5: error: hotlines[0].checked: the number 111 was last confirmed on 2020-01-01, more "
     "than a year ago; a print-shop edition is refused"),
    ("stray-number", f"{DEMO}/vi.yml", STORY, "text: Gọi 112 nhé.",
     "campaigns/demo/vi.yml:22:15: error: stories[0].text: the number 112 is not one of this campaign's hotlines "
     "(111 (child-protection), 113 (police)); a print-shop edition is refused"),
    ("no-required-hotline", "campaigns/hotlines.yml", "    required: true\n", "",
     "campaigns/demo/campaign.yml:3:1: error: hotlines: the campaign carries no hotline marked 'required: true'; "
     "a print-shop edition is refused"),
    ("hmong-orthography", f"{DEMO}/hmn.yml", "  orthography: RPA\n", "",
     "campaigns/demo/hmn.yml:1:1: error: translation: the Hmong text does not say its orthography; "
     "a print-shop edition is refused"),
    ("identifier", f"{DEMO}/vi.yml", STORY, "text: Em học lớp 8.",
     "campaigns/demo/vi.yml:22:5: error: stories[0].text: 'lớp 8' looks like a school class, which can identify a "
     "person; a print-shop edition is refused"),
]


@pytest.mark.parametrize("case", GATES, ids=[c[0] for c in GATES])
def test_print_shop_refused(printable_project, run_loa, case):
    name, relative, old, new, line = case
    if name == "old-hotline":
        text = (printable_project / relative).read_text(encoding="utf-8")
        start = text.index("    checked: ")
        end = text.index("\n", start)
        (printable_project / relative).write_text(text[:start] + "    checked: 2020-01-01" + text[end:], encoding="utf-8")
    else:
        edit(printable_project, relative, old, new)
    code, _, err = run_loa(printable_project, "leaflets", "--print-shop", "--out", "out")
    assert code == 1
    assert line in lines_of(err), err
    assert "nothing was rendered" in err
    assert not (printable_project / "out/leaflets").exists()


def test_missing_publisher_refused(printable_project, run_loa):
    (printable_project / "campaigns/publisher.yml").unlink()
    code, _, err = run_loa(printable_project, "leaflets", "--print-shop", "--out", "out")
    assert code == 1
    assert ("campaigns/publisher.yml: error: there is no publisher: a leaflet must say who issues it; "
            "a print-shop edition is refused") in lines_of(err)


def test_allow_draft_lets_a_draft_through(printable_project):
    from loa.checks.print_gates import print_shop_problems
    from loa.glue.config import load_config
    from loa.generate import check

    edit(printable_project, f"{DEMO}/hmn.yml", "status: reviewed", "status: draft")
    config = load_config(printable_project / "mkdocs.yml")
    result = check(config)
    assert [p.field for p in print_shop_problems(config, result.content, result.strings)] == ["translation.status"]
    assert print_shop_problems(config, result.content, result.strings, allow_draft=True) == []


def test_the_examples_are_refused_for_the_print_shop_only_for_drafts_and_the_address(run_loa):
    """The project's own examples: true facts, so only the placeholder address and the drafts block them."""
    from conftest import ROOT

    code, _, err = run_loa(ROOT, "leaflets", "--print-shop", "--out", "/nonexistent-never-written")
    assert code == 1
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors and all("site_url" in line or "a draft" in line for line in errors), err


def test_the_site_publishes_print_shop_editions_only_when_every_gate_passes(printable_project, run_loa):
    config = printable_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      leaflets: false\n", ""), encoding="utf-8")
    code, _, err = run_loa(printable_project, "build")
    assert code == 0, err
    published = sorted(p.name for p in (printable_project / "site/leaflets/demo").glob("*-print.pdf"))
    # Audience editions too: every demo leaflet prints the section for border communities, not for schools.
    assert published == ["hmn-a4-trifold-print.pdf", "hmn-a4-trifold-schools-print.pdf", "hmn-a5-flyer-print.pdf",
                         "hmn-a5-flyer-schools-print.pdf", "vi+hmn-a5-flyer-print.pdf", "vi-a4-trifold-print.pdf",
                         "vi-a4-trifold-schools-print.pdf", "vi-a5-flyer-print.pdf", "vi-a5-flyer-schools-print.pdf"]
    edit(printable_project, f"{DEMO}/hmn.yml", "status: reviewed", "status: draft")
    code, _, err = run_loa(printable_project, "build")
    assert code == 0, err
    assert not list((printable_project / "site/leaflets/demo").glob("*-print.pdf"))
    page = (printable_project / "site/leaflets/index.html").read_text(encoding="utf-8")
    assert "Bản cho nhà in chưa được xuất bản" in page
