"""Each kind of mistake an officer or translator can make, and the exact message they see.

Table-driven: every case edits one fixture file, runs the real `loa check`, and
pins the message line and its hint. The checker must exit 1, print no
traceback, and still report the other problems of the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DEMO = "campaigns/demo"


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = [
    # (id, file, old text, new text, expected message line, expected hint line)
    ("number-as-text", f"{DEMO}/vi.yml", "heading: Dấu hiệu lừa đảo", "heading: 42",
     "campaigns/demo/vi.yml:9:5: error: sections[0].heading: expected text, found a number (42)",
     'hint: put the value in double quotes: "42"'),
    ("no-as-false", f"{DEMO}/vi.yml", "title: Đi làm xa an toàn", "title: no",
     "campaigns/demo/vi.yml:1:1: error: title: expected text, found yes/no (false, typed as no)",
     'hint: put the value in double quotes: "no"'),
    ("unknown-key", f"{DEMO}/vi.yml", "key_messages:", "key_mesages:",
     "campaigns/demo/vi.yml:3:1: error: key_mesages: unknown key 'key_mesages'",
     "hint: did you mean 'key_messages'?"),
    ("unquoted-octal-number", "campaigns/hotlines.yml", 'number: "113"', "number: 0113",
     "campaigns/hotlines.yml:11:5: error: hotlines[1].number: expected a phone number in quotes, digits and spaces "
     "with an optional leading +, found a number (75, typed as 0113)",
     'hint: put the value in double quotes: "0113"'),
    ("unknown-audience", f"{DEMO}/campaign.yml", "audiences: [schools, border-communities]",
     "audiences: [school, border-communities]",
     "campaigns/demo/campaign.yml:2:13: error: audiences[0]: expected one of schools, vocational-centres, "
     "border-communities, found the text 'school'",
     "hint: did you mean 'schools'?"),
    ("unknown-hotline", f"{DEMO}/campaign.yml", "hotlines: [child-protection, police]",
     "hotlines: [child-protection, polise]",
     "campaigns/demo/campaign.yml:3:30: error: hotlines[1]: no hotline has the id 'polise' in campaigns/hotlines.yml",
     "hint: did you mean 'police'?"),
    ("raw-html", f"{DEMO}/vi.yml", "body: Hỏi con đi đâu, với ai & <làm gì>.", "body: Xem <b>đây</b>.",
     "campaigns/demo/vi.yml:17:5: error: sections[1].body: raw HTML is not allowed ('<b>')",
     "hint: use Markdown instead: **bold**, *italic*, [text](https://...), lists with '- '"),
    ("javascript-link", f"{DEMO}/vi.yml", "Gọi [111](tel:111) để hỏi.", "Bấm [vào đây](javascript:alert(1)).",
     "campaigns/demo/vi.yml:10:5: error: sections[0].body: the link 'javascript:alert(1' is not allowed: "
     "links must start with https:, http: or tel:",
     "hint: write the full address, e.g. https://example.org/page or tel:111"),
    ("legacy-tcvn3", f"{DEMO}/vi.yml", "title: Đi làm xa an toàn", "title: Céng hoµ x· héi",
     "campaigns/demo/vi.yml:1:8: error: title: the text looks like Vietnamese in an old TCVN3 or VNI encoding "
     "('hoµ x·'), not Unicode",
     "hint: convert the text to Unicode, for example with UniKey: Công cụ chuyển mã (Ctrl+Shift+F6), "
     "from 'TCVN3 (ABC)' or 'VNI Windows' to 'Unicode', then paste it back"),
    ("legacy-vni", f"{DEMO}/vi.yml", "title: Đi làm xa an toàn", "title: Coäng hoøa xaõ hoäi",
     "campaigns/demo/vi.yml:1:8: error: title: the text looks like Vietnamese in an old TCVN3 or VNI encoding "
     "('Coäng hoøa hoäi'), not Unicode", None),
    ("story-without-consent", f"{DEMO}/vi.yml", "    kind: composite\n", "",
     "campaigns/demo/vi.yml:20:5: error: stories[0]: a story is published only with the person's consent, "
     "or as a composite",
     "hint: write 'kind: composite' for a story written from several cases, or 'kind: real' with a consent "
     "record (given_by, date, scope); see docs/guide/writing-campaigns.md"),
    ("duplicate-section-id", f"{DEMO}/vi.yml", "id: families", "id: warning-signs",
     "campaigns/demo/vi.yml:15:5: error: sections[1].id: the id 'warning-signs' is used twice in sections",
     "hint: give each one its own id"),
    ("translation-unknown-section", f"{DEMO}/hmn.yml", "id: warning-signs", "id: warning-sign",
     "campaigns/demo/hmn.yml:10:5: error: sections[0].id: there is no section 'warning-sign' in vi.yml",
     "hint: did you mean 'warning-signs'?"),
    ("yaml-syntax", f"{DEMO}/vi.yml", "title: Đi làm xa an toàn", "title: Đi làm: xa an toàn",
     "campaigns/demo/vi.yml:1:14: error: this is not valid YAML: mapping values are not allowed here",
     "hint: a value contains ': ': put the whole value in double quotes"),
    ("tab-indent", f"{DEMO}/vi.yml", "  - Giữ giấy", "\t- Giữ giấy",
     "campaigns/demo/vi.yml:4:1: error: this is not valid YAML: found character '\\t' that cannot start any token",
     "hint: a tab character: indent with spaces, never tabs"),
    ("duplicate-key", f"{DEMO}/vi.yml", "summary:", "title: Hai lần\nsummary:",
     "campaigns/demo/vi.yml:2:1: error: title: the key 'title' appears twice in the same place",
     "hint: keep one of them; the second would silently replace the first"),
    ("too-few-key-messages", f"{DEMO}/vi.yml", "  - Báo cho gia đình biết nơi bạn đến.\n", "",
     "campaigns/demo/vi.yml:3:1: error: key_messages: expected 3 to 6 items, found 2", "hint: add or remove items"),
    ("missing-required", f"{DEMO}/vi.yml", "summary: Biết dấu hiệu lừa đảo việc làm và biết gọi ai khi cần giúp đỡ.\n", "",
     "campaigns/demo/vi.yml:1:1: error: the required key 'summary' is missing",
     "hint: add 'summary:' (one or two sentences: the site's card and the leaflet's cover)"),
    # YAML 1.1 reads yes as true, editors' YAML 1.2 (and the JSON Schema) as text: one meaning only
    ("yes-as-true", "campaigns/hotlines.yml", "free: true", "free: yes",
     "campaigns/hotlines.yml:4:5: error: hotlines[0].free: expected true or false, found 'yes', "
     "which editors read as text, not as true",
     "hint: write true instead of yes"),
    ("block-text-under-indented", f"{DEMO}/vi.yml", "      Lương cao mà", "    Lương cao mà",
     "campaigns/demo/vi.yml:11:5: error: this is not valid YAML: could not find expected ':'",
     "hint: the lines of a text after 'body: |' must be indented more than 'body:': add spaces before this line"),
    ("quote-then-more", f"{DEMO}/vi.yml", "heading: Dấu hiệu lừa đảo", 'heading: "Dấu hiệu" lừa đảo',
     "campaigns/demo/vi.yml:9:25: error: this is not valid YAML: expected <block end>, but found '<scalar>'",
     "hint: the value starts with a quote, so it ends at the closing quote and the rest is left over: "
     "put the whole value in quotes of the other kind: '\"Dấu hiệu\" lừa đảo'"),
    ("utf8-read-as-windows-1252", f"{DEMO}/vi.yml", "  - Báo cho gia đình biết nơi bạn đến.", "  - BÃ¡o cho gia Ä‘Ã¬nh biáº¿t nÆ¡i báº¡n Ä‘áº¿n.",
     "campaigns/demo/vi.yml:6:5: error: key_messages[2]: the text looks like UTF-8 read as Windows-1252 "
     "('BÃ¡o Ä‘Ã¬nh biáº¿t nÆ¡i báº¡n Ä‘áº¿n.'), not the letters that were typed "
     "(it probably said: 'Báo cho gia đình biết nơi bạn đến.')",
     "hint: copy the text again from the original document, or open the file in an editor that saves UTF-8 "
     "(e.g. VS Code, Notepad++) and fix it there; never save it as ANSI or Windows-1252"),
    ("language-not-on-site", f"{DEMO}/vi.yml", "", "",
     None, None),  # placeholder replaced below by a file rename case
]
CASES = [c for c in CASES if c[4] is not None]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_message(case, project, run_loa):
    _, relative, old, new, message, hint = case
    edit(project, relative, old, new)
    code, out, err = run_loa(project, "check")
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    assert message in lines, err
    if hint:
        assert lines[lines.index(message) + 1].strip() == hint


def test_all_problems_reported_in_one_run(project, run_loa):
    edit(project, f"{DEMO}/campaign.yml", "audiences: [schools, border-communities]", "audiences: [school]")
    edit(project, f"{DEMO}/vi.yml", "heading: Dấu hiệu lừa đảo", "heading: 42")
    edit(project, "campaigns/hotlines.yml", 'number: "113"', "number: 113")
    (project / f"{DEMO}/tyz.yml").write_bytes(b"title: \xff bad\n")
    code, _, err = run_loa(project, "check")
    assert code == 1
    for expected in ("campaign.yml:2:13: error: audiences[0]", "vi.yml:9:5: error: sections[0].heading",
                     "hotlines.yml:11:5: error: hotlines[1].number", "tyz.yml:1: error: the file is not UTF-8 text"):
        assert expected in err
    assert err.strip().splitlines()[-1].startswith("4 errors")


def test_file_for_unknown_language(project, run_loa):
    (project / f"{DEMO}/hmm.yml").write_text("title: x\n", encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/demo/hmm.yml: error: 'hmm' is not one of the site's languages (vi, hmn, ium, tyz)" in err
    assert "hint: did you mean 'hmn'?" in err


def test_bad_slug_folder(project, run_loa):
    (project / "campaigns/Đi_làm").mkdir()
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/Đi_làm: error: the folder name 'Đi_làm' cannot be a campaign's address" in err
    assert "e.g. 'di-lam'" in err


def test_missing_source_file(project, run_loa):
    (project / f"{DEMO}/vi.yml").unlink()
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/demo/vi.yml: error: the campaign's source text vi.yml is missing" in err


def test_missing_hotlines_file(project, run_loa):
    (project / "campaigns/hotlines.yml").unlink()
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/hotlines.yml: error: the shared hotlines file is missing" in err


def test_missing_campaigns_folder(project, run_loa):
    code, _, err = run_loa(project, "check", "--campaigns", "nowhere")
    assert code == 1
    assert "nowhere: error: the campaigns folder does not exist" in err


def test_old_hotline_check_is_a_warning(project, run_loa):
    edit(project, "campaigns/hotlines.yml", "checked: 2026-11-01", "checked: 2020-01-01")
    code, out, err = run_loa(project, "check")
    assert code == 0
    assert "campaigns/hotlines.yml:6:5: warning: hotlines[0].checked: the number 111 was last confirmed on 2020-01-01" in err


def test_translation_without_status_is_shown_as_draft(project, run_loa):
    edit(project, f"{DEMO}/hmn.yml", "translation:\n  status: draft\n  orthography: RPA\n", "")
    code, _, err = run_loa(project, "check")
    assert code == 0
    assert ("campaigns/demo/hmn.yml:1:1: warning: the translation does not say whether a native speaker checked it; "
            "it is shown as a draft") in err


def test_clean_fixture_passes(project, run_loa):
    code, out, err = run_loa(project, "check")
    assert code == 0, err
    assert out.strip().splitlines()[0] == "ok: 1 campaign in 4 languages (vi, hmn, ium, tyz)"
    assert out.strip().splitlines()[1:] == [  # and what each leaflet format prints (tests/test_leaflet_sections.py)
        "leaflet sections (vi; the QR code leads to the full text):",
        "  demo, a4-trifold: prints warning-signs, families (by priority); only on the campaign page: nothing",
        "  demo, a5-flyer: prints warning-signs, families (by priority); only on the campaign page: nothing"]


def test_usage_error_exit_code(project, run_loa):
    with pytest.raises(SystemExit) as exit_info:
        run_loa(project, "check", "--no-such-option")
    assert exit_info.value.code == 2


@pytest.mark.parametrize("text, column, message", [
    ("Gọi chị Lan 0912 345 678 nhé.", 23,  # a number is pointed at where it stands in the text
     "the number 0912 345 678 is not one of this campaign's hotlines (111 (child-protection), 113 (police))"),
    ("Số căn cước 001203004567.", 5, "'001203004567' looks like an ID card or passport number"),
    ("Năm đó em 14 tuổi.", 5, "'14 tuổi' looks like an exact age, which can identify a person"),
])
def test_personal_data_in_stories_is_a_warning(project, run_loa, text, column, message):
    edit(project, f"{DEMO}/vi.yml", "text: Tôi được hứa việc làm ở nhà hàng, lương cao.", f"text: {text}")
    code, _, err = run_loa(project, "check")
    assert code == 0
    assert f"campaigns/demo/vi.yml:22:{column}: warning: stories[0].text: {message}" in err


def test_a_number_deep_in_a_block_text_is_pointed_at_its_own_line(project, run_loa):
    """In a `|` block, the number's own line and column, not the line of the section's body: key."""
    edit(project, f"{DEMO}/vi.yml", "      - Gọi [111](tel:111) để hỏi.", "      - Gọi [111](tel:111) để hỏi.\n\n      Hoặc gọi 112.")
    lines = (project / DEMO / "vi.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "Hoặc gọi 112." in text)
    code, _, err = run_loa(project, "check")
    assert code == 0
    assert f"campaigns/demo/vi.yml:{line}:16: warning: sections[0].body: the number 112 is not one" in err, err


def test_hotline_numbers_are_not_personal_data(project, run_loa):
    edit(project, f"{DEMO}/vi.yml", "text: Tôi được hứa việc làm ở nhà hàng, lương cao.", "text: Tôi đã gọi 111 và 113.")
    code, _, err = run_loa(project, "check")
    assert "personal" not in err


def test_print_shop_refused_with_an_unconfirmed_hotline(project, run_loa):
    edit(project, "campaigns/hotlines.yml", "checked: 2026-11-01", "checked: 2020-01-01")
    code, _, err = run_loa(project, "leaflets", "--print-shop", "--out", "out")
    assert code == 1
    assert ("campaigns/hotlines.yml:6:5: error: hotlines[0].checked: the number 111 was last confirmed on "
            "2020-01-01, more than a year ago; a print-shop edition is refused") in err
    assert not (project / "out").exists()


def test_character_the_leaflet_font_cannot_draw(project, run_loa):
    edit(project, f"{DEMO}/vi.yml", "title: Đi làm xa an toàn", "title: Đi làm xa an toàn ☃")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert 'campaigns/demo/vi.yml:1:1: error: title: the leaflet font cannot draw "☃" (U+2603 SNOWMAN)' in err
