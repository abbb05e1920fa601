"""Formats: the registry of leaflet formats, each one definition.

A format says its page size, its type sizes (handed to the template as data),
whether bilingual editions are made in it, and how its panels are laid out:
which blocks are fixed where, and in which order the rest flows. A new format
(an A6 card, an A3 poster) is one `Format` here, plus its name in the
interface strings (`leaflet.format.<name>`) and any new drawing in
overrides/leaflets/blocks.typ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ...messages import N_

if TYPE_CHECKING:
    from ...translation.localize import LocalCampaign
    from .blocks import Block, BlockMaker, Group, Panel

PAD_X, PAD_Y = 8.0, 10.0  # mm inside each panel: clear of folds and of printers' unprintable edges
BLEED = 3.0  # mm around each page of a print-shop edition
PANEL_LABELS = {"flap": N_("the inside flap"), "back": N_("the back panel"), "cover": N_("the cover panel"),
                "inside-1": N_("inside panel 1"), "inside-2": N_("inside panel 2"), "inside-3": N_("inside panel 3"),
                "front-page": N_("the front page"), "back-page": N_("the back page")}  # shown with _()
# Type sizes in points; a format overrides some of them.
BASE_STYLE = {"title": 24, "cover-title": 28, "summary": 14, "message": 15}
BILINGUAL_STYLE = {"title": 20, "summary": 12, "message": 13}

Layout = tuple[list["Panel"], list["Group"]]
LayoutFunction = Callable[["BlockMaker", "LocalCampaign", list["Group"]], list[Layout]]


@dataclass(frozen=True)
class Format:
    name: str
    width: float  # mm, the page
    height: float
    layouts: LayoutFunction  # the ways to lay out one language, best first
    style: tuple[tuple[str, float], ...] = ()
    bilingual: bool = False  # whether source + translation editions are made in this format

    def styles(self, bilingual: bool) -> dict[str, float]:
        return {**BASE_STYLE, **dict(self.style), **(BILINGUAL_STYLE if bilingual else {})}

    @property
    def inner_height(self) -> float:
        return self.height - 2 * PAD_Y


def panel(name: str, page: int, left: float, width: float, **options) -> Panel:
    from .blocks import Panel

    return Panel(name, page, left, width, width - 2 * PAD_X, **options)


def trifold_layouts(make: BlockMaker, local: LocalCampaign, sections: list[Group]) -> list[Layout]:
    """Outside: [inside flap | back | cover]; inside: three panels. The flap folds in, so it is narrower."""
    lang, draft = local.language, make.draft(local)
    panels = {p.name: p for p in (panel("flap", 0, 0.0, 97.0), panel("back", 0, 97.0, 100.0),
                                  panel("cover", 0, 197.0, 100.0), panel("inside-1", 1, 0.0, 100.0),
                                  panel("inside-2", 1, 100.0, 100.0), panel("inside-3", 1, 200.0, 97.0))}
    # A draft's mark stands on every panel: a panel cut out or photocopied alone still says it.
    for name in ("flap", "back", "inside-2", "inside-3"):
        panels[name].head = list(make.draft(local))
    panels["cover"].head = [*draft, make.title(local, "cover-title"), make.summary(local)]
    panels["cover"].foot = [make.hotlines(lang, "hotlines-compact")]
    panels["back"].head += [make.hotlines(lang, "hotlines")]
    panels["back"].foot = [make.qr(lang, make.job.urls[0])]
    panels["flap"].foot = [make.imprint(lang)]  # the back panel is full: hotlines and the code
    if make.job.place:
        # A place edition: the place page's QR code at the foot of the flap, beside the back panel (full with
        # the national hotlines and the campaign's codes); the place's contacts flow first inside, right
        # after the key messages.
        panels["flap"].foot = [make.place_qr(lang, "read_more_qr"), *panels["flap"].foot]
        sections = [make.place(lang), *sections]
    panels["inside-1"].head = [*draft, make.key_messages(local)]
    panels["inside-3"].foot = [make.read_more(lang), make.hotlines(lang, "hotlines-compact")]
    # Reading order once the cover is opened: inside panel 1 beside the flap, then the inside.
    for name in ("inside-1", "flap", "inside-2", "inside-3"):
        panels[name].flows = True
    return [([panels[n] for n in ("inside-1", "flap", "inside-2", "inside-3", "back", "cover")], sections)]


def flyer_layouts(make: BlockMaker, local: LocalCampaign, sections: list[Group]) -> list[Layout]:
    """The summary under the title; if the key messages then miss the front, they go first instead.

    A place edition tries first with the place's contacts opening the back page (after the national
    hotlines at the foot of the front); when the key messages then fit nowhere, the contacts flow
    right after the key messages instead. The A5 has room for a few contacts
    only: those that do not fit are left to the place's page, whose QR code is always printed.
    """
    from .blocks import Group

    summary, messages = make.summary(local), Group(make.key_messages_flowing(local), up_front=True)
    imprint = Group((make.imprint(local.language),))  # after the sections that fit, wherever there is room
    plain = [(_flyer_panels(make, local, [summary]), [messages, *sections, imprint]),
             (_flyer_panels(make, local, []), [messages, Group((summary,)), *sections, imprint])]
    if not make.job.place:
        return plain
    # When they do not all fit, the contacts are printed as they fit, in order (the first carries the
    # heading): every one of them is on the place's page, behind the second QR code.
    contacts = [Group((block,), optional=True, contact=True) for block in make.place(local.language).blocks]
    # The imprint goes before them there: a contact that takes its room would make the edition fail.
    flowing = [(_flyer_panels(make, local, [summary]), [messages, imprint, *contacts, *sections]),
               (_flyer_panels(make, local, []), [messages, Group((summary,)), imprint, *contacts, *sections])]
    for panels, _ in plain:  # the contacts open the back page
        panels[1].head = [*panels[1].head, *make.place(local.language).blocks]
        panels[1].optional = False
    return plain + flowing


def _flyer_panels(make: BlockMaker, local: LocalCampaign, summary: list) -> list[Panel]:
    """Front: title (and summary), then what flows as it fits; hotlines and QR at its foot. Back: the rest."""
    lang, width = local.language, FORMATS["a5-flyer"].width
    front = panel("front-page", 0, 0.0, width, head=[*make.draft(local), make.title(local), *summary],
                  foot=[make.contact(lang)], flows=True)
    # The back page carries the listening code: readers who do not read need it even when all the text
    # fits the front, so a flyer is one page only without a listening page.
    back = panel("back-page", 1, 0.0, width, head=make.draft(local), flows=True, optional=not make.job.listen_urls,
                 foot=[make.read_more_qr(lang)])
    if make.job.place:  # the front carries the campaign's QR code, the back the place page's
        back.foot = [make.place_qr(lang, "read_more_qr")]
    return [front, back]


def bilingual_layout(fmt: Format, make: BlockMaker, source: LocalCampaign, other: LocalCampaign) -> Layout:
    """Source and translation side by side, row by row; all of it must fit on the two pages."""
    from .blocks import Group

    both = (source, other)
    rows: list[list[Block | None]] = [[make.title(s) for s in both], [make.summary(s) for s in both], [make.remember(s) for s in both]]
    rows += [[make.message(s, i) if i < len(s.key_messages) else None for s in both]
             for i in range(max(len(s.key_messages) for s in both))]
    codes = [make.qr(s.language, url) for s, url in zip(both, make.job.urls, strict=True)]
    # On the back page the imprint says in both languages that a draft is a draft (there is no room for the mark).
    imprint = make.imprint(other.language, (other.language, source.language))
    foot = [make.hotlines_bilingual(source.language, other.language), make.row(codes), imprint]
    # The back page is the "get help" side: text rows that do not fit the front continue above it.
    # A draft's mark across the top of the front page, in both languages.
    return ([panel("front-page", 0, 0.0, fmt.width, flows=True, head=list(make.draft(other))),
             panel("back-page", 1, 0.0, fmt.width, flows=True, foot=foot)],
            [Group((make.row(r),)) for r in rows])


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("a4-trifold", 297.0, 210.0, trifold_layouts),
    Format("a5-flyer", 148.0, 210.0, flyer_layouts, style=(("message", 14),), bilingual=True),
)}
