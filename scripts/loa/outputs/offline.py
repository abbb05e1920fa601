"""Offline: pack the built site as `offline.zip`, to be opened from disk without a server.

A school computer or a USB stick has no web server: a link to `campaigns/x/`
opens a folder listing, not the page. So in the copy inside the zip, every
relative link to a folder gets `index.html`, and so do the locations in the
search index scripts (which Material loads from disk with a script tag). The
zip cannot hold itself: inside it, links to `offline.zip` go to its published
address instead. The zip is byte-reproducible: sorted entries, a fixed timestamp.
"""

from __future__ import annotations

import posixpath
import re
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from ..content.files import ZIP_EPOCH, atomic_path, source_date_epoch
from .publish import MARKER

ZIP_NAME = "offline.zip"
_SKIP_SUFFIXES = (".map", ".gz")
_SKIP_NAMES = ("404.html",)  # from disk no server shows it, and its links are root-absolute
_LINK = re.compile(r"""(\s(?:href|src)=)(["'])([^"']*)\2""")
_LOCATION = re.compile(r'("location":")([^"]*)(")')


def folder_link_to_file(url: str) -> str:
    """'campaigns/x/#a' -> 'campaigns/x/index.html#a'; other URLs unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")) or not url:
        return url
    path = parts.path
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if path == "" or not path.endswith("/"):
        return url if path else "index.html" + url
    rebuilt = path + "index.html"
    if parts.query:
        rebuilt += "?" + parts.query
    if parts.fragment:
        rebuilt += "#" + parts.fragment
    return rebuilt


def offline_link(url: str, site_url: str) -> str:
    """A link as it must be in the copy inside the zip."""
    parts = urlsplit(url)
    if site_url and not (parts.scheme or parts.netloc) and posixpath.basename(parts.path) == ZIP_NAME:
        return site_url.rstrip("/") + "/" + ZIP_NAME  # the copy on disk has no zip inside: the published one
    return folder_link_to_file(url)


def offline_html(text: str, site_url: str = "") -> str:
    return _LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}{offline_link(m.group(3), site_url)}{m.group(2)}", text)


def offline_search_index(text: str) -> str:
    return _LOCATION.sub(lambda m: m.group(1) + folder_link_to_file(m.group(2) or "") + m.group(3), text)


def _zip_time() -> tuple:
    epoch = source_date_epoch() or ZIP_EPOCH
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def write_offline_zip(site_dir: Path, site_url: str = "") -> Path:
    """Write site_dir/offline.zip from everything in site_dir (but itself); site_url: where the zip is published."""
    target = site_dir / ZIP_NAME
    stamp = _zip_time()
    files = sorted(site_dir.rglob("*"))  # listed before the zip is begun: it does not pack itself
    with atomic_path(target) as partial, \
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            relative = path.relative_to(site_dir).as_posix()
            if not path.is_file() or path == target or relative.endswith(_SKIP_SUFFIXES) \
                    or relative in (MARKER, *_SKIP_NAMES):
                continue
            data = path.read_bytes()
            if path.suffix == ".html":
                data = offline_html(data.decode("utf-8"), site_url).encode("utf-8")
            elif path.name == "search_index.js":
                data = offline_search_index(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(relative, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if path.suffix in (".pdf", ".png", ".jpg", ".zip") else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target
