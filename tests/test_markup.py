"""The HTML boundary: whatever users write, the output is safe."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.content.markup import markdown_problems, markdown_tree, render_markdown


@pytest.mark.parametrize("text, expected", [
    ("**đậm** và *nghiêng*", "<p><strong>đậm</strong> và <em>nghiêng</em></p>"),
    ("- một\n- hai", "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>"),
    ("[Gọi](tel:111)", '<p><a href="tel:111">Gọi</a></p>'),
    ("[web](https://example.org)", '<p><a href="https://example.org" rel="noopener noreferrer">web</a></p>'),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("a <b onclick=x>b</b>", "<p>a &lt;b onclick=x&gt;b&lt;/b&gt;</p>"),
    ("[x](javascript:alert(1))", "<p><a>x</a></p>"),
    ("![img](https://evil.example/x.png)", "<p>![img](https://evil.example/x.png)</p>"),
    ("# Tiêu đề", "<h3>Tiêu đề</h3>"),
])
def test_render_is_safe(text, expected):
    assert str(render_markdown(text)) == expected


@pytest.mark.parametrize("text, count", [
    ("Gọi [111](tel:111) hoặc xem [trang](https://a.vn)", 0),
    ("Xem <a href='x'>đây</a>", 1),
    ("<!-- ẩn -->", 1),
    ("[x](javascript:alert(1))", 1),
    ("[x](data:text/html,abc)", 1),
    ("[x](mailto:a@b.c)", 1),
    ("[x](/relative)", 1),
    ("Tuổi < 18 và > 15", 0),
])
def test_check_time_problems(text, count):
    assert len(markdown_problems(text)) == count


# --- no text lost: Markdown outside the subset is rendered inside it ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("Tiêu đề\n=======\n\nĐoạn.", "<h3>Tiêu đề</h3>\n<p>Đoạn.</p>"),  # a setext heading: was dropped with its text
    ("Phụ đề\n------\n\nĐoạn.", "<h4>Phụ đề</h4>\n<p>Đoạn.</p>"),
    ("Một\n\n---\n\nHai", "<p>Một</p>\n<hr>\n<p>Hai</p>"),
    ("Đoạn.\n\n    mã 1 < 2\n    dòng hai", "<p>Đoạn.</p>\n<p>mã 1 &lt; 2<br>dòng hai</p>"),  # an indented block
    ("- a\n\n        thụt vào", "<ul>\n<li>a<p>thụt vào</p></li>\n</ul>"),
])
def test_markdown_outside_the_subset_keeps_its_text(text, expected):
    assert str(render_markdown(text)) == expected


def _words(html: str) -> set[str]:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return set(re.findall(r"[a-z]+\d+", " ".join(parser.parts)))


_LINE = st.one_of(
    st.just(""), st.just("==="), st.just("---"), st.just("***"), st.just("* * *"), st.just("```"),
    st.sampled_from(["", "# ", "## ", "###### ", "> ", "- ", "1. ", "    ", "        ", "\t", "  - ", "> - "]).flatmap(
        lambda prefix: st.lists(st.integers(0, 999), min_size=1, max_size=3).map(
            lambda ns: prefix + " ".join(f"w{n}" for n in ns))))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_every_word_written_reaches_the_page_and_the_leaflet(lines):
    from loa.outputs.leaflets.blocks import markdown_pieces

    text = "\n".join(lines)
    written = set(re.findall(r"[a-z]+\d+", text))
    assert written <= _words(str(render_markdown(text))), text
    printed = " ".join(_tree_text(markdown_tree(piece)) for piece in markdown_pieces(text))
    assert written <= set(re.findall(r"[a-z]+\d+", printed)), text


def _tree_text(nodes: list[dict]) -> str:
    return " ".join(node["v"] if node["t"] == "text" else _tree_text(node["c"]) for node in nodes)


@pytest.mark.slow
def test_setext_headings_and_indented_blocks_reach_page_search_and_leaflet(tmp_path, run_loa):
    import yaml
    from pypdf import PdfReader

    from conftest import make_project

    project = make_project(tmp_path / "p")
    demo = project / "campaigns" / "demo"
    (demo / "campaign.yml").write_text((demo / "campaign.yml").read_text(encoding="utf-8") + "leaflets: [a5-flyer]\n",
                                       encoding="utf-8")
    vi = yaml.safe_load((demo / "vi.yml").read_text(encoding="utf-8"))
    vi["sections"][0]["body"] = "Setextword\n==========\n\nĐoạn một.\n\n    Codeword một\n    Codeline hai\n"
    (demo / "vi.yml").write_text(yaml.safe_dump(vi, allow_unicode=True), encoding="utf-8")
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    page = (project / "site/campaigns/demo/index.html").read_text(encoding="utf-8")
    search = (project / "site/search/search_index.json").read_text(encoding="utf-8")
    for word in ("Setextword", "Codeword", "Codeline"):
        assert word in page and word in search, word
    code, _, err = run_loa(project, "leaflets", "--out", "out", "--jobs", "1")
    assert code == 0, err
    printed = " ".join(p.extract_text() for p in PdfReader(project / "out/leaflets/demo/vi-a5-flyer.pdf").pages)
    for word in ("Setextword", "Codeword", "Codeline"):
        assert word in printed, word


def test_markdown_tree_is_plain_data_with_html_spacing():
    from loa.content.markup import markdown_tree

    assert markdown_tree("One\nline, **bold** [site](https://a.example/)") == [{"t": "p", "c": [
        {"t": "text", "v": "One line, "}, {"t": "strong", "c": [{"t": "text", "v": "bold"}]}, {"t": "text", "v": " "},
        {"t": "a", "c": [{"t": "text", "v": "site"}], "href": "https://a.example/"}]}]
    assert markdown_tree("2. two\n3. three")[0]["start"] == 2
    assert markdown_tree("- a <b>x</b> & #y") == [{"t": "ul", "c": [{"t": "li", "c": [
        {"t": "p", "c": [{"t": "text", "v": "a <b>x</b> & #y"}]}]}]}]


def test_a_hash_word_at_the_start_of_a_line_is_text_not_a_dropped_heading():
    from loa.content.markup import render_markdown

    assert str(render_markdown("#hashtag and more")) == "<p>#hashtag and more</p>"
    assert str(render_markdown("# Heading")) == "<h3>Heading</h3>"
