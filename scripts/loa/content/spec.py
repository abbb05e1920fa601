"""Spec: every field of every campaign file, declared once.

The checker (`validate`) walks these declarations to find mistakes, and
`schema` turns the same declarations into the JSON Schema that editors use.
One source of truth: a field added here is checked and completed in editors.
Each kind checks one value and yields problems; it never raises.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator

from . import markup
from .load import Document, visible
from .problems import Problem

AUDIENCES = ("schools", "vocational-centres", "border-communities")
REACHABLE = ("domestic", "anywhere")
STORY_KINDS = ("composite", "real")
CONSENT_GIVERS = ("person", "the person", "guardian")
CONSENT_SCOPES = ("web", "print", "audio")
HMONG_ORTHOGRAPHIES = ("RPA", "1961")  # Romanized Popular Alphabet; the 1961 Vietnamese-based script
LEAFLET_FORMATS = ("a4-trifold", "a5-flyer")
AUDIO_EXTENSIONS = ("wav", "mp3", "m4a", "ogg", "opus", "webm")  # recordings: campaigns/<slug>/audio/<lang>/<item>.<ext>
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
PHONE = re.compile(r"^\+?[0-9][0-9 ]*[0-9]$|^[0-9]$")


def describe(value: Any, raw: str | None = None) -> str:
    """How a found value is named in messages: 'a number (42)', 'yes/no (false)'."""
    typed = f", typed as {raw}" if raw is not None and raw != str(value) else ""
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()}{typed})"
    if isinstance(value, (int, float)):
        return f"a number ({value}{typed})"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"a date ({value})"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    text = _visible_escapes(str(value))
    return f"the text '{text[:40]}{'…' if len(text) > 40 else ''}'"


def _visible_escapes(text: str) -> str:
    """Line breaks and other control characters as \\n, \\u0007: a message shows what the text really holds."""
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)


class Kind:
    """A kind of value. Subclasses check one value and describe themselves as JSON Schema."""

    expected = "a value"

    def check(self, doc: Document, path: tuple, value: Any) -> Iterator[Problem]:
        return iter(())

    def schema(self) -> dict:
        return {}

    def wrong_type(self, doc: Document, path: tuple, value: Any, hint: str = "") -> Problem:
        raw = doc.raw.get(path)
        if not hint and raw is not None and not isinstance(value, (list, dict)):
            hint = f'put the value in double quotes: "{raw}"'
        return doc.problem(path, f"expected {self.expected}, found {describe(value, raw)}", hint)


@dataclass
class Text(Kind):
    """A line or paragraph of plain text."""

    max_length: int | None = None
    expected = "text"

    def check(self, doc, path, value):
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value)
        elif not value.strip():
            yield doc.problem(path, "the text is empty", "write the text, or remove the key")
        elif not visible(value):
            yield doc.problem(path, "the text is made only of invisible characters (such as zero-width spaces)",
                              "write the text, or remove the key")
        elif self.max_length and len(value) > self.max_length:
            yield doc.problem(path, f"the text has {len(value)} characters, more than {self.max_length}",
                              "shorten it: it has to fit in large type on a leaflet", "warning")

    def schema(self):
        return {"type": "string", "minLength": 1}


@dataclass
class MarkdownText(Text):
    """Text with Markdown: paragraphs, lists, emphasis and links."""

    def check(self, doc, path, value):
        yield from super().check(doc, path, value)
        if isinstance(value, str):
            for message, hint in markup.markdown_problems(value):
                yield doc.problem(path, message, hint)


@dataclass
class Pattern(Kind):
    """Text that must match a pattern (ids, slugs, phone numbers, language tags)."""

    regex: re.Pattern = SLUG
    expected: str = "an id"
    hint: str = ""

    def check(self, doc, path, value):
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value)
        elif not self.regex.fullmatch(value):  # the whole text: '$' also matches before a final newline
            yield doc.problem(path, f"expected {self.expected}, found {describe(value)}", self.hint)

    def schema(self):
        return {"type": "string", "pattern": self.regex.pattern}


@dataclass
class Choice(Kind):
    """One of a fixed list of words."""

    choices: tuple = ()

    @property
    def expected(self):
        return "one of " + ", ".join(self.choices)

    def check(self, doc, path, value):
        if value not in self.choices:
            yield doc.problem(path, f"expected {self.expected}, found {describe(value)}", did_you_mean(value, self.choices))

    def schema(self):
        return {"enum": list(self.choices)}


class Boolean(Kind):
    expected = "true or false"
    # YAML 1.1 (PyYAML) also reads yes/no/on/off/y/n as booleans; YAML 1.2, which editors and
    # the JSON Schema follow, reads them as text. One meaning only: true and false.
    WRITTEN = ("true", "false")

    def check(self, doc, path, value):
        if not isinstance(value, bool):
            yield self.wrong_type(doc, path, value, "write true or false, without quotes")
            return
        raw = doc.raw.get(path)
        if raw is not None and raw.lower() not in self.WRITTEN:
            yield doc.problem(path, f"expected true or false, found '{raw}', which editors read as text, not as {str(value).lower()}",
                              f"write {str(value).lower()} instead of {raw}")

    def schema(self):
        return {"type": "boolean"}


class Integer(Kind):
    expected = "a whole number"

    def check(self, doc, path, value):
        if isinstance(value, bool) or not isinstance(value, int):
            yield self.wrong_type(doc, path, value, "write a number without quotes, e.g. 10")

    def schema(self):
        return {"type": "integer"}


class Date(Kind):
    expected = "a date like 2026-11-01"

    def check(self, doc, path, value):
        if not isinstance(value, datetime.date):
            yield self.wrong_type(doc, path, value, "write the date as year-month-day without quotes: 2026-11-01")

    def schema(self):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0
    max_items: int | None = None
    expected = "a list"

    def check(self, doc, path, value):
        if not isinstance(value, list):
            yield self.wrong_type(doc, path, value, "write each item on its own line, starting with '- '")
            return
        if len(value) < self.min_items or (self.max_items is not None and len(value) > self.max_items):
            yield doc.problem(path, f"expected {self._count_words()}, found {len(value)}",
                              "add or remove items", "error")
        for index, item in enumerate(value):
            yield from self.item.check(doc, path + (index,), item)

    def _count_words(self):
        if self.max_items is None:
            return f"at least {self.min_items} item{'s' if self.min_items != 1 else ''}"
        return f"{self.min_items} to {self.max_items} items"

    def schema(self):
        result = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            result["minItems"] = self.min_items
        if self.max_items is not None:
            result["maxItems"] = self.max_items
        return result


@dataclass
class Field:
    kind: Kind
    doc: str
    required: bool = False


@dataclass
class Object(Kind):
    """A group of named fields; unknown keys are refused with a 'did you mean'."""

    fields: dict[str, Field] = field(default_factory=dict)
    doc: str = ""
    expected = "a group of keys"

    def check(self, doc, path, value):
        if not isinstance(value, dict):
            yield self.wrong_type(doc, path, value, "write one 'key: value' per line, indented under this key")
            return
        for name, spec in self.fields.items():
            if spec.required and name not in value:
                yield doc.problem(path, f"the required key '{name}' is missing", f"add '{name}:' ({spec.doc})")
        for name, item in value.items():
            if name not in self.fields:
                yield doc.problem(path + (name,), f"unknown key '{name}'", did_you_mean(name, list(self.fields)) or
                                  "allowed here: " + ", ".join(self.fields))
            else:
                yield from self.fields[name].kind.check(doc, path + (name,), item)

    def schema(self):
        properties = {}
        for name, spec in self.fields.items():
            properties[name] = {**spec.kind.schema(), "description": spec.doc}
        result = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            result["required"] = required
        if self.doc:
            result["description"] = self.doc
        return result


@dataclass
class MapOf(Kind):
    """A mapping from language tags to text (hotline names)."""

    value: Kind = field(default_factory=Text)
    expected = "one line per language, like 'vi: ...'"

    def check(self, doc, path, value):
        if not isinstance(value, dict):
            yield self.wrong_type(doc, path, value, "write one line per language, e.g. 'vi: Công an'")
            return
        for key, item in value.items():
            if not LANGUAGE_TAG.fullmatch(key):
                yield doc.problem(path + (key,), f"'{key}' is not a language tag", "use tags like vi, hmn, ium, tyz")
            yield from self.value.check(doc, path + (key,), item)

    def schema(self):
        return {"type": "object", "propertyNames": {"pattern": LANGUAGE_TAG.pattern},
                "additionalProperties": self.value.schema(), "minProperties": 1}


@dataclass
class Either(Kind):
    """A value of one of two shapes, chosen by its type: `consent: true` (version 1) or a consent record."""

    first: Kind = field(default_factory=Boolean)
    second: Kind = field(default_factory=Object)
    expected = "one of two shapes"

    def check(self, doc, path, value):
        kind = self.second if isinstance(value, dict) else self.first
        yield from kind.check(doc, path, value)

    def schema(self):
        return {"oneOf": [self.first.schema(), self.second.schema()]}


def suggest_slug(name: str) -> str:
    """A valid slug close to what was typed: 'Đi làm xa' -> 'di-lam-xa'."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "my-campaign"


def did_you_mean(found: Any, allowed) -> str:
    close = difflib.get_close_matches(str(found), list(allowed), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


ID = Pattern(SLUG, "an id of lowercase letters, digits and hyphens (like warning-signs)",
             "use lowercase ASCII letters, digits and single hyphens")
PHONE_NUMBER = Pattern(PHONE, "a phone number in quotes, digits and spaces with an optional leading +",
                       'write it in double quotes, e.g. number: "111"')

HOTLINE = Object({
    "id": Field(ID, "short id that campaigns use to refer to this line", True),
    "number": Field(PHONE_NUMBER, "the number to dial, in quotes: \"111\"", True),
    "required": Field(Boolean(), "true: every campaign must carry this line"),
    "reachable": Field(Choice(REACHABLE), "domestic (a short code, not from abroad) or anywhere"),
    "free": Field(Boolean(), "true if the call costs nothing"),
    "hours": Field(Text(), "when the line answers, e.g. \"24/7\""),
    "source": Field(Text(), "where the number was confirmed"),
    "checked": Field(Date(), "when someone last confirmed the number (2026-11-01)"),
    "name": Field(MapOf(), "the line's name per language; the source language is required", True),
}, "one help line")

RETIRED = Object({
    "number": Field(PHONE_NUMBER, "a number that must never be printed again, in quotes", True),
    "replaced_by": Field(ID, "the id of the hotline that replaced it", True),
    "note": Field(Text(), "what the number was, and until when"),
    "source": Field(Text(), "where the retirement was confirmed"),
}, "a retired number")

HOTLINES_FILE = Object({
    "hotlines": Field(ListOf(HOTLINE, min_items=1), "the help lines shared by all campaigns", True),
    "retired": Field(ListOf(RETIRED), "numbers that must never be printed again, each with its replacement"),
}, "campaigns/hotlines.yml: help lines shared by all campaigns")

CONTACT_KINDS = ("border-guard", "police", "womens-union", "social-work", "shelter", "health", "other")

CONTACT = Object({
    "kind": Field(Choice(CONTACT_KINDS), "what the contact is: border-guard, police, womens-union, social-work, "
                  "shelter, health or other", True),
    "name": Field(MapOf(), "the contact's name per language; the source language is required", True),
    "number": Field(PHONE_NUMBER, "the number to dial, in quotes: \"0214 3 840 000\"", True),
    "hours": Field(Text(), "when it answers, e.g. \"24/7\" or \"7:30-17:00, Monday to Friday\""),
    "address": Field(Text(), "where it is, as written on a letter"),
    "source": Field(Text(), "where the number was confirmed"),
    "checked": Field(Date(), "when someone last confirmed the number (2026-11-01)"),
}, "one local contact")

COMMUNE = Object({
    "id": Field(ID, "the commune's part of its address: /help/<province>/<commune>/", True),
    "name": Field(MapOf(), "the commune's name per language; the source language is required", True),
    "contacts": Field(ListOf(CONTACT), "the commune's contacts, printed after the national hotlines"),
}, "one commune (since 2025: communes belong to provinces, with no districts)")

PROVINCE = Object({
    "id": Field(ID, "the province's address: /help/<province>/", True),
    "name": Field(MapOf(), "the province's name per language; the source language is required", True),
    "contacts": Field(ListOf(CONTACT), "the province's contacts, printed after the national hotlines"),
    "communes": Field(ListOf(COMMUNE), "the communes with contacts of their own"),
}, "one province")

PLACES_FILE = Object({
    "places": Field(ListOf(PROVINCE, min_items=1), "provinces and their communes, with local contacts", True),
}, "campaigns/places.yml: help near the reader, by province and commune")

# `leaflets:` as a mapping: per format, the sections it prints, in order (format version 2).
LEAFLET_FORMAT = Object({
    "sections": Field(ListOf(ID, min_items=1), "section ids printed in this order; each must fit, or it is an error"),
}, "what one leaflet format prints; {} prints the default choice")
LEAFLET_CHOICES = Object({name: Field(LEAFLET_FORMAT, f"print the {name} leaflet") for name in LEAFLET_FORMATS},
                         "per leaflet format, what it prints")

CAMPAIGN_FILE = Object({
    "source_language": Field(Pattern(LANGUAGE_TAG, "a language tag like vi"), "the language the campaign is written in", True),
    "audiences": Field(ListOf(Choice(AUDIENCES), min_items=1), "who the campaign is for", True),
    "hotlines": Field(ListOf(ID, min_items=1), "ids from campaigns/hotlines.yml, at least one", True),
    "leaflets": Field(Either(ListOf(Choice(LEAFLET_FORMATS), min_items=1), LEAFLET_CHOICES),
                      "leaflet formats to print (a4-trifold and a5-flyer by default); or, per format, the sections it "
                      "prints: a5-flyer: {sections: [before-you-go, warning-signs]}"),
    "order": Field(Integer(), "position in lists: smaller comes first"),
    "image": Field(Text(), "cover picture, a path inside the campaign folder: images/cover.jpg"),
    "loudspeaker": Field(ListOf(ID, min_items=1),
                         "section ids the loudspeaker announcement reads, in this order; by default the sections for "
                         "every audience or for border communities, as many as fit in 3 minutes"),
}, "campaigns/<slug>/campaign.yml: facts that do not depend on language")

SECTION = Object({
    "id": Field(ID, "aligns a translation with its source", True),
    "heading": Field(Text(), "the section's heading", True),
    "body": Field(MarkdownText(), "Markdown: paragraphs, lists, **bold**, *italic*, links", True),
    "audiences": Field(ListOf(Choice(AUDIENCES), min_items=1), "only for these audiences"),
})

CONSENT = Object({
    "given_by": Field(Choice(CONSENT_GIVERS), "who agreed: the person, or a guardian (required under 18)", True),
    "under_18": Field(Boolean(), "true when the person was under 18 when the consent was given"),
    "date": Field(Date(), "when the consent was given (2026-10-01)", True),
    "scope": Field(ListOf(Choice(CONSENT_SCOPES), min_items=1), "where the story may appear: web, print, audio", True),
    "expires": Field(Date(), "after this date the story is no longer published"),
}, "the record of a real person's consent")

STORY = Object({
    "id": Field(ID, "aligns a translation with its source", True),
    "kind": Field(Choice(STORY_KINDS), "composite: written from several cases; real: one person's story, with consent"),
    "consent": Field(Either(Boolean(), CONSENT), "a consent record (real stories); version 1: true (source file only)"),
    "text": Field(MarkdownText(), "told in the first person, with no real name, village or age of a child", True),
})

TRANSLATION = Object({
    "status": Field(Choice(("draft", "reviewed")), "draft: not yet checked by a native speaker; or reviewed", True),
    "reviewed_by": Field(Text(), "who checked the translation"),
    "reviewed_on": Field(Date(), "when the reviewer checked it (2026-11-01)"),
    "orthography": Field(Text(), "which writing system; Hmong: RPA or 1961 (the Vietnamese-based script)"),
    "dialect": Field(Text(), "which dialect, e.g. Hmong Njua (Mông Lềnh)"),
})

PUBLISHER_FILE = Object({
    "organisation": Field(MapOf(), "who issues the leaflets, per language; the source language is required", True),
    "contact": Field(Text(), "a phone number or address readers may contact"),
    "edition": Field(Text(), "the edition printed on leaflets, e.g. 2026-12; the build's month by default"),
    "free_distribution": Field(Boolean(), "true: leaflets say \"free, not for sale\" in the reader's language"),
}, "campaigns/publisher.yml: who stands behind what is printed")

PHRASE = Object({
    "avoid": Field(Text(), "a phrase that blames victims, sensationalises or discourages all migration", True),
    "instead": Field(Text(), "the better wording Loa suggests", True),
    "why": Field(Text(), "why to avoid it: victim-blaming, sensational, anti-migration..."),
}, "a phrase to avoid")

WORDING_FILE = MapOf(ListOf(PHRASE))



def text_file(source: bool) -> Object:
    """The shape of <lang>.yml. In a translation every field may be missing (it falls back)."""
    fields = {
        "title": Field(Text(max_length=90), "the campaign's title", source),
        "summary": Field(Text(max_length=300), "one or two sentences: the site's card and the leaflet's cover", source),
        "key_messages": Field(ListOf(Text(max_length=90), min_items=3, max_items=6),
                              "3 to 6 short lines, printed large on leaflets", source),
        "sections": Field(ListOf(SECTION if source else _optional(SECTION), min_items=1), "the page body, in order", source),
        "stories": Field(ListOf(STORY if source else _optional(STORY)),
                         "stories: composite (written from several cases) or real (one person's, with consent)"),
        "discussion": Field(ListOf(Text()), "questions for a classroom or village meeting"),
        "image_alt": Field(Text(), "what the cover picture shows, for people who cannot see it"),
        "translation": Field(TRANSLATION, "translations only: whether a native speaker checked it"),
    }
    return Object(fields, "campaigns/<slug>/<lang>.yml: the campaign's text in one language")


def _optional(obj: Object) -> Object:
    """The same object with only its id required: a translation may leave the rest to the source."""
    return Object({name: Field(f.kind, f.doc, name == "id") for name, f in obj.fields.items()}, obj.doc)


SOURCE_TEXT_FILE = text_file(source=True)
TRANSLATION_TEXT_FILE = text_file(source=False)
