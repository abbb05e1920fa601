"""Items: a campaign text cut into the pieces a translator translates, each with a stable key.

A key names one piece of text the same way in every language: `title`,
`sections.warning-signs.body`, `stories.lan.text`. Lists (`key_messages`,
`discussion`) are one item each, their lines joined with a newline, because
the site takes a list whole from one language. Status, staleness, quality
checks and the translators' spreadsheets all count and compare these items.
"""

from __future__ import annotations

import hashlib
import unicodedata
from itertools import groupby
from typing import Any

from ..content import spec
from ..content.model import TextFile


def list_keys() -> tuple[str, ...]:
    """The items that are lists (key_messages, discussion): one line per entry, taken whole."""
    return tuple(f.name for f in spec.TEXT_FIELDS if f.is_list)


def item_field(key: str) -> spec.TextField | None:
    """The declaration an item key belongs to: `sections.x.body` -> the sections' body."""
    parts = key.split(".")
    group, name = (parts[0], parts[-1]) if len(parts) > 1 else (None, parts[0])
    return next((f for f in spec.TEXT_FIELDS if f.group == group and f.name == name), None)


def text_items(text: TextFile) -> dict[str, str]:
    """The text items of one language's model, in reading order; only those present."""
    items: dict[str, str] = {}
    for field, entry, _, value in text.text_values(spec.TEXT_FIELDS):
        _put(items, field.key(entry.id if entry else None), join_list(value) if isinstance(value, tuple) else value)
    return items


def data_items(data: Any) -> dict[str, str]:
    """The same items read from a document's plain values (for files not yet validated)."""
    data = data if isinstance(data, dict) else {}
    items: dict[str, str] = {}
    for group, grouped in groupby(spec.TEXT_FIELDS, key=lambda f: f.group):
        fields = list(grouped)
        if group is None:
            for field in fields:
                _put(items, field.name, join_list(_lines(data.get(field.name))) if field.is_list else _text(data.get(field.name)))
            continue
        for entry in _entries(data, group):
            for field in fields:
                _put(items, field.key(entry["id"]), _text(entry.get(field.name)))
    return items


def fingerprint(text: str) -> str:
    """A short, stable hash of a text: sha256 of its NFC form, first 16 hex digits."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:16]


def join_list(values: tuple[str, ...] | list[str] | None) -> str | None:
    return "\n".join(values) if values else None


def split_list(text: str) -> list[str]:
    """A list item back into its lines, without blank lines or surrounding spaces."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def locate(key: str, data: Any) -> tuple:
    """The path of an item's value in a document (`sections.x.body` -> ("sections", 2, "body")).

    Falls back to the nearest existing parent, so a message can still point somewhere useful.
    """
    parts = key.split(".")
    if len(parts) == 1 or not isinstance(data, dict):
        return (parts[0],)
    group, item_id, name = parts[0], ".".join(parts[1:-1]), parts[-1]
    for index, entry in enumerate(data.get(group) or []):
        if isinstance(entry, dict) and entry.get("id") == item_id:
            return (group, index, name)
    return (group,)


def _put(items: dict[str, str], key: str, value: str | None) -> None:
    if value:
        items[key] = value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _lines(value: Any) -> list[str] | None:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else None


def _entries(data: dict, group: str) -> list[dict]:
    value = data.get(group)
    if not isinstance(value, list):
        return []
    return [e for e in value if isinstance(e, dict) and isinstance(e.get("id"), str)]
