"""Texts: every piece of campaign text that readers see, with the document it stands in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..content import spec
from ..content.load import Document, iter_strings
from ..content.model import Campaign, Content


@dataclass(frozen=True)
class TextValue:
    """One text value: its campaign, language, document and path in the document."""

    campaign: Campaign
    language: str
    doc: Document
    path: tuple
    text: str


def campaign_texts(content: Content, campaign: Campaign) -> Iterator[TextValue]:
    """Every text a reader sees (spec.TEXT_FIELDS) in each language file of the campaign, in file order."""
    for language, text in campaign.texts.items():
        doc = content.documents.get(text.file)
        if doc is None:
            continue
        for path, value in iter_strings(doc.data):
            if _is_text(path):
                yield TextValue(campaign, language, doc, path, value)


def _is_text(path: tuple) -> bool:
    """Whether a value's path is a translatable text: ("title",), ("key_messages", 2), ("sections", 0, "body")."""
    for field in spec.TEXT_FIELDS:
        if field.group and len(path) == 3 and (path[0], path[2]) == (field.group, field.name):
            return True
        if not field.group and path[:1] == (field.name,) and len(path) == (2 if field.is_list else 1):
            return True
    return False


def all_texts(content: Content) -> Iterator[TextValue]:
    for campaign in content.campaigns:
        yield from campaign_texts(content, campaign)
