"""Sheet: the announcer's sheet, an A4 PDF in large type, drawn by the leaflets' print engine from data.

The announcement (`announce`) becomes plain data (strings and lists; no
markup), drawn by overrides/leaflets/loudspeaker.typ through the same engine
module as the leaflets. The PDF is cached under a hash of that data and of the
template and fonts, like leaflets: an unchanged announcement is not rendered again.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..content.files import atomic_write
from ..content.model import Publisher
from ..translation.strings import Strings
from .announce import Announcement
from .leaflets import engine
from .leaflets.layout import pdf_date

SHEET_TEMPLATE = "loudspeaker.typ"
STRONG = ("call", "opening", "closing")  # read with emphasis: the call to action, the greeting, the thanks


def sheet_data(announcement: Announcement, strings: Mapping[str, Strings], names: Mapping[str, str],
               publisher: Publisher | None) -> dict:
    lang = announcement.language
    t = strings[lang]
    title = next(p.lines[0] for p in announcement.parts if p.kind == "title")
    notes = []
    if announcement.digits_language != lang:
        notes.append(t("announce.sheet.digits", language=names.get(announcement.digits_language, announcement.digits_language)))
    organisation = publisher.name(lang, next(iter(names)))[0] if publisher else ""  # names: the source language first
    return {
        "lang": lang,
        "date": pdf_date(),
        "kicker": t("announce.sheet.title"),
        "title": title,
        "length": t("announce.sheet.length", minutes=announcement.minutes),
        "draft": t("announce.sheet.draft") if announcement.draft else None,
        "notes": notes,
        "footer": " · ".join(x for x in (organisation, f"{announcement.campaign} · {lang}") if x),
        "parts": [_part(part, lang, t, names) for part in announcement.parts],
    }


def _part(part, lang: str, t: Strings, names: Mapping[str, str]) -> dict:
    note = t("announce.sheet.in_source", language=names.get(part.language, part.language)) \
        if part.language != lang else None
    return {"kind": part.kind, "heading": part.heading, "lines": list(part.lines), "strong": part.kind in STRONG,
            "lang": part.language if part.language != lang else None, "note": note}


def render_sheet(overrides_dir: Path, announcement: Announcement, strings: Mapping[str, Strings],
                 names: Mapping[str, str], publisher: Publisher | None, cache_dir: Path) -> bytes:
    """The sheet's PDF, from the cache when the same data was drawn by the same template and fonts."""
    data = sheet_data(announcement, strings, names, publisher)
    key = hashlib.sha256(f"{_assets_digest(overrides_dir)}\n{json.dumps(data, sort_keys=True, ensure_ascii=False)}".encode()).hexdigest()
    cached = cache_dir / f"{key}.pdf"
    if cached.is_file():
        return cached.read_bytes()
    pdf = engine.render_document(overrides_dir, SHEET_TEMPLATE, data)
    atomic_write(cached, pdf)
    return pdf


def _assets_digest(overrides_dir: Path) -> str:
    """A hash of the engine, this module, the template and the fonts: computed again only when one changed."""
    files = [path for path in sorted((overrides_dir / engine.ASSETS).rglob("*"))
             if path.is_file() and (path.name == SHEET_TEMPLATE or path.parent.name == "fonts")]
    return _digest(tuple((path, path.stat().st_size, path.stat().st_mtime_ns) for path in files))


@lru_cache(maxsize=4)
def _digest(stamp: tuple) -> str:
    """Reading the fonts took most of an unchanged sheet's time: live preview asks for every sheet on each edit."""
    digest = hashlib.sha256(engine.TYPST_VERSION.encode() + Path(__file__).read_bytes())
    for path, _, _ in stamp:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
