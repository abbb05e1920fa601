"""Recordings: which recording reads which text, and whether that text is still the same.

Recordings live at `campaigns/<slug>/audio/<lang>/<item>.<ext>`. When one is
made (`loa record`) or marked (`loa mark-recorded`), a fingerprint of the text
it reads and of the file itself is written to `campaigns/<slug>/audio/recorded.yml`.
A recording is current while both match; when its text changes, or a different
file is dropped in its place without being marked, it is stale: the page still
plays it, saying so. No audio library here: names, texts and fingerprints only.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

from ..content.files import atomic_write
from ..content.load import read_document
from ..content.model import Campaign, Content
from ..content.spec import AUDIO_EXTENSIONS, RECORDED_FILE_NAME
from ..content.problems import ContentError, Problem, display_path
from ..messages import _
from ..translation.items import fingerprint
from ..translation.localize import localize
from ..translation.strings import Strings
from .announce import compose

RECORDINGS_STORE_HEADER = (
    "# Written by `loa record` and `loa mark-recorded`: do not edit it by hand.\n"
    "# For each language and item: a fingerprint of the text the recording reads and of the\n"
    "# recording itself. When either changes, the recording is stale until recorded or marked again.\n"
)


@dataclass(frozen=True)
class Recording:
    item: str
    path: Path
    stale: bool  # its text changed since it was recorded or marked, or it was never marked


@dataclass(frozen=True)
class AudioStatus:
    language: str
    recorded: tuple[str, ...]
    missing: tuple[str, ...]
    stale: tuple[str, ...]


def spoken_items(campaign: Campaign, content: Content, strings: Mapping[str, Strings], language: str) -> dict[str, str]:
    """Item -> the text its recording reads, in listening order: script, title, summary, key messages, sections."""
    items = compose(campaign, content, strings, language).items()
    summary = localize(campaign, language, use="audio").summary.text
    ordered = {"script": items.pop("script"), "title": items.pop("title"), "summary": summary}
    ordered.update(items)
    return ordered


def found(campaign: Campaign, language: str) -> dict[str, Path]:
    """The recordings of one language whose names are valid (checks/audio_files.py reports the others)."""
    folder = campaign.folder / "audio" / language
    known = campaign.audio_items()
    result: dict[str, Path] = {}
    for path in campaign.audio:
        if path.parent == folder and path.suffix.lower().lstrip(".") in AUDIO_EXTENSIONS and not path.is_symlink() \
                and path.stem in known:
            result.setdefault(path.stem, path)
    return result


def recordings(campaign: Campaign, content: Content, strings: Mapping[str, Strings], language: str) -> dict[str, Recording]:
    """Item -> its recording, current or stale, for the items this language's listening page shows."""
    texts = spoken_items(campaign, content, strings, language)
    entry = load_store(campaign.folder).get(language) or {}
    result = {}
    for item, path in found(campaign, language).items():
        if item in texts:
            mark = entry.get(item) or {}
            current = mark.get("text") == fingerprint(texts[item]) and mark.get("file") == file_fingerprint(path)
            result[item] = Recording(item, path, not current)
    return result


def audio_status(campaign: Campaign, content: Content, strings: Mapping[str, Strings], language: str) -> AudioStatus:
    texts = spoken_items(campaign, content, strings, language)
    made = recordings(campaign, content, strings, language)
    return AudioStatus(language, tuple(i for i in texts if i in made and not made[i].stale),
                       tuple(i for i in texts if i not in made), tuple(i for i in texts if i in made and made[i].stale))


def format_audio_table(statuses: Mapping[tuple[str, str], AudioStatus]) -> str:
    """campaign, language, then how many items are recorded, stale and missing, and which are stale."""
    lines = [(_("campaign"), _("language"), _("recorded"), _("stale"), _("missing"), _("stale items"))]
    for (slug, language), status in statuses.items():
        lines.append((slug, language, str(len(status.recorded)), str(len(status.stale)), str(len(status.missing)),
                      ", ".join(status.stale)))
    widths = [max(len(line[i]) for line in lines) for i in range(6)]
    return "\n".join("  ".join(v.ljust(widths[i]) if i in (0, 1, 5) else v.rjust(widths[i])
                               for i, v in enumerate(line)).rstrip() for line in lines)


def mark_recorded(campaign: Campaign, content: Content, strings: Mapping[str, Strings], language: str,
                  items: list[str] | None = None, today: datetime.date | None = None) -> list[str]:
    """Record that these recordings (all found, by default) read their texts as they are now. Returns the items."""
    texts = spoken_items(campaign, content, strings, language)
    files = found(campaign, language)
    chosen = items or [i for i in texts if i in files]
    unknown = [i for i in chosen if i not in files or i not in texts]
    if unknown:
        raise ContentError([Problem(display_path(campaign.folder / "audio" / language), None, None, "",
                                    _("no recording to mark for: {items}").format(items=", ".join(unknown)),
                                    _("recordings of this page: {items}; record one with: {command}").format(
                                        items=", ".join(texts), command=f"loa record {campaign.slug} {language}"))])
    store = load_store(campaign.folder)
    entry = store.setdefault(language, {})
    for item in chosen:
        entry[item] = {"text": fingerprint(texts[item]), "file": file_fingerprint(files[item]),
                       "marked": (today or datetime.date.today()).isoformat()}
    save_store(campaign.folder, store)
    return chosen


def file_fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def load_store(folder: Path) -> dict:
    path = folder / "audio" / RECORDED_FILE_NAME
    if not path.is_file():
        return {}
    doc, problems = read_document(path)
    data = doc.data if doc is not None and not problems else None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ContentError(problems or [Problem(display_path(path), None, None, "", _("the recordings file is damaged"),
                                                _("restore it with git, or delete it and mark the recordings again: "
                                                  "loa mark-recorded"))])
    return data


def save_store(folder: Path, store: dict) -> Path:
    path = folder / "audio" / RECORDED_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = {tag: dict(sorted(store[tag].items())) for tag in sorted(store)}
    text = RECORDINGS_STORE_HEADER + yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=4096)
    atomic_write(path, text.encode("utf-8"))
    return path
