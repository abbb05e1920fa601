"""Pack: place measured blocks into a format's panels, and check the rendered panels.

Engine-independent: heights in mm come from the engine's measure pass; what
must be printed and does not fit is a Problem naming the campaign, language,
format and what did not fit. Nothing is ever cut silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ...content.problems import Problem
from ...messages import _, ngettext
from .blocks import Block, Group, Panel
from .formats import PAD_Y, PANEL_LABELS
from .plan import LeafletJob

TOLERANCE_MM = 0.2  # rounding between the measure pass and the final layout


def pack(job: LeafletJob, panels: list[Panel], groups: list[Group], heights: dict[int, float],
         inner_height: float, hotlines_file: str, also_fit: Sequence[Block] = ()) -> list[Problem]:
    """Fill the flowing panels with whole groups, in order. Sections may be left for the site; nothing else may.

    Every block of `groups` and `also_fit` must fit one flowing panel, or it could never be printed."""
    free = []
    for p in panels:
        fixed = sum(heights[id(b)] for b in p.head + p.foot)
        if fixed > inner_height + TOLERANCE_MM:
            return [overflow(job, p.head + p.foot, _(PANEL_LABELS[p.name]), fixed, inner_height, hotlines_file)]
        free.append(inner_height - fixed if p.flows else 0.0)
    largest = max(free, default=0.0)
    for block in [*(b for g in groups for b in g.blocks), *also_fit]:
        if heights[id(block)] > largest + TOLERANCE_MM:  # it could never be printed, whatever else is left out
            where = _("one panel") if len(panels) > 2 else _("one page")
            return [overflow(job, [block], where, heights[id(block)], largest, hotlines_file)]
    position = 0
    for group in groups:
        placed = _place(group, free, position, heights)
        if placed is None:
            if group.optional:
                continue  # this section stays on the site, where the "read more" line leads; a later one may fit
            needed = sum(heights[id(b)] for b in group.blocks)
            return [overflow(job, list(group.blocks), _("the two pages"), needed, sum(free[position:]), hotlines_file)]
        for block, index in placed:
            panels[index].flow.append(block)
            free[index] -= heights[id(block)]
            position = index
    return []


def select_sections(job: LeafletJob, panels: list[Panel], groups: list[Group], heights: dict[int, float],
                    inner_height: float, hotlines_file: str) -> list[Group]:
    """The groups to pack: every required one, and the optional sections that fit, chosen by priority
    (steps before background, then in order) but kept in their order on the page."""
    kept: set[int] = set()
    for candidate in sorted((g for g in groups if g.optional), key=lambda g: g.priority):
        trial = [g for g in groups if not g.optional or id(g) in kept or g is candidate]
        blank = [replace(p, flow=[]) for p in panels]
        if not pack(job, blank, [replace(g, optional=False) for g in trial], heights, inner_height, hotlines_file):
            kept.add(id(candidate))
    return [replace(g, optional=False) if g.optional else g for g in groups if not g.optional or id(g) in kept]


def _place(group: Group, free: list[float], position: int, heights: dict[int, float]) -> list | None:
    """Where each block of the group goes, from panel `position` on; None if they do not all fit."""
    room, placed = list(free), []
    for block in group.blocks:
        height = heights[id(block)]
        while position < len(room) and height > room[position] + TOLERANCE_MM:
            position += 1
        if position == len(room):
            return None
        room[position] -= height
        placed.append((block, position))
    return placed


def check_panels(job: LeafletJob, panels: list[Panel], marks: list[dict], pages: int, inner_height: float,
                 hotlines_file: str) -> list[Problem]:
    """The rendered leaflet, checked: each panel on its page, and no panel's flow past its foot or its box.

    `marks` say where each panel's flow ended and its foot began on the page, in mm from its top.
    """
    found = {(m["panel"], m["edge"]): m for m in marks}
    problems = []
    for p in panels:
        end = found.get((p.name, "main"))
        if end is None or end["page"] != p.page + 1 or max(m["page"] for m in marks) != pages:
            return [Problem(hotlines_file, None, None, "", _("{leaflet}: {panel} was not drawn on page {page}").format(
                                leaflet=job.name, panel=_(PANEL_LABELS[p.name]), page=p.page + 1),
                            _("this is a bug in Loa's leaflet template: please report it"))]
        bottom = PAD_Y + inner_height
        foot = bottom - found[p.name, "foot"]["y"] if p.foot else 0.0
        needed = end["y"] - PAD_Y + foot
        if needed > inner_height + TOLERANCE_MM:
            problems.append(overflow(job, p.head + p.flow + p.foot, _(PANEL_LABELS[p.name]), needed, inner_height,
                                     hotlines_file))
    return problems


def overflow(job: LeafletJob, blocks: list[Block], where: str, needed: float, room: float,
             hotlines_file: str) -> Problem:
    """The problem for blocks that do not fit: named by what they are and where they are written."""
    texts = [b for b in blocks if b.field] or blocks
    texts = [b for b in texts if b.file == texts[0].file]  # the file named first, and its fields
    whats = list(dict.fromkeys(b.what for b in blocks if b.what))
    what = _join(whats)
    if len(blocks) == 1 and blocks[0].snippet:
        what = _('{what}, from "{snippet}"').format(what=what, snippet=blocks[0].snippet)  # which paragraph is too long
    hint = (_("split it into shorter paragraphs or list items: a leaflet breaks a section only between them")
            if blocks[0].kind == "section" and len(blocks) == 1 else
            _("shorten the contacts' names and hours, or keep fewer contacts for this place: a place edition "
              "prints them all, with numbers large") if blocks[0].kind == "place" else
            _("shorten the text: leaflets keep body text at 12 pt and hotline numbers large, so it cannot shrink"))
    message = ngettext("{leaflet}: {what} does not fit {where} (needs {needed:.0f} mm, has {room:.0f} mm)",
                       "{leaflet}: {what} do not fit {where} (needs {needed:.0f} mm, has {room:.0f} mm)", len(whats))
    return Problem(texts[0].file or hotlines_file, None, None,
                   ", ".join(dict.fromkeys(b.field for b in texts if b.field)),
                   message.format(leaflet=job.name, what=what, where=where, needed=needed, room=max(room, 0)), hint)


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])
