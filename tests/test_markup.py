"""The HTML boundary: whatever users write, the output is safe."""

from __future__ import annotations

import pytest

from loa.content.markup import markdown_problems, render_markdown


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
