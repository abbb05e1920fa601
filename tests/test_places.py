"""Places (campaigns/places.yml): checked like hotlines, listed by loa status, known to the number check.

The places file used here is tests/fixtures/places/places.yml: an example with
invented numbers, never real contacts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from loa import generate
from loa.checks.place_contacts import place_print_problems
from loa.content.places import find_place

try:  # the site's configuration moves behind glue/ (h12)
    from loa.glue.config import load_config
except ImportError:
    from loa.glue.config import load_config

PLACES = Path(__file__).resolve().parent / "fixtures" / "places" / "places.yml"
FILE = "campaigns/places.yml"


@pytest.fixture
def places_project(project: Path) -> Path:
    shutil.copy(PLACES, project / FILE)
    return project


def edit(project: Path, old: str, new: str) -> None:
    path = project / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = [
    # (name, old, new, exit code, message, hint)
    ("unquoted-number", 'number: "0214 0000 002"', "number: 02140000002", 1,
     "campaigns/places.yml:21:13: error: places[0].communes[0].contacts[0].number: expected a phone number in quotes, "
     "digits and spaces with an optional leading +, found a number (293601282, typed as 02140000002)",
     'hint: put the value in double quotes: "02140000002"'),
    ("number-with-trailing-newline", 'number: "0214 0000 002"', 'number: "0214 0000 002\\n"', 1,
     "campaigns/places.yml:21:13: error: places[0].communes[0].contacts[0].number: expected a phone number in quotes, "
     "digits and spaces with an optional leading +, found the text '0214 0000 002\\n'",
     'hint: write it in double quotes, e.g. number: "111"'),
    ("unknown-kind", "kind: border-guard", "kind: border-guards", 1,
     "campaigns/places.yml:19:13: error: places[0].communes[0].contacts[0].kind: expected one of border-guard, police, "
     "womens-union, social-work, shelter, health, other, found the text 'border-guards'",
     "hint: did you mean 'border-guard'?"),
    ("id-not-a-slug", "id: y-ty", "id: Y Tý", 1,
     "campaigns/places.yml:16:9: error: places[0].communes[0].id: expected an id of lowercase letters, digits and "
     "hyphens (like warning-signs), found the text 'Y Tý'",
     "hint: use lowercase ASCII letters, digits and single hyphens"),
    ("commune-id-twice", "id: a-mu-sung", "id: y-ty", 1,
     "campaigns/places.yml:30:9: error: places[0].communes[1].id: the id 'y-ty' is used by two communes in the "
     "province 'lao-cai'",
     "hint: give each commune its own id"),
    ("province-id-twice", "id: dien-bien", "id: lao-cai", 1,
     "campaigns/places.yml:32:5: error: places[1].id: the id 'lao-cai' is used by two provinces (first at "
     "campaigns/places.yml:5)",
     "hint: give each province its own id"),
    ("name-without-source-language", "name: {vi: xã A Mú Sung}", "name: {hmn: A Mu Sung}", 1,
     "campaigns/places.yml:31:9: error: places[0].communes[1].name: the name in the source language (vi) is missing",
     "hint: add 'vi: ...' under name"),
    ("checked-in-the-future", "checked: 2026-11-01\n          - kind: health",
     "checked: 2999-01-01\n          - kind: health",
     1, "campaigns/places.yml:24:13: error: places[0].communes[0].contacts[0].checked: the number 0214 0000 002 is "
     "dated as confirmed on 2999-01-01, a day still to come",
     "hint: write the date the number was really called (year-month-day)"),
    ("checked-long-ago", "checked: 2026-11-01\n    communes", "checked: 2020-01-01\n    communes", 0,
     "campaigns/places.yml:14:9: warning: places[0].contacts[0].checked: the number 0214 0000 001 was last "
     "confirmed on 2020-01-01",
     "hint: call it, then set 'checked:' to today's date: a wrong number on paper cannot be recalled"),
    ("unknown-key", "hours: \"7:30-17:00\"", "hour: \"7:30-17:00\"", 1,
     "campaigns/places.yml:11:9: error: places[0].contacts[0].hour: unknown key 'hour'",
     "hint: did you mean 'hours'?"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_places_message(case, places_project, run_loa):
    name, old, new, code, message, hint = case
    edit(places_project, old, new)
    found, _, err = run_loa(places_project, "check")
    assert found == code, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert message in lines, err
    assert lines[lines.index(message) + 1].strip() == hint


def test_places_file_is_optional_and_valid(places_project, run_loa):
    code, _, err = run_loa(places_project, "check", "--strict")
    assert code == 0, err
    (places_project / FILE).unlink()
    assert run_loa(places_project, "check", "--strict")[0] == 0


def test_a_province_per_file_in_campaigns_places(places_project, run_loa):
    """campaigns/places/<province>.yml: the same shape, one province each; ids unique across files."""
    folder = places_project / "campaigns/places"
    folder.mkdir()
    (folder / "ha-giang.yml").write_text("places:\n  - id: ha-giang\n    name: {vi: Hà Giang}\n", encoding="utf-8")
    code, out, err = run_loa(places_project, "status")
    assert code == 0, err
    assert "  ha-giang (Hà Giang): no contacts yet" in out
    (folder / "lao-cai.yml").write_text("places:\n  - id: lao-cai\n    name: {vi: Lào Cai}\n", encoding="utf-8")
    code, _, err = run_loa(places_project, "check")
    assert code == 1
    assert ("campaigns/places/lao-cai.yml:2:5: error: places[0].id: the id 'lao-cai' is used by two provinces "
            "(first at campaigns/places.yml:5)") in err.splitlines()


def test_contact_numbers_are_known_numbers(places_project, run_loa):
    """A place contact's number in a text is not a stray number; an unknown one still is."""
    text = places_project / "campaigns/demo/vi.yml"
    body = text.read_text(encoding="utf-8")
    text.write_text(body.replace("    body: |\n", "    body: |\n      Gọi 0214 0000 002 hoặc 0214 0000 009.\n", 1),
                    encoding="utf-8")
    _, _, err = run_loa(places_project, "check")
    assert "the number 0214 0000 009 is not one of this campaign's hotlines" in err
    assert "0214 0000 002 is not" not in err


def test_status_lists_places_without_contacts_or_stale(places_project, run_loa):
    edit(places_project, "checked: 2026-11-01\n    communes", "checked: 2020-01-01\n    communes")
    code, out, _ = run_loa(places_project, "status")
    assert code == 0
    assert "  lao-cai (Lào Cai): not confirmed within a year: 0214 0000 001" in out.splitlines()
    assert "  lao-cai/a-mu-sung (xã A Mú Sung): no contacts yet: readers see the national hotlines only" in out
    assert "  dien-bien (Điện Biên): no contacts yet" in out
    assert "lao-cai/y-ty" not in out


def test_find_place_and_edition_contacts(places_project):
    content = generate.check(load_config(places_project / "mkdocs.yml")).content
    place, _ = find_place(content.places, "lao-cai/y-ty")
    assert [c.number for c in content.local_contacts(place)] == ["0214 0000 002", "0214 0000 003", "0214 0000 001"]
    assert find_place(content.places, "lao-cai/y-tyy") == (None, "did you mean 'lao-cai/y-ty'?")
    assert find_place(content.places, "lao-cai/qqqqqqqqqqq")[1] == ("communes of lao-cai in campaigns/places.yml: "
                                                                 "lao-cai/y-ty, lao-cai/a-mu-sung")
    assert find_place(content.places, "ha-noi")[1] == "places in campaigns/places.yml: lao-cai, dien-bien"


def test_print_gate_refuses_stale_contacts(places_project):
    import datetime

    content = generate.check(load_config(places_project / "mkdocs.yml")).content
    place = content.place("lao-cai/y-ty")
    assert place_print_problems(content, place, datetime.date(2026, 12, 1)) == []
    late = place_print_problems(content, place, datetime.date(2028, 1, 1))
    assert [p.message for p in late][0] == ("the number 0214 0000 002 (border-guard) was last confirmed on 2026-11-01: "
                                            "a print-shop edition is refused")
    assert late[0].file.endswith(FILE) and late[0].line == 19


@pytest.fixture(scope="module")
def places_site(tmp_path_factory) -> Path:
    """The fixture campaigns with the example places, built for real with `loa build --strict`."""

    from conftest import loa_in, make_project

    project = make_project(tmp_path_factory.mktemp("places") / "project")
    text = PLACES.read_text(encoding="utf-8").replace("name: {vi: Điện Biên}",
                                                      'name: {vi: "Điện Biên <img src=x onerror=alert(1)>"}')
    (project / FILE).write_text(text, encoding="utf-8")
    assert loa_in(project, "build", "--strict") == 0
    return project / "site"


def test_place_pages_in_every_language(places_site):
    for prefix in ("", "hmn/", "ium/", "tyz/"):
        for key in ("lao-cai", "lao-cai/y-ty", "lao-cai/a-mu-sung", "dien-bien"):
            assert (places_site / prefix / "help" / key / "index.html").is_file(), prefix + key


def test_help_page_lists_provinces_then_communes_without_javascript(places_site):
    help_page = (places_site / "hmn/help/index.html").read_text(encoding="utf-8")
    assert '<a href="lao-cai/" lang="vi">Lào Cai</a>' not in help_page  # Lào Cai has a Hmong name
    assert '<a href="lao-cai/">Lauj Kai</a>' in help_page
    province = (places_site / "help/lao-cai/index.html").read_text(encoding="utf-8")
    assert '<a href="y-ty/">xã Y Tý</a>' in province and '<a href="a-mu-sung/">xã A Mú Sung</a>' in province


def test_commune_page_national_hotlines_first_then_contacts(places_site):
    page = (places_site / "help/lao-cai/y-ty/index.html").read_text(encoding="utf-8")
    order = [page.index(f'href="tel:{n}"') for n in ("111", "113", "02140000002", "02140000003", "02140000001")]
    assert order == sorted(order)
    assert '<p class="loa-place__up"><a href="../../">' in page  # back to the help page, relative (offline copy)
    assert "Đồn Biên phòng (ví dụ) &lt;b&gt;x&lt;/b&gt;" in page


def test_place_names_are_escaped_everywhere(places_site):
    for path in places_site.rglob("*.html"):
        assert "<img src=x" not in path.read_text(encoding="utf-8"), path
    assert "<img src=x" not in (places_site / "search/search_index.json").read_text(encoding="utf-8")


def test_place_pages_in_offline_copy_and_search(places_site):
    import json
    import zipfile

    names = zipfile.ZipFile(places_site / "offline.zip").namelist()
    assert "help/lao-cai/y-ty/index.html" in names and "tyz/help/lao-cai/y-ty/index.html" in names
    index = json.loads((places_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "help/lao-cai/y-ty/" in [doc["location"] for doc in index["docs"]]


@pytest.mark.browser
@pytest.mark.slow
def test_place_page_tap_targets_on_a_phone_without_javascript(places_site, browser):
    """360x740, no JavaScript: every tel: link and place link is a 44 px target, nothing wider than the screen."""
    from browser_fixtures import PHONE
    from webserver import StaticServer

    with StaticServer(places_site) as url:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
        page = context.new_page()
        small = []
        for path in ("help/", "help/lao-cai/", "hmn/help/lao-cai/y-ty/"):
            page.goto(url + path)
            targets = page.locator(".md-typeset a[href^='tel:'], .loa-places a, .loa-place__up a")
            assert targets.count() >= 2, path
            for i in range(targets.count()):
                box = targets.nth(i).bounding_box()
                if box["height"] < 43.9:
                    small.append((path, targets.nth(i).get_attribute("href"), box["height"]))
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        page.goto(url + "help/")
        page.click("text=Lào Cai")
        page.click("text=xã Y Tý")
        assert page.url.endswith("/help/lao-cai/y-ty/")
        context.close()
    assert small == []


def test_place_pages_are_recorded_and_protected(places_project, run_loa):
    """A place page's QR code is printed on place editions: removing the place later is an error."""
    assert run_loa(places_project, "build")[0] == 0
    record = (places_project / "campaigns/published-urls.txt").read_text(encoding="utf-8")
    assert "/help/lao-cai/y-ty/\n" in record and "/tyz/help/dien-bien/\n" in record
    edit(places_project, "      - id: a-mu-sung", "      - id: a-mu-sung-2")
    code, _, err = run_loa(places_project, "check")
    assert code == 1
    assert ("campaigns/published-urls.txt: error: the published page /hmn/help/lao-cai/a-mu-sung/ would disappear\n"
            "  hint: restore the place in campaigns/places.yml: printed leaflets and QR codes point at its page") in err


def test_status_places_json_gives_name_languages_and_confirmation(places_project, run_loa):
    """What a coordinator reads back: per place, its name's languages and each contact's confirmation."""
    edit(places_project, "checked: 2026-11-01\n    communes", "checked: 2020-01-01\n    communes")
    edit(places_project, '            number: "0214 0000 003"\n            source: "invented for tests"\n'
                         '            checked: 2026-11-01\n', '            number: "0214 0000 003"\n')
    code, out, err = run_loa(places_project, "status", "--places", "--json")
    assert code == 0, err
    rows = {row["place"]: row for row in json.loads(out)}
    assert list(rows) == ["lao-cai", "lao-cai/y-ty", "lao-cai/a-mu-sung", "dien-bien"]
    assert rows["lao-cai"]["kind"] == "province" and rows["lao-cai/y-ty"]["kind"] == "commune"
    assert rows["lao-cai"]["name_languages"] == ["vi", "hmn"] and rows["lao-cai"]["name_missing"] == ["ium", "tyz"]
    assert rows["lao-cai/y-ty"]["name_languages"] == ["vi"]
    assert rows["lao-cai"]["contacts"] == [{"number": "0214 0000 001", "kind": "social-work", "checked": "2020-01-01",
                                            "confirmation": "stale"}]
    assert [(c["number"], c["checked"], c["confirmation"]) for c in rows["lao-cai/y-ty"]["contacts"]] == [
        ("0214 0000 002", "2026-11-01", "current"), ("0214 0000 003", None, "never")]
    assert rows["dien-bien"]["contacts"] == []
    code, out, _ = run_loa(places_project, "status", "--places")
    assert ["lao-cai/y-ty", "vi", "1", "0", "1"] in [line.split() for line in out.splitlines()]  # never, stale, current
