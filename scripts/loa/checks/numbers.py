"""Numbers: every phone-like number in a text must be one of the campaign's hotlines (or a place contact
in campaigns/places.yml), and never a retired one.

A wrong number on paper cannot be recalled: a `112` typed for `111` sends a
frightened reader to the wrong service. What counts as phone-like: emergency
short codes (11x), numbers of 7 to 13 digits that start like Vietnamese or
international numbers (0..., +..., 84..., 1800/1900...), and every `tel:` link.
ID card numbers (9 or 12 digits in one run) are left to the safety check.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..content.model import Campaign, Content, Hotline
from ..content.problems import ERROR, WARNING, Problem
from ..messages import _
from .texts import all_texts

_TEL_LINK = re.compile(r"\(tel:([^)\s]*)\)")
_CANDIDATE = re.compile(r"(?<![\w/.,+-])(\+?\d[\d .-]{1,18}\d|\d{3})(?![\w/]|[.,-]\d)")
_SHORT_CODE = re.compile(r"^11\d$")
_LONG_PREFIX = re.compile(r"^(0|84|1800|1900)")


def phone_numbers(text: str) -> Iterator[tuple[str, str]]:
    """(as written, digits) for every different phone-like number in `text`, tel: links included."""
    seen: set[str] = set()
    for written, digits in _phone_numbers(text):
        if digits not in seen:
            seen.add(digits)
            yield written, digits


def _phone_numbers(text: str) -> Iterator[tuple[str, str]]:
    seen_spans = []
    for match in _TEL_LINK.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if digits:
            seen_spans.append(match.span())
            yield match.group(1), ("+" if match.group(1).startswith("+") else "") + digits
    for match in _CANDIDATE.finditer(text):
        if any(start <= match.start() < end for start, end in seen_spans):
            continue
        written = match.group(1).strip(" .-")
        digits = re.sub(r"\D", "", written)
        if _is_phone_like(written, digits):
            yield written, ("+" if written.startswith("+") else "") + digits


def _is_phone_like(written: str, digits: str) -> bool:
    if _SHORT_CODE.match(written):
        return True
    if not 7 <= len(digits) <= 13 or (written.isdigit() and len(digits) in (9, 12)):
        return False  # a 9- or 12-digit run is an ID card number, not a phone number
    return written.startswith("+") or bool(_LONG_PREFIX.match(digits))


def number_problems(content: Content, severity: str) -> Iterator[Problem]:
    """Retired numbers are errors everywhere; other numbers not among the campaign's hotlines get `severity`."""
    return _number_problems(content, severity, {c.slug for c in content.campaigns}, frozenset())


def numbers_in_partial_content(content: Content, unsure: frozenset[str], places_unsure: bool) -> Iterator[Problem]:
    """While campaigns/ has errors: the number problems in the texts that did validate, with no false alarm.

    `content` holds what validated: the hotlines and retired numbers whose entry has no error, the
    campaigns without one. A number written in an entry with an error (`unsure`) is not reported, nor
    is a stray number in a campaign naming a hotline whose entry has one, nor any stray number while
    the places files have errors (a contact's number is known only from a valid places file).
    """
    known = {h.id for h in content.hotlines}
    complete = set() if places_unsure else {c.slug for c in content.campaigns if set(c.hotlines) <= known}
    return _number_problems(content, WARNING, complete, unsure)


def _number_problems(content: Content, severity: str, strays_in: set[str], unsure: frozenset[str]) -> Iterator[Problem]:
    """Retired numbers in every text; stray ones in the campaigns `strays_in`; none of the `unsure` numbers."""
    retired = {r.digits: r for r in content.retired}
    every = {_digits(h.number): h for h in content.hotlines}
    local = {_digits(c.number) for p in content.all_places() for c in p.contacts}  # places.yml: known numbers too
    for place in all_texts(content):
        strays = place.campaign.slug in strays_in
        own = {_digits(h.number): h for h in content.campaign_hotlines(place.campaign)} if strays else {}
        for written, digits in phone_numbers(place.text):
            key = digits.lstrip("+")
            if key in unsure:
                continue
            if key in retired:
                yield _retired(place, written, retired[key], every)
            elif strays and key not in own and key not in local:
                yield _stray(place, written, key, own, every.get(key), severity)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _retired(place, written: str, entry, hotlines: dict[str, Hotline]) -> Problem:
    replacement = next((h for h in hotlines.values() if h.id == entry.replaced_by), None)
    instead = f"{replacement.number}, {replacement.id}" if replacement else entry.replaced_by
    if entry.note:
        message = _("the number {number} is retired ({note}): it must never be printed again").format(number=written, note=entry.note)
    else:
        message = _("the number {number} is retired: it must never be printed again").format(number=written)
    return place.doc.problem(place.path, message, _("write {number} instead (campaigns/hotlines.yml, retired)").format(number=instead), ERROR, at=written)


def _stray(place, written: str, digits: str, own: dict[str, Hotline], known: Hotline | None, severity: str) -> Problem:
    campaign: Campaign = place.campaign
    listed = ", ".join(f"{h.number} ({h.id})" for h in own.values())
    message = _("the number {number} is not one of this campaign's hotlines ({hotlines})").format(number=written, hotlines=listed)
    if known is not None:
        hint = _("add {id} to hotlines: in campaigns/{campaign}/campaign.yml, or remove the number").format(id=known.id, campaign=campaign.slug)
    else:
        close = [h for h in own.values() if _one_digit_apart(_digits(h.number), digits)]
        if close:
            hint = _("did you mean {number}? if readers should call it, add it to campaigns/hotlines.yml and to this campaign's "
                     "hotlines; if it is a person's number, remove it").format(number=close[0].number)
        else:
            hint = _("if readers should call it, add it to campaigns/hotlines.yml and to this campaign's hotlines; "
                     "if it is a person's number, remove it")
    return place.doc.problem(place.path, message, hint, severity, at=written)


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
