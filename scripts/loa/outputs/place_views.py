"""Places: what a place's help page and a place edition of a leaflet show, as data.

A province's page (`help/<province>/`) and a commune's (`help/<province>/<commune>/`)
show the national hotlines first, then the place's own contacts, then (for a
commune) its province's; a province's page lists its communes. `pages` renders
them with `overrides/loa/pages/place.html` (autoescaped); the leaflet blocks
take the same contacts and the place page's printed address. Reads the model only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Contact, Content, Place


@dataclass(frozen=True)
class PlaceView:
    """One place as a page shows it: names in the reader's language (with the language they are in)."""

    place: Place
    name: str
    name_language: str
    province: Place | None  # a commune's province; None for a province
    province_name: str
    own: tuple[Contact, ...]  # the place's contacts
    province_contacts: tuple[Contact, ...]  # a commune's province's, without numbers already listed
    communes: tuple[tuple[Place, str, str], ...]  # a province's communes: (place, name, language)


def place_view(content: Content, place: Place, language: str, source_language: str) -> PlaceView:
    name, name_language = place.name(language, source_language)
    province = content.place(place.province_id) if place.province_id else None
    inherited = content.local_contacts(place)[len(place.contacts):]
    communes = tuple((c, *c.name(language, source_language)) for c in place.communes)
    return PlaceView(place, name, name_language, province,
                     province.name(language, source_language)[0] if province else "",
                     place.contacts, inherited, communes)


def help_places(content: Content, language: str, source_language: str) -> list[tuple[Place, str, str]]:
    """The provinces as the help page lists them: (place, name, language of the name)."""
    return [(p, *p.name(language, source_language)) for p in content.places]

