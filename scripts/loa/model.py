"""Model: the validated content as frozen dataclasses.

Renderers (pages, leaflets) read only these; they never see YAML. Values here
are already checked, normalised to NFC, and ordered for display.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class Hotline:
    id: str
    number: str
    names: Mapping[str, str]
    free: bool = False
    hours: str | None = None
    source: str | None = None
    checked: datetime.date | None = None

    @property
    def tel(self) -> str:
        """The number as dialled: `tel:` without spaces."""
        return "tel:" + self.number.replace(" ", "")

    def name(self, language: str, source_language: str) -> tuple[str, str]:
        """(name, language it is written in): falls back to the source language."""
        if language in self.names:
            return self.names[language], language
        return self.names.get(source_language, self.id), source_language

    @property
    def always_open(self) -> bool:
        return (self.hours or "").replace(" ", "") in ("24/7", "24/24")


@dataclass(frozen=True)
class Section:
    id: str
    heading: str | None
    body: str | None
    audiences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    text: str | None
    consent: bool = False


@dataclass(frozen=True)
class Text:
    """One `<lang>.yml`: in a translation any field may be None (it falls back to the source)."""

    language: str
    file: Path
    title: str | None = None
    summary: str | None = None
    key_messages: tuple[str, ...] | None = None
    sections: tuple[Section, ...] = ()
    stories: tuple[Story, ...] = ()
    discussion: tuple[str, ...] | None = None
    image_alt: str | None = None
    status: str = "source"  # source, draft or reviewed
    reviewed_by: str | None = None
    orthography: str | None = None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)


@dataclass(frozen=True)
class Campaign:
    slug: str
    folder: Path
    source_language: str
    audiences: tuple[str, ...]
    hotlines: tuple[str, ...]
    leaflets: tuple[str, ...] = ("a4-trifold", "a5-flyer")
    order: int = 0
    image: Path | None = None
    texts: Mapping[str, Text] = field(default_factory=dict)
    stale: Mapping[str, frozenset[str]] = field(default_factory=dict)  # language -> item keys (see items.py)

    @property
    def source(self) -> Text:
        return self.texts[self.source_language]


@dataclass(frozen=True)
class Content:
    """Everything in `campaigns/`, ordered: campaigns by `order`, then slug."""

    hotlines: tuple[Hotline, ...]
    campaigns: tuple[Campaign, ...]

    def hotline(self, hotline_id: str) -> Hotline:
        return next(h for h in self.hotlines if h.id == hotline_id)

    def campaign_hotlines(self, campaign: Campaign) -> tuple[Hotline, ...]:
        return tuple(self.hotline(i) for i in campaign.hotlines)
