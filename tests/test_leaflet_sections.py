"""What each leaflet prints: the officer's choice per format, or a documented priority; never a silent selection.

Real checks and real leaflets of the fixture campaign (read back from the PDF), through the CLI.
"""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from conftest import make_project
from loa.content.model import Section
from loa.outputs.leaflets.layout import priority

CHOSEN = "leaflets:\n  a4-trifold: {}\n  a5-flyer:\n    sections: [families, warning-signs]\n"


def with_campaign_yml(project, extra: str) -> None:
    path = project / "campaigns" / "demo" / "campaign.yml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_list_form_prints_by_priority_and_check_says_what(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    code, out, err = run_loa(project, "check")
    assert code == 0, err
    assert "  demo, a4-trifold: prints warning-signs, families (by priority); only on the campaign page: nothing" in out
    assert "  demo, a5-flyer: prints warning-signs, families (by priority)" in out


@pytest.mark.slow
def test_chosen_sections_print_in_the_chosen_order_in_every_language(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    with_campaign_yml(project, CHOSEN)
    code, out, err = run_loa(project, "check")
    assert code == 0, err
    assert "  demo, a5-flyer: prints families, warning-signs (as chosen in campaign.yml)" in out
    code, _, err = run_loa(project, "leaflets", "--out", "out", "--jobs", "1")
    assert code == 0, err
    for name, warning_signs in (("vi-a5-flyer", "Dấu hiệu lừa đảo"), ("hmn-a5-flyer", "Cov cim qhia kev dag")):
        text = pdf_text(project / "out" / "leaflets" / "demo" / f"{name}.pdf")  # hmn: families in Vietnamese
        assert text.index("Gia đình cần biết") < text.index(warning_signs), name


def test_status_json_carries_the_sections_of_each_leaflet(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    with_campaign_yml(project, CHOSEN)
    code, out, err = run_loa(project, "status", "--json")
    assert code == 0, err
    rows = {(r["campaign"], r["language"]): r for r in json.loads(out)}
    assert rows["demo", "hmn"]["leaflet_sections"]["a5-flyer"] == {
        "printed": ["families", "warning-signs"], "left_out": [], "chosen": True}
    assert rows["demo", "vi"]["leaflet_sections"]["a4-trifold"]["chosen"] is False


def test_a_chosen_section_that_does_not_fit_is_an_error_naming_format_section_and_room(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    with_campaign_yml(project, CHOSEN)
    vi = project / "campaigns" / "demo" / "vi.yml"
    long_body = "\n\n".join(["Hỏi con đi đâu, với ai, làm gì, ở đâu, khi nào về, ai đưa đi, ai trả tiền."] * 40)
    text = vi.read_text(encoding="utf-8").replace(
        "body: Hỏi con đi đâu, với ai & <làm gì>.", "body: |\n" + "\n".join("      " + line for line in long_body.split("\n")))
    vi.write_text(text, encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert 'leaflet demo, vi, a5-flyer: the section "Gia đình cần biết" does not fit the two pages (needs' in err
    assert "mm, has" in err


def test_an_unknown_section_id_is_refused_with_a_suggestion(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    with_campaign_yml(project, "leaflets:\n  a5-flyer:\n    sections: [famlies]\n")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaign.yml" in err and "leaflets.a5-flyer.sections[0]" in err
    assert "no section has the id 'famlies'" in err and "families" in err


@pytest.mark.parametrize("body, expected", [
    ("- Ask first.\n- Keep your papers.\n- Call 111.", 0),  # steps to take
    ("Intro:\n\n- one\n- two", 0),
    ("A story of how it starts.\n\nAnd how it goes on.\n\n- one point", 1),  # background
    ("Only a paragraph.", 1),
])
def test_steps_come_before_background_when_not_all_fit(body, expected):
    assert priority(Section("s", "Heading", body)) == expected
