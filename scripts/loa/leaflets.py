"""Leaflets: print-ready PDF leaflets from the content model, with WeasyPrint.

The only module that imports WeasyPrint. `plan_leaflets` lists one job per
campaign, language and format (plus bilingual A5 editions); `render_one`
lays a job out and renders it; `render_leaflets` renders them all, with a
content-hash cache and a process pool.

WeasyPrint never reports text that overflows a fixed box (and a fixed-height
multi-column box silently drops it), so leaflets are laid out in two passes.
First every block (title, key messages, each paragraph or list item of a
section...) is measured at its panel's width, and the blocks are packed into
explicit panels: what a leaflet must carry in its place, then as many whole
sections as fit, in order (a section may continue into the next panel between
paragraphs), and a "scan the code to read more" line for the rest. Then the
leaflet is rendered and every panel's content is checked against its box.
What must be printed and does not fit is a ContentError naming the campaign,
language, format and what overflowed: nothing is ever cut silently.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import jinja2
import pydyf
import segno
import weasyprint
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import markup
from .config import SiteConfig
from .model import Campaign, Content, Hotline
from .pages import LeafletLink
from .problems import ContentError, Problem, display_path
from .progress import progress_bar
from .strings import Strings, StringTables
from .translations import Item, LocalCampaign, LocalSection, localize

MM = 96 / 25.4  # CSS pixels per millimetre: WeasyPrint lays out in CSS pixels
PAGE_SIZES = {"a4-trifold": (297.0, 210.0), "a5-flyer": (148.0, 210.0)}
PAD_X, PAD_Y = 8.0, 10.0  # mm inside each panel: clear of folds and of printers' unprintable edges
BILINGUAL_FORMAT = "a5-flyer"
QR_ERROR = "q"  # survives creases and smudges; M or Q, never boosted to H (bigger modules)
# Outside: [inside flap | back | cover]; inside: three panels. The flap folds in, so it is narrower.
TRIFOLD = (("flap", 0, 0.0, 97.0), ("back", 0, 97.0, 100.0), ("cover", 0, 197.0, 100.0),
           ("inside-1", 1, 0.0, 100.0), ("inside-2", 1, 100.0, 100.0), ("inside-3", 1, 200.0, 97.0))
PANEL_LABELS = {"flap": "the inside flap", "back": "the back panel", "cover": "the cover panel",
                "inside-1": "inside panel 1", "inside-2": "inside panel 2", "inside-3": "inside panel 3",
                "front-page": "the front page", "back-page": "the back page"}
ASSETS = "leaflets"  # templates, CSS and fonts, below the overrides folder
STYLESHEET = "leaflet.css"
CACHE_DAYS = 60  # a cached PDF no build has used for this long is deleted
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class LeafletJob:
    """One PDF to make: everything its rendering needs, so a worker process can do it alone."""

    campaign: Campaign
    hotlines: tuple[Hotline, ...]
    languages: tuple[str, ...]  # one language, or (source, other) for a bilingual edition
    format: str
    path: str  # relative output path, e.g. leaflets/safe-migration/vi+hmn-a5-flyer.pdf
    urls: tuple[str, ...]  # the campaign page in each language, for the QR codes
    source_language: str
    language_names: tuple[tuple[str, str], ...]
    overrides_dir: Path
    audience: str | None = None
    print_shop: bool = False

    @property
    def language(self) -> str:
        """The reader's language; for a bilingual edition, the one beside the source language."""
        return self.languages[-1]

    @property
    def name(self) -> str:
        edition = "".join(f", {e}" for e in (self.audience, "print shop" if self.print_shop else None) if e)
        return f"leaflet {self.campaign.slug}, {'+'.join(self.languages)}, {self.format}{edition}"


def plan_leaflets(config: SiteConfig, content: Content, audience: str | None = None,
                  print_shop: bool = False) -> list[LeafletJob]:
    """Every campaign x language x format, then bilingual A5 editions (source + each translation file).

    An audience edition covers only the campaigns for that audience. A bilingual edition needs a
    translation file: without one it would print the source language twice.
    """
    jobs = []
    for campaign in content.campaigns:
        if audience and audience not in campaign.audiences:
            continue  # an edition for schools has nothing to say about a campaign not meant for them
        hotlines = content.campaign_hotlines(campaign)
        pairs = [(lang,) for lang in config.tags]
        pairs += [(config.default_language, lang) for lang in config.tags[1:] if lang in campaign.texts]
        for languages in pairs:
            for fmt in campaign.leaflets:
                if len(languages) == 1 or fmt == BILINGUAL_FORMAT:
                    jobs.append(_job(config, campaign, hotlines, languages, fmt, audience, print_shop))
    return jobs


def _job(config, campaign, hotlines, languages, fmt, audience, print_shop) -> LeafletJob:
    suffix = "".join(f"-{s}" for s in (audience, "print" if print_shop else None) if s)
    return LeafletJob(
        campaign=campaign, hotlines=hotlines, languages=languages, format=fmt,
        path=f"leaflets/{campaign.slug}/{'+'.join(languages)}-{fmt}{suffix}.pdf",
        urls=tuple(config.page_url(lang, f"campaigns/{campaign.slug}/") for lang in languages),
        source_language=config.default_language,
        language_names=tuple((lang.tag, lang.name) for lang in config.languages),
        overrides_dir=config.overrides_dir, audience=audience, print_shop=print_shop)


# --- rendering many: cache, pool, progress ------------------------------------

def render_leaflets(config: SiteConfig, content: Content, strings: StringTables, out_dir: Path, cache_dir: Path,
                    audience: str | None = None, print_shop: bool = False, jobs: int | None = None,
                    progress: bool = False) -> list[LeafletLink]:
    """Render every planned leaflet into out_dir; unchanged ones are copied from the cache."""
    planned = plan_leaflets(config, content, audience, print_shop)
    assets = _assets_digest(config.overrides_dir)
    keys = [_cache_key(job, _job_strings(job, strings), assets) for job in planned]
    cache_dir.mkdir(parents=True, exist_ok=True)
    misses = [i for i, key in enumerate(keys) if not (cache_dir / f"{key}.pdf").is_file()]
    bar = progress_bar(len(misses), "leaflets", "leaflet", progress)
    problems: dict[int, list[Problem]] = {}
    for index, pdf, found in _render_all([(i, planned[i], _job_strings(planned[i], strings)) for i in misses], jobs):
        problems[index] = found
        if pdf is not None:
            _write_atomic(cache_dir / f"{keys[index]}.pdf", pdf)
        bar.update()
    bar.close()
    if any(problems.values()):
        raise ContentError([p for index in sorted(problems) for p in problems[index]])  # in plan order
    links = []
    prune_cache(cache_dir, keep=set(keys))
    for job, key in zip(planned, keys, strict=True):
        target = out_dir / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{key}.pdf", target)
        label = " + ".join(job.languages) if len(job.languages) > 1 else ""
        links.append(LeafletLink(job.campaign.slug, job.language, job.format, job.path, target.stat().st_size, label))
    return links


def prune_cache(cache_dir: Path, keep: set[str], days: int = CACHE_DAYS) -> int:
    """Mark the leaflets in `keep` as used today; delete others unused for `days`. Returns how many went.

    Every edit leaves the previous PDFs behind. An entry is not deleted on the first build that
    does not use it: audience and print-shop editions (`loa leaflets`) share the cache.
    """
    oldest = time.time() - days * 86400
    removed = 0
    for path in cache_dir.iterdir():
        if path.stem in keep and path.suffix == ".pdf":
            os.utime(path)
        elif path.stat().st_mtime < oldest and path.suffix in (".pdf", ".tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _render_all(work: list, jobs: int | None):
    """(index, pdf or None, problems) for each job; in this process when one worker is enough."""
    workers = min(jobs or os.cpu_count() or 1, len(work))
    if workers <= 1:
        for index, job, strings in work:
            yield (index, *_render_safely(job, strings))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_render_safely, job, strings): index for index, job, strings in work}
        for future in as_completed(futures):
            yield (futures[future], *future.result())


def _render_safely(job: LeafletJob, strings: Mapping[str, Strings]) -> tuple[bytes | None, list[Problem]]:
    """Problems travel back from worker processes as values: ContentError does not pickle."""
    try:
        return render_one(job, strings), []
    except ContentError as error:
        return None, error.problems


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _job_strings(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> dict[str, Strings]:
    table = strings.loa if isinstance(strings, StringTables) else strings
    return {lang: table[lang] for lang in {*job.languages, job.source_language}}


def _assets_digest(overrides_dir: Path) -> str:
    """Templates, CSS and fonts, and this module's code: all shape the PDF. Read afresh each run (live preview)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted((overrides_dir / ASSETS).rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(overrides_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _cache_key(job: LeafletJob, strings: Mapping[str, Strings], assets: str) -> str:
    """A hash of everything the PDF depends on: printed text, hotlines, strings, URLs, assets, versions."""
    data = {
        "texts": [_printed(localize(job.campaign, lang)) for lang in job.languages],
        "hotlines": [[h.number, dict(h.names), h.free, h.hours] for h in job.hotlines],
        "strings": {lang: [dict(s.own), dict(s.fallback)] for lang, s in sorted(strings.items())},
        "job": [job.format, job.path, job.urls, job.source_language, job.language_names, job.audience, job.print_shop],
        "versions": [weasyprint.__version__, pydyf.__version__, segno.__version__],
        "epoch": os.environ.get("SOURCE_DATE_EPOCH"), "assets": assets,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _printed(local: LocalCampaign) -> dict:
    items = [local.title, local.summary, *local.key_messages]
    return {"status": local.status, "items": [(i.text, i.language, i.fallback) for i in items],
            "sections": [(s.heading.text, s.body.text, s.heading.language, s.fallback, s.audiences)
                         for s in local.sections]}


# --- one leaflet: plan the panels, measure, pack, render, check ----------------

@dataclass(frozen=True)
class Block:
    """One unit of a leaflet that is never split: a title, a section, the hotlines..."""

    kind: str  # the template's name for it
    lang: str  # the reader's language of this block (its UI strings)
    data: Any = None
    what: str = ""  # how messages name it: 'the section "Dấu hiệu lừa đảo"'
    file: str = ""  # where its text is written, for messages
    field: str = ""


@dataclass(frozen=True)
class Part:
    """A piece of a section that a panel may end after: a paragraph or a list item (the first has the heading)."""

    section: LocalSection
    markdown: str
    first: bool
    last: bool
    item: bool  # a list item: set closer to its neighbours than paragraphs are


@dataclass(frozen=True)
class Group:
    """Blocks placed all or none: a section's parts, or one block. Only sections may be left out."""

    blocks: tuple[Block, ...]
    optional: bool = False
    up_front: bool = False  # a layout that prints it on the first page is preferred


@dataclass
class Panel:
    """A fixed box on a page: blocks at the top (head, then flow) and pinned to the bottom (foot)."""

    name: str
    page: int
    left: float  # mm from the page's left edge
    width: float  # mm, fold to fold
    head: list[Block] = field(default_factory=list)
    foot: list[Block] = field(default_factory=list)
    flow: list[Block] = field(default_factory=list)
    flows: bool = False  # whether flowing blocks (key messages, sections...) may be packed here
    optional: bool = False  # left out (a one-page leaflet) when nothing flows into it

    @property
    def inner_width(self) -> float:
        return self.width - 2 * PAD_X


def render_one(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> bytes:
    """The PDF of one leaflet. Raises ContentError when something that must be printed does not fit."""
    html, panels, pages = _lay_out(job, strings)
    document = _render_html(html, job.overrides_dir / ASSETS)
    problems = _check_layout(job, document, panels, pages)
    if problems:
        raise ContentError(problems)
    return document.write_pdf()


def leaflet_html(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> str:
    """The HTML a leaflet is rendered from, once packed: for tests and for work on the templates.

    It is styled by leaflet.css, which is handed to WeasyPrint beside the HTML (see `_render_html`).
    """
    return _lay_out(job, strings)[0]


def _lay_out(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> tuple[str, list[Panel], int]:
    """Measure, pack and write the leaflet's HTML: (html, panels used, number of pages)."""
    page_width, page_height = PAGE_SIZES[job.format]
    env = _environment(job.overrides_dir)
    context = _context(job, _job_strings(job, strings))
    layouts = _layouts(job)
    heights = _measure(env, context, [item for panels, groups in layouts for item in _sized(panels, groups)],
                       job.overrides_dir / ASSETS)
    # The first layout that has what matters most on the first page; else the first that fits.
    outcomes = [(panels, _pack(job, panels, groups, heights, page_height - 2 * PAD_Y), groups)
                for panels, groups in layouts]
    fitting = [(panels, groups) for panels, problems, groups in outcomes if not problems]
    if not fitting:
        raise ContentError(outcomes[0][1])
    panels = next((p for p, g in fitting if _required_up_front(p, g)), fitting[0][0])
    panels = [p for p in panels if p.flow or not p.optional]
    pages = [[p for p in panels if p.page == n] for n in sorted({p.page for p in panels})]
    html = env.get_template("leaflet.html").render(pages=pages, page_width=page_width, page_height=page_height,
                                                    **context)
    return html, panels, len(pages)


def _sized(panels: list[Panel], groups: list[Group]) -> list[tuple[float, Block]]:
    """(width, block) to measure: fixed blocks at their panel's width, flowing ones at the narrowest."""
    flow_width = min((p.inner_width for p in panels if p.flows), default=0.0)
    return [(p.inner_width, b) for p in panels for b in p.head + p.foot] + \
        [(flow_width, b) for g in groups for b in g.blocks]


def _required_up_front(panels: list[Panel], groups: list[Group]) -> bool:
    wanted = {id(b) for g in groups if g.up_front for b in g.blocks}
    return not any(id(b) in wanted for p in panels if p.optional for b in p.flow)


def _layouts(job: LeafletJob) -> list[tuple[list[Panel], list[Group]]]:
    """The ways to lay the job out, best first: panels with their fixed blocks, and the groups that flow."""
    locals_ = [localize(job.campaign, lang) for lang in job.languages]
    if len(locals_) == 2:
        return [_bilingual(job, *locals_)]
    local = locals_[0]
    sections = [Group(_section_blocks(job, local, s), optional=True) for s in local.sections
                if not job.audience or not s.audiences or job.audience in s.audiences]
    if job.format == "a4-trifold":
        return [(_trifold(job, local), sections)]
    # A5: the summary under the title; if the key messages then miss the front, they go first instead.
    summary, messages = _summary(job, local), Group((_key_messages(job, local),), up_front=True)
    return [(_a5(job, local, [summary]), [messages, *sections]),
            (_a5(job, local, []), [messages, Group((summary,)), *sections])]


def _trifold(job: LeafletJob, local: LocalCampaign) -> list[Panel]:
    lang, draft = local.language, _draft(local)
    panels = {name: Panel(name, page, left, width) for name, page, left, width in TRIFOLD}
    panels["cover"].head = [*draft, _title(job, local, "cover-title"), _summary(job, local)]
    panels["cover"].foot = [_hotlines(job, lang, "hotlines-compact")]
    panels["back"].head = [_hotlines(job, lang, "hotlines")]
    panels["back"].foot = [Block("qr", lang, job.urls[0], "the QR code")]
    panels["inside-1"].head = [*draft, _key_messages(job, local)]
    panels["inside-3"].foot = [Block("read_more", lang, what='the "read more" line'),
                               _hotlines(job, lang, "hotlines-compact")]
    # Reading order once the cover is opened: inside panel 1 beside the flap, then the inside.
    for name in ("inside-1", "flap", "inside-2", "inside-3"):
        panels[name].flows = True
    return [panels[n] for n in ("inside-1", "flap", "inside-2", "inside-3", "back", "cover")]


def _a5(job: LeafletJob, local: LocalCampaign, summary: list[Block]) -> list[Panel]:
    """Front: title (and summary), then what flows as it fits; hotlines and QR at its foot. Back: the rest."""
    lang, width = local.language, PAGE_SIZES["a5-flyer"][0]
    contact = Block("contact", lang, (job.hotlines, job.urls[0]), "the hotlines with the QR code",
                    _hotlines_file(job), "hotlines")
    front = Panel("front-page", 0, 0.0, width, head=[*_draft(local), _title(job, local), *summary],
                  foot=[contact], flows=True)
    back = Panel("back-page", 1, 0.0, width, head=_draft(local), flows=True, optional=True,
                 foot=[Block("read_more_qr", lang, job.urls[0], 'the "read more" line and the QR code')])
    return [front, back]


def _bilingual(job: LeafletJob, source: LocalCampaign, other: LocalCampaign) -> tuple[list[Panel], list[Group]]:
    """Source and translation side by side, row by row; all of it must fit on the two pages."""
    both = (source, other)
    rows = [[None, *_draft(other)]] if other.is_draft else []
    rows += [[_title(job, s) for s in both], [_summary(job, s) for s in both],
             [Block("remember", s.language, what="the key messages heading") for s in both]]
    messages = [[_message(job, s, i) if i < len(s.key_messages) else None for s in both]
                for i in range(max(len(s.key_messages) for s in both))]
    hotlines = Block("hotlines-bilingual", other.language, job.hotlines, "the hotlines", _hotlines_file(job),
                     "hotlines")
    codes = [Block("qr", s.language, url, "the QR code") for s, url in zip(both, job.urls, strict=True)]
    width = PAGE_SIZES[job.format][0]
    # The back page is the "get help" side: text rows that do not fit the front continue above it.
    return [Panel("front-page", 0, 0.0, width, flows=True),
            Panel("back-page", 1, 0.0, width, flows=True, foot=[hotlines, _row(codes)])], \
        [Group((_row(r),)) for r in rows + messages]


def _message(job: LeafletJob, local: LocalCampaign, index: int) -> Block:
    item = local.key_messages[index]
    return Block("message", local.language, item, f"key message {index + 1}", _file_of(job, item),
                 f"key_messages[{index}]")


def _row(pair: list[Block | None]) -> Block:
    texts = [b for b in pair if b is not None]
    main = texts[-1]
    return Block("row", main.lang, tuple(pair), main.what, main.file, main.field)


def _draft(local: LocalCampaign) -> list[Block]:
    return [Block("draft", local.language, what="the draft mark")] if local.is_draft else []


def _title(job: LeafletJob, local: LocalCampaign, kind: str = "title") -> Block:
    return Block(kind, local.language, local.title, "the title", _file_of(job, local.title), "title")


def _summary(job: LeafletJob, local: LocalCampaign) -> Block:
    return Block("summary", local.language, local.summary, "the summary", _file_of(job, local.summary), "summary")


def _key_messages(job: LeafletJob, local: LocalCampaign) -> Block:
    first = local.key_messages[0]
    return Block("key_messages", local.language, local.key_messages, "the key messages", _file_of(job, first),
                 "key_messages")


def _section_blocks(job: LeafletJob, local: LocalCampaign, section: LocalSection) -> tuple[Block, ...]:
    text = job.campaign.texts[section.heading.language]
    where = f"sections[{next(i for i, s in enumerate(text.sections) if s.id == section.id)}]"
    pieces = _pieces(section.body.text) or [""]
    blocks = []
    for index, piece in enumerate(pieces):
        part = Part(section, piece, index == 0, index == len(pieces) - 1, bool(_LIST_ITEM.match(piece)))
        blocks.append(Block("section", local.language, part, f'the section "{section.heading.text}"',
                            display_path(text.file), where))
    return tuple(blocks)


def _pieces(markdown_text: str) -> list[str]:
    """Markdown cut between paragraphs and between list items: where a panel may end."""
    pieces: list[list[str]] = []
    blank = False
    for line in markdown_text.splitlines():
        if not line.strip():
            blank = True
            continue
        indented = line[:1] in (" ", "\t")
        if pieces and blank and indented:
            pieces[-1].append("")  # a list item's next paragraph stays with it
        elif not pieces or blank or _LIST_ITEM.match(line):
            pieces.append([])
        pieces[-1].append(line)
        blank = False
    return ["\n".join(piece) for piece in pieces]


def _snippet(markdown_text: str) -> str:
    words = _LIST_ITEM.sub("", markdown_text).split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _hotlines(job: LeafletJob, lang: str, kind: str) -> Block:
    return Block(kind, lang, job.hotlines, "the hotlines", _hotlines_file(job), "hotlines")


def _file_of(job: LeafletJob, item: Item) -> str:
    return display_path(job.campaign.texts[item.language].file)


def _hotlines_file(job: LeafletJob) -> str:
    return display_path(job.campaign.folder.parent / "hotlines.yml")


def _measure(env: jinja2.Environment, context: dict, items: list[tuple[float, Block]], assets: Path) -> dict[int, float]:
    """Height in mm of every block, by id(), at the width it is given."""
    items = list({id(b): (width, b) for width, b in items}.values())
    html = env.get_template("measure.html").render(items=items, **context)
    document = _render_html(html, assets)
    heights = {id(b): float("inf") for _, b in items}  # a block beyond the first page is far too long anyway
    for box in _boxes(document.pages[0], "data-measure"):
        heights[id(items[int(box.element.get("data-measure"))][1])] = box.margin_height() / MM
    return heights


def _pack(job: LeafletJob, panels: list[Panel], groups: list[Group], heights: dict[int, float],
          inner_height: float) -> list[Problem]:
    """Fill the flowing panels with whole groups, in order. Sections may be left for the site; nothing else may."""
    free = []
    for panel in panels:
        fixed = sum(heights[id(b)] for b in panel.head + panel.foot)
        if fixed > inner_height:
            return [_overflow(job, panel.head + panel.foot, PANEL_LABELS[panel.name], fixed, inner_height)]
        free.append(inner_height - fixed if panel.flows else 0.0)
    largest = max(free, default=0.0)
    for block in (b for g in groups for b in g.blocks):
        if heights[id(block)] > largest:  # it could never be printed, whatever else is left out
            where = "one panel" if len(panels) > 2 else "one page"
            return [_overflow(job, [block], where, heights[id(block)], largest)]
    position = 0
    for group in groups:
        placed = _place(group, free, position, heights)
        if placed is None:
            if group.optional:
                continue  # this section stays on the site, where the "read more" line leads; a later one may fit
            needed = sum(heights[id(b)] for b in group.blocks)
            return [_overflow(job, list(group.blocks), "the two pages", needed, sum(free[position:]))]
        for block, index in placed:
            panels[index].flow.append(block)
            free[index] -= heights[id(block)]
            position = index
    return []


def _place(group: Group, free: list[float], position: int, heights: dict[int, float]) -> list | None:
    """Where each block of the group goes, from panel `position` on; None if they do not all fit."""
    room, placed = list(free), []
    for block in group.blocks:
        height = heights[id(block)]
        while position < len(room) and height > room[position]:
            position += 1
        if position == len(room):
            return None
        room[position] -= height
        placed.append((block, position))
    return placed


def _check_layout(job: LeafletJob, document, panels: list[Panel], pages: int) -> list[Problem]:
    """The rendered leaflet, checked: the right number of pages, and no panel's text past its box."""
    if len(document.pages) != pages:
        return [Problem(_file_of(job, localize(job.campaign, job.language).title), None, None, "",
                        f"{job.name}: the PDF has {len(document.pages)} pages instead of {pages}",
                        "this is a bug in Loa's leaflet templates: please report it")]
    # Text past a fixed box is cut by WeasyPrint without a word, and the box's own height then
    # grows to the page's edge: so compare with the panel's intended size, not the box's.
    inner = (PAGE_SIZES[job.format][1] - 2 * PAD_Y) * MM
    edges: dict[tuple[str, str], float] = {}  # (panel, edge) -> y in CSS pixels
    for page in document.pages:
        for box in _boxes(page, "data-role"):
            name, role = box.element.get("data-panel"), box.element.get("data-role")
            y = box.content_box_y() if role == "panel" else box.position_y
            edges[name, role] = y + (box.margin_height() if role == "main" else 0)
    problems = []
    for panel in panels:
        top = edges[panel.name, "panel"]
        limit = edges.get((panel.name, "foot"), -1.0) if panel.foot else top + inner  # -1: foot pushed off the page
        if edges[panel.name, "main"] > limit + 0.5:
            needed = (edges[panel.name, "main"] - top) / MM + (top + inner - max(limit, top)) / MM
            problems.append(_overflow(job, panel.head + panel.flow + panel.foot, PANEL_LABELS[panel.name],
                                      needed, inner / MM))
    return problems


def _overflow(job: LeafletJob, blocks: list[Block], where: str, needed: float, room: float) -> Problem:
    """The problem for blocks that do not fit: named by what they are and where they are written."""
    texts = [b for b in blocks if b.field] or blocks
    texts = [b for b in texts if b.file == texts[0].file]  # the file named first, and its fields
    whats = list(dict.fromkeys(b.what for b in blocks if b.what))
    what = _join(whats)
    if len(blocks) == 1 and blocks[0].kind == "section" and not blocks[0].data.first:
        what += f', from "{_snippet(blocks[0].data.markdown)}"'  # which paragraph is too long
    verb = "does" if len(whats) == 1 else "do"
    hint = ("split it into shorter paragraphs or list items: a leaflet breaks a section only between them"
            if blocks[0].kind == "section" and len(blocks) == 1 else
            "shorten the text: leaflets keep body text at 12 pt and hotline numbers large, so it cannot shrink")
    return Problem(texts[0].file or _hotlines_file(job), None, None,
                   ", ".join(dict.fromkeys(b.field for b in texts if b.field)),
                   f"{job.name}: {what} {verb} not fit {where} (needs {needed:.0f} mm, has {max(room, 0):.0f} mm)",
                   hint)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _boxes(page, attribute: str):
    """Each layout box of `page` made by an element with `attribute`, once (its first fragment)."""
    seen: set[int] = set()
    stack = [page._page_box]
    while stack:
        item = stack.pop()
        box = getattr(item, "_box", item)  # absolutely placed boxes sit behind a placeholder
        element = getattr(box, "element", None)
        if element is not None and element.get(attribute) is not None and id(element) not in seen \
                and getattr(box, "pseudo_type", None) is None:
            seen.add(id(element))
            yield box
        stack.extend(reversed(getattr(box, "children", ())))


# --- templates ------------------------------------------------------------------

@lru_cache(maxsize=4)
def _environment(overrides_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(overrides_dir / ASSETS)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["markdown"] = markup.render_markdown
    return env


def _context(job: LeafletJob, strings: Mapping[str, Strings]) -> dict:
    names = dict(job.language_names)

    def ui(lang: str, key: str, **values: object) -> Markup:
        """A UI string; wrapped with its own lang when it fell back to the source language."""
        text = strings[lang](key, **values)
        if lang != job.source_language and strings[lang].language_of(key):
            return Markup('<span lang="{}">{}</span>').format(job.source_language, text)
        return Markup.escape(text)

    def lang_attr(item: Item, lang: str) -> Markup:
        return Markup(' lang="{}"').format(item.language) if item.language != lang else Markup("")

    def hotline_name(hotline: Hotline, lang: str) -> tuple[str, str]:
        return hotline.name(lang, job.source_language)

    def hotline_facts(hotline: Hotline, lang: str) -> Markup:
        """'Free · 24/7, day and night' in the reader's language."""
        facts = [ui(lang, "hotline.free")] if hotline.free else []
        if hotline.always_open:
            facts.append(ui(lang, "hotline.always_open"))
        elif hotline.hours:
            facts.append(Markup.escape(hotline.hours))
        return Markup(" · ").join(facts)

    local = localize(job.campaign, job.language)
    return {"job": job, "lang": job.languages[0], "ui": ui, "lang_attr": lang_attr, "names": names,
            "hotline_name": hotline_name, "hotline_facts": hotline_facts, "qr": _qr_svg, "print_shop": job.print_shop,
            "format": job.format, "bilingual": len(job.languages) == 2,
            "title": f"{local.title.text} ({job.format})", "date": _date()}


def _qr_svg(url: str) -> Markup:
    """A vector QR code (never Micro QR: most phones cannot read it), 4-module quiet zone included."""
    code = segno.make_qr(url, error=QR_ERROR, boost_error=False)
    return Markup(code.svg_inline(border=4, omitsize=True, svgclass="qr-code", lineclass=None))


def _date() -> str | None:
    """PDF dates from SOURCE_DATE_EPOCH when set, none otherwise: the same input gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _render_html(html: str, assets: Path) -> weasyprint.Document:
    """Lay out a leaflet's HTML with leaflet.css and its fonts, parsed once per process (two renders per leaflet)."""
    css, fonts = _stylesheet(assets.resolve(), _stamp(assets))
    return weasyprint.HTML(string=html, base_url=assets.resolve().as_uri() + "/", url_fetcher=_offline()).render(
        stylesheets=[css], font_config=fonts)


@lru_cache(maxsize=4)
def _stylesheet(assets: Path, stamp: tuple) -> tuple[weasyprint.CSS, FontConfiguration]:
    # Given as a user stylesheet: it still overrides WeasyPrint's defaults, and a
    # leaflet's own <style> (its page size) still overrides it.
    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(assets / STYLESHEET), url_fetcher=_offline(), font_config=fonts)
    return css, fonts


def _stamp(assets: Path) -> tuple:
    """Sizes and times of the stylesheet and fonts: after a change (live preview) they are parsed again."""
    files = [assets / STYLESHEET, *sorted((assets / "fonts").glob("*"))]
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file())


def _offline() -> URLFetcher:
    """Only local files (the CSS and fonts): a leaflet never fetches anything from the network."""
    return URLFetcher(allowed_protocols=("file", "data"))
