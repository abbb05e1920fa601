"""Blocks: the units a leaflet is packed from, each carrying the data the template draws.

This is the one place where campaign fields become leaflet data: every text
is a plain string in a dict (`{"v": text, "lang": ...}`), Markdown becomes a
tree of nodes (`markup.markdown_tree`), and the template draws it as data,
never as Typst markup. A new printed field (an imprint, a label) is one
method here plus its drawing in overrides/leaflets/blocks.typ.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import segno

from ...content import markup
from ...content.model import Contact, Hotline
from ...content.problems import display_path
from ...messages import _
from ...translation import imprint
from ...translation.strings import Strings, StringTables
from ...translation.localize import Item, LocalCampaign, LocalSection, phone_facts
from .plan import LeafletJob, PlaceEdition

QR_ERROR = "q"  # survives creases and smudges; M or Q, never boosted to H (bigger modules)
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
PAD = {"block": 4.0, "part": 2.0, "item": 1.0, "last": 5.0, "row-message": 1.5, "cell": 0.0}  # mm below a block


@dataclass(frozen=True, eq=False)
class Block:
    """One unit of a leaflet that is never split: a title, a piece of a section, the hotlines...

    Compared by identity: two equal texts are still two blocks, each measured and placed.
    """

    kind: str
    data: dict  # what the template draws (kind and lang included): JSON
    what: str = ""  # how messages name it: 'the section "Dấu hiệu lừa đảo"'
    file: str = ""  # where its text is written, for messages
    field: str = ""
    snippet: str = ""  # a section's later piece: its first words, to say which paragraph is too long


@dataclass(frozen=True)
class Group:
    """Blocks placed all or none: a section's pieces, or one block. Only sections may be left out."""

    blocks: tuple[Block, ...]
    optional: bool = False
    up_front: bool = False  # a layout that prints it on the first page is preferred
    section: str = ""  # the section's id, for a section
    priority: int = 0  # left-out order when not all sections fit: lower is kept first (see formats.priority)
    contact: bool = False  # one of a place edition's contacts (an A5 prints those that fit: loa says how many)


@dataclass
class Panel:
    """A fixed box on a page: blocks at the top (head, then flow) and pinned to the bottom (foot)."""

    name: str
    page: int
    left: float  # mm from the page's left edge
    width: float  # mm, fold to fold
    inner_width: float  # mm, inside the panel's padding
    head: list[Block] = field(default_factory=list)
    foot: list[Block] = field(default_factory=list)
    flow: list[Block] = field(default_factory=list)
    flows: bool = False  # whether flowing blocks (key messages, sections...) may be packed here
    optional: bool = False  # left out (a one-page leaflet) when nothing flows into it


class BlockMaker:
    """Makes the blocks of one leaflet job: its texts, interface strings and hotlines as data."""

    def __init__(self, job: LeafletJob, strings: StringTables | Mapping[str, Strings], draw_qr: bool = True):
        """draw_qr=False leaves each QR code's drawing out (its URL stays): a cache key needs only the URL."""
        self.job = job
        self.draw_qr = draw_qr
        self.strings = strings.loa if isinstance(strings, StringTables) else strings
        self.names = dict(job.language_names)

    def _block(self, kind: str, lang: str, data: dict, what: str = "", file: str = "", field: str = "",
               pad: float = PAD["block"], snippet: str = "") -> Block:
        return Block(kind, {"kind": kind, "lang": lang, "pad": pad, **data}, what, file, field, snippet)

    # --- text as data ---------------------------------------------------------------

    def ui(self, lang: str, key: str, **values: object) -> dict:
        """An interface string; marked with the source language when it fell back to it."""
        fell_back = lang != self.job.source_language and self.strings[lang].language_of(key)
        return {"v": self.strings[lang](key, **values), "lang": self.job.source_language if fell_back else None}

    def item(self, item: Item, reader: str) -> dict:
        """A campaign text: its own language when not the reader's, and a note when it fell back."""
        note = self.ui(reader, "fallback.item", language=self.names[item.language])["v"] if item.fallback else None
        return {"v": item.text, "lang": item.language if item.language != reader else None, "note": note}

    def file_of(self, item: Item) -> str:
        return _shown(self.job.campaign.texts[item.language].file)

    def hotlines_file(self) -> str:
        return _shown(self.job.campaign.folder.parent / "hotlines.yml")

    # --- the blocks ------------------------------------------------------------------

    def draft(self, local: LocalCampaign) -> list[Block]:
        """The draft mark, in the reader's language and the source language (for who hands it out)."""
        if not local.is_draft:
            return []
        texts = [self.ui(local.language, "leaflet.draft")]
        if local.language != self.job.source_language:
            texts.append({**self.ui(self.job.source_language, "leaflet.draft"), "lang": self.job.source_language})
        return [self._block("draft", local.language, {"texts": texts}, what=_("the draft mark"))]

    def imprint(self, reader: str, readers: tuple[str, ...] = ()) -> Block:
        """Who issues the leaflet, the edition, each language's reviewer and "free, not for sale" (translation/imprint.py).

        A draft's line is printed bold, also in each of `readers` (a bilingual edition: in both languages).
        """
        source = self.job.source_language
        lines = imprint.publisher_lines(self.job.publisher, reader, self.strings, source)
        lines += imprint.reviewer_lines(self.job.campaign, self.job.languages, reader, self.strings, self.names)
        for other in (r for r in readers if r != reader):
            drafts = imprint.reviewer_lines(self.job.campaign, self.job.languages, other, self.strings, self.names)
            lines += [{**line, "lang": line["lang"] or other} for line in drafts if line.get("draft")]
        return self._block("imprint", reader, {"lines": lines}, _("the imprint"))

    def title(self, local: LocalCampaign, kind: str = "title") -> Block:
        return self._block(kind, local.language, {"text": self.item(local.title, local.language)}, _("the title"),
                           self.file_of(local.title), "title")

    def summary(self, local: LocalCampaign) -> Block:
        return self._block("summary", local.language, {"text": self.item(local.summary, local.language)},
                           _("the summary"), self.file_of(local.summary), "summary")

    def key_messages(self, local: LocalCampaign) -> Block:
        lang = local.language
        items = [self.item(m, lang) for m in local.key_messages]
        for later in items[1:]:
            later["note"] = None  # a list is taken whole: one note above it
        return self._block("key_messages", lang, {"heading": self.ui(lang, "leaflet.remember"), "items": items},
                           _("the key messages"), self.file_of(local.key_messages[0]), "key_messages")

    def key_messages_flowing(self, local: LocalCampaign) -> tuple[Block, ...]:
        """The key messages as blocks that may go on overleaf, the heading kept with the first message:
        an A5 front with room for two of them prints two, not a gap."""
        whole = self.key_messages(local)
        items, last = whole.data["items"], len(local.key_messages) - 1
        first = self._block("key_messages", local.language, {"heading": whole.data["heading"], "items": items[:1]},
                            _("the key messages"), whole.file, "key_messages", PAD["block"] if last == 0 else 0.0)
        return (first, *(self._block("message", local.language, {"text": item},
                                     _("key message {number}").format(number=index + 1),
                                     self.file_of(local.key_messages[index]), f"key_messages[{index}]",
                                     PAD["block"] if index == last else 0.0)
                         for index, item in enumerate(items) if index > 0))

    def remember(self, local: LocalCampaign) -> Block:
        return self._block("remember", local.language, {"heading": self.ui(local.language, "leaflet.remember")},
                           _("the key messages heading"))

    def message(self, local: LocalCampaign, index: int) -> Block:
        item = local.key_messages[index]
        return self._block("message", local.language, {"text": self.item(item, local.language)},
                           _("key message {number}").format(number=index + 1), self.file_of(item), f"key_messages[{index}]")

    def row(self, cells: Sequence[Block | None]) -> Block:
        """Blocks side by side (bilingual editions): one block, measured and placed as one."""
        main = [b for b in cells if b is not None][-1]
        pad = PAD["row-message"] if main.kind == "message" else PAD["block"]
        data = [None if b is None else {**b.data, "pad": PAD["cell"]} for b in cells]
        return self._block("row", main.data["lang"], {"cells": data}, main.what, main.file, main.field, pad)

    def sections(self, local: LocalCampaign, section: LocalSection) -> tuple[Block, ...]:
        """A section in pieces (paragraphs, list items) that a panel may end between."""
        text = self.job.campaign.texts[section.heading.language]
        where = f"sections[{next(i for i, s in enumerate(text.sections) if s.id == section.id)}]"
        pieces = markdown_pieces(section.body.text) or [""]
        lang = local.language
        blocks = []
        for index, piece in enumerate(pieces):
            last, item = index == len(pieces) - 1, bool(LIST_ITEM.match(piece))
            pad = PAD["last"] if last else PAD["item"] if item else PAD["part"]
            data = {"heading": self.item(section.heading, lang) if index == 0 else None,
                    "text-lang": section.body.language if section.body.language != lang else None,
                    "body": markup.markdown_tree(piece)}
            blocks.append(self._block("section", lang, data, _('the section "{heading}"').format(heading=section.heading.text),
                                      _shown(text.file), where, pad, snippet(piece) if index else ""))
        return tuple(blocks)

    def hotlines(self, lang: str, kind: str) -> Block:
        data = {"call": self.ui(lang, "leaflet.call"), "hotlines": [self.phone(h, [lang]) for h in self.job.hotlines]}
        return self._block(kind, lang, data, _("the hotlines"), self.hotlines_file(), "hotlines")

    def hotlines_bilingual(self, source: str, other: str) -> Block:
        data = {"call": [self.ui(source, "leaflet.call"), self.ui(other, "leaflet.call")],
                "hotlines": [self.phone(h, [source, other]) for h in self.job.hotlines]}
        return self._block("hotlines-bilingual", other, data, _("the hotlines"), self.hotlines_file(), "hotlines")

    def qr(self, lang: str, url: str) -> Block:
        return self._block("qr", lang, {**self._qr(lang, url), **self._listen(lang)}, _("the QR codes"))

    def contact(self, lang: str) -> Block:
        """Hotlines beside the QR code (the foot of an A5 front)."""
        data = {"call": self.ui(lang, "leaflet.call"), "hotlines": [self.phone(h, [lang]) for h in self.job.hotlines],
                **self._qr(lang, self.job.urls[0])}
        return self._block("contact", lang, data, _("the hotlines with the QR code"), self.hotlines_file(), "hotlines")

    def read_more(self, lang: str) -> Block:
        """Where to read the rest, on a panel without a code: the address, not "scan the code"."""
        return self._block("read_more", lang, {"read": self.ui(lang, "leaflet.read_more"), "url": self.job.urls[0]},
                           _('the "read more" line'))

    def read_more_qr(self, lang: str) -> Block:
        return self._block("read_more_qr", lang, {**self._qr(lang, self.job.urls[0]), **self._listen(lang)},
                           _('the "read more" line and the QR code'))

    def _listen(self, lang: str) -> dict:
        """The second code: the listening page in this language, for readers who listen rather than read."""
        if not self.job.listen_urls or lang not in self.job.languages:
            return {}
        url = self.job.listen_urls[self.job.languages.index(lang)]
        return {"listen": {"url": url, "svg": self.qr_svg(url), "scan": self.ui(lang, "leaflet.listen")}}

    # --- place editions (loa leaflets --place) ---------------------------------------

    def places_file(self) -> str:
        return display_path(self.job.campaign.folder.parent / "places.yml")

    def _place_edition(self) -> PlaceEdition:
        """The job's place: only the formats of place editions ask for its blocks."""
        if self.job.place is None:
            raise ValueError(f"{self.job.path} is not a place edition")
        return self.job.place

    def place(self, lang: str) -> Group:
        """The place's contacts, flowing after the key messages: a heading with the first contact, then one
        block per contact (a panel may end between two). Never left out: it is what the edition is for."""
        edition = self._place_edition()
        heading = self.ui(lang, "leaflet.place", place=edition.name(lang, self.job.source_language))
        contacts: list[dict | None] = [self.phone(c, [lang]) for c in edition.contacts] or [None]
        blocks = []
        for index, contact in enumerate(contacts):
            data = {"heading": heading if index == 0 else None, "contact": contact,
                    "none": self.ui(lang, "place.none") if contact is None else None}
            blocks.append(self._block("place", lang, data, _("the list of contacts of {place}").format(place=edition.key), self.places_file(),
                                      f"contacts[{index}]", PAD["last"] if index == len(contacts) - 1 else PAD["item"]))
        return Group(tuple(blocks))

    def place_qr(self, lang: str, kind: str = "qr") -> Block:
        """The second QR code: the place's help page in the reader's language (kind read_more_qr: text beside it)."""
        edition = self._place_edition()
        url = edition.urls[self.job.languages.index(lang)]
        name = edition.name(lang, self.job.source_language)
        data = {"url": url, "svg": self.qr_svg(url), "scan": self.ui(lang, "leaflet.place_scan", place=name)}
        return self._block(kind, lang, data, _("the place's QR code"))

    def _qr(self, lang: str, url: str) -> dict:
        return {"url": url, "svg": self.qr_svg(url), "scan": self.ui(lang, "leaflet.scan")}

    def phone(self, entry: Hotline | Contact, languages: list[str]) -> dict:
        """A hotline or local contact: the number, then its name and facts in each language asked for, each line once."""
        lines: list[dict] = []
        for reader in languages:
            name, name_lang = entry.name(reader, self.job.source_language)
            facts = " · ".join(phone_facts(entry, self.strings[reader]))
            for line in ({"kind": "name", "v": name, "lang": name_lang}, {"kind": "facts", "v": facts, "lang": reader}):
                if line["v"] and all(old["v"] != line["v"] for old in lines):
                    lines.append(line)
        return {"number": entry.number, "lines": lines}

    def qr_svg(self, url: str) -> str | None:
        return qr_svg(url) if self.draw_qr else None


@lru_cache(maxsize=256)
def _shown(path: Path) -> str:
    """Where a text is written, as messages name it (resolving paths is slow: once per file)."""
    return display_path(path)


def qr_svg(url: str) -> str:
    """A vector QR code (never Micro QR: most phones cannot read it), 4-module quiet zone included.

    Kept in the process (about 10 ms each to draw, with segno choosing the best mask)."""
    svg = _QR_CODES.get(url)
    if svg is None:
        if len(_QR_CODES) >= QR_CODES_KEPT:
            _QR_CODES.clear()
        svg = _QR_CODES[url] = segno.make_qr(url, error=QR_ERROR, boost_error=False).svg_inline(
            border=4, omitsize=True, lineclass=None)
    return svg


QR_CODES_KEPT = 4096  # a few kB each
_QR_CODES: dict[str, str] = {}


def qr_codes() -> dict[str, str]:
    """The QR codes this process has drawn, by URL: handed to the worker that renders the same campaign next."""
    return dict(_QR_CODES)


def keep_qr_codes(codes: Mapping[str, str]) -> None:
    _QR_CODES.update(codes)


def markdown_pieces(markdown_text: str) -> list[str]:
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
        elif not pieces or blank or LIST_ITEM.match(line):
            pieces.append([])
        pieces[-1].append(line)
        blank = False
    return ["\n".join(piece) for piece in pieces]


def snippet(markdown_text: str) -> str:
    words = LIST_ITEM.sub("", markdown_text).split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")
