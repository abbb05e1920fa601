"""The fixture campaigns built for real by `loa build --strict`, read back as HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import yaml

from conftest import ROOT, make_project

LANGS = ("vi", "hmn", "ium", "tyz")
PREFIX = {"vi": "", "hmn": "hmn/", "ium": "ium/", "tyz": "tyz/"}

pytestmark = pytest.mark.slow


def page(site: Path, lang: str, path: str) -> str:
    return (site / PREFIX[lang] / path / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    match = re.search(r'<article class="loa-campaign">.*?</article>', html, re.S)
    assert match, "no campaign article in page"
    return match.group(0)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "campaigns/demo", "help", "about", "how-to-use"])
def test_every_page_in_every_language_with_its_tag(built_site, lang, path):
    html = page(built_site, lang, path)
    assert f'<html lang="{lang}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_alternates_point_to_the_same_page(built_site, lang):
    html = page(built_site, lang, "campaigns/demo")
    alternates = dict((m[1], m[0]) for m in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html))
    assert set(alternates) == set(LANGS)
    here = built_site / PREFIX[lang] / "campaigns/demo"
    for other, href in alternates.items():
        target = (here / href).resolve()
        assert target == (built_site / PREFIX[other] / "campaigns/demo").resolve(), (other, href)


def test_language_switcher_keeps_the_page(built_site):
    html = page(built_site, "ium", "campaigns/demo")
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">', html)
    assert ("../../../hmn/campaigns/demo/", "hmn") in links
    assert ("../../../campaigns/demo/", "vi") in links


def test_printed_urls(built_site):
    for lang in LANGS:
        assert (built_site / PREFIX[lang] / "campaigns/demo/index.html").is_file()
        assert (built_site / PREFIX[lang] / "index.html").is_file()


def test_translated_text_and_per_section_fallback(built_site):
    html = article(page(built_site, "hmn", "campaigns/demo"))
    assert "<h1>Mus ua hauj lwm deb kom muaj kev nyab xeeb</h1>" in html
    assert '<section class="loa-section" id="warning-signs">' in html
    assert "<h2>Cov cim qhia kev dag</h2>" in html
    # the untranslated section is in Vietnamese, says so in its lang, and carries a small mark
    assert '<section class="loa-section" id="families" lang="vi">' in html
    families = html[html.index('id="families"'):]
    assert families.index('<p class="loa-mark loa-mark--fallback" lang="vi" data-search-exclude>Tiếng Việt</p>') < 200
    assert '<p class="loa-lead" lang="vi">Biết dấu hiệu lừa đảo việc làm' in html


def test_language_without_any_file_is_all_fallback(built_site):
    html = article(page(built_site, "tyz", "campaigns/demo"))
    assert '<h1 lang="vi">Đi làm xa an toàn</h1>' in html
    assert 'loa-notice__fallback' in html


def test_draft_translation_is_marked(built_site):
    assert "loa-notice__draft" in article(page(built_site, "hmn", "campaigns/demo"))
    assert "loa-notice" not in article(page(built_site, "vi", "campaigns/demo"))
    assert "loa-notice__draft" not in article(page(built_site, "tyz", "campaigns/demo"))  # no file: fallback, not draft


@pytest.mark.parametrize("lang, path", [("hmn", "campaigns/demo"), ("hmn", ""), ("hmn", "help"), ("hmn", "about"),
                                        ("tyz", "campaigns/demo")])
def test_one_folded_notice_per_page(built_site, lang, path):
    """Draft interface, draft text and text still in Vietnamese: one line, details folded, said once."""
    html = page(built_site, lang, path)
    assert html.count('class="loa-notice"') == 1
    notice = html[html.index('<details class="loa-notice"'):html.index("</details>")]
    assert "<summary>" in notice and " open" not in notice.split(">")[0]
    paragraphs = [p.split(">", 1)[1].split("</p>")[0] for p in notice.split("<p ")[1:]]
    assert len(paragraphs) == len(set(paragraphs)) >= 1
    assert "role=" not in notice


def test_notices_stay_out_of_search(built_site):
    index = (built_site / "hmn/search/search_index.json").read_text(encoding="utf-8")
    strings = yaml.safe_load((ROOT / "overrides/i18n/hmn.yml").read_text(encoding="utf-8"))["loa"]
    for key in ("notice.draft", "draft.notice", "ui.draft", "mark.stale"):
        assert strings[key] not in index, key
    assert "Tiếng Việt" not in index  # the fallback marks


def test_hotlines_are_tel_links_with_facts(built_site):
    html = article(page(built_site, "vi", "campaigns/demo"))
    assert '<a class="loa-hotline__link" href="tel:111">' in html
    assert '<span class="loa-hotline__number">111</span>' in html
    assert "Miễn phí" in html and "24/7" in html
    help_page = page(built_site, "vi", "help")
    assert 'href="tel:113"' in help_page


def test_user_text_is_escaped(built_site):
    html = article(page(built_site, "vi", "campaigns/demo"))
    assert "Hỏi con đi đâu, với ai &amp; &lt;làm gì&gt;." in html


def test_markdown_renders(built_site):
    html = article(page(built_site, "vi", "campaigns/demo"))
    assert "<strong>không cần</strong>" in html
    assert '<a href="tel:111">111</a>' in html


def test_section_audience_labels(built_site):
    html = article(page(built_site, "vi", "campaigns/demo"))
    families = html[html.index('id="families"'):]
    assert '<span class="loa-tag loa-tag--border-communities">Cộng đồng vùng biên giới</span>' in families[:800]


def test_home_cards_filterable_by_audience(built_site):
    html = page(built_site, "vi", "")
    assert '<li class="loa-card loa-card--schools loa-card--border-communities">' in html
    assert '<a href="campaigns/demo/">Đi làm xa an toàn</a>' in html
    for audience in ("schools", "vocational-centres", "border-communities"):
        assert f'id="loa-audience-{audience}"' in html
    css = (built_site / "assets/loa/loa.css").read_text()
    assert ".loa-filter:has(#loa-audience-schools:checked) .loa-card:not(.loa-card--schools)" in css


def test_hand_written_page_falls_back_with_notice(built_site):
    html = page(built_site, "hmn", "about")
    assert '<div lang="vi">' in html
    assert "loa-notice__fallback" in html and "loa-notice__ui-draft" in html
    assert html.count('class="loa-notice"') == 1


def test_no_loa_data_files_published(built_site):
    assert not (built_site / "i18n").exists()
    assert not (built_site / "loa/pages").exists()


def test_fifth_language_is_configuration_only(tmp_path, run_loa):
    """Nung (nut): one entry in mkdocs.yml, nothing else: the site has it, all fallback."""
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "        - locale: tyz\n",
        "        - locale: nut\n          name: Nùng\n          build: true\n        - locale: tyz\n"), encoding="utf-8")
    code, out, err = run_loa(project, "build")
    assert code == 0, err
    html = (project / "site/nut/campaigns/demo/index.html").read_text(encoding="utf-8")
    assert '<html lang="nut"' in html
    assert '<h1 lang="vi">Đi làm xa an toàn</h1>' in html
    assert "overrides/i18n/nut.yml: warning: this language has no interface strings" in err


def test_failed_build_keeps_previous_site(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    assert run_loa(project, "build")[0] == 0
    before = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "campaigns/demo/vi.yml").write_text("title: [broken\n", encoding="utf-8")
    code, out, err = run_loa(project, "build")
    assert code == 1
    assert "nothing was built; the previous site is unchanged" in err
    after = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site-*"))


def test_published_urls_are_recorded_and_protected(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    assert run_loa(project, "build")[0] == 0
    record = (project / "campaigns/published-urls.txt").read_text(encoding="utf-8")
    assert "/hmn/campaigns/demo/\n" in record and "/\n" in record
    (project / "campaigns/demo").rename(project / "campaigns/going-abroad")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/published-urls.txt: error: the published page /campaigns/demo/ would disappear" in err
    assert "hint: restore campaigns/demo/, or say where it moved in campaigns/redirects.yml: 'demo: new-slug'" in err
    (project / "campaigns/redirects.yml").write_text("redirects:\n  demo: going-abroad\n", encoding="utf-8")
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    redirect = (project / "site/hmn/campaigns/demo/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../going-abroad/">' in redirect
    assert (project / "site/hmn/campaigns/going-abroad/index.html").is_file()
    # the listening page's QR code is printed too: recorded, and its old address follows the campaign
    assert "/hmn/campaigns/demo/listen/\n" in record
    listen = (project / "site/hmn/campaigns/demo/listen/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../going-abroad/listen/">' in listen
    assert (project / "site/hmn/campaigns/going-abroad/listen/index.html").is_file()


def test_no_resource_from_another_host(built_site):
    from loa.outputs.offsite import offsite_resources
    assert offsite_resources(built_site) == []


def test_offsite_check_can_fail(tmp_path):
    from loa.outputs.offsite import offsite_resources
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css">\n'
                                     '<a href="https://example.org">fine</a><img src="//cdn.example/x.png">', encoding="utf-8")
    (tmp_path / "b.css").write_text("body{}\n@import 'https://evil.example/x.css';\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        '<p title="<a>">text</p>\n'
        '<img alt="a > b" src="http://one.example/1.png"/>\n'  # '>' inside a quoted value, self-closing
        '<IMG SRC="&#x2F;&#x2F;two.example/2.png">\n'  # upper case, entities
        '<svg><use href="https://three.example/s.svg#i"></use></svg>\n'
        '<video poster="https://four.example/p.jpg"></video>\n'
        '<div class="x"\n style="background: url(\'https://five.example/b.png\')">\n'
        '<picture><source srcset="a.png 1x, https://six.example/b.png 2x"></picture>\n'
        '<style>\nbody { background: url(//seven.example/c.png) }</style>\n'
        '<a href="//eight.example/">a link is fine</a><script>var s = "<img src=//nine.example/>";</script>\n'
        '<link rel="alternate" href="https://ten.example/">\n', encoding="utf-8")
    assert offsite_resources(tmp_path) == [
        "a.html:1: https://fonts.googleapis.com/css", "a.html:2: //cdn.example/x.png",
        "b.css:2: https://evil.example/x.css",
        "c.html:2: http://one.example/1.png", "c.html:3: //two.example/2.png", "c.html:4: https://three.example/s.svg#i",
        "c.html:5: https://four.example/p.jpg", "c.html:6: https://five.example/b.png",
        "c.html:8: https://six.example/b.png", "c.html:9: //seven.example/c.png",
        # Over-reported, on the safe side: a tag-like text inside a script (Loa's pages have none).
        "c.html:11: //nine.example/",
    ]


def test_builds_are_byte_identical(tmp_path, run_loa, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    trees = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name)
        assert run_loa(project, "build")[0] == 0
        site = project / "site"
        trees.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    different = [str(p) for p in trees[0] if trees[0][p] != trees[1][p]]
    assert different == []


def _photo(path: Path, size=(1600, 900)) -> None:
    from PIL import Image

    image = Image.new("RGB", size)
    for x in range(0, size[0], 40):
        for y in range(0, size[1], 40):
            image.paste(((x * 7) % 255, (y * 3) % 255, 120), (x, y, x + 40, y + 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # EXIF Make: must not reach readers
    image.save(path, "JPEG", quality=90, exif=exif)


def _use_cover(project: Path, name: str, alt: str) -> None:
    """The demo campaign shows images/<name> (already written), described in Vietnamese by `alt`."""
    with open(project / "campaigns/demo/campaign.yml", "a", encoding="utf-8") as f:
        f.write(f"image: images/{name}\n")
    with open(project / "campaigns/demo/vi.yml", "a", encoding="utf-8") as f:
        f.write(f"image_alt: {alt}\n")


def test_cover_picture_resized_for_phones(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    (project / "campaigns/demo/images").mkdir()
    _photo(project / "campaigns/demo/images/cover.jpg")
    _use_cover(project, "cover.jpg", "Một cô gái đeo ba lô đứng ở bến xe")
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    html = (project / "site/hmn/campaigns/demo/index.html").read_text(encoding="utf-8")
    assert ('<img class="loa-cover" src="../../../images/demo/cover-360.jpg" srcset="../../../images/demo/cover-360.jpg 360w, '
            '../../../images/demo/cover-720.jpg 720w"') in html
    assert 'width="360" height="202" alt="Một cô gái đeo ba lô đứng ở bến xe" lang="vi" loading="lazy"' in html
    small = (project / "site/images/demo/cover-360.jpg").read_bytes()
    assert b"PhoneMaker" not in small and b"Exif" not in small
    from PIL import Image
    assert Image.open(project / "site/images/demo/cover-720.jpg").size == (720, 405)


@pytest.mark.parametrize("name, content, message", [
    ("cover.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
     "'images/cover.svg' is not a JPEG, PNG or WebP picture"),
    ("cover.jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg", "the picture cannot be read"),
    ("cover.png", b"GIF89a", "'images/cover.png' is not a readable PNG picture"),
])
def test_bad_pictures_are_refused(tmp_path, run_loa, name, content, message):
    project = make_project(tmp_path / "p")
    (project / "campaigns/demo/images").mkdir()
    (project / "campaigns/demo/images" / name).write_bytes(content)
    with open(project / "campaigns/demo/campaign.yml", "a", encoding="utf-8") as f:
        f.write(f"image: images/{name}\n")
    with open(project / "campaigns/demo/vi.yml", "a", encoding="utf-8") as f:
        f.write("image_alt: Ảnh\n")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert message in err


def test_cover_without_alt_text_is_refused(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    (project / "campaigns/demo/images").mkdir()
    _photo(project / "campaigns/demo/images/cover.jpg", (400, 300))
    with open(project / "campaigns/demo/campaign.yml", "a", encoding="utf-8") as f:
        f.write("image: images/cover.jpg\n")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/demo/vi.yml:1:1: error: the campaign has a cover image but no image_alt" in err


def test_builds_without_source_date_epoch_are_identical_on_the_same_day(tmp_path, run_loa, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    trees = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name)
        assert run_loa(project, "build")[0] == 0
        site = project / "site"
        trees.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert [str(p) for p in trees[0] if trees[0][p] != trees[1].get(p)] == []


def test_generated_pages_skip_markdown_and_hand_written_pages_do_not(built_site):
    """Our pages reach the theme as rendered, byte for byte; docs/ pages are still Markdown with a table of contents."""
    staged = (built_site.parent / ".loa-cache/docs/campaigns/demo/index.hmn.md").read_text(encoding="utf-8")
    fragment = staged.split("\n---\n", 1)[1].strip("\n")
    assert fragment.startswith('<article class="loa-campaign">')
    assert fragment in page(built_site, "hmn", "campaigns/demo")
    how_to = page(built_site, "vi", "how-to-use")
    assert re.search(r'<h2 id="[^"]+">Đọc trên điện thoại', how_to)
    assert "## Đọc" not in how_to
    assert re.search(r'<a href="#[^"]+" class="md-nav__link">\s*<span class="md-ellipsis">\s*Đọc trên điện thoại', how_to)


def test_a_cover_over_the_phone_budget_warns_and_fails_strict(tmp_path, run_loa):
    """Covers are resized while MkDocs builds: their warning still reaches the user, and --strict."""
    import os

    from PIL import Image

    project = make_project(tmp_path / "p")
    (project / "campaigns/demo/images").mkdir()
    # Black and white noise at the phone width: nothing for resizing to smooth, nothing for JPEG to shrink
    noise = Image.frombytes("RGB", (360, 202), bytes(255 if byte & 1 else 0 for byte in os.urandom(360 * 202 * 3)))
    noise.save(project / "campaigns/demo/images/cover.png")
    _use_cover(project, "cover.png", "Ảnh")
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    assert "campaigns/demo/images/cover.png: warning: image: the phone-size picture is" in err
    assert "over the budget of 40,000" in err
    assert (project / "site/images/demo/cover-360.jpg").stat().st_size > 40_000
    code, _, err = run_loa(project, "build", "--strict")
    assert code == 1
    assert "the phone-size picture is" in err
