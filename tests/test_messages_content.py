"""Problems in the content speak Vietnamese by default, keep file:line, and every one goes through the catalog."""

from __future__ import annotations

import ast
import re
import sys

import pytest

from conftest import ROOT
from test_messages import loa

AREAS = ("scripts/loa/content", "scripts/loa/checks")


@pytest.fixture
def mistaken(project):
    """The fixture project with four mistakes officers make: a mis-typed key, an unknown hotline,
    an unquoted number and a control character pasted into a title."""
    campaign = project / "campaigns" / "demo" / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("audiences:", "audience:").replace("police]", "polise]"), encoding="utf-8")
    hotlines = project / "campaigns" / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace('number: "113"', "number: 113"), encoding="utf-8")
    source = project / "campaigns" / "demo" / "vi.yml"
    text = source.read_text(encoding="utf-8")
    assert text.startswith("title: Đi làm xa an toàn\n")
    source.write_text(text.replace("title: Đi làm xa an toàn", 'title: "Đi\\a làm xa an toàn"', 1), encoding="utf-8")  # \a: a bell
    return project


EXPECTED = [  # (file:line:column, Vietnamese, the same in English)
    ("campaigns/demo/campaign.yml:1:1", ": lỗi: thiếu trường bắt buộc 'audiences'", ": error: the required key 'audiences' is missing"),
    ("campaigns/demo/campaign.yml:2:1", ": lỗi: audience: trường lạ 'audience'", ": error: audience: unknown key 'audience'"),
    ("campaigns/demo/campaign.yml:3:",
     ": lỗi: hotlines[1]: không có đường dây nóng nào có mã 'polise' trong campaigns/hotlines.yml",
     ": error: hotlines[1]: no hotline has the id 'polise' in campaigns/hotlines.yml"),
    ("campaigns/hotlines.yml:11:5", ": lỗi: hotlines[1].number: cần một số điện thoại trong dấu ngoặc kép",
     ": error: hotlines[1].number: expected a phone number in quotes"),
    ("campaigns/demo/vi.yml:1:", ": lỗi: title: đoạn chữ có ký tự điều khiển U+0007 (ký tự thứ 3)",
     ": error: title: the text contains the control character U+0007 (character 3)"),
]


def test_content_problems_in_vietnamese_by_default(mistaken):
    done = loa(mistaken, "check")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    for where, vietnamese, _english in EXPECTED:
        assert any(line.startswith(where) and vietnamese in line for line in lines), (vietnamese, done.stderr)
    assert "  gợi ý: có phải ý bạn là 'police'?" in lines, done.stderr
    assert '  gợi ý: đặt giá trị trong dấu ngoặc kép: "113"' in lines, done.stderr
    assert not re.search(r"\b(expected|found|missing|unknown key|hint)\b", done.stderr), done.stderr


def test_the_same_problems_in_english_on_request(mistaken):
    done = loa(mistaken, "--lang", "en", "check")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    for where, _vietnamese, english in EXPECTED:
        assert any(line.startswith(where) and english in line for line in lines), (english, done.stderr)
    assert "  hint: did you mean 'police'?" in lines, done.stderr
    assert "lỗi" not in done.stderr and "gợi ý" not in done.stderr


def _literal_text(node: ast.AST) -> bool:
    """A message written in place, without _(): a string literal (not empty) or an f-string."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != "")


def test_every_problem_in_content_and_checks_goes_through_the_catalog():
    """No Problem(...) or doc.problem(...) in content/ and checks/ is given words that bypass _()."""
    found = []
    for area in AREAS:
        for path in sorted((ROOT / area).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                if isinstance(node.func, ast.Name) and node.func.id in ("Problem", "_problem"):
                    words = node.args[4:6] if node.func.id == "Problem" else node.args[1:3]
                elif isinstance(node.func, ast.Attribute) and node.func.attr == "problem":
                    words = node.args[1:3]
                else:
                    continue
                found += [f"{path.relative_to(ROOT)}:{node.lineno}" for arg in words if _literal_text(arg)]
    assert not found, found


def test_no_built_string_given_to_the_catalog_in_content_and_checks():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import messages as catalog_script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    problems = [p for p in catalog_script.literal_problems() if p.startswith(AREAS)]
    assert not problems, problems

