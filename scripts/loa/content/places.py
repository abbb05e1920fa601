"""Places: read `campaigns/places.yml` (provinces, their communes, local contacts) into the model.

Field shapes come from `spec.PLACES_FILE`; this module adds what one field
alone cannot tell, as `validate` does for hotlines: ids unique (provinces in
the file, communes in their province), each name in the source language,
language tags the site knows, confirmation dates (a future date is an error,
an old or missing one a warning), and no retired number. The file is optional:
without it there are no place pages and no place editions.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable

from . import kinds, spec
from .load import Document
from .model import Contact, Place, Retired, confirmation
from .problems import WARNING, Problem
from .site import SiteConfig
from .shared_files import CALL_IT_HINT, DATE_CALLED_HINT, add_name, confirmed_in_future, missing_name, not_a_site_language, not_confirmed
from ..messages import N_, _

PLACES_FILE_NAME = "places.yml"
PLACES_DIR = "places"  # optional: one file per province, campaigns/places/<province>.yml, same shape

Reader = Callable[[Path, spec.Object, list[Problem]], tuple[Document | None, bool]]


def check_places(folder: Path, config: SiteConfig, today: datetime.date, retired: tuple[Retired, ...],
                 read: Reader, problems: list[Problem]) -> tuple[Place, ...]:
    """The provinces of campaigns/places.yml and campaigns/places/*.yml with their communes; () on any error.

    A whole country (34 provinces, 3,000 communes) is too big for one file within the loader's
    bounds: each province may have its own file in campaigns/places/, and ids stay unique across files.
    """
    paths = [folder / PLACES_FILE_NAME] if (folder / PLACES_FILE_NAME).is_file() else []
    if (folder / PLACES_DIR).is_dir():
        paths += sorted((folder / PLACES_DIR).glob("*.yml"))
    before = len(problems)
    seen: dict[str, str] = {}  # province id -> file:line where it was first given
    provinces: list[Place] = []
    for path in paths:
        doc, ok = read(path, spec.PLACES_FILE, problems)
        if doc is not None and ok:
            provinces += _Checker(doc, config, today, {r.digits: r for r in retired}, problems, seen).provinces()
    return tuple(provinces) if not any(p.severity == "error" for p in problems[before:]) else ()


OWN_ID = {"province": N_("give each province its own id"), "commune": N_("give each commune its own id")}


class _Checker:
    """Walks one well-shaped places.yml, reporting into `problems` and building the places."""

    def __init__(self, doc: Document, config: SiteConfig, today: datetime.date, retired: dict[str, Retired],
                 problems: list[Problem], provinces_seen: dict[str, str]):
        self.doc, self.config, self.today, self.retired, self.problems = doc, config, today, retired, problems
        self.provinces_seen = provinces_seen  # across files

    def provinces(self) -> tuple[Place, ...]:
        return self._places(("places",), self.doc.data["places"], "", "province")

    def _places(self, where: tuple, items: list, prefix: str, what: str) -> tuple[Place, ...]:
        seen: dict[str, str] = self.provinces_seen if what == "province" else {}
        places = []
        for index, item in enumerate(items):
            here = where + (index,)
            line, _column = self.doc.where(here + ("id",))
            first = seen.setdefault(item["id"], f"{self.doc.shown}:{line}")
            if first != f"{self.doc.shown}:{line}":
                if what == "province":
                    message = _("the id '{id}' is used by two provinces (first at {first})").format(id=item["id"], first=first)
                else:
                    message = _("the id '{id}' is used by two communes in the province '{province}'").format(
                        id=item["id"], province=prefix.rstrip("/"))
                self.problems.append(self.doc.problem(here + ("id",), message, _(OWN_ID[what])))
            self._names(here + ("name",), item["name"])
            key = prefix + item["id"]
            contacts = tuple(self._contact(here + ("contacts", i), c) for i, c in enumerate(item.get("contacts") or []))
            communes = self._places(here + ("communes",), item.get("communes") or [], key + "/", "commune")
            places.append(Place(key, dict(item["name"]), contacts, communes))
        return tuple(places)

    def _names(self, where: tuple, names: dict) -> None:
        source = self.config.default_language
        if source not in names:
            self.problems.append(self.doc.problem(where, missing_name(source), add_name(source)))
        for tag in names:
            if tag not in self.config.tags:
                self.problems.append(self.doc.problem(where + (tag,), not_a_site_language(tag, self.config.tags),
                                                      _("fix the tag, or add the language to mkdocs.yml"), WARNING))

    def _contact(self, where: tuple, item: dict) -> Contact:
        self._names(where + ("name",), item["name"])
        number, checked = item["number"], item.get("checked")
        digits = number.replace(" ", "").lstrip("+")
        if digits in self.retired:
            entry = self.retired[digits]
            message = (_("the number {number} is retired ({note})").format(number=number, note=entry.note) if entry.note
                       else _("the number {number} is retired").format(number=number))
            self.problems.append(self.doc.problem(where + ("number",), message,
                                                  _("write the contact's current number (campaigns/hotlines.yml, retired)")))
        self._checked(where, number, checked)
        line, _column = self.doc.where(where)
        return Contact(item["kind"], number, dict(item["name"]), item.get("hours"), item.get("address"),
                       item.get("source"), checked, f"{self.doc.shown}:{line}")

    def _checked(self, where: tuple, number: str, checked: datetime.date | None) -> None:
        state = confirmation(checked, self.today)  # the hotlines' rule: confirmed within a year
        if state == "future":
            self.problems.append(self.doc.problem(where + ("checked",), confirmed_in_future(number, checked), _(DATE_CALLED_HINT)))
        elif state in ("never", "stale"):
            self.problems.append(self.doc.problem(where + ("checked",) if checked else where, not_confirmed(number, checked),
                                                  _(CALL_IT_HINT), WARNING))


def stale(contact: Contact, today: datetime.date) -> bool:
    """Not confirmed within a year (or never): not to be printed by a print shop."""
    return confirmation(contact.checked, today) in ("never", "stale")


def find_place(places: tuple[Place, ...], key: str) -> tuple[Place | None, str]:
    """The place named `lao-cai` or `lao-cai/y-ty`, or None and a did-you-mean hint."""
    every = {p.key: p for province in places for p in (province, *province.communes)}
    if key.strip("/") in every:
        return every[key.strip("/")], ""
    hint = kinds.did_you_mean(key, every)
    if not hint and "/" in key:
        province = every.get(key.split("/")[0])
        if province is not None:
            communes = ", ".join(c.key for c in province.communes[:8]) or _("none yet")
            hint = _("communes of {province} in campaigns/places.yml: {communes}").format(province=province.key, communes=communes)
    return None, hint or _("places in campaigns/places.yml: {places}").format(places=", ".join(p.key for p in places[:8]) or _("none yet"))
