"""Translations: what a reader of one language sees, item by item, with fallbacks.

`localize` takes a campaign and a language and returns, for every text item,
the text and the language it is really written in. Whatever a translation
lacks comes from the source text, marked as fallback, so renderers can set
`lang` on it and tell the reader in their own language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..content import spec
from ..content.model import Campaign, Contact, Hotline, Section, TextFile
from .strings import Strings


@dataclass(frozen=True)
class Item:
    """One piece of text as shown to a reader."""

    text: str
    language: str  # the language the text is written in
    fallback: bool  # True when the reader's language lacked it
    stale: bool = False  # translated, but its source changed since `loa mark-current`

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class StoryItem(Item):
    """A story as shown: composite stories are labelled as written from several cases."""

    composite: bool = False


@dataclass(frozen=True)
class LocalSection:
    id: str
    heading: Item
    body: Item
    audiences: tuple[str, ...]

    @property
    def fallback(self) -> bool:
        return self.heading.fallback or self.body.fallback

    @property
    def stale(self) -> bool:
        return self.heading.stale or self.body.stale

    @property
    def language(self) -> str:
        return self.heading.language  # a section is shown whole in one language


Shown = Item | tuple[Item, ...] | None  # a text, the lines of a list, or None: an optional text the source lacks
UNNOTICED = ("image_alt",)  # read by screen readers only: set with its language, but no page notice for it


@dataclass(frozen=True)
class LocalCampaign:
    """A campaign as read in one language. Templates read any top-level text by name: `c.title`, `c.image_alt`."""

    campaign: Campaign
    language: str
    status: str  # source, draft, reviewed, or missing (no file for this language)
    shown: dict[str, Shown]  # each top-level text of spec.TEXT_FIELDS, by name
    sections: tuple[LocalSection, ...]
    stories: tuple[StoryItem, ...]  # only those whose consent covers this use today

    def __getitem__(self, name: str) -> Shown:
        """Jinja reads `c.subtitle` as `c["subtitle"]` when there is no attribute of that name."""
        return self.shown[name]

    @property
    def title(self) -> Item:
        return self._one("title")

    @property
    def summary(self) -> Item:
        return self._one("summary")

    @property
    def key_messages(self) -> tuple[Item, ...]:
        return self._lines("key_messages")

    @property
    def discussion(self) -> tuple[Item, ...]:
        return self._lines("discussion")

    @property
    def image_alt(self) -> Item | None:
        value = self.shown["image_alt"]
        return value if isinstance(value, Item) else None

    @property
    def slug(self) -> str:
        return self.campaign.slug

    @property
    def has_fallback(self) -> bool:
        return any(i.fallback for i in self._noticed()) or any(s.fallback for s in self.sections)

    @property
    def has_stale(self) -> bool:
        return any(i.stale for i in self._noticed()) or any(s.stale for s in self.sections)

    def _noticed(self) -> list[Item]:
        """The items whose fallback or staleness the page's notice reports."""
        items: list[Item] = [*self.stories]
        for name, value in self.shown.items():
            if name not in UNNOTICED:
                items += value if isinstance(value, tuple) else [value] if value else []
        return items

    def _one(self, name: str) -> Item:
        value = self.shown[name]
        assert isinstance(value, Item), name  # a text the source must have
        return value

    def _lines(self, name: str) -> tuple[Item, ...]:
        value = self.shown[name]
        assert isinstance(value, tuple), name
        return value

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


def localize(campaign: Campaign, language: str, use: str = "web", today: datetime.date | None = None) -> LocalCampaign:
    """The campaign in `language`; stories only where their consent covers `use` (web, print, audio) today."""
    source = campaign.source
    text = campaign.texts.get(language)
    status = text.status if text else "missing"
    text = text or TextFile(language, source.file)
    stale = campaign.stale.get(language, frozenset())

    def pick(key: str, value: str | None, source_value: str | None) -> Item:
        if value:
            return Item(value, text.language, False, key in stale)
        return Item(source_value or "", source.language, text.language != source.language)

    def pick_list(key: str, values, source_values) -> tuple[Item, ...]:
        """Lists (key messages, questions) are taken whole: a half-translated list reads badly."""
        if values:
            return tuple(Item(v, text.language, False, key in stale) for v in values)
        return tuple(Item(v, source.language, text.language != source.language) for v in source_values or ())

    def section(original: Section) -> LocalSection:
        translated = text.section(original.id)
        key = f"sections.{original.id}."
        # A section is shown whole in one language: a translated heading over a
        # source-language body would mislead the reader about what they can read.
        if translated and translated.heading and translated.body:
            return LocalSection(original.id, pick(key + "heading", translated.heading, None),
                                pick(key + "body", translated.body, None), original.audiences)
        return LocalSection(original.id, pick(key + "heading", None, original.heading),
                            pick(key + "body", None, original.body), original.audiences)

    def story(original) -> StoryItem:
        translated = text.story(original.id)
        item = pick(f"stories.{original.id}.text", translated.text if translated else None, original.text)
        return StoryItem(item.text, item.language, item.fallback, item.stale, original.composite)

    def top(field: spec.TextField) -> Shown:
        """A top-level text: a list whole; an optional text the source lacks is None."""
        value, source_value = text.values.get(field.name), source.values.get(field.name)
        if field.is_list:
            return pick_list(field.name, value, source_value)
        if not field.required and not source_value:
            return None
        return pick(field.name, value if isinstance(value, str) else None, source_value if isinstance(source_value, str) else None)

    return LocalCampaign(
        campaign=campaign,
        language=language,
        status=status,
        shown={field.name: top(field) for field in spec.TEXT_FIELDS if field.group is None},
        sections=tuple(section(s) for s in source.sections),
        stories=tuple(story(s) for s in source.stories if s.published(use, today or datetime.date.today())),
    )


def printable(campaign: Campaign, language: str) -> bool:
    """Whether a leaflet in `language` has text of its own: a title or key messages written in it.

    Without them a leaflet labelled in that language would print the source language only.
    """
    if language == campaign.source_language:
        return True
    text = campaign.texts.get(language)
    return text is not None and bool(text.title or text.key_messages)


def phone_facts(entry: Hotline | Contact, t: Strings) -> list[str]:
    """What a reader should know before calling, in their language: a local contact's kind or a hotline's
    "free", then "24/7" or the hours. Pages and leaflets both print these (one rule for both)."""
    if isinstance(entry, Contact):
        facts = [t(f"contact.kind.{entry.kind}")]
    else:
        facts = [t("hotline.free")] if entry.free else []
    if entry.always_open:
        facts.append(t("hotline.always_open"))
    elif entry.hours:
        facts.append(entry.hours)
    return facts
