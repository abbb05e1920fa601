"""Places: what `loa status` says of the places, and the print gate of a place edition.

A place without contacts sends its readers to the national hotlines only; a
contact not confirmed within a year may have changed (the 2025 reorganisation
changed most local offices). `loa status` lists both. A print-shop place
edition is refused while a contact it would print is not confirmed within a
year, or is dated in the future. Reads the model only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..content.model import Content, Place, confirmation
from ..content.places import stale
from ..content.problems import ERROR, Problem
from ..content.shared_files import confirmed_in_future, not_confirmed
from ..messages import N_, _


@dataclass(frozen=True)
class PlaceRow:
    """One line of `loa status` for a place."""

    key: str
    name: str
    contacts: int
    stale: tuple[str, ...]  # numbers not confirmed within a year

    @property
    def needs_work(self) -> bool:
        return not self.contacts or bool(self.stale)


def place_rows(content: Content, today: datetime.date) -> list[PlaceRow]:
    """Every province and commune, with its number of contacts and the stale ones."""
    source = content.campaigns[0].source_language if content.campaigns else "vi"
    return [PlaceRow(p.key, p.name(source, source)[0], len(p.contacts),
                     tuple(c.number for c in p.contacts if stale(c, today)))
            for p in content.all_places()]


def format_places(rows: list[PlaceRow]) -> str:
    """The places that need someone's attention, one per line; empty when none does."""
    lines = []
    for row in rows:
        if not row.contacts:
            lines.append("  " + _("{place} ({name}): no contacts yet: readers see the national hotlines only").format(
                place=row.key, name=row.name))
        elif row.stale:
            lines.append("  " + _("{place} ({name}): not confirmed within a year: {numbers}").format(
                place=row.key, name=row.name, numbers=", ".join(row.stale)))
    return "\n".join(lines)


CONFIRMATIONS = ("never", "stale", "current")  # content.model.confirmation; "future" is an error: no status then


def place_status(content: Content, tags: tuple[str, ...], today: datetime.date) -> list[dict]:
    """`loa status --places --json`: per place, the languages its name is written in and each contact's confirmation."""
    return [{"place": p.key, "kind": "commune" if p.province_id else "province",
             "name_languages": [t for t in tags if t in p.names], "name_missing": [t for t in tags if t not in p.names],
             "contacts": [{"number": c.number, "kind": c.kind, "checked": c.checked.isoformat() if c.checked else None,
                           "confirmation": confirmation(c.checked, today)} for c in p.contacts]}
            for p in content.all_places()]


def format_place_status(rows: list[dict]) -> str:
    """`loa status --places`: an aligned table, one line per place: its name's languages, its contacts by confirmation."""
    cells = [(_("place"), _("name in"), *(_(CONFIRMATION_WORDS[c]) for c in CONFIRMATIONS))]
    for row in rows:
        counts = [sum(c["confirmation"] == state for c in row["contacts"]) for state in CONFIRMATIONS]
        cells.append((row["place"], ", ".join(row["name_languages"]), *map(str, counts)))
    widths = [max(len(cell[i]) for cell in cells) for i in range(len(cells[0]))]
    return "\n".join("  ".join(v.ljust(widths[i]) if i < 2 else v.rjust(widths[i]) for i, v in enumerate(cell)).rstrip()
                     for cell in cells)


CONFIRMATION_WORDS = {"never": N_("never confirmed"), "stale": N_("over a year ago"), "current": N_("within a year")}


def place_print_problems(content: Content, place: Place, today: datetime.date | None = None) -> list[Problem]:
    """Why a print-shop edition for `place` cannot be printed: contacts not confirmed within a year, or in the future."""
    today = today or datetime.date.today()
    found = []
    for contact in content.local_contacts(place):
        file, _colon, line = contact.where.rpartition(":")
        if contact.checked is not None and contact.checked > today:
            message = confirmed_in_future(contact.number, contact.checked)
        elif stale(contact, today):
            message = not_confirmed(f"{contact.number} ({contact.kind})", contact.checked)
        else:
            continue
        found.append(Problem(file, int(line) if line.isdigit() else None, None, "checked",
                             _("{problem}: a print-shop edition is refused").format(problem=message),
                             _("call it, then set 'checked:' to today's date in campaigns/places.yml"), ERROR))
    return found
