"""Texts: every piece of campaign text that readers see, with the document it stands in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

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
    """Every text a reader sees in each language file of the campaign (ids and the translation record left out)."""
    for language, text in campaign.texts.items():
        doc = content.documents.get(text.file)
        if doc is None:
            continue
        for path, value in iter_strings(doc.data):
            if path and path[0] == "translation" or path[-1:] in (("id",), ("kind",)) or "consent" in path \
                    or "audiences" in path:
                continue
            yield TextValue(campaign, language, doc, path, value)


def all_texts(content: Content) -> Iterator[TextValue]:
    for campaign in content.campaigns:
        yield from campaign_texts(content, campaign)
