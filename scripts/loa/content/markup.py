"""Markup: the one boundary where text written by users becomes HTML.

Campaign bodies are Markdown limited to paragraphs, lists, emphasis and links.
`markdown_problems` finds what the checker refuses (raw HTML, other link
schemes); `render_markdown` turns text into HTML that is safe whatever the
input: raw HTML is escaped, not passed through, and links with another scheme
lose their href. Everything else users write is escaped by Jinja's autoescape.
Markdown outside the subset is turned into the subset, never dropped: what a
user wrote always reaches the page, the search index and the leaflet.
"""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup

from ..messages import _

ALLOWED_SCHEMES = ("https", "http", "tel")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>|<!--")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code", "blockquote", "h3", "h4", "h5", "h6", "hr"}


def markdown_problems(text: str) -> list[tuple[str, str]]:
    """(message, hint) for each thing in `text` that campaign Markdown does not allow."""
    problems = []
    tag = _HTML_TAG.search(_without_autolinks(text))
    if tag:
        problems.append((_("raw HTML is not allowed ('{tag}')").format(tag=tag.group(0)[:40]),
                         _("use Markdown instead: **bold**, *italic*, [text](https://...), lists with '- '")))
    for target in _LINK_TARGET.findall(text) + _AUTOLINK.findall(text):
        if not link_allowed(target):
            problems.append((_("the link '{link}' is not allowed: links must start with https:, http: or tel:").format(link=target[:60]),
                             _("write the full address, e.g. https://example.org/page or tel:111")))
    return problems


def _without_autolinks(text: str) -> str:
    return _AUTOLINK.sub("", text)


def link_allowed(target: str) -> bool:
    scheme = urlsplit(target.strip()).scheme.lower()
    return scheme in ALLOWED_SCHEMES


class _SafeLinks(Treeprocessor):
    """Drops hrefs with a scheme we do not allow; turns every tag outside the small set into one inside it.

    No text is ever dropped: a setext heading ("Title" over "===" or "---") becomes a heading like
    "# Title", an indented code block a paragraph keeping its line breaks, and anything else is
    replaced by what it contains.
    """

    def __init__(self, md: markdown.Markdown, heading_offset: int):
        super().__init__(md)
        self.heading_offset = heading_offset

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag not in _ALLOWED_TAGS:
                    self._into_subset(parent, child)
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a":
                    href = child.get("href", "")
                    keep = {"href": href} if link_allowed(href) else {}
                    child.attrib.clear()
                    child.attrib.update(keep)
                    if keep and not href.startswith("tel:"):
                        child.set("rel", "noopener noreferrer")


    def _into_subset(self, parent: Element, child: Element) -> None:
        if child.tag in ("h1", "h2"):  # setext headings: "#" ones were pushed down before parsing
            child.tag = f"h{min(6, int(child.tag[1]) + self.heading_offset)}"
        elif child.tag == "pre":
            _code_block_as_paragraph(child)
        else:
            _unwrap(parent, child)
        for grandchild in list(child) if child in parent else []:
            if grandchild.tag not in _ALLOWED_TAGS:
                self._into_subset(child, grandchild)


def _code_block_as_paragraph(pre: Element) -> None:
    """An indented block (four spaces): its lines, as a paragraph with line breaks."""
    lines = "".join(pre.itertext()).rstrip("\n").split("\n")
    pre.clear()
    pre.tag = "p"
    pre.text = AtomicString(lines[0])  # already escaped by the code block processor
    for line in lines[1:]:
        br = SubElement(pre, "br")
        br.tail = AtomicString(line)


def _unwrap(parent: Element, child: Element) -> None:
    """Replace `child` by its text and children, in place."""
    index = list(parent).index(child)
    text = (child.text or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(child)
    for offset, grandchild in enumerate(list(child)):
        parent.insert(index + offset, grandchild)
    last = parent[index + len(child) - 1] if len(child) else (parent[index - 1] if index else None)
    if child.tail:
        if last is None:
            parent.text = (parent.text or "") + child.tail
        else:
            last.tail = (last.tail or "") + child.tail


class _SafeMarkdown(markdown.Extension):
    def __init__(self, heading_offset: int = 2):
        super().__init__()
        self.heading_offset = heading_offset

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML becomes escaped text instead of passing through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("image_link")
        md.inlinePatterns.deregister("image_reference")
        md.inlinePatterns.deregister("short_image_ref")
        md.treeprocessors.register(_SafeLinks(md, self.heading_offset), "loa_safe_links", 0)


_converters: dict[int, markdown.Markdown] = {}


# A sentence not yet translated is shown in the source language on every other
# language's page: the same text is rendered up to once per language. Keep the HTML.
@functools.lru_cache(maxsize=8192)
def render_markdown(text: str, heading_offset: int = 2) -> Markup:
    """Campaign Markdown as safe HTML; headings are pushed down below the page's own."""
    md = _converters.get(heading_offset)
    if md is None:  # building a converter costs more than converting: keep one per process
        md = _converters[heading_offset] = markdown.Markdown(extensions=[_SafeMarkdown(heading_offset), "sane_lists"],
                                                                        output_format="html")
    html = md.reset().convert(_shift_headings(text, heading_offset))
    return Markup(html)


def _shift_headings(text: str, offset: int) -> str:
    # "#hashtag" at the start of a line is text, not a heading (CommonMark needs a space): Python-Markdown
    # would make it an <h1>, which the safe tag list then drops with its text. Escape the "#" instead.
    text = re.sub(r"^(#{1,6})(?=[^\s#])", lambda m: "\\#" * len(m.group(1)), text, flags=re.M)
    return re.sub(r"^(#{1,6})(?=\s)", lambda m: "#" * min(6, len(m.group(1)) + offset), text, flags=re.M)


_VOID_TAGS = {"br", "hr"}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (not U+00A0, which stays unbreakable)


class _TreeBuilder(HTMLParser):
    """Reads the safe HTML of `render_markdown` back into nodes: {"t": tag, "c": children} and {"t": "text", "v": ...}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict = {"t": "root", "c": []}
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node: dict = {"t": tag, "c": []}
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            node["href"] = values["href"]
        if tag == "ol" and (values.get("start") or "").isdigit():
            node["start"] = int(values["start"])
        self.stack[-1]["c"].append(node)
        if tag not in _VOID_TAGS:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        while len(self.stack) > 1:
            if self.stack.pop()["t"] == tag:
                break

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if parent["t"] in ("root", "ul", "ol", "blockquote") and not data.strip():
            return  # the newlines between block elements
        parent["c"].append({"t": "text", "v": _HTML_SPACE.sub(" ", data)})  # a newline in a paragraph is a space


@functools.lru_cache(maxsize=8192)
def _tree_json(text: str, heading_offset: int) -> str:
    builder = _TreeBuilder()
    builder.feed(str(render_markdown(text, heading_offset)))
    builder.close()
    return json.dumps(_paragraphs(builder.root["c"]), ensure_ascii=False)


_BLOCK_NODES = {"p", "ul", "ol", "li", "blockquote", "h3", "h4", "h5", "h6", "hr"}


def _paragraphs(nodes: list[dict]) -> list[dict]:
    """Inline runs directly in a list item or quote (a tight list) become paragraphs: blocks hold only blocks."""
    result: list[dict] = []
    for node in nodes:
        if node["t"] in ("li", "blockquote", "ul", "ol"):
            node["c"] = _paragraphs(node["c"])
        if node["t"] in _BLOCK_NODES:
            result.append(node)
        elif result and result[-1].get("run"):
            result[-1]["c"].append(node)
        else:
            result.append({"t": "p", "run": True, "c": [node]})
    for node in result:
        node.pop("run", None)
    return result


def markdown_tree(text: str, heading_offset: int = 2) -> list[dict]:
    """Campaign Markdown as a tree of plain data (same parser and same safety as `render_markdown`).

    For typesetting engines with their own markup (leaflets): the tree is drawn node by node,
    so no user text is ever read as markup.
    """
    return json.loads(_tree_json(text, heading_offset))
