"""Imprint: who stands behind a leaflet or page, in the reader's language, as plain data.

Every leaflet and the site name the issuing organisation (campaigns/publisher.yml),
the edition, each language's reviewer and when (the translation record), and
"free, not for sale". This module only words those facts with the interface
strings; the leaflet engine and the site's templates print the lines as text,
so either leaflet engine prints the same imprint.
"""

from __future__ import annotations

import datetime
from typing import Mapping

from ..content.files import source_date_epoch
from ..content.model import Campaign, Publisher
from .strings import Strings


def edition(publisher: Publisher | None) -> str:
    """The publisher's edition, else the build's month (from SOURCE_DATE_EPOCH when set: same input, same bytes)."""
    if publisher is not None and publisher.edition:
        return publisher.edition
    epoch = source_date_epoch()
    day = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date() if epoch is not None \
        else datetime.date.today()
    return f"{day.year}-{day.month:02d}"


def publisher_lines(publisher: Publisher | None, reader: str, strings: Mapping[str, Strings],
                    source_language: str) -> list[dict]:
    """Organisation, edition and contact, and "free, not for sale": [{"v": text, "lang": tag or None}]."""
    t = strings[reader]
    lines = []
    if publisher is not None:
        name, _ = publisher.name(reader, source_language)
        lines.append(_line(t, "imprint.issued_by", reader, source_language, organisation=name))
    lines.append(_line(t, "imprint.edition", reader, source_language, edition=edition(publisher)))
    if publisher is not None and publisher.contact:
        lines.append(_line(t, "imprint.contact", reader, source_language, contact=publisher.contact))
    if publisher is not None and publisher.free_distribution:
        lines.append(_line(t, "imprint.free", reader, source_language))
    return lines


def reviewer_lines(campaign: Campaign, languages: tuple[str, ...], reader: str, strings: Mapping[str, Strings],
                   names: Mapping[str, str]) -> list[dict]:
    """For each translated language printed: who reviewed it and when, or that it is a draft."""
    t = strings[reader]
    lines = []
    for tag in languages:
        text = campaign.texts.get(tag)
        if tag == campaign.source_language or text is None:
            continue
        language = names.get(tag, tag)
        if text.status != "reviewed":
            line = _line(t, "imprint.not_reviewed", reader, campaign.source_language, language=language)
            lines.append({**line, "draft": True})
            continue
        elif text.reviewed_by and text.reviewed_on:
            key, values = "imprint.reviewed_on", {"language": language, "reviewer": text.reviewed_by,
                                                  "date": text.reviewed_on.isoformat()}
        elif text.reviewed_by:
            key, values = "imprint.reviewed", {"language": language, "reviewer": text.reviewed_by}
        else:
            key, values = "imprint.reviewed_unnamed", {"language": language}
        lines.append(_line(t, key, reader, campaign.source_language, **values))
    return lines


def _line(t: Strings, key: str, reader: str, source_language: str, **values: object) -> dict:
    """One line; marked with the source language when the reader's language lacks the string."""
    fell_back = reader != source_language and t.language_of(key) is not None
    return {"v": t(key, **values), "lang": source_language if fell_back else None}
