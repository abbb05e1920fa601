"""Listen: what the listening pages link: recordings, encoded, and the announcer's sheets.

For every campaign and language: the announcement (`announce`), each of its
recordings published as `audio/<slug>/<lang>/<item>-<hash>.mp3` (normalised and
encoded by `audio`, cached by content hash; a new recording gets a new
address, so no phone plays an old one from its cache) and the announcer's
sheet `audio/<slug>/<lang>-loudspeaker.pdf` (`sheet`). Files are written into
`out_dir`; pages get `Listening` records to link them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..content.files import CACHE_DIR, atomic_write
from ..content.model import Content
from ..content.problems import ContentError, Problem
from ..content.site import SiteConfig
from ..translation.strings import Strings
from . import audio, recordings, sheet
from .announce import Announcement, compose


@dataclass(frozen=True)
class AudioLink:
    item: str
    path: str  # site path: audio/<slug>/<lang>/<item>-<hash>.mp3
    size_bytes: int
    seconds: float
    stale: bool  # reads words that have changed since: the page says so


@dataclass(frozen=True)
class Listening:
    """One campaign in one language, as its listening page shows it."""

    announcement: Announcement
    recordings: Mapping[str, AudioLink] = field(default_factory=dict)
    sheet_path: str | None = None
    sheet_bytes: int = 0


def publish_listening(config: SiteConfig, content: Content, strings: Mapping[str, Strings], out_dir: Path,
                      cache_root: Path, sheets: bool = True) -> dict[tuple[str, str], Listening]:
    """Encode every recording and render every sheet into out_dir; (slug, language) -> what the page links."""
    result, problems = {}, []
    for campaign in content.campaigns:
        for language in config.tags:
            links = {}
            for item, made in recordings.recordings(campaign, content, strings, language).items():
                link, found = _publish_recording(campaign.slug, language, made, out_dir, cache_root / "audio")
                problems += found
                if link:
                    links[item] = link
            announcement = compose(campaign, content, strings, language)
            sheet_path, size = (_publish_sheet(config, content, announcement, strings, out_dir, cache_root / "sheets")
                                if sheets else (None, 0))
            result[(campaign.slug, language)] = Listening(announcement, links, sheet_path, size)
    if problems:
        raise ContentError(problems)
    return result


def _publish_recording(slug: str, language: str, made: recordings.Recording, out_dir: Path,
                       cache: Path) -> tuple[AudioLink | None, list[Problem]]:
    encoded, problems = audio.publish(made.path, cache)
    if encoded is None:
        return None, problems
    path = f"audio/{slug}/{language}/{made.item}-{encoded.digest[:10]}.{audio.ENCODING['ext']}"
    atomic_write(out_dir / path, encoded.path.read_bytes())
    return AudioLink(made.item, path, encoded.size, encoded.seconds, made.stale), []


def _publish_sheet(config: SiteConfig, content: Content, announcement: Announcement, strings: Mapping[str, Strings],
                   out_dir: Path, cache: Path) -> tuple[str, int]:
    path = f"audio/{announcement.campaign}/{announcement.language}-loudspeaker.pdf"
    names = {lang.tag: lang.name for lang in config.languages}
    pdf = sheet.render_sheet(config.overrides_dir, announcement, strings, names, content.publisher, cache)
    atomic_write(out_dir / path, pdf)
    return path, len(pdf)


def recording_problems(config: SiteConfig, content: Content) -> list[Problem]:
    """What is wrong inside each validly named recording (corrupt, too long, silent): measured once, cached."""
    problems = []
    for campaign in content.campaigns:
        for language in config.tags:
            for path in recordings.found(campaign, language).values():
                problems += audio.inspect(path, config.root / CACHE_DIR / "audio")[1]
    return problems
