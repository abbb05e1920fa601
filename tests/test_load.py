"""Reading files safely: sizes, encodings, YAML bombs, NFC, positions."""

from __future__ import annotations

import unicodedata

import pytest

from loa.content.characters import legacy_encoding_problem
from loa.content.load import MAX_DEPTH, MAX_NODES, MAX_YAML_BYTES, read_document


def read(tmp_path, content: bytes | str):
    path = tmp_path / "vi.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_document(path, tmp_path)


def test_positions_of_nested_values(tmp_path):
    doc, problems = read(tmp_path, "title: x\nsections:\n  - id: a\n    heading: b\n")
    assert problems == []
    assert doc.where(("sections", 0, "heading")) == (4, 5)
    assert doc.where(("sections", 0, "missing")) == (3, 5)


def test_text_is_normalised_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Người")
    doc, _ = read(tmp_path, f"title: {decomposed}\n")
    assert doc.data["title"] == unicodedata.normalize("NFC", "Người")
    assert len(doc.data["title"]) == 5


def test_byte_order_mark_is_accepted(tmp_path):
    doc, problems = read(tmp_path, "\ufefftitle: x\n")
    assert problems == [] and doc.data == {"title": "x"}


def test_file_over_size_limit(tmp_path):
    doc, problems = read(tmp_path, b"a: b\n" * (MAX_YAML_BYTES // 5 + 1))
    assert doc is None
    assert problems[0].format().startswith(f"vi.yml: error: the file is {MAX_YAML_BYTES + 5:,} bytes, over the limit")


def test_alias_bomb_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name in "bcdefg":
        previous = chr(ord(name) - 1)
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    doc, problems = read(tmp_path, bomb)
    assert doc is None
    assert f"more than {MAX_NODES:,} values (limit)" in problems[0].message


def test_deep_nesting_is_refused(tmp_path):
    doc, problems = read(tmp_path, "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert doc is None
    assert f"nested more than {MAX_DEPTH} levels deep" in problems[0].message


@pytest.mark.parametrize("text", [
    "Phòng, chống mua bán người", "Mus ua haujlwm deb kom muaj kev nyab xeeb",
    "Pẳc noọng, slấc ăn hẩư", "Nhiệt độ 30°C", "Gọi 111 × 2 lần",
])
def test_real_text_is_not_taken_for_legacy_encoding(text):
    assert legacy_encoding_problem(text) is None


@pytest.mark.parametrize("text", ["Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"])
def test_legacy_encodings_are_detected(text):
    assert "old TCVN3 or VNI encoding" in legacy_encoding_problem(text)
