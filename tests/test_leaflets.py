"""PDF leaflets rendered for real from the fixture campaigns and read back.

Page count and size per format, the text in the right language, fonts embedded
and subset, the QR code decoded from a rendered page, the layout looked at on a
rendered image (QR code inside its panel, nothing across a fold), bleed for the
print shop, overflow reported with its campaign, language and format, the
cache, and byte-identical output for identical input.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import FIXTURES, ROOT
from loa.checks import fonts
from loa import generate
from loa.outputs import leaflets
from loa.outputs.leaflets import blocks, layout, render
from loa.glue.config import load_config
from loa.content.model import Content
from loa.content.problems import ContentError, display_path

MM_PT = 72 / 25.4
A4_LANDSCAPE = (297 * MM_PT, 210 * MM_PT)
A5 = (148 * MM_PT, 210 * MM_PT)
DPI = 200
DEMO_VI = FIXTURES / "campaigns" / "demo" / "vi.yml"
FONTS = ROOT / "overrides" / "leaflets" / "fonts"
KEY_MESSAGES = {
    "vi": ["Giữ giấy tờ tùy thân của bạn.", "Gọi 111 khi cần giúp đỡ, miễn phí.", "Báo cho gia đình biết nơi bạn đến."],
    "hmn": ["Khaws koj daim ntawv pov thawj.", "Hu 111 thaum xav tau kev pab, tsis them nqi.",
            "Qhia koj tsev neeg tias koj mus qhov twg."],
}
TITLES = {"vi": "Đi làm xa an toàn", "hmn": "Mus ua hauj lwm deb kom muaj kev nyab xeeb"}


def site(campaigns: Path = FIXTURES / "campaigns"):
    config = load_config(ROOT / "mkdocs.yml", campaigns)
    result = generate.check(config)
    assert result.ok, [p.format() for p in result.problems]
    return config, result.content, result.strings


@pytest.fixture(scope="module")
def demo():
    return site()


def job_for(config, content, path_end: str, **edition) -> leaflets.LeafletJob:
    return next(j for j in leaflets.plan_leaflets(config, content, **edition) if j.path.endswith(path_end))


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return words(" ".join(page.extract_text() for page in reader.pages))


def page_image(pdf: Path, page: int, tmp_path: Path) -> Image.Image:
    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(prefix)], check=True)
    return Image.open(prefix.with_suffix(".png")).convert("L")


def qr_codes(image: Image.Image, tmp_path: Path) -> list[str]:
    path = tmp_path / "scan.png"
    image.save(path)
    run = subprocess.run(["zbarimg", "--raw", "-q", "--nodbus", str(path)], capture_output=True, text=True)
    return run.stdout.split()


def mm(value: float) -> int:
    return round(value / 25.4 * DPI)


# --- planning (no rendering) -----------------------------------------------------

def test_plan_every_language_with_text_and_format_then_bilingual_a5(demo):
    config, content, _ = demo
    paths = [job.path for job in leaflets.plan_leaflets(config, content)]
    # ium and tyz have no text of their own: no leaflet would be the Vietnamese one labelled Dao or Tay.
    assert paths == [f"leaflets/demo/{lang}-{fmt}.pdf" for lang in ("vi", "hmn")
                     for fmt in ("a4-trifold", "a5-flyer")] + ["leaflets/demo/vi+hmn-a5-flyer.pdf"]


def test_no_leaflet_for_a_language_without_title_and_key_messages(tmp_path):
    campaigns = shutil.copytree(FIXTURES / "campaigns", tmp_path / "campaigns")
    (campaigns / "demo" / "tyz.yml").write_text(
        "translation:\n  status: draft\nsections:\n  - id: warning-signs\n    heading: Ngòi hăn\n    body: Ngòi đây.\n",
        encoding="utf-8")
    config, content, _ = site(campaigns)
    assert not any("tyz" in job.path for job in leaflets.plan_leaflets(config, content))
    from loa.translation.status import status_rows
    assert [(r.language, r.leaflet) for r in status_rows(content, config.tags)] == [
        ("vi", True), ("hmn", True), ("ium", False), ("tyz", False)]
    (campaigns / "demo" / "tyz.yml").write_text("translation:\n  status: draft\ntitle: Pây hết viẹc quây\n",
                                                encoding="utf-8")
    config, content, _ = site(campaigns)
    assert any(job.path.endswith("/tyz-a4-trifold.pdf") for job in leaflets.plan_leaflets(config, content))


def test_plan_editions(demo):
    config, content, _ = demo
    paths = [job.path for job in leaflets.plan_leaflets(config, content, audience="schools", print_shop=True)]
    assert paths[0] == "leaflets/demo/vi-a4-trifold-schools-print.pdf"
    assert paths[-1] == "leaflets/demo/vi+hmn-a5-flyer-schools-print.pdf"
    assert leaflets.plan_leaflets(config, content, audience="vocational-centres") == []  # demo is not for them


def test_qr_urls_are_the_campaign_page_in_each_language(demo):
    config, content, _ = demo
    job = job_for(config, content, "vi+hmn-a5-flyer.pdf")
    assert job.urls == ("https://loa.example.org/campaigns/demo/", "https://loa.example.org/hmn/campaigns/demo/")


@pytest.mark.parametrize("markdown_text, pieces", [
    ("One.\n\nTwo\nlines.", ["One.", "Two\nlines."]),
    ("Intro:\n\n- a\n- b\n  more b\n\nEnd.", ["Intro:", "- a", "- b\n  more b", "End."]),
    ("1. first\n2. second", ["1. first", "2. second"]),
    ("- item\n\n    its second paragraph\n- next", ["- item\n\n    its second paragraph", "- next"]),
])
def test_sections_break_between_paragraphs_and_list_items(markdown_text, pieces):
    assert blocks.markdown_pieces(markdown_text) == pieces


def test_bilingual_columns_carry_their_languages(demo):
    config, content, strings = demo
    data = layout.inputs(job_for(config, content, "vi+hmn-a5-flyer.pdf"), strings.loa)
    rows = [block["cells"] for group in data["layouts"][0]["groups"] for block in group]
    titles, summaries = rows[0], rows[1]  # the draft mark (hmn.yml is a draft) heads the page, outside the rows
    assert [b["kind"] for b in data["layouts"][0]["panels"][0]["head"]] == ["draft"]
    assert [(c["kind"], c["lang"], c["text"]["v"]) for c in titles] == [
        ("title", "vi", TITLES["vi"]), ("title", "hmn", TITLES["hmn"])]
    # hmn.yml has no summary: the hmn column shows the Vietnamese one, marked as such, with a note in Hmong.
    assert summaries[1]["lang"] == "hmn" and summaries[1]["text"]["lang"] == "vi"
    assert summaries[1]["text"]["v"].startswith("Biết dấu hiệu") and summaries[1]["text"]["note"]


# --- font coverage (no rendering) ----------------------------------------------------

def test_fixture_text_is_all_drawable(demo):
    assert fonts.font_coverage_problems(demo[1], FONTS) == []


def test_characters_the_font_lacks_are_named_with_file_and_field(demo):
    content = demo[1]
    campaign = content.campaigns[0]
    vi = campaign.texts["vi"]
    section = dataclasses.replace(vi.sections[0], body=vi.sections[0].body + " 中中")
    vi = dataclasses.replace(vi.with_texts(title="Đi làm xa ☃ an toàn"), sections=(section, *vi.sections[1:]))
    campaign = dataclasses.replace(campaign, texts={**campaign.texts, "vi": vi})
    found = fonts.font_coverage_problems(Content(content.hotlines, (campaign,)), FONTS)
    hint = ("  hint: leaflets would print an empty box: replace it with a letter or sign the font has, "
            "or remove it (the font is Noto Sans, in overrides/leaflets/fonts/)")
    assert [p.format() for p in found] == [
        f'{display_path(DEMO_VI)}: error: title: the leaflet font cannot draw "☃" (U+2603 SNOWMAN)\n{hint}',
        f'{display_path(DEMO_VI)}: error: sections[0].body: the leaflet font cannot draw "中" '
        f'(U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)\n{hint}',
    ]


# --- rendered leaflets ---------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(demo, tmp_path_factory):
    """Every demo leaflet, rendered once with two worker processes."""
    config, content, strings = demo
    out = tmp_path_factory.mktemp("leaflets")
    links = leaflets.render_leaflets(config, content, strings, out / "site", out / "cache", jobs=2)
    return out / "site", links


@pytest.mark.slow
def test_links_list_every_leaflet_with_its_size(rendered):
    out, links = rendered
    assert len(links) == 5
    for link in links:
        assert link.size_bytes == (out / link.path).stat().st_size > 5000
    bilingual = links[-1]
    assert (bilingual.language, bilingual.format, bilingual.label) == ("hmn", "a5-flyer", "vi + hmn")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "hmn"])
@pytest.mark.parametrize("fmt, size, pages", [("a4-trifold", A4_LANDSCAPE, {2}), ("a5-flyer", A5, {2})])
def test_page_count_and_size(rendered, lang, fmt, size, pages):
    reader = PdfReader(rendered[0] / f"leaflets/demo/{lang}-{fmt}.pdf")
    assert len(reader.pages) in pages
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size, abs=0.1)
        assert page.trimbox == page.mediabox  # no bleed: office printers would shrink or clip it


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "hmn"])
@pytest.mark.parametrize("fmt", ["a4-trifold", "a5-flyer"])
def test_text_in_the_right_language(rendered, lang, fmt):
    text = pdf_text(rendered[0] / f"leaflets/demo/{lang}-{fmt}.pdf")
    assert TITLES[lang] in text
    for message in KEY_MESSAGES[lang]:
        assert message in text
    assert "111" in text and "113" in text
    other = "hmn" if lang == "vi" else "vi"
    assert KEY_MESSAGES[other][0] not in text


@pytest.mark.slow
def test_bilingual_has_both_languages(rendered):
    text = pdf_text(rendered[0] / "leaflets/demo/vi+hmn-a5-flyer.pdf")
    for lang in ("vi", "hmn"):
        assert TITLES[lang] in text
        assert all(message in text for message in KEY_MESSAGES[lang])


@pytest.mark.slow
def test_draft_translation_shows_the_draft_mark_in_its_language(rendered):
    draft_hmn = "Tsab txhais ib ntus, tseem tsis tau kuaj xyuas"  # leaflet.draft in overrides/i18n/hmn.yml
    for name in ("hmn-a4-trifold", "hmn-a5-flyer", "vi+hmn-a5-flyer"):
        assert draft_hmn in pdf_text(rendered[0] / f"leaflets/demo/{name}.pdf")
    assert "Bản dịch nháp" not in pdf_text(rendered[0] / "leaflets/demo/vi-a4-trifold.pdf")


@pytest.mark.slow
def test_fonts_are_embedded_and_subset(rendered):
    reader = PdfReader(rendered[0] / "leaflets/demo/vi-a4-trifold.pdf")
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded TrueType
            names.add(str(font["/BaseFont"]))
    assert names and all(re.fullmatch(r"/[A-Z]{6}\+NotoSans-(Regular|Bold)(-Identity-H)?", n) for n in names), names
    assert any(n.endswith("-Bold") for n in names)


@pytest.mark.slow
@pytest.mark.parametrize("name, page, lang", [("vi-a4-trifold", 1, "vi"), ("hmn-a5-flyer", 1, "hmn"),
                                              ("hmn-a4-trifold", 1, "hmn")])
def test_qr_code_opens_the_campaign_page_in_the_leaflets_language(demo, rendered, tmp_path, name, page, lang):
    image = page_image(rendered[0] / f"leaflets/demo/{name}.pdf", page, tmp_path)
    expected = [demo[0].page_url(lang, "campaigns/demo/")]
    if "trifold" in name:  # beside it, the second code: the listening page (the flyer's is on its back page)
        expected.append(demo[0].page_url(lang, "campaigns/demo/listen/"))
    assert sorted(qr_codes(image, tmp_path)) == sorted(expected)


@pytest.mark.slow
def test_bilingual_has_a_qr_code_per_language(demo, rendered, tmp_path):
    image = page_image(rendered[0] / "leaflets/demo/vi+hmn-a5-flyer.pdf", 2, tmp_path)
    expected = {demo[0].page_url(lang, page) for lang in ("vi", "hmn") for page in ("campaigns/demo/", "campaigns/demo/listen/")}
    assert set(qr_codes(image, tmp_path)) == expected


@pytest.mark.slow
def test_trifold_qr_code_lies_inside_the_back_panel_and_nothing_crosses_a_fold(demo, rendered, tmp_path):
    pdf = rendered[0] / "leaflets/demo/hmn-a4-trifold.pdf"
    outside, inside = page_image(pdf, 1, tmp_path), page_image(pdf, 2, tmp_path)
    url = demo[0].page_url("hmn", "campaigns/demo/")
    # Outside: [flap 97 mm | back 100 mm | cover 100 mm]; the QR code reads from the back panel alone.
    panels = {"flap": (0, 97), "back": (97, 197), "cover": (197, 297)}
    found = {name: qr_codes(outside.crop((mm(a), 0, mm(b), outside.height)), tmp_path)
             for name, (a, b) in panels.items()}
    listen = demo[0].page_url("hmn", "campaigns/demo/listen/")
    assert {name: sorted(codes) for name, codes in found.items()} == {"flap": [], "back": sorted([url, listen]), "cover": []}
    for image, folds in ((outside, (97, 197)), (inside, (100, 200))):
        for fold in folds:
            strip = image.crop((mm(fold - 4), 0, mm(fold + 4), image.height))
            assert strip.getextrema()[0] > 200, f"something is printed within 4 mm of the fold at {fold} mm"


@pytest.mark.slow
def test_print_shop_edition_has_bleed_and_crop_marks(demo, tmp_path):
    config, content, strings = demo
    job = job_for(config, content, "vi-a5-flyer-print.pdf", print_shop=True)
    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(leaflets.render_one(job, strings))
    page = PdfReader(pdf).pages[0]
    bleed = 3 * MM_PT
    trim = [float(v) for v in page.trimbox]
    assert [trim[2] - trim[0], trim[3] - trim[1]] == pytest.approx(A5, abs=0.1)  # the trimmed sheet is A5
    # 3 mm of bleed on every side (where the origin lies is the engine's choice)
    assert [float(v) for v in page.mediabox] == pytest.approx(
        [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed], abs=0.1)
    image = page_image(pdf, 1, tmp_path)
    corner = image.crop((0, 0, mm(3), mm(3)))  # the bleed area of the top-left corner: only crop marks
    assert corner.getextrema()[0] < 100


# --- overflow: never cut silently ----------------------------------------------------

LONG_PARAGRAPH = "Lương cao mà không cần kinh nghiệm là dấu hiệu lừa đảo. " * 150
OVERFLOW_CASES = [
    # (id, old text in vi.yml, new text, leaflet, expected message, expected hint)
    ("long-paragraph", "Lương cao mà **không cần** kinh nghiệm là dấu hiệu lừa đảo.", LONG_PARAGRAPH,
     "vi-a4-trifold.pdf",
     r'sections\[0\]: leaflet demo, vi, a4-trifold: the section "Dấu hiệu lừa đảo" does not fit one panel '
     r"\(needs \d+ mm, has 190 mm\)",
     "split it into shorter paragraphs or list items: a leaflet breaks a section only between them"),
    ("long-paragraph-a5", "Lương cao mà **không cần** kinh nghiệm là dấu hiệu lừa đảo.", LONG_PARAGRAPH,
     "vi-a5-flyer.pdf",
     r'sections\[0\]: leaflet demo, vi, a5-flyer: the section "Dấu hiệu lừa đảo" does not fit one page '
     r"\(needs \d+ mm, has \d+ mm\)",
     "split it into shorter paragraphs or list items: a leaflet breaks a section only between them"),
    ("long-summary", "summary: Biết dấu hiệu lừa đảo việc làm và biết gọi ai khi cần giúp đỡ.",
     "summary: " + LONG_PARAGRAPH[:1500], "vi-a4-trifold.pdf",
     r"title, summary: leaflet demo, vi, a4-trifold: the title, the summary and the hotlines do not fit "
     r"the cover panel \(needs \d+ mm, has 190 mm\)",
     "shorten the text: leaflets keep body text at 12 pt and hotline numbers large, so it cannot shrink"),
]


@pytest.mark.slow
@pytest.mark.parametrize("case, old, new, leaflet, message, hint", OVERFLOW_CASES, ids=[c[0] for c in OVERFLOW_CASES])
def test_overflow_names_campaign_language_format_and_what(tmp_path, case, old, new, leaflet, message, hint):
    campaigns = shutil.copytree(FIXTURES / "campaigns", tmp_path / "campaigns")
    vi = campaigns / "demo" / "vi.yml"
    text = vi.read_text(encoding="utf-8")
    assert old in text
    vi.write_text(text.replace(old, new, 1), encoding="utf-8")
    config, content, strings = site(campaigns)
    with pytest.raises(ContentError) as raised:
        leaflets.render_one(job_for(config, content, leaflet), strings)
    [problem] = raised.value.problems
    line, hint_line = problem.format().split("\n")
    assert re.fullmatch(re.escape(f"{display_path(vi)}: error: ") + message, line), line
    assert hint_line == f"  hint: {hint}"


@pytest.mark.slow
def test_rendered_panels_are_checked_too(demo, monkeypatch):
    """If measuring were wrong, the rendered leaflet's own check still refuses text past a panel."""
    config, content, strings = demo
    monkeypatch.setattr(layout, "measure_blocks", lambda job, make, items: {id(b): 1.0 for _, b in items})
    job = job_for(config, content, "vi-a5-flyer.pdf")
    campaign = dataclasses.replace(job.campaign, texts={**job.campaign.texts,
                                                        "vi": job.campaign.texts["vi"].with_texts(summary=LONG_PARAGRAPH[:3000])})
    with pytest.raises(ContentError) as raised:
        leaflets.render_one(dataclasses.replace(job, campaign=campaign), strings)
    [problem] = raised.value.problems
    assert re.fullmatch(r"leaflet demo, vi, a5-flyer: the title, the summary, the key messages, .* and the hotlines "
                        r"with the QR code do not fit the front page \(needs \d+ mm, has 190 mm\)", problem.message)


# --- cache and reproducibility ---------------------------------------------------------

@pytest.mark.slow
def test_second_render_comes_from_the_cache(demo, rendered, tmp_path, monkeypatch, capsys):
    config, content, strings = demo
    cache = tmp_path / "cache"
    first = leaflets.render_leaflets(config, content, strings, tmp_path / "one", cache, jobs=1)
    entries = {p: p.read_bytes() for p in cache.iterdir()}
    assert len(entries) == len(first)

    def no_rendering(*args, **kwargs):
        raise AssertionError("a cached leaflet was rendered again")

    monkeypatch.setattr(layout, "render_one", no_rendering)
    second = leaflets.render_leaflets(config, content, strings, tmp_path / "two", cache, jobs=1, progress=True)
    assert second == first
    assert {p: p.read_bytes() for p in cache.iterdir()} == entries
    for link in first:
        assert (tmp_path / "two" / link.path).read_bytes() == (tmp_path / "one" / link.path).read_bytes()
    assert capsys.readouterr().err == ""  # no progress line when stderr is not a terminal


@pytest.mark.slow
def test_a_change_renders_only_the_leaflets_it_touches(demo, tmp_path, monkeypatch):
    config, content, strings = demo
    cache = tmp_path / "cache"
    leaflets.render_leaflets(config, content, strings, tmp_path / "out", cache, jobs=1)
    rendered = []
    real = layout.render_one
    monkeypatch.setattr(layout, "render_one", lambda job, *rest: rendered.append(job.path) or real(job, *rest))
    hmn = content.campaigns[0].texts["hmn"]
    campaign = dataclasses.replace(content.campaigns[0], texts={**content.campaigns[0].texts,
                                                                "hmn": hmn.with_texts(title="Lub npe tshiab")})
    leaflets.render_leaflets(config, Content(content.hotlines, (campaign,)), strings, tmp_path / "out", cache, jobs=1)
    assert rendered == ["leaflets/demo/hmn-a4-trifold.pdf", "leaflets/demo/hmn-a5-flyer.pdf",
                        "leaflets/demo/vi+hmn-a5-flyer.pdf"]


@pytest.mark.slow
def test_same_input_gives_identical_bytes(demo, monkeypatch):
    config, content, strings = demo
    job = job_for(config, content, "hmn-a4-trifold.pdf")
    assert leaflets.render_one(job, strings) == leaflets.render_one(job, strings)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = leaflets.render_one(job, strings)
    assert dated == leaflets.render_one(job, strings)
    assert PdfReader(io.BytesIO(dated)).metadata["/CreationDate"].startswith("D:20260101000000")


@pytest.mark.slow
def test_every_leaflet_that_overflows_is_reported_at_once(tmp_path):
    campaigns = shutil.copytree(FIXTURES / "campaigns", tmp_path / "campaigns")
    vi = campaigns / "demo" / "vi.yml"
    text = vi.read_text(encoding="utf-8")
    vi.write_text(text.replace("- Người lạ trả tiền đi đường.", "- " + LONG_PARAGRAPH, 1), encoding="utf-8")
    config, content, strings = site(campaigns)
    with pytest.raises(ContentError) as raised:
        leaflets.render_leaflets(config, content, strings, tmp_path / "out", tmp_path / "cache", jobs=2)
    # hmn has its own translation of the section; ium and tyz have no text, so no leaflet.
    assert [p.message.split(":")[0] for p in raised.value.problems] == [
        f"leaflet demo, vi, {fmt}" for fmt in ("a4-trifold", "a5-flyer")]
    assert raised.value.problems[0].message.startswith(
        'leaflet demo, vi, a4-trifold: the section "Dấu hiệu lừa đảo", from "Lương cao mà không cần kinh…" '
        "does not fit one panel")
    assert not (tmp_path / "out").exists()  # nothing is copied out when any leaflet fails


def _stderr_on_a_terminal(command: list[str], cwd: Path, env: dict) -> str:
    """Run `command` with stderr on a pseudo-terminal, as in a person's shell; returns what it drew there."""
    import fcntl
    import os
    import struct
    import subprocess
    import termios

    controller, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 rows, 100 columns
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    assert process.wait(timeout=300) == 0, drawn.decode(errors="replace")
    return drawn.decode(errors="replace")


@pytest.mark.slow
def test_progress_bar_on_a_terminal_and_not_in_ci(tmp_path):
    import os
    import sys

    from conftest import make_project

    project = make_project(tmp_path / "p", leaflets=True)
    loa = [str(Path(sys.executable).parent / "loa"), "leaflets", "--audience", "schools"]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    drawn = _stderr_on_a_terminal(loa + ["--out", "one"], project, env)
    count = len(list((project / "one/leaflets").rglob("*.pdf")))
    assert count > 1
    assert re.search(rf"leaflets: {count}/{count} \|█+\|", drawn), drawn
    shutil.rmtree(project / ".loa-cache")
    assert _stderr_on_a_terminal(loa + ["--out", "two"], project, {**env, "CI": "true"}) == ""
    assert len(list((project / "two/leaflets").rglob("*.pdf"))) == count


@pytest.mark.slow
def test_a_changed_template_is_read_again_in_the_same_process(demo, tmp_path):
    """The compiler is kept for the process; live preview must still see an edit to the template."""
    config, content, strings = demo
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides" / "leaflets", overrides / "leaflets")
    job = dataclasses.replace(job_for(config, content, "vi-a5-flyer.pdf"), overrides_dir=overrides)
    before = leaflets.render_one(job, strings)
    assert leaflets.render_one(job, strings) == before
    blocks_typ = overrides / "leaflets" / "blocks.typ"
    text = blocks_typ.read_text(encoding="utf-8")
    assert 'set text(font: "Noto Sans",' in text
    blocks_typ.write_text(text.replace('set text(font: "Noto Sans",', 'set text(fill: rgb(255, 0, 0), font: "Noto Sans",'),
                          encoding="utf-8")
    after = leaflets.render_one(job, strings)
    assert after != before
    assert b"1 0 0 sc" in b"".join(page.get_contents().get_data() for page in PdfReader(io.BytesIO(after)).pages)


def test_cache_keeps_what_builds_use_and_forgets_the_rest_after_60_days(tmp_path):
    import os
    import time

    day = 86400
    now = time.time()
    for name, age_days in (("used", 400), ("recent", 10), ("old", 61), ("crashed.123", 61)):
        path = tmp_path / (name + (".tmp" if "." in name else ".pdf"))
        path.write_bytes(b"%PDF")
        os.utime(path, (now - age_days * day, now - age_days * day))
    assert leaflets.prune_cache(tmp_path, keep={"used"}) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent.pdf", "used.pdf"]
    assert (tmp_path / "used.pdf").stat().st_mtime > now - day  # marked as used today


# --- hostile input: campaign text is data, never Typst markup -------------------------------

TYPST_ATTACKS = ['#import "/etc/passwd": *', '#read("/etc/passwd")', '#panic("boom")', "$x^2 + [y]$",
                 "#set page(width: 1mm)", "\\u{41} \\\\ `raw` ] [ ] } {", "#{ let x = 1 } @ref <label> // and /* c */",
                 '#json(bytes(sys.inputs.leaflet))', "= not a heading", "- not a list * _x_ ~ 'quote'"]


def _hostile_campaign(content, text_attack: str, body_attack: str):
    campaign = content.campaigns[0]
    vi = campaign.texts["vi"]
    section = dataclasses.replace(vi.sections[0], heading=text_attack, body=body_attack)
    vi = dataclasses.replace(vi.with_texts(title=text_attack, summary=text_attack,
                                           key_messages=(text_attack, *vi.key_messages[1:])), sections=(section, *vi.sections[1:]))
    return dataclasses.replace(campaign, texts={**campaign.texts, "vi": vi})


def _flat(text: str) -> str:
    """Without whitespace (lines break anywhere) and zero-width spaces (pypdf puts some between glyphs)."""
    return "".join(text.replace("\u200b", "").split())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["a4-trifold", "a5-flyer"])
def test_typst_syntax_in_every_text_field_prints_literally(demo, fmt):
    config, content, strings = demo
    text_attack = " ".join(TYPST_ATTACKS[:5])
    body_attack = "\n\n".join(a for a in TYPST_ATTACKS if "`" not in a and "\\" not in a and "*" not in a)
    hotlines = tuple(dataclasses.replace(h, names={**h.names, "vi": TYPST_ATTACKS[5]}, hours=TYPST_ATTACKS[6])
                     for h in content.hotlines)
    campaign = _hostile_campaign(content, text_attack, body_attack)
    job = dataclasses.replace(job_for(config, content, f"vi-{fmt}.pdf"), campaign=campaign,
                              hotlines=hotlines[:len(job_for(config, content, f"vi-{fmt}.pdf").hotlines)])
    text = _flat(pdf_text(leaflets.render_one(job, strings)))
    assert _flat(text_attack) in text  # title, summary, key message, section heading
    for attack in body_attack.split("\n\n"):
        assert _flat(attack) in text, attack  # the section body (Markdown: these are plain paragraphs)
    assert _flat(TYPST_ATTACKS[5]) in text  # a hotline's name
    assert "root:" not in text


def test_campaign_text_never_reaches_the_template_source(demo):
    """The engine gets text only inside one JSON string in sys.inputs; template files hold no campaign text."""
    config, content, strings = demo
    campaign = _hostile_campaign(content, TYPST_ATTACKS[0], TYPST_ATTACKS[1])
    job = dataclasses.replace(job_for(config, content, "vi-a5-flyer.pdf"), campaign=campaign)
    data = layout.inputs(job, strings)
    cover = data["layouts"][0]["panels"][0]["head"]
    assert cover[-1]["text"] == {"v": TYPST_ATTACKS[0], "lang": None, "note": None}  # the title: a string in JSON
    templates = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "overrides" / "leaflets").glob("*.typ")}
    assert "json(bytes(sys.inputs.leaflet))" in templates["leaflet.typ"]
    assert not any("eval(" in source for source in templates.values())  # nothing turns a string into code


@pytest.mark.slow
def test_a_flyer_whose_text_fits_the_front_still_prints_the_listening_code(tmp_path):
    """All of a short campaign fits the front: the back page stays, for the code of those who listen."""
    campaigns = shutil.copytree(FIXTURES / "campaigns", tmp_path / "campaigns")
    vi = campaigns / "demo" / "vi.yml"
    short = vi.read_text(encoding="utf-8").split("sections:")[0] + \
        "sections:\n  - id: warning-signs\n    heading: Dấu hiệu lừa đảo\n    body: Lương cao là dấu hiệu.\n"
    vi.write_text(short, encoding="utf-8")
    (campaigns / "demo" / "hmn.yml").unlink()
    config, content, strings = site(campaigns)
    job = job_for(config, content, "/vi-a5-flyer.pdf")
    assert layout.printed_sections(job, strings) == (["warning-signs"], [])
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(layout.render_one(job, strings))
    assert "Lương cao là dấu hiệu." in words(PdfReader(pdf).pages[0].extract_text())  # all the text on the front
    assert len(PdfReader(pdf).pages) == 2
    assert sorted(qr_codes(page_image(pdf, 2, tmp_path), tmp_path)) == sorted(
        config.page_url("vi", p) for p in ("campaigns/demo/", "campaigns/demo/listen/"))


@pytest.mark.slow
def test_a_long_summary_gives_the_front_to_the_key_messages(tmp_path):
    """What matters most stays on the front page: when the key messages do not fit under the summary, they go first."""
    campaigns = shutil.copytree(FIXTURES / "campaigns", tmp_path / "campaigns")
    vi = campaigns / "demo" / "vi.yml"
    summary = ("Biết dấu hiệu lừa đảo việc làm, giữ giấy tờ của mình, báo cho gia đình nơi mình đến "
               "và biết gọi ai khi cần giúp đỡ; ") * 3
    summary = summary[:295].rstrip(" ,;") + "."
    messages = [f"Điều {n}, giữ giấy tờ tùy thân, không đưa cho ai giữ hộ, kể cả người quen giới thiệu việc."
                for n in range(1, 7)]
    text = vi.read_text(encoding="utf-8").split("sections:")[1]
    vi.write_text(f"title: Đi làm xa an toàn\nsummary: {summary}\nkey_messages:\n"
                  + "".join(f"  - {m}\n" for m in messages) + "sections:" + text, encoding="utf-8")
    (campaigns / "demo" / "hmn.yml").unlink()
    config, content, strings = site(campaigns)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(layout.render_one(job_for(config, content, "/vi-a5-flyer.pdf"), strings))
    front, back = (words(page.extract_text()) for page in PdfReader(pdf).pages)
    assert all(m in front for m in messages), front
    assert summary[-30:] in back, back  # the summary follows the messages


@pytest.mark.slow
def test_flyer_back_page_carries_the_listening_code(demo, rendered, tmp_path):
    """Readers who do not read scan the second code: the listening page in the leaflet's language."""
    image = page_image(rendered[0] / "leaflets/demo/hmn-a5-flyer.pdf", 2, tmp_path)
    assert sorted(qr_codes(image, tmp_path)) == sorted(demo[0].page_url("hmn", p) for p in ("campaigns/demo/", "campaigns/demo/listen/"))


def test_worker_renders_with_what_was_found_out_deciding_audience_editions(demo, monkeypatch):
    """A site build measures the general leaflets to decide its audience editions (in the workers); the heights
    and QR codes go along with that campaign's leaflets to the worker that renders them, which neither lays
    a block out again to measure it nor draws a code again."""
    from loa.outputs.leaflets import engine, workers

    config, content, strings = demo
    job = job_for(config, content, "/vi-a5-flyer.pdf")
    table = render.job_strings(job, strings)
    monkeypatch.setattr(engine, "_MEASURED", {})  # a worker that has measured nothing yet
    monkeypatch.setattr(blocks, "_QR_CODES", {})
    [(index, printed)], known = workers.sections_chunk([(0, job, table)], workers.Known())
    assert printed == layout.printed_sections(job, strings)[0]
    assert known.measured and sorted(known.qr_codes) == sorted([*job.urls, *job.listen_urls])
    monkeypatch.setattr(engine, "_MEASURED", {})  # a fresh worker...
    monkeypatch.setattr(blocks, "_QR_CODES", {})
    query = engine._query

    def no_measuring(overrides_dir, data, label):
        assert label != "<loa-measure>", "measured again"
        return query(overrides_dir, data, label)
    monkeypatch.setattr(engine, "_query", no_measuring)
    monkeypatch.setattr(blocks.segno, "make_qr", lambda *args, **kwargs: pytest.fail("a QR code drawn again"))
    [(_, pdf, problems)], learned = workers.render_chunk([(0, job, table)], known)  # ...given what was found out
    assert pdf and not problems and learned == workers.Known()  # nothing new to tell
    assert layout.printed_sections(job, strings)[0] == printed


def test_an_edition_measures_only_blocks_not_measured_yet(demo, monkeypatch):
    """An audience or print-shop edition is the general leaflet's blocks, fewer or on a larger page: each block's
    height is kept, so the edition lays out no block to measure it."""
    from loa.outputs.leaflets import engine

    config, content, strings = demo
    monkeypatch.setattr(engine, "_MEASURED", {})
    general = job_for(config, content, "/vi-a4-trifold.pdf")
    layout.printed_sections(general, strings)
    monkeypatch.setattr(engine, "_query", lambda *args: pytest.fail("measured again"))
    for edition in (job_for(config, content, "/vi-a4-trifold-print.pdf", print_shop=True),
                    job_for(config, content, "/vi-a4-trifold-border-communities.pdf", audience="border-communities")):
        layout.printed_sections(edition, strings)


def test_a_campaigns_leaflets_are_measured_in_one_pass_with_the_heights_of_each_alone(demo, monkeypatch):
    """A worker gets a campaign's leaflets together and lays all their blocks out in one query (each query
    costs its own start); every block measures what it measures in a query of its own leaflet only."""
    from loa.outputs.leaflets import engine, workers

    config, content, strings = demo
    jobs = [job_for(config, content, end) for end in ("/vi-a4-trifold.pdf", "/hmn-a5-flyer.pdf", "/vi+hmn-a5-flyer.pdf")]
    alone = {}
    for job in jobs:
        monkeypatch.setattr(engine, "_MEASURED", {})
        prepared = layout.prepare(job, strings)
        alone[job.path] = layout.measure_blocks(job, prepared.make, layout._all_sized(prepared.candidates)).values()
    monkeypatch.setattr(engine, "_MEASURED", {})
    queries = []
    query = engine._query
    monkeypatch.setattr(engine, "_query", lambda *args: queries.append(args[2]) or query(*args))
    items = [(i, job, render.job_strings(job, strings)) for i, job in enumerate(jobs)]
    together = {job.path: layout.measure_blocks(job, prepared.make, layout._all_sized(prepared.candidates)).values()
                for _, job, _, prepared in workers._measured_ahead(items)}
    assert queries == ["<loa-measure>"]
    assert {path: list(heights) for path, heights in together.items()} == \
        {path: list(heights) for path, heights in alone.items()}
    assert len({len(heights) for heights in alone.values()}) > 1  # three leaflets, three sets of blocks


def test_a_cache_key_hashes_each_qr_codes_url_without_drawing_it(demo, monkeypatch):
    """Every build computes every leaflet's key: drawing its QR codes there (about 10 ms each) would be
    wasted, since segno draws the same code from the same URL (its version is in the code digest)."""
    config, content, strings = demo
    job = job_for(config, content, "/hmn-a5-flyer.pdf")
    table = render.job_strings(job, strings)
    code = render.code_digest(config.overrides_dir)
    monkeypatch.setattr(blocks, "qr_svg", lambda url: pytest.fail("a QR code drawn for a cache key"))
    key = render.cache_key(job, table, code)
    assert key == render.cache_key(job, table, code)
    moved = dataclasses.replace(job, urls=("https://example.org/hmn/campaigns/moved/",))
    assert render.cache_key(moved, table, code) != key


def test_the_audience_decision_is_kept_beside_the_general_leaflet(demo, tmp_path, monkeypatch):
    """A build decides its audience editions from what each general leaflet prints: measured once, then kept
    in the cache under the leaflet's key (a damaged file is measured again)."""
    from loa.outputs.leaflets.workers import Workers

    config, content, strings = demo
    cache = tmp_path / "cache"
    editions, measured = render.find_audience_editions(config, content, strings, cache, Workers(1))
    assert editions and measured  # the demo has a section for border communities only
    kept = sorted(cache.glob("*.json"))
    assert kept
    real = layout.printed_sections
    monkeypatch.setattr(layout, "printed_sections", lambda *args: pytest.fail("measured again"))
    assert render.find_audience_editions(config, content, strings, cache, Workers(1)) == (editions, {})
    kept[0].write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(layout, "printed_sections", real)
    assert render.find_audience_editions(config, content, strings, cache, Workers(1))[0] == editions
    assert json.loads(kept[0].read_text(encoding="utf-8"))


def test_pages_ask_for_the_leaflet_plan_after_the_announcer_sheets_are_made(tmp_path):
    """Planning waits for the workers to decide the audience editions: the build's own process makes the
    recordings and announcer's sheets meanwhile, and the pages get the plan when they need it."""
    config, _, _ = site()
    listen = tmp_path / "listen"
    asked = []

    def step(content, strings):
        assert not listen.exists()  # the step starts first...
        return lambda: asked.append(sorted(p.name for p in listen.rglob("*.pdf"))) or []
    result = generate.generate_pages(config, step, listen_dir=listen)
    assert result.ok and result.pages
    assert asked and "vi-loudspeaker.pdf" in asked[0]  # ...and the plan is asked for once the sheets exist


def test_a_plan_that_fails_is_reported_to_the_pages_waiting_for_it(demo, tmp_path, monkeypatch):
    """Planning runs in the background thread; whatever fails there reaches planned(), which never hangs."""
    config, content, strings = demo

    def broken(*args, **kwargs):
        raise OSError("the cache folder cannot be read")
    monkeypatch.setattr(render, "cache_keys", broken)
    background = render.BackgroundRender(config, content, strings, tmp_path / "out", tmp_path / "cache")
    with pytest.raises(OSError):
        background._plan.result(timeout=30)
    with pytest.raises(OSError):
        background.results()
