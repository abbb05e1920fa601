"""Place editions (loa leaflets --place): the place's contacts after the national hotlines, a second QR code
to the place's help page, made only when asked for, refused for a print shop while a contact is stale.

Real PDFs, read back (text with pypdf, QR codes with zbarimg). The places are the example in
tests/fixtures/places/places.yml: invented numbers, never real contacts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_leaflets import page_image, pdf_text, qr_codes

PLACES = Path(__file__).resolve().parent / "fixtures" / "places" / "places.yml"


@pytest.fixture
def places_project(project: Path) -> Path:
    text = PLACES.read_text(encoding="utf-8").replace('"Đồn Biên phòng (ví dụ) <b>x</b>"',
                                                      '"Đồn Biên phòng #set $x$ *y* <b>"')
    (project / "campaigns/places.yml").write_text(text, encoding="utf-8")
    return project


def test_commune_edition_prints_contacts_after_hotlines_and_a_second_qr_code(places_project, run_loa, tmp_path):
    code, out, err = run_loa(places_project, "leaflets", "--place", "lao-cai/y-ty", "--out", "out", "--jobs", "1")
    assert code == 0, err
    folder = places_project / "out/leaflets/demo/lao-cai/y-ty"
    assert sorted(p.name for p in folder.iterdir()) == ["hmn-a4-trifold.pdf", "hmn-a5-flyer.pdf",
                                                         "vi-a4-trifold.pdf", "vi-a5-flyer.pdf"]
    text = pdf_text(folder / "vi-a5-flyer.pdf")
    assert "Giúp đỡ gần bạn: xã Y Tý" in text
    assert "0214 0000 002" in text and "0214 0000 003" in text
    assert "0214 0000 001" not in text  # the province's contact: a scan away, on the commune's page
    assert "Đồn Biên phòng #set $x$ *y* <b>" in text  # data, never Typst markup
    assert text.index("113") < text.index("0214 0000 002")
    codes = qr_codes(page_image(folder / "vi-a4-trifold.pdf", 1, tmp_path), tmp_path)
    assert {"https://loa.example.org/campaigns/demo/", "https://loa.example.org/help/lao-cai/y-ty/"} <= set(codes)
    codes = qr_codes(page_image(folder / "hmn-a5-flyer.pdf", 2, tmp_path), tmp_path)
    assert codes == ["https://loa.example.org/hmn/help/lao-cai/y-ty/"]


def test_place_editions_only_when_asked_for(places_project, run_loa):
    code, _, err = run_loa(places_project, "leaflets", "--out", "out", "--jobs", "1")
    assert code == 0, err
    assert not (places_project / "out/leaflets/demo/lao-cai").exists()


def test_unknown_place_gets_a_did_you_mean(places_project, run_loa):
    code, out, err = run_loa(places_project, "leaflets", "--place", "lao-cai/y-tyy", "--out", "out")
    assert code == 2
    assert err.splitlines()[-2:] == ["loa: there is no place 'lao-cai/y-tyy' in campaigns/places.yml",
                                     "  hint: did you mean 'lao-cai/y-ty'?"]
    assert not (places_project / "out").exists()


def test_print_shop_place_edition_refused_while_a_contact_is_stale(places_project, run_loa):
    path = places_project / "campaigns/places.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("checked: 2026-11-01\n          - kind: health",
                                                             "checked: 2020-01-01\n          - kind: health", 1),
                    encoding="utf-8")
    code, _, err = run_loa(places_project, "leaflets", "--place", "lao-cai/y-ty", "--print-shop", "--allow-draft",
                           "--out", "out")
    assert code == 1
    assert ("campaigns/places.yml:19: error: checked: the number 0214 0000 002 (border-guard) was last confirmed "
            "on 2020-01-01: a print-shop edition is refused") in err.splitlines()
    assert not list((places_project / "out").rglob("*.pdf")) if (places_project / "out").exists() else True


def test_commune_without_contacts_prints_its_provinces(places_project):
    """Planning only: a commune with contacts prints its own; one without prints its province's."""
    from loa import generate
    from loa.glue.config import load_config
    from loa.outputs.leaflets import plan_leaflets

    config = load_config(places_project / "mkdocs.yml")
    content = generate.check(config).content
    own = plan_leaflets(config, content, place=content.place("lao-cai/y-ty"))
    inherited = plan_leaflets(config, content, place=content.place("lao-cai/a-mu-sung"))
    assert {tuple(c.number for c in j.place.contacts) for j in own} == {("0214 0000 002", "0214 0000 003")}
    assert {tuple(c.number for c in j.place.contacts) for j in inherited} == {("0214 0000 001",)}
    assert [j.path for j in own][:2] == ["leaflets/demo/lao-cai/y-ty/vi-a4-trifold.pdf",
                                         "leaflets/demo/lao-cai/y-ty/vi-a5-flyer.pdf"]
    assert all(len(j.languages) == 1 for j in own)  # no bilingual place edition


def test_an_a5_that_has_no_room_for_every_contact_says_how_many_it_prints(places_project, run_loa):
    """Contacts past what the A5 holds are left to the place's page: loa says so, and the count is the PDF's."""
    numbers = [f"0214 0000 1{i:02d}" for i in range(12)]
    extra = "".join(f'          - kind: other\n            name: {{vi: "Tổ hỗ trợ số {i} (ví dụ)"}}\n'
                    f'            number: "{n}"\n            source: "invented for tests"\n'
                    f"            checked: 2026-11-01\n" for i, n in enumerate(numbers))
    path = places_project / "campaigns/places.yml"
    text = path.read_text(encoding="utf-8")
    anchor = "      - id: a-mu-sung\n"
    path.write_text(text.replace(anchor, extra + anchor, 1), encoding="utf-8")
    code, _, err = run_loa(places_project, "leaflets", "--place", "lao-cai/y-ty", "--out", "out", "--jobs", "1")
    assert code == 0, err
    warning = next((line for line in err.splitlines() if line.startswith("leaflets/demo/lao-cai/y-ty/vi-a5-flyer.pdf:")), "")
    assert " of the 14 contacts of lao-cai/y-ty; the others are on the place's page, behind its QR code" in warning, err
    printed = int(warning.split("prints ")[1].split(" ")[0])
    text = pdf_text(places_project / "out/leaflets/demo/lao-cai/y-ty/vi-a5-flyer.pdf")
    assert 0 < printed < 14
    assert sum(n in text for n in ["0214 0000 002", "0214 0000 003", *numbers]) == printed
    assert not any("vi-a4-trifold.pdf: warning" in line for line in err.splitlines())


def test_a_contact_reads_the_same_on_its_page_and_on_its_leaflet(places_project, run_loa):
    """One rule for a number's facts (kind or "free", then 24/7 or the hours): pages and leaflets print phone_facts."""
    from loa import generate
    from loa.content.places import find_place
    from loa.glue.config import load_config
    from loa.translation.localize import phone_facts

    result = generate.check(load_config(places_project / "mkdocs.yml"))
    place, _ = find_place(result.valid().places, "lao-cai/y-ty")
    assert place is not None and len(place.contacts) == 2
    code, _, err = run_loa(places_project, "leaflets", "--place", "lao-cai/y-ty", "--out", "out", "--jobs", "1")
    assert code == 0, err
    assert run_loa(places_project, "build")[0] == 0
    page = (places_project / "site/help/lao-cai/y-ty/index.html").read_text(encoding="utf-8")
    leaflet = pdf_text(places_project / "out/leaflets/demo/lao-cai/y-ty/vi-a4-trifold.pdf")
    for contact in place.contacts:
        facts = phone_facts(contact, result.strings.loa["vi"])
        assert facts[0] == result.strings.loa["vi"](f"contact.kind.{contact.kind}"), facts  # its kind first
        assert "".join(f'<span class="loa-hotline__fact">{fact}</span>' for fact in facts) in page, facts
        assert " · ".join(facts) in leaflet, facts
