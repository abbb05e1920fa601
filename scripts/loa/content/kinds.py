"""Kinds: what a value in a campaign file may be (text, a pattern, a choice, a list, an object...).

Each kind checks one value, yields problems (it never raises) and describes itself as
JSON Schema. `spec` declares every field of every file with these kinds.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator

from . import markup
from .characters import visible, visible_escapes
from .load import Document
from .problems import Problem
from ..messages import N_, _, ngettext

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def describe(value: Any, raw: str | None = None) -> str:
    """How a found value is named in messages: 'a number (42)', 'yes/no (false)'."""
    typed = raw is not None and raw != str(value)
    if isinstance(value, bool):
        if typed:
            return _("yes/no ({value}, typed as {raw})").format(value=str(value).lower(), raw=raw)
        return _("yes/no ({value})").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        if typed:
            return _("a number ({value}, typed as {raw})").format(value=value, raw=raw)
        return _("a number ({value})").format(value=value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return _("a date ({value})").format(value=value)
    if value is None:
        return _("nothing")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a group of keys")
    text = visible_escapes(str(value))
    return _("the text '{text}'").format(text=text[:40] + ("…" if len(text) > 40 else ""))


def expected_found(expected: str, found: str) -> str:
    """The one sentence of a value of the wrong kind: 'expected text, found a number (42)'."""
    return _("expected {expected}, found {found}").format(expected=expected, found=found)


class Kind:
    """A kind of value. Subclasses check one value and describe themselves as JSON Schema."""

    expected = N_("a value")  # shown with _(): see expected_words

    def expected_words(self) -> str:
        return _(self.expected)

    def check(self, doc: Document, path: tuple, value: Any) -> Iterator[Problem]:
        return iter(())

    def schema(self) -> dict:
        return {}

    def wrong_type(self, doc: Document, path: tuple, value: Any, hint: str = "") -> Problem:
        raw = doc.raw.get(path)
        if not hint and raw is not None and not isinstance(value, (list, dict)):
            hint = _('put the value in double quotes: "{raw}"').format(raw=raw)
        return doc.problem(path, expected_found(self.expected_words(), describe(value, raw)), hint)


@dataclass
class Text(Kind):
    """A line or paragraph of plain text."""

    max_length: int | None = None
    expected = N_("text")

    def check(self, doc, path, value):
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value)
        elif not value.strip():
            yield doc.problem(path, _("the text is empty"), _("write the text, or remove the key"))
        elif not visible(value):
            yield doc.problem(path, _("the text is made only of invisible characters (such as zero-width spaces)"),
                              _("write the text, or remove the key"))
        elif self.max_length and len(value) > self.max_length:
            yield doc.problem(path, _("the text has {count} characters, more than {limit}").format(count=len(value), limit=self.max_length),
                              _("shorten it: it has to fit in large type on a leaflet"), "warning")

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
    expected: str = N_("an id")  # marked with N_() where declared (spec.py), shown with _()
    hint: str = ""

    def check(self, doc, path, value):
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value)
        elif not self.regex.fullmatch(value):  # the whole text: '$' also matches before a final newline
            yield doc.problem(path, expected_found(self.expected_words(), describe(value)), _(self.hint) if self.hint else "")

    def schema(self):
        return {"type": "string", "pattern": self.regex.pattern}


@dataclass
class Choice(Kind):
    """One of a fixed list of words."""

    choices: tuple = ()

    def expected_words(self) -> str:
        return _("one of {choices}").format(choices=", ".join(self.choices))

    def check(self, doc, path, value):
        if value not in self.choices:
            yield doc.problem(path, expected_found(self.expected_words(), describe(value)), did_you_mean(value, self.choices))

    def schema(self):
        return {"enum": list(self.choices)}


class Boolean(Kind):
    expected = N_("true or false")
    # YAML 1.1 (PyYAML) also reads yes/no/on/off/y/n as booleans; YAML 1.2, which editors and
    # the JSON Schema follow, reads them as text. One meaning only: true and false.
    WRITTEN = ("true", "false")

    def check(self, doc, path, value):
        if not isinstance(value, bool):
            yield self.wrong_type(doc, path, value, _("write true or false, without quotes"))
            return
        raw = doc.raw.get(path)
        if raw is not None and raw.lower() not in self.WRITTEN:
            meant = str(value).lower()
            yield doc.problem(path, _("expected true or false, found '{raw}', which editors read as text, not as {value}")
                              .format(raw=raw, value=meant),
                              _("write {value} instead of {raw}").format(value=meant, raw=raw))

    def schema(self):
        return {"type": "boolean"}


class Integer(Kind):
    expected = N_("a whole number")

    def check(self, doc, path, value):
        if isinstance(value, bool) or not isinstance(value, int):
            yield self.wrong_type(doc, path, value, _("write a number without quotes, e.g. 10"))

    def schema(self):
        return {"type": "integer"}


class Date(Kind):
    expected = N_("a date like 2026-11-01")

    def check(self, doc, path, value):
        if not isinstance(value, datetime.date):
            yield self.wrong_type(doc, path, value, _("write the date as year-month-day without quotes: 2026-11-01"))

    def schema(self):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0
    max_items: int | None = None
    expected = N_("a list")

    def check(self, doc, path, value):
        if not isinstance(value, list):
            yield self.wrong_type(doc, path, value, _("write each item on its own line, starting with '- '"))
            return
        if len(value) < self.min_items or (self.max_items is not None and len(value) > self.max_items):
            yield doc.problem(path, expected_found(self._count_words(), str(len(value))),
                              _("add or remove items"), "error")
        for index, item in enumerate(value):
            yield from self.item.check(doc, path + (index,), item)

    def _count_words(self):
        if self.max_items is None:
            return ngettext("at least {count} item", "at least {count} items", self.min_items).format(count=self.min_items)
        return _("{low} to {high} items").format(low=self.min_items, high=self.max_items)

    def schema(self):
        result: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            result["minItems"] = self.min_items
        if self.max_items is not None:
            result["maxItems"] = self.max_items
        return result


@dataclass
class Field:
    """One key of an object; a text of `<lang>.yml` also says what becomes of it (`spec.TEXT_FIELDS` reads this)."""

    kind: Kind
    doc: str
    required: bool = False
    translatable: bool = False  # translators translate it; a translation lacking it shows the source's
    printed: bool = False  # leaflets may print it: font coverage and print bounds check it
    recordable: bool = False  # a recording may read it (audio/<lang>/<item>.<ext>)


@dataclass
class Object(Kind):
    """A group of named fields; unknown keys are refused with a 'did you mean'."""

    fields: dict[str, Field] = field(default_factory=dict)
    doc: str = ""
    expected = N_("a group of keys")

    def check(self, doc, path, value):
        if not isinstance(value, dict):
            yield self.wrong_type(doc, path, value, _("write one 'key: value' per line, indented under this key"))
            return
        for name, spec in self.fields.items():
            if spec.required and name not in value:
                yield doc.problem(path, _("the required key '{key}' is missing").format(key=name),
                                  _("add '{key}:' ({description})").format(key=name, description=_(spec.doc)))
        for name, item in value.items():
            if name not in self.fields:
                yield doc.problem(path + (name,), _("unknown key '{key}'").format(key=visible_escapes(str(name))),
                                  did_you_mean(name, list(self.fields)) or
                                  _("allowed here: {keys}").format(keys=", ".join(self.fields)))
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
    expected = N_("one line per language, like 'vi: ...'")

    def check(self, doc, path, value):
        if not isinstance(value, dict):
            yield self.wrong_type(doc, path, value, _("write one line per language, e.g. 'vi: Công an'"))
            return
        for key, item in value.items():
            if not LANGUAGE_TAG.fullmatch(key):
                yield doc.problem(path + (key,), _("'{tag}' is not a language tag").format(tag=key),
                                  _("use tags like vi, hmn, ium, tyz"))
            yield from self.value.check(doc, path + (key,), item)

    def schema(self):
        return {"type": "object", "propertyNames": {"pattern": LANGUAGE_TAG.pattern},
                "additionalProperties": self.value.schema(), "minProperties": 1}


@dataclass
class Either(Kind):
    """A value of one of two shapes, chosen by its type: `consent: true` (version 1) or a consent record."""

    first: Kind = field(default_factory=Boolean)
    second: Kind = field(default_factory=Object)
    expected = N_("one of two shapes")

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
    return _("did you mean '{name}'?").format(name=close[0]) if close else ""
