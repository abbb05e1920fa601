"""Translations: what a reader of one language sees, item by item, with fallbacks.

`localize` takes a campaign and a language and returns, for every text item,
the text and the language it is really written in. Whatever a translation
lacks comes from the source text, marked as fallback, so renderers can set
`lang` on it and tell the reader in their own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Campaign, Text


@dataclass(frozen=True)
class Item:
    """One piece of text as shown to a reader."""

    text: str
    language: str  # the language the text is written in
    fallback: bool  # True when the reader's language lacked it

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LocalSection:
    id: str
    heading: Item
    body: Item
    audiences: tuple[str, ...]

    @property
    def fallback(self) -> bool:
        return self.heading.fallback or self.body.fallback


@dataclass(frozen=True)
class LocalCampaign:
    """A campaign as read in one language."""

    campaign: Campaign
    language: str
    status: str  # source, draft, reviewed, or missing (no file for this language)
    title: Item
    summary: Item
    key_messages: tuple[Item, ...]
    sections: tuple[LocalSection, ...]
    stories: tuple[Item, ...]
    discussion: tuple[Item, ...]
    image_alt: Item | None

    @property
    def slug(self) -> str:
        return self.campaign.slug

    @property
    def has_fallback(self) -> bool:
        items = [self.title, self.summary, *self.key_messages, *self.stories, *self.discussion]
        return any(i.fallback for i in items) or any(s.fallback for s in self.sections)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


def localize(campaign: Campaign, language: str) -> LocalCampaign:
    source = campaign.source
    text = campaign.texts.get(language)
    status = text.status if text else "missing"
    text = text or Text(language, source.file)
    return LocalCampaign(
        campaign=campaign,
        language=language,
        status=status,
        title=_pick(text.title, source.title, text.language, source.language),
        summary=_pick(text.summary, source.summary, text.language, source.language),
        key_messages=_pick_list(text.key_messages, source.key_messages, text.language, source.language),
        sections=tuple(_section(s.id, text, source) for s in source.sections),
        stories=tuple(_story(s.id, text, source) for s in source.stories),
        discussion=_pick_list(text.discussion, source.discussion, text.language, source.language),
        image_alt=_pick(text.image_alt, source.image_alt, text.language, source.language) if source.image_alt else None,
    )


def _pick(value: str | None, source_value: str | None, language: str, source_language: str) -> Item:
    if value:
        return Item(value, language, False)
    return Item(source_value or "", source_language, language != source_language)


def _pick_list(values, source_values, language: str, source_language: str) -> tuple[Item, ...]:
    """Lists (key messages, questions) are taken whole: a half-translated list reads badly."""
    if values:
        return tuple(Item(v, language, False) for v in values)
    return tuple(Item(v, source_language, language != source_language) for v in source_values or ())


def _section(section_id: str, text: Text, source: Text) -> LocalSection:
    original = source.section(section_id)
    translated = text.section(section_id)
    # A section is shown whole in one language: a translated heading over a
    # source-language body would mislead the reader about what they can read.
    if translated and translated.heading and translated.body:
        chosen, language = translated, text.language
    else:
        chosen, language = original, source.language
    fallback = language != text.language
    return LocalSection(section_id, Item(chosen.heading or "", language, fallback),
                        Item(chosen.body or "", language, fallback), original.audiences)


def _story(story_id: str, text: Text, source: Text) -> Item:
    translated = text.story(story_id)
    if translated and translated.text:
        return Item(translated.text, text.language, False)
    return Item(source.story(story_id).text or "", source.language, text.language != source.language)
