"""Offsite: find anything in the built site that would make a reader's browser contact another host.

Readers may be at risk: nobody else should learn that they opened an
anti-trafficking page. So no script, style, font, image or frame may come from
another host. Links people click (`<a href>`) are theirs to follow and are not
counted. Every built HTML and CSS file is checked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

_FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon", "manifest",
                  "modulepreload", "apple-touch-icon", "shortcut"}
_SOURCE_ATTRS = {"script": ("src",), "img": ("src",), "iframe": ("src",), "source": ("src",),
                 "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
                 "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
                 "feimage": ("href", "xlink:href")}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
# Every start tag, quoted values may hold '>': the same tokens html.parser finds, found by one
# regex pass. Only tags that can fetch go on to html.parser, which reads their attributes
# (entities decoded): parsing whole pages tag by tag in Python was most of this check's time.
_START_TAG = re.compile(r"""<([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_FETCHING_TAGS = {"link", *_SOURCE_ATTRS}
_FETCHING_ATTRS = re.compile(r"srcset|style", re.I)


def is_offsite(url: str) -> bool:
    """True for URLs that reach another host: absolute http(s), protocol-relative."""
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https", "ftp", "ws", "wss")


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        urls = []
        if tag == "link" and _FETCHING_RELS & set((values.get("rel") or "").lower().split()):
            urls.append(values.get("href") or "")
        urls.extend(values.get(name) or "" for name in _SOURCE_ATTRS.get(tag, ()))
        if values.get("srcset"):
            urls.extend(part.split()[0] for part in values["srcset"].split(",") if part.strip())
        if values.get("style"):
            urls.extend(a or b for a, b in _CSS_URL.findall(values["style"]))
        self.found.extend(url for url in urls if is_offsite(url))

    handle_startendtag = handle_starttag


def html_offsite(text: str) -> list[tuple[int, str]]:
    """(line, url) for each resource in an HTML text that another host would serve."""
    found: list[tuple[int, str]] = []
    for tag in _START_TAG.finditer(text):
        if tag.group(1).lower() in _FETCHING_TAGS or _FETCHING_ATTRS.search(tag.group(2)):
            finder = _ResourceFinder()
            finder.feed(tag.group(0))
            finder.close()
            found.extend((text.count("\n", 0, tag.start()) + 1, url) for url in finder.found)
    for style in re.finditer(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
        line = text.count("\n", 0, style.start()) + 1
        found.extend((line, a or b) for a, b in _CSS_URL.findall(style.group(1)) if is_offsite(a or b))
    return sorted(found, key=lambda item: item[0])


def offsite_resources(site_dir: Path) -> list[str]:
    """'file:line: url' for every resource that would be fetched from another host."""
    found: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            found.extend(f"{relative}:{line}: {url}" for line, url in html_offsite(text))
        elif path.suffix == ".css":
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                found.extend(f"{relative}:{number}: {a or b}" for a, b in _CSS_URL.findall(line) if is_offsite(a or b))
    return found
