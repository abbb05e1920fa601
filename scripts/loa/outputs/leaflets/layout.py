"""Layout: one leaflet from job to PDF: blocks, measure, pack, render, check.

The engine measures every block at its panel's width (one pass), Python packs
the blocks into the format's panels (what a leaflet must carry in its place,
then as many whole sections as fit, in order; a section may continue into the
next panel between paragraphs), and the engine renders the packed leaflet and
reports each panel's content height, which is checked against its box. The
engine's input is data (`inputs`), which is also what the cache key hashes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Mapping

from ...content.files import source_date_epoch
from ...content.problems import ContentError
from ...translation.strings import Strings, StringTables
from ...content.model import Section
from ...translation.localize import localize
from . import engine
from .blocks import LIST_ITEM, Block, BlockMaker, Group, Panel, markdown_pieces
from .formats import BLEED, FORMATS, PAD_X, PAD_Y, Layout, bilingual_layout
from .pack import check_panels, pack, select_sections
from .plan import LeafletJob


def layouts(job: LeafletJob, make: BlockMaker) -> list[Layout]:
    """The ways to lay the job out, best first: panels with their fixed blocks, and the groups that flow."""
    fmt = FORMATS[job.format]
    locals_ = [localize(job.campaign, lang) for lang in job.languages]
    if len(locals_) == 2:
        return [bilingual_layout(fmt, make, *locals_)]
    local = locals_[0]
    shown = {s.id: s for s in local.sections if not job.audience or not s.audiences or job.audience in s.audiences}
    chosen = job.campaign.leaflet_sections.get(job.format)
    if chosen:  # the officer's choice, in that order: each must fit
        sections = [Group(make.sections(local, shown[i]), section=i) for i in chosen if i in shown]
    else:  # everything that fits, in order; when not all do, what a reader must do is kept first
        source = {s.id: s for s in job.campaign.source.sections}
        sections = [Group(make.sections(local, s), optional=True, section=s.id, priority=priority(source[s.id]))
                    for s in shown.values()]
    return fmt.layouts(make, local, sections)


def priority(section: Section) -> int:
    """0 for steps to take (a section written mostly as a list), 1 for background (mostly paragraphs).

    Read from the source text, so every language keeps the same sections first."""
    pieces = markdown_pieces(section.body or "")
    items = sum(1 for piece in pieces if LIST_ITEM.match(piece))
    return 0 if items > len(pieces) - items else 1


def document(job: LeafletJob, make: BlockMaker) -> dict:
    """What every pass of the engine is given besides the blocks: page, type sizes, language, title, date."""
    fmt = FORMATS[job.format]
    local = localize(job.campaign, job.language)
    return {"format": job.format, "lang": job.languages[0], "title": f"{local.title.text} ({job.format})",
            "date": pdf_date(), "style": fmt.styles(len(job.languages) == 2),
            "page": {"width": fmt.width, "height": fmt.height, "pad-x": PAD_X, "pad-y": PAD_Y,
                     "bleed": BLEED if job.print_shop else 0.0}}


def inputs(job: LeafletJob, strings: StringTables | Mapping[str, Strings], draw_qr: bool = True) -> dict:
    """Everything the PDF is made from, as data: the document and every candidate layout's blocks.

    draw_qr=False: each QR code as its URL only (the drawing is segno's function of it: a cache key
    hashes segno's version instead, and a build need not draw every code in its own process too)."""
    make = BlockMaker(job, strings, draw_qr)
    return {**document(job, make), "layouts": [
        {"panels": [{"name": p.name, "width": p.width, "head": [b.data for b in p.head],
                     "foot": [b.data for b in p.foot]} for p in panels],
         "groups": [[b.data for b in g.blocks] for g in groups]} for panels, groups in layouts(job, make)]}


@dataclass
class Prepared:
    """A leaflet's blocks and the ways to lay them out, made once: measured (maybe with other leaflets'
    blocks, `measure_ahead`), then packed and rendered."""

    make: BlockMaker
    candidates: list[Layout]
    heights: dict[int, float] | None = None  # by id() of each block, once measured


def prepare(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> Prepared:
    make = BlockMaker(job, strings)
    return Prepared(make, layouts(job, make))


def measure_ahead(prepared: list[tuple[LeafletJob, Prepared]]) -> None:
    """Measure the blocks of several leaflets in one pass of the engine, which keeps the heights for
    `render_one` and `printed_sections` (a campaign's leaflets: a worker gets them together)."""
    if not prepared:
        return
    items = [_all_sized(p.candidates) for _, p in prepared]
    measured = engine.measure_many(prepared[0][0].overrides_dir, [_measure_data(job, p.make, sized)
                                                                  for (job, p), sized in zip(prepared, items, strict=True)])
    for (_, p), sized, heights in zip(prepared, items, measured, strict=True):
        p.heights = _by_block(sized, heights)


def render_one(job: LeafletJob, strings: StringTables | Mapping[str, Strings], prepared: Prepared | None = None) -> bytes:
    """The PDF of one leaflet. Raises ContentError when something that must be printed does not fit."""
    prepared = prepared or prepare(job, strings)
    make = prepared.make
    fmt = FORMATS[job.format]
    panels, _ = _packed(job, prepared)
    panels = [p for p in panels if p.flow or not p.optional]
    pages = sorted({p.page for p in panels})
    data = {**document(job, make), "mode": "render",
            "pages": [[_panel_data(p) for p in panels if p.page == n] for n in pages]}
    pdf, rendered = engine.render(job.overrides_dir, data)
    problems = check_panels(job, panels, rendered, len(pages), fmt.inner_height, make.hotlines_file())
    if problems:
        raise ContentError(problems)
    return pdf


def printed_sections(job: LeafletJob, strings: StringTables | Mapping[str, Strings],
                     prepared: Prepared | None = None) -> tuple[list[str], list[str]]:
    """(ids of the sections the leaflet prints, ids it leaves for the site), measured, not rendered."""
    panels, groups = _packed(job, prepared or prepare(job, strings))
    placed = {id(b) for p in panels for b in p.flow}
    printed = [g.section for g in groups if g.section and id(g.blocks[0]) in placed]
    return printed, [s.id for s in job.campaign.source.sections if s.id not in printed]


def printed_contacts(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> tuple[int, int]:
    """(contacts the place edition prints, contacts it has), measured, not rendered."""
    panels, groups = _packed(job, prepare(job, strings))
    placed = {id(b) for p in panels for b in [*p.head, *p.flow]}
    total = len(job.place.contacts) if job.place else 0
    if not total:  # nothing to leave out: the edition says the place has no contacts yet
        return 0, 0
    left = sum(1 for g in groups if g.contact and id(g.blocks[0]) not in placed)
    return total - left, total


def _packed(job: LeafletJob, prepared: Prepared) -> tuple[list[Panel], list[Group]]:
    """The chosen layout with its flowing blocks placed, and its groups. ContentError when it cannot be."""
    fmt = FORMATS[job.format]
    make, candidates = prepared.make, prepared.candidates
    heights = prepared.heights if prepared.heights is not None else measure_blocks(job, make, _all_sized(candidates))
    outcomes = []
    for panels, groups in candidates:
        # A block taller than any panel is an error even in a section that may be left out: checked first,
        # by packing the groups with nothing in the flow; then the sections are chosen by priority.
        problems = pack(job, [replace(p, flow=[]) for p in panels], [], heights, fmt.inner_height,
                        make.hotlines_file(), also_fit=[b for g in groups for b in g.blocks])
        if not problems:
            kept = select_sections(job, panels, groups, heights, fmt.inner_height, make.hotlines_file())
            problems = pack(job, panels, kept, heights, fmt.inner_height, make.hotlines_file())
        outcomes.append((panels, problems, groups))
    fitting = [(panels, groups) for panels, problems, groups in outcomes if not problems]
    if not fitting:
        raise ContentError(outcomes[0][1])
    # The first layout that has what matters most on the first page; else the first that fits.
    return next(((p, g) for p, g in fitting if _required_up_front(p, g)), fitting[0])


def measure_blocks(job: LeafletJob, make: BlockMaker, items: list[tuple[float, Block]]) -> dict[int, float]:
    """Height in mm of every block, by id(), at the width it is given (the engine lays out each distinct
    block once: the same block in two candidate layouts is measured once)."""
    return _by_block(items, engine.measure(job.overrides_dir, _measure_data(job, make, items)))


def _by_block(items: list[tuple[float, Block]], heights: list[float]) -> dict[int, float]:
    """The engine's heights (in the order of `items`) by id() of each block."""
    return {id(b): height for (_, b), height in zip(items, heights, strict=True)}


def _measure_data(job: LeafletJob, make: BlockMaker, items: list[tuple[float, Block]]) -> dict:
    return {**document(job, make), "items": [{"width": width, "block": b.data} for width, b in items]}


def _all_sized(candidates: list[Layout]) -> list[tuple[float, Block]]:
    return [item for panels, groups in candidates for item in _sized(panels, groups)]


def _sized(panels: list[Panel], groups: list[Group]) -> list[tuple[float, Block]]:
    """(width, block) to measure: fixed blocks at their panel's width, flowing ones at the narrowest."""
    flow_width = min((p.inner_width for p in panels if p.flows), default=0.0)
    return [(p.inner_width, b) for p in panels for b in p.head + p.foot] + \
        [(flow_width, b) for g in groups for b in g.blocks]


def _required_up_front(panels: list[Panel], groups: list[Group]) -> bool:
    wanted = {id(b) for g in groups if g.up_front for b in g.blocks}
    return not any(id(b) in wanted for p in panels if p.page > 0 for b in p.flow)


def _panel_data(p: Panel) -> dict:
    return {"name": p.name, "left": p.left, "width": p.width, "main": [b.data for b in p.head + p.flow],
            "foot": [b.data for b in p.foot]}


def pdf_date() -> list[int] | None:
    """PDF dates from SOURCE_DATE_EPOCH when set, none otherwise: the same input gives the same bytes."""
    epoch = source_date_epoch()
    if epoch is None:
        return None
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return [moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second]

