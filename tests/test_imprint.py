"""Imprint and draft marks, read back from real leaflets and a real site build.

Every leaflet and the site's footer name the issuing organisation, the edition,
each language's reviewer and "free, not for sale" in the reader's language; a
draft prints its mark in both languages on every panel; the tri-fold's inside
panel, which has no code, gives the address instead of "scan the code".
"""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, make_project
from test_format_v2 import PUBLISHER
from test_leaflets import job_for, site, words
from loa.outputs import leaflets

HMN_DRAFT = "Tsab txhais ib ntus, tseem tsis tau kuaj xyuas"  # leaflet.draft, overrides/i18n/hmn.yml
VI_DRAFT = "Bản dịch nháp, chưa được kiểm tra"  # leaflet.draft, overrides/i18n/vi.yml


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture campaigns with a publisher."""
    campaigns = shutil.copytree(FIXTURES / "campaigns", tmp_path_factory.mktemp("imprint") / "campaigns")
    (campaigns / "publisher.yml").write_text(PUBLISHER, encoding="utf-8")
    return campaigns


def pages_text(config, content, strings, path_end: str) -> list[str]:
    pdf = leaflets.render_one(job_for(config, content, path_end), strings)
    return [words(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("path_end", ["vi-a4-trifold.pdf", "vi-a5-flyer.pdf"])
def test_every_leaflet_prints_the_imprint(published, path_end):
    text = " ".join(pages_text(*site(published), path_end))
    for line in ("Phát hành: Sở Y tế tỉnh Lào Cai", "Ấn bản: 2026-12", "Liên hệ: 0214 3840 000",
                 "Phát miễn phí, không bán."):
        assert line in text, (line, text)


def test_imprint_in_the_readers_language_with_its_reviewer(published):
    hmn = published / "demo" / "hmn.yml"
    hmn.write_text(hmn.read_text(encoding="utf-8").replace(
        "status: draft", "status: reviewed\n  reviewed_by: Hội LHPN xã\n  reviewed_on: 2026-11-20"), encoding="utf-8")
    try:
        text = " ".join(pages_text(*site(published), "/hmn-a4-trifold.pdf"))
    finally:
        hmn.write_text(hmn.read_text(encoding="utf-8").replace(
            "status: reviewed\n  reviewed_by: Hội LHPN xã\n  reviewed_on: 2026-11-20", "status: draft"), encoding="utf-8")
    assert "Tsab Hmoob: Hội LHPN xã kuaj xyuas hnub 2026-11-20." in text
    assert "Muab dawb, tsis pub muag." in text  # "free, not for sale" in Hmong
    assert HMN_DRAFT not in text


def test_without_publisher_the_edition_is_the_build_month(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    text = " ".join(pages_text(*site(), "vi-a4-trifold.pdf"))
    assert "Ấn bản: 2026-01" in text and "Phát hành" not in text


def test_draft_mark_in_both_languages_on_every_panel():
    pages = pages_text(*site(), "/hmn-a4-trifold.pdf")
    assert len(pages) == 2
    for page in pages:  # three panels a page, each with its mark
        assert page.count(HMN_DRAFT) == 3 and page.count(VI_DRAFT) == 3, page


def test_bilingual_draft_says_so_on_both_pages_in_both_languages():
    front, back = pages_text(*site(), "vi+hmn-a5-flyer.pdf")
    assert HMN_DRAFT in front and VI_DRAFT in front
    assert "Tsab Hmoob yog tsab txhais ib ntus" in back
    assert "Bản Hmoob là bản dịch nháp, chưa được người bản ngữ kiểm tra." in back


def test_reviewed_source_leaflet_has_no_draft_mark():
    text = " ".join(pages_text(*site(), "vi-a4-trifold.pdf"))
    assert VI_DRAFT not in text and "bản dịch nháp" not in text


def test_scan_the_code_only_where_a_code_is():
    outside, inside = pages_text(*site(), "vi-a4-trifold.pdf")
    assert "Quét mã để đọc thêm" in outside  # under the QR code on the back panel
    assert "Quét mã" not in inside  # the inside has no code: it gives the address
    assert "Đọc toàn bộ ở trang: https://loa.example.org/campaigns/demo/" in inside


def test_site_footer_and_campaign_page(tmp_path, run_loa):
    project = make_project(tmp_path / "project")
    (project / "campaigns/publisher.yml").write_text(PUBLISHER, encoding="utf-8")
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    home = (project / "site/hmn/index.html").read_text(encoding="utf-8")
    assert ('<div class="loa-imprint"><p><span>Tshaj tawm los ntawm: Sở Y tế tỉnh Lào Cai</span> · '
            '<span>Tsab: 2026-12</span> · <span>Tiv tauj: 0214 3840 000</span> · '
            '<span>Muab dawb, tsis pub muag.</span></p></div>') in home
    page = (project / "site/hmn/campaigns/demo/index.html").read_text(encoding="utf-8")
    assert "Tsab Hmoob yog tsab txhais ib ntus, tseem tsis tau muaj neeg kuaj xyuas." in page
    assert "Zaj dab neeg no sau los ntawm ntau tus neeg tej xwm txheej tiag" in page  # the story is composite
