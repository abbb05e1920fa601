"""Spec: every field of every campaign file, declared once.

The checker (`validate`) walks these declarations to find mistakes, and
`schema` turns the same declarations into the JSON Schema that editors use.
One source of truth: a field added here is checked and completed in editors.
The kinds of value (text, pattern, list, object...) are in `kinds`.

The texts of `<lang>.yml` also say what becomes of them (translatable, printed,
recordable); `TEXT_FIELDS` lists them in reading order, and the model, translation
items, fallbacks, font coverage, print bounds and the translators' files read it
(docs/guide/architecture.md: where a new field goes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..messages import N_
from .kinds import (LANGUAGE_TAG, SLUG, Boolean, Choice, Date, Either, Field, Integer, ListOf, MapOf, MarkdownText, Object,
                    Pattern, Text)

AUDIENCES = ("schools", "vocational-centres", "border-communities")
REACHABLE = ("domestic", "anywhere")
STORY_KINDS = ("composite", "real")
CONSENT_GIVERS = ("person", "the person", "guardian")
CONSENT_SCOPES = ("web", "print", "audio")
HMONG_ORTHOGRAPHIES = ("RPA", "1961")  # Romanized Popular Alphabet; the 1961 Vietnamese-based script
LEAFLET_FORMATS = ("a4-trifold", "a5-flyer")
AUDIO_EXTENSIONS = ("wav", "mp3", "m4a", "ogg", "opus", "webm")  # recordings: campaigns/<slug>/audio/<lang>/<item>.<ext>
RECORDED_FILE_NAME = "recorded.yml"  # campaigns/<slug>/audio/: what each recording reads (loa record, loa mark-recorded)
PHONE = re.compile(r"^\+?[0-9][0-9 ]*[0-9]$|^[0-9]$")


ID = Pattern(SLUG, N_("an id of lowercase letters, digits and hyphens (like warning-signs)"),
             N_("use lowercase ASCII letters, digits and single hyphens"))
PHONE_NUMBER = Pattern(PHONE, N_("a phone number in quotes, digits and spaces with an optional leading +"),
                       N_('write it in double quotes, e.g. number: "111"'))

HOTLINE = Object({
    "id": Field(ID, N_("short id that campaigns use to refer to this line"), True),
    "number": Field(PHONE_NUMBER, N_("the number to dial, in quotes: \"111\""), True),
    "required": Field(Boolean(), N_("true: every campaign must carry this line")),
    "reachable": Field(Choice(REACHABLE), N_("domestic (a short code, not from abroad) or anywhere")),
    "free": Field(Boolean(), N_("true if the call costs nothing")),
    "hours": Field(Text(), N_("when the line answers, e.g. \"24/7\"")),
    "source": Field(Text(), N_("where the number was confirmed")),
    "checked": Field(Date(), N_("when someone last confirmed the number (2026-11-01)")),
    "name": Field(MapOf(), N_("the line's name per language; the source language is required"), True),
}, "one help line")

RETIRED = Object({
    "number": Field(PHONE_NUMBER, N_("a number that must never be printed again, in quotes"), True),
    "replaced_by": Field(ID, N_("the id of the hotline that replaced it"), True),
    "note": Field(Text(), N_("what the number was, and until when")),
    "source": Field(Text(), N_("where the retirement was confirmed")),
}, "a retired number")

HOTLINES_FILE = Object({
    "hotlines": Field(ListOf(HOTLINE, min_items=1), N_("the help lines shared by all campaigns"), True),
    "retired": Field(ListOf(RETIRED), N_("numbers that must never be printed again, each with its replacement")),
}, "campaigns/hotlines.yml: help lines shared by all campaigns")

CONTACT_KINDS = ("border-guard", "police", "womens-union", "social-work", "shelter", "health", "other")

CONTACT = Object({
    "kind": Field(Choice(CONTACT_KINDS), N_("what the contact is: border-guard, police, womens-union, social-work, "
                  "shelter, health or other"), True),
    "name": Field(MapOf(), N_("the contact's name per language; the source language is required"), True),
    "number": Field(PHONE_NUMBER, N_("the number to dial, in quotes: \"0214 3 840 000\""), True),
    "hours": Field(Text(), N_("when it answers, e.g. \"24/7\" or \"7:30-17:00, Monday to Friday\"")),
    "address": Field(Text(), N_("where it is, as written on a letter")),
    "source": Field(Text(), N_("where the number was confirmed")),
    "checked": Field(Date(), N_("when someone last confirmed the number (2026-11-01)")),
}, "one local contact")

COMMUNE = Object({
    "id": Field(ID, N_("the commune's part of its address: /help/<province>/<commune>/"), True),
    "name": Field(MapOf(), N_("the commune's name per language; the source language is required"), True),
    "contacts": Field(ListOf(CONTACT), N_("the commune's contacts, printed after the national hotlines")),
}, "one commune (since 2025: communes belong to provinces, with no districts)")

PROVINCE = Object({
    "id": Field(ID, N_("the province's address: /help/<province>/"), True),
    "name": Field(MapOf(), N_("the province's name per language; the source language is required"), True),
    "contacts": Field(ListOf(CONTACT), N_("the province's contacts, printed after the national hotlines")),
    "communes": Field(ListOf(COMMUNE), N_("the communes with contacts of their own")),
}, "one province")

PLACES_FILE = Object({
    "places": Field(ListOf(PROVINCE, min_items=1), N_("provinces and their communes, with local contacts"), True),
}, "campaigns/places.yml: help near the reader, by province and commune")

# `leaflets:` as a mapping: per format, the sections it prints, in order (format version 2).
LEAFLET_FORMAT = Object({
    "sections": Field(ListOf(ID, min_items=1), N_("section ids printed in this order; each must fit, or it is an error")),
}, "what one leaflet format prints; {} prints the default choice")
LEAFLET_CHOICES = Object({name: Field(LEAFLET_FORMAT, f"print the {name} leaflet") for name in LEAFLET_FORMATS},
                         "per leaflet format, what it prints")

CAMPAIGN_FILE = Object({
    "source_language": Field(Pattern(LANGUAGE_TAG, N_("a language tag like vi")), N_("the language the campaign is written in"), True),
    "audiences": Field(ListOf(Choice(AUDIENCES), min_items=1), N_("who the campaign is for"), True),
    "hotlines": Field(ListOf(ID, min_items=1), N_("ids from campaigns/hotlines.yml, at least one"), True),
    "leaflets": Field(Either(ListOf(Choice(LEAFLET_FORMATS), min_items=1), LEAFLET_CHOICES),
                      N_("leaflet formats to print (a4-trifold and a5-flyer by default); or, per format, the sections it "
                      "prints: a5-flyer: {sections: [before-you-go, warning-signs]}")),
    "order": Field(Integer(), N_("position in lists: smaller comes first")),
    "image": Field(Text(), N_("cover picture, a path inside the campaign folder: images/cover.jpg")),
    "loudspeaker": Field(ListOf(ID, min_items=1),
                         N_("section ids the loudspeaker announcement reads, in this order; by default the sections for "
                         "every audience or for border communities, as many as fit in 3 minutes")),
}, "campaigns/<slug>/campaign.yml: facts that do not depend on language")

SECTION = Object({
    "id": Field(ID, N_("aligns a translation with its source"), True),
    "heading": Field(Text(), N_("the section's heading"), True, translatable=True, printed=True, recordable=True),
    "body": Field(MarkdownText(), N_("Markdown: paragraphs, lists, **bold**, *italic*, links"), True,
                  translatable=True, printed=True, recordable=True),
    "audiences": Field(ListOf(Choice(AUDIENCES), min_items=1), N_("only for these audiences")),
})

CONSENT = Object({
    "given_by": Field(Choice(CONSENT_GIVERS), N_("who agreed: the person, or a guardian (required under 18)"), True),
    "under_18": Field(Boolean(), N_("true when the person was under 18 when the consent was given")),
    "date": Field(Date(), N_("when the consent was given (2026-10-01)"), True),
    "scope": Field(ListOf(Choice(CONSENT_SCOPES), min_items=1), N_("where the story may appear: web, print, audio"), True),
    "expires": Field(Date(), N_("after this date the story is no longer published")),
}, "the record of a real person's consent")

STORY = Object({
    "id": Field(ID, N_("aligns a translation with its source"), True),
    "kind": Field(Choice(STORY_KINDS), N_("composite: written from several cases; real: one person's story, with consent")),
    "consent": Field(Either(Boolean(), CONSENT), N_("a consent record (real stories); version 1: true (source file only)")),
    "text": Field(MarkdownText(), N_("told in the first person, with no real name, village or age of a child"), True,
                  translatable=True),
})

TRANSLATION = Object({
    "status": Field(Choice(("draft", "reviewed")), N_("draft: not yet checked by a native speaker; or reviewed"), True),
    "reviewed_by": Field(Text(), N_("who checked the translation")),
    "reviewed_on": Field(Date(), N_("when the reviewer checked it (2026-11-01)")),
    "orthography": Field(Text(), N_("which writing system; Hmong: RPA or 1961 (the Vietnamese-based script)")),
    "dialect": Field(Text(), N_("which dialect, e.g. Hmong Njua (Mông Lềnh)")),
})

PUBLISHER_FILE = Object({
    "organisation": Field(MapOf(), N_("who issues the leaflets, per language; the source language is required"), True),
    "contact": Field(Text(), N_("a phone number or address readers may contact")),
    "edition": Field(Text(), N_("the edition printed on leaflets, e.g. 2026-12; the build's month by default")),
    "free_distribution": Field(Boolean(), N_("true: leaflets say \"free, not for sale\" in the reader's language")),
}, "campaigns/publisher.yml: who stands behind what is printed")

PHRASE = Object({
    "avoid": Field(Text(), N_("a phrase that blames victims, sensationalises or discourages all migration"), True),
    "instead": Field(Text(), N_("the better wording Loa suggests"), True),
    "why": Field(Text(), N_("why to avoid it: victim-blaming, sensational, anti-migration...")),
}, "a phrase to avoid")

WORDING_FILE = MapOf(ListOf(PHRASE))



def text_file(source: bool) -> Object:
    """The shape of <lang>.yml. In a translation every field may be missing (it falls back)."""
    fields = {
        "title": Field(Text(max_length=90), N_("the campaign's title"), source,
                       translatable=True, printed=True, recordable=True),
        "summary": Field(Text(max_length=300), N_("one or two sentences: the site's card and the leaflet's cover"), source,
                         translatable=True, printed=True, recordable=True),
        "key_messages": Field(ListOf(Text(max_length=90), min_items=3, max_items=6),
                              N_("3 to 6 short lines, printed large on leaflets"), source,
                              translatable=True, printed=True, recordable=True),
        "sections": Field(ListOf(SECTION if source else _optional(SECTION), min_items=1), N_("the page body, in order"), source),
        "stories": Field(ListOf(STORY if source else _optional(STORY)),
                         N_("stories: composite (written from several cases) or real (one person's, with consent)")),
        "discussion": Field(ListOf(Text()), N_("questions for a classroom or village meeting"), translatable=True),
        "image_alt": Field(Text(), N_("what the cover picture shows, for people who cannot see it"), translatable=True),
        "translation": Field(TRANSLATION, N_("translations only: whether a native speaker checked it")),
    }
    return Object(fields, "campaigns/<slug>/<lang>.yml: the campaign's text in one language")


def _optional(obj: Object) -> Object:
    """The same object with only its id required: a translation may leave the rest to the source."""
    return Object({name: replace(f, required=name == "id") for name, f in obj.fields.items()}, obj.doc)


SOURCE_TEXT_FILE = text_file(source=True)
TRANSLATION_TEXT_FILE = text_file(source=False)


@dataclass(frozen=True)
class TextField:
    """One translatable text of `<lang>.yml`, as the stages after validation need it."""

    name: str  # the key: title; inside a section or story, heading
    group: str | None  # sections or stories: one text per entry, named by the entry's id; None at the top
    is_list: bool  # lines (key_messages): translated and shown whole, one item joined by newlines
    markdown: bool
    required: bool  # in the source text
    printed: bool
    recordable: bool

    def key(self, entry_id: str | None = None) -> str:
        """The translation item's key: `title`, `sections.warning-signs.body`."""
        return f"{self.group}.{entry_id}.{self.name}" if self.group else self.name


def text_fields(shape: Object) -> tuple[TextField, ...]:
    """The translatable texts of a `<lang>.yml` shape, in reading order (a group's fields together)."""
    found = []
    for name, field in shape.fields.items():
        inner = field.kind.item if isinstance(field.kind, ListOf) else None
        if isinstance(inner, Object):  # sections, stories: entries with an id
            found += [_text_field(key, entry_field, name) for key, entry_field in inner.fields.items()
                      if entry_field.translatable]
        elif field.translatable:
            found.append(_text_field(name, field, None))
    return tuple(found)


def _text_field(name: str, field: Field, group: str | None) -> TextField:
    kind = field.kind.item if isinstance(field.kind, ListOf) else field.kind
    return TextField(name, group, isinstance(field.kind, ListOf), isinstance(kind, MarkdownText), field.required,
                     field.printed, field.recordable)


TEXT_FIELDS = text_fields(SOURCE_TEXT_FILE)
