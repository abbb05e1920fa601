"""Shared files: hotlines.yml, publisher.yml and wording.yml, which every campaign uses, and how each file is read.

`read_checked` is the one way `validate` reads a campaign file: parsed once, its
shape checked against `spec`, and kept (in `Found.documents`) so later checks
name file:line:field without parsing it again.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from . import kinds, spec
from .load import Document, read_document
from .model import Hotline, Phrase, Publisher, Retired, confirmation
from .problems import ERROR, WARNING, Problem, display_path
from .site import SiteConfig
from ..messages import N_, _

HOTLINES_FILE_NAME = "hotlines.yml"
PUBLISHER_FILE_NAME = "publisher.yml"
WORDING_FILE_NAME = "wording.yml"


class Found(list):
    """The problems found so far, and every document read (by path): checks later name file:line from them."""

    def __init__(self) -> None:
        super().__init__()
        self.documents: dict[Path, Document] = {}


def read_checked(path: Path, kind: kinds.Kind, problems: list[Problem]) -> tuple[Document | None, bool]:
    """The document (None if it cannot be parsed) and whether its fields have the right shape."""
    doc, loaded = read_document(path)
    problems.extend(loaded)
    if doc is None:
        return None, False
    if isinstance(problems, Found):
        problems.documents[path] = doc
    if doc.data is None:
        problems.append(doc.problem((), _("the file is empty"), _("see docs/guide/writing-campaigns.md for what goes in it")))
        return None, False
    found = list(kind.check(doc, (), doc.data))
    problems.extend(found)
    return doc, not any(p.severity == ERROR for p in loaded + found)


def check_hotlines(path: Path, config: SiteConfig, today: datetime.date,
                   problems: list[Problem]) -> tuple[dict[str, Hotline | None] | None, tuple[Retired, ...], frozenset[str]]:
    """Hotlines by id, retired numbers, and the digits of numbers in entries with errors.

    When the file has errors, the entries without one are still read (as if alone) and the other
    readable ids map to None: campaigns' references, and the numbers in their texts, can still be checked.
    """
    if not path.exists():
        problems.append(Problem(display_path(path), None, None, "", _("the shared hotlines file is missing"),
                                _("create campaigns/hotlines.yml with at least one hotline (see docs/writing-campaigns.md)")))
        return None, (), frozenset()
    before = len(problems)
    doc, ok = read_checked(path, spec.HOTLINES_FILE, problems)
    if doc is None or not ok:
        return _readable_entries(doc, [p.field for p in problems[before:] if p.severity == ERROR])
    hotlines: dict[str, Hotline | None] = {}
    for index, item in enumerate(doc.data["hotlines"]):
        where = ("hotlines", index)
        if item["id"] in hotlines:
            problems.append(doc.problem(where + ("id",), _("the id '{id}' is used by two hotlines").format(id=item["id"]),
                                        _("give each hotline its own id")))
        if config.default_language not in item["name"]:
            problems.append(doc.problem(where + ("name",), missing_name(config.default_language), add_name(config.default_language)))
        for tag in item["name"]:
            if tag not in config.tags:
                problems.append(doc.problem(where + ("name", tag), not_a_site_language(tag, config.tags),
                                            _("fix the tag, or add the language to mkdocs.yml"), WARNING))
        checked = item.get("checked")
        state = confirmation(checked, today)
        if state == "future":
            problems.append(doc.problem(where + ("checked",), confirmed_in_future(item["number"], checked),
                                        _(DATE_CALLED_HINT)))
        elif state in ("never", "stale"):
            problems.append(doc.problem(where + ("checked",) if checked else where, not_confirmed(item["number"], checked),
                                        _(CALL_IT_HINT), WARNING))
        hotlines[item["id"]] = _hotline(item)
    return hotlines, _check_retired(doc, hotlines, problems), frozenset()


def _hotline(item: dict) -> Hotline:
    return Hotline(item["id"], item["number"], dict(item["name"]), item.get("free", False), item.get("hours"),
                   item.get("source"), item.get("checked"), item.get("required", False), item.get("reachable"))


def _readable_entries(doc: Document | None, errors: list[str]) -> tuple[dict[str, Hotline | None] | None,
                                                                      tuple[Retired, ...], frozenset[str]]:
    """Of a hotlines.yml with errors: the hotlines and retired numbers whose entry has none, each as if alone.

    Entries with an error keep their readable id (mapped to None), and the digits of their
    readable number are returned as unsure: such a number may be a hotline's once the entry is fixed.
    """
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    hotlines: dict[str, Hotline | None] = {}
    retired, unsure = [], set()
    for key in ("hotlines", "retired"):
        for index, item in mapping_items(data, key):
            if _entry_has_error(key, index, errors):
                unsure.add("".join(c for c in str(item.get("number", "")) if c.isdigit()))
                if key == "hotlines" and isinstance(item.get("id"), str):
                    hotlines.setdefault(item["id"], None)
            elif key == "hotlines":
                hotlines.setdefault(item["id"], _hotline(item))
            else:
                retired.append(Retired(item["number"], item["replaced_by"], item.get("note")))
    return hotlines or None, tuple(retired), frozenset(unsure - {""})


def _entry_has_error(key: str, index: int, errors: list[str]) -> bool:
    """Whether an error is in hotlines[index] (or retired[index]), or in the list or file around it."""
    entry = f"{key}[{index}]"
    return any(field in ("", key) or field == entry or field.startswith((entry + ".", entry + "[")) for field in errors)


def _check_retired(doc: Document, hotlines: dict[str, Hotline | None], problems: list[Problem]) -> tuple[Retired, ...]:
    """Retired numbers: each names a hotline that replaced it, and no hotline may still use one."""
    retired = []
    for index, item in mapping_items(doc.data, "retired"):
        where = ("retired", index)
        if item["replaced_by"] not in hotlines:
            problems.append(doc.problem(where + ("replaced_by",), _("no hotline has the id '{id}'").format(id=item["replaced_by"]),
                                        kinds.did_you_mean(item["replaced_by"], hotlines)
                                        or _("known ids: {ids}").format(ids=", ".join(hotlines))))
        entry = Retired(item["number"], item["replaced_by"], item.get("note"))
        for h_index, hotline in enumerate(doc.data["hotlines"]):
            if hotline["number"].replace(" ", "") == entry.digits:
                problems.append(doc.problem(("hotlines", h_index, "number"), _("the number {number} is retired (campaigns/hotlines.yml, retired[{index}])")
                                            .format(number=hotline["number"], index=index),
                                            _("write the number that replaced it, or remove it from the retired list")))
        retired.append(entry)
    return tuple(retired)


def check_wording(path: Path, config: SiteConfig, problems: list[Problem]) -> dict[str, tuple[Phrase, ...]]:
    """campaigns/wording.yml, when there is one: per language, phrases to avoid and better ones."""
    if not path.is_file():
        return {}
    doc, ok = read_checked(path, spec.WORDING_FILE, problems)
    if doc is None or not ok:
        return {}
    for tag in doc.data:
        if tag not in config.tags:
            problems.append(doc.problem((tag,), not_a_site_language(tag, config.tags),
                                        _("fix the tag, or add the language to mkdocs.yml"), WARNING))
    return {tag: tuple(Phrase(p["avoid"], p["instead"], p.get("why")) for p in phrases or [])
            for tag, phrases in doc.data.items()}


def check_publisher(path: Path, config: SiteConfig, problems: list[Problem]) -> Publisher | None:
    """campaigns/publisher.yml, when there is one: optional for the site, required for the print shop."""
    if not path.is_file():
        return None
    doc, ok = read_checked(path, spec.PUBLISHER_FILE, problems)
    if doc is None or not ok:
        return None
    data = doc.data
    if config.default_language not in data["organisation"]:
        problems.append(doc.problem(("organisation",), _("the organisation's name in the source language ({language}) is missing")
                                    .format(language=config.default_language),
                                    _("add '{language}: ...' under organisation").format(language=config.default_language)))
        return None
    return Publisher(dict(data["organisation"]), data.get("contact"), data.get("edition"),
                     data.get("free_distribution", False), path)


DATE_CALLED_HINT = N_("write the date the number was really called (year-month-day)")
CALL_IT_HINT = N_("call it, then set 'checked:' to today's date: a wrong number on paper cannot be recalled")


def not_a_site_language(tag: str, tags) -> str:
    """"'xx' is not one of the site's languages (vi, hmn, ...)": said of a file, a name or a folder."""
    return _("'{tag}' is not one of the site's languages ({languages})").format(tag=tag, languages=", ".join(tags))


def missing_name(language: str) -> str:
    return _("the name in the source language ({language}) is missing").format(language=language)


def add_name(language: str) -> str:
    return _("add '{language}: ...' under name").format(language=language)


def confirmed_in_future(number: str, checked) -> str:
    return _("the number {number} is dated as confirmed on {date}, a day still to come").format(number=number, date=checked)


def not_confirmed(number: str, checked) -> str:
    """'the number 111 has never been confirmed' or '... was last confirmed on 2024-01-01'."""
    if checked is None:
        return _("the number {number} has never been confirmed").format(number=number)
    return _("the number {number} was last confirmed on {date}").format(number=number, date=checked)


def mapping_items(data: dict, key: str):
    """(index, item) for the mappings in a list, skipping values of the wrong shape (already reported)."""
    value = data.get(key)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []
