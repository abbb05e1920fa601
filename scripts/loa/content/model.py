"""Model: the validated content as frozen dataclasses.

Renderers (pages, leaflets) read only these; they never see YAML. Values here
are already checked, normalised to NFC, and ordered for display.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from itertools import groupby
from typing import Any, Iterable, Iterator, Mapping

from .spec import TextField

TextOrLines = str | tuple[str, ...]  # a text, or the lines of a list


CONFIRMED_DAYS = 365  # a number confirmed longer ago is stale: a warning for the site, refused for the print shop


def confirmation(checked: datetime.date | None, today: datetime.date) -> str:
    """A hotline number's confirmation: "never", "future" (a date to come), "stale" (over a year ago) or "current"."""
    if checked is None:
        return "never"
    if checked > today:
        return "future"
    return "stale" if (today - checked).days > CONFIRMED_DAYS else "current"


@dataclass(frozen=True)
class Hotline:
    id: str
    number: str
    names: Mapping[str, str]
    free: bool = False
    hours: str | None = None
    source: str | None = None
    checked: datetime.date | None = None
    required: bool = False  # every campaign must carry it
    reachable: str | None = None  # domestic (short codes: not from abroad) or anywhere

    @property
    def domestic(self) -> bool:
        return self.reachable == "domestic"

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
class Retired:
    """A number that must never be printed again, and the hotline that replaced it."""

    number: str
    replaced_by: str
    note: str | None = None

    @property
    def digits(self) -> str:
        return self.number.replace(" ", "")


@dataclass(frozen=True)
class Consent:
    """A real person's consent to publish their story."""

    given_by: str  # person or guardian
    date: datetime.date
    scope: tuple[str, ...]  # web, print, audio
    expires: datetime.date | None = None
    under_18: bool = False


V1_CONSENT = Consent("person", datetime.date.min, ("web", "print"))  # `consent: true` of version 1: no record


@dataclass(frozen=True)
class Story:
    id: str
    text: str | None
    consent: bool = False  # any consent at all (version 1 `consent: true`, or a record)
    kind: str | None = None  # composite or real; None: a version-1 story
    record: Consent | None = None

    @property
    def composite(self) -> bool:
        return self.kind == "composite"

    def published(self, use: str, today: datetime.date) -> bool:
        """Whether the story may appear on the web, in print or in audio today."""
        if self.composite:
            return True
        record = self.record or (V1_CONSENT if self.consent else None)
        if record is None or use not in record.scope:
            return False
        return record.expires is None or today <= record.expires


@dataclass(frozen=True)
class TextFile:
    """One `<lang>.yml`: in a translation any field may be missing (it falls back to the source)."""

    language: str
    file: Path
    # The top-level texts present (spec.TEXT_FIELDS): title, summary...; lists as tuples of lines.
    values: Mapping[str, TextOrLines] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    stories: tuple[Story, ...] = ()
    status: str = "source"  # source, draft or reviewed
    reviewed_by: str | None = None
    orthography: str | None = None
    reviewed_on: datetime.date | None = None
    dialect: str | None = None

    @property
    def title(self) -> str | None:
        return self._line("title")

    @property
    def summary(self) -> str | None:
        return self._line("summary")

    @property
    def key_messages(self) -> tuple[str, ...] | None:
        return self._lines("key_messages")

    @property
    def discussion(self) -> tuple[str, ...] | None:
        return self._lines("discussion")

    @property
    def image_alt(self) -> str | None:
        return self._line("image_alt")

    def with_texts(self, **texts: TextOrLines) -> TextFile:
        """A copy with some top-level texts replaced (tests, previews): `text.with_texts(title="...")`."""
        return replace(self, values={**self.values, **texts})

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def text_values(self, fields: Iterable[TextField]) -> Iterator[tuple[TextField, Section | Story | None, int, TextOrLines]]:
        """(field, its section or story, that entry's index, value) for each of `fields` present, in reading order."""
        for group, grouped in groupby(fields, key=lambda f: f.group):
            same_group = list(grouped)
            if group is None:
                yield from ((f, None, 0, self.values[f.name]) for f in same_group if self.values.get(f.name))
                continue
            entries: tuple[Section | Story, ...] = self.sections if group == "sections" else self.stories
            for index, entry in enumerate(entries):
                for text_field in same_group:
                    value = getattr(entry, text_field.name)  # a group's text fields are attributes of its entries
                    if value:
                        yield text_field, entry, index, value

    def lines(self, fields: Iterable[TextField]) -> Iterator[tuple[str, TextField, str]]:
        """(field path as messages name it, field, text) for each of `fields` present; a list line by line."""
        for text_field, _, index, value in self.text_values(fields):
            where = f"{text_field.group}[{index}].{text_field.name}" if text_field.group else text_field.name
            if isinstance(value, tuple):
                yield from ((f"{where}[{number}]", text_field, line) for number, line in enumerate(value))
            else:
                yield where, text_field, value

    def _line(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def _lines(self, name: str) -> tuple[str, ...] | None:
        value = self.values.get(name)
        return value if isinstance(value, tuple) else None


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
    texts: Mapping[str, TextFile] = field(default_factory=dict)
    stale: Mapping[str, frozenset[str]] = field(default_factory=dict)  # language -> item keys (see items.py)
    loudspeaker: tuple[str, ...] | None = None  # section ids the announcement reads; None: the default choice
    audio: tuple[Path, ...] = ()  # every file below audio/ (recordings, as found: checks/audio_files.py judges their names)
    leaflet_sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # format -> chosen section ids

    @property
    def source(self) -> TextFile:
        return self.texts[self.source_language]

    def audio_items(self) -> tuple[str, ...]:
        """What a recording may read (audio/<lang>/<item>.<ext>): the whole script, title, summary, key messages, sections."""
        return ("script", "title", "summary", *(f"key-{i}" for i in range(1, 7)), *(s.id for s in self.source.sections))


@dataclass(frozen=True)
class Publisher:
    """campaigns/publisher.yml: who stands behind what is printed."""

    organisation: Mapping[str, str]
    contact: str | None = None
    edition: str | None = None
    free_distribution: bool = False
    file: Path | None = None

    def name(self, language: str, source_language: str) -> tuple[str, str]:
        """(organisation, language it is written in): falls back to the source language."""
        if language in self.organisation:
            return self.organisation[language], language
        return self.organisation.get(source_language, next(iter(self.organisation.values()))), source_language


@dataclass(frozen=True)
class Phrase:
    """campaigns/wording.yml: a phrase to avoid in one language, and what to say instead."""

    avoid: str
    instead: str
    why: str | None = None


@dataclass(frozen=True)
class Contact:
    """A local service readers can call: a border-guard post, commune police, a shelter..."""

    kind: str  # border-guard, police, womens-union, social-work, shelter, health, other
    number: str
    names: Mapping[str, str]
    hours: str | None = None
    address: str | None = None
    source: str | None = None
    checked: datetime.date | None = None
    where: str = ""  # file:line of the contact, for messages

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "")

    @property
    def digits(self) -> str:
        return self.number.replace(" ", "").lstrip("+")

    def name(self, language: str, source_language: str) -> tuple[str, str]:
        """(name, language it is written in): falls back to the source language."""
        if language in self.names:
            return self.names[language], language
        return self.names.get(source_language, self.kind), source_language

    @property
    def always_open(self) -> bool:
        return (self.hours or "").replace(" ", "") in ("24/7", "24/24")


@dataclass(frozen=True)
class Place:
    """A province, or a commune of one (since 2025 there are no districts between them).

    `key` is how users name it: `lao-cai` or `lao-cai/y-ty`; the help page lives at `help/<key>/`.
    """

    key: str
    names: Mapping[str, str]
    contacts: tuple[Contact, ...] = ()
    communes: tuple["Place", ...] = ()

    @property
    def id(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    @property
    def path(self) -> str:
        return f"help/{self.key}/"

    @property
    def province_id(self) -> str | None:
        """For a commune, its province's id; None for a province."""
        return self.key.split("/")[0] if "/" in self.key else None

    def name(self, language: str, source_language: str) -> tuple[str, str]:
        if language in self.names:
            return self.names[language], language
        return self.names.get(source_language, self.id), source_language


@dataclass(frozen=True)
class Content:
    """Everything in `campaigns/`, ordered: campaigns by `order`, then slug.

    `documents` keeps each file as read (values with their line and column), by path,
    so that checks can name file:line:field for anything they find in the text.
    """

    hotlines: tuple[Hotline, ...]
    campaigns: tuple[Campaign, ...]
    retired: tuple[Retired, ...] = ()
    publisher: Publisher | None = None
    wording: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict, compare=False)
    documents: Mapping[Path, Any] = field(default_factory=dict, compare=False, repr=False)
    places: tuple[Place, ...] = ()  # provinces, each with its communes (campaigns/places.yml)

    def hotline(self, hotline_id: str) -> Hotline:
        return next(h for h in self.hotlines if h.id == hotline_id)

    def campaign_hotlines(self, campaign: Campaign) -> tuple[Hotline, ...]:
        return tuple(self.hotline(i) for i in campaign.hotlines)

    def all_places(self) -> tuple[Place, ...]:
        """Every province followed by its communes."""
        return tuple(p for province in self.places for p in (province, *province.communes))

    def place(self, key: str) -> Place | None:
        """The province `lao-cai` or the commune `lao-cai/y-ty`, if there is one."""
        return next((p for p in self.all_places() if p.key == key), None)

    def local_contacts(self, place: Place) -> tuple[Contact, ...]:
        """A place's contacts, then (for a commune) its province's whose numbers it does not list itself."""
        province = self.place(place.province_id) if place.province_id else None
        own = {c.digits for c in place.contacts}
        return place.contacts + tuple(c for c in (province.contacts if province else ()) if c.digits not in own)
