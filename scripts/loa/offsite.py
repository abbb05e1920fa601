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
_SOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
                 "embed": "src", "object": "data", "track": "src", "input": "src"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def is_offsite(url: str) -> bool:
    """True for URLs that reach another host: absolute http(s), protocol-relative."""
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https", "ftp", "ws", "wss")


class _ResourceFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        urls = []
        if tag == "link" and _FETCHING_RELS & set((values.get("rel") or "").lower().split()):
            urls.append(values.get("href") or "")
        if tag in _SOURCE_ATTRS:
            urls.append(values.get(_SOURCE_ATTRS[tag]) or "")
        if values.get("srcset"):
            urls.extend(part.split()[0] for part in values["srcset"].split(",") if part.strip())
        if values.get("style"):
            urls.extend(a or b for a, b in _CSS_URL.findall(values["style"]))
        for url in urls:
            if is_offsite(url):
                self.found.append((self.getpos()[0], url))


def offsite_resources(site_dir: Path) -> list[str]:
    """'file:line: url' for every resource that would be fetched from another host."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if path.suffix == ".html":
            finder = _ResourceFinder()
            text = path.read_text(encoding="utf-8", errors="replace")
            finder.feed(text)
            for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S):
                finder.found.extend((0, a or b) for a, b in _CSS_URL.findall(style) if is_offsite(a or b))
            found.extend(f"{relative}:{line}: {url}" for line, url in finder.found)
        elif path.suffix == ".css":
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                found.extend(f"{relative}:{number}: {a or b}" for a, b in _CSS_URL.findall(line) if is_offsite(a or b))
    return found
