"""A campaign page printed from Chromium (Ctrl+P), read back from the PDF with poppler's pdftotext.

Field teams print web pages on black-and-white office printers: nothing grey,
no heading alone at a page foot, no first page left nearly empty, and each
leaflet's address on paper.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by scripts/setup --test")]

PAGES = ["campaigns/safe-migration/", "hmn/campaigns/safe-migration/", "ium/campaigns/online-strangers/",
         "tyz/campaigns/help-after-return/", "help/", "leaflets/"]


@pytest.fixture(scope="module")
def printed(browser, server, tmp_path_factory):
    """path -> (PDF file, the page's h2 headings)"""
    folder = tmp_path_factory.mktemp("printed")
    page = browser.new_page()
    page.emulate_media(media="print")
    out = {}
    for path in PAGES:
        page.goto(server + path)
        pdf = folder / (path.replace("/", "_") + ".pdf")
        page.pdf(path=str(pdf), format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
        out[path] = (pdf, [h.strip() for h in page.eval_on_selector_all(".md-content h2", "hs => hs.map(h => h.innerText)")])
    page.close()
    return out


def lines_per_page(pdf) -> list[list[tuple[float, float, str]]]:
    """Per page, its text lines as (top, bottom, text), from pdftotext -bbox-layout."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for body in re.findall(r"<page (.*?)</page>", xml, re.S):
        height = float(re.search(r'height="([\d.]+)"', body).group(1))
        lines = []
        for attrs, words in re.findall(r"<line (.*?)>(.*?)</line>", body, re.S):
            top, bottom = (float(re.search(rf'{k}="([\d.]+)"', attrs).group(1)) / height for k in ("yMin", "yMax"))
            lines.append((top, bottom, " ".join(unescape(w) for w in re.findall(r">([^<]*)</word>", words))))
        pages.append(lines)
    return pages


@pytest.mark.parametrize("path", PAGES)
def test_no_heading_alone_at_a_page_foot(printed, path):
    pdf, headings = printed[path]
    pages = lines_per_page(pdf)
    for number, lines in enumerate(pages[:-1], start=1):
        assert lines, f"page {number} is empty"
        last = lines[-1][2]
        assert not any(last and h.startswith(last) for h in headings), (number, last)


@pytest.mark.parametrize("path", PAGES)
def test_first_page_is_not_left_nearly_empty(printed, path):
    pages = lines_per_page(printed[path][0])
    if len(pages) > 1:
        assert pages[0][-1][1] > 0.6, f"the first page's text ends at {pages[0][-1][1]:.0%} of its height"


def test_leaflet_links_print_their_address(printed, example_site):
    if not (example_site / "leaflets").is_dir():
        pytest.skip("LOA_TEST_LEAFLETS=0 builds no leaflets")
    text = subprocess.run(["pdftotext", str(printed["leaflets/"][0]), "-"], capture_output=True, text=True).stdout
    text = re.sub(r"\s+", "", text)  # a long address wraps
    assert "https://loa.example.org/leaflets/safe-migration/vi-a5-flyer.pdf" in text


def test_stories_and_headings_print_in_black(browser, server):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(server + "campaigns/safe-migration/")
    colours = page.eval_on_selector_all(".loa-story, .loa-story p, .md-content h1, .md-content h2",
                                        "els => [...new Set(els.map(e => getComputedStyle(e).color))]")
    page.close()
    assert colours == ["rgb(0, 0, 0)"]
