"""Print bounds: text a leaflet can never print, found from font metrics in milliseconds, before any layout.

A word wider than a panel's column cannot be broken (leaflets do not hyphenate)
and would be cut at the panel's edge; a block of text taller than all of a
format's panels together can never be placed, and laying it out first takes
the engine minutes. Both are errors here, independent of the leaflet engine:
the widths come from the bundled Noto Sans fonts' advance widths (fontTools),
the sizes and column widths from the leaflet design below.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from fontTools.ttLib import TTFont

from ..content import spec
from ..content.model import Content
from ..content.problems import Problem, display_path
from ..messages import _

PT_PER_MM = 72 / 25.4
LINE_HEIGHT = 1.2  # lines of text, in ems: a little under what the template sets, so the estimate is never too high
# The leaflet design (outputs/leaflets/formats.py and overrides/leaflets/blocks.typ; tests keep them equal):
# the narrowest text column of each format, in mm, how many columns it has, and their height.
COLUMN_MM = {"a4-trifold": 81.0, "a5-flyer": 132.0}
COLUMNS_PER_LEAFLET = {"a4-trifold": 6, "a5-flyer": 2}
COLUMN_HEIGHT_MM = 190.0
MUST_PRINT = {"title", "summary", "key_messages"}  # every leaflet carries them: more than a whole leaflet never fits
FAR_BEYOND = 10  # sections print as far as they fit (the rest is behind the QR code): refused only far beyond
# Type size (pt) and face of each printed field (spec.TEXT_FIELDS, printed=True): the largest it is printed at.
FIELD_TYPE = {"title": (28, "Bold"), "summary": (14, "Regular"), "key_messages": (15, "Bold"),
              "heading": (15, "Bold"), "body": (12, "Regular"), "hotline": (12, "Bold")}
# Where a line may break without hyphenation (UAX 14, simplified): spaces, and after a hyphen, slash or dash.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_BREAKS = re.compile(r"[\s\u200b]+|(?<=[-/\u2010\u2013\u2014])")


@lru_cache(maxsize=4)
def advance_widths(face: str, font_dir: Path) -> tuple[dict[int, float], float]:
    """Advance width of each code point in ems, and the widest, for one face of the bundled font."""
    font = TTFont(font_dir / f"NotoSans-{face}.ttf", lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}
    return widths, max(widths.values())


def text_width_pt(text: str, size: float, face: str, font_dir: Path) -> float:
    widths, widest = advance_widths(face, font_dir)
    return size * sum(widths.get(ord(char), widest) for char in text)


def print_bound_problems(content: Content, font_dir: Path) -> list[Problem]:
    """An error for each unbreakable word wider than a column, and each text taller than a whole format."""
    problems = []
    for campaign in content.campaigns:
        formats = [f for f in campaign.leaflets if f in COLUMN_MM]
        if not formats:
            continue
        column = min(COLUMN_MM[f] for f in formats) * PT_PER_MM
        columns = min(COLUMNS_PER_LEAFLET[f] for f in formats)
        for file, field, kind, text in _printed(campaign):
            problems += _bounds(file, field, kind, text, column, columns, font_dir)
    return problems


def _bounds(file: str, field: str, kind: str, text: str, column: float, columns: int, font_dir: Path) -> list[Problem]:
    size, face = FIELD_TYPE[kind]

    def width(part: str) -> float:
        return text_width_pt(part, size, face, font_dir)

    found = []
    word = max(_BREAKS.split(text), key=width, default="")
    word_width = width(word)
    if word_width > column:
        shown = word if len(word) <= 30 else f"{word[:20]}…{word[-5:]}"
        found.append(Problem(file, None, None, field,
                             _("the word '{word}' ({letters} letters) is {width} mm wide at {size} pt, "
                               "wider than a leaflet column ({column} mm): it cannot be broken and would be cut").format(
                                 word=shown, letters=f"{len(word):,}", width=f"{word_width / PT_PER_MM:,.0f}", size=size,
                                 column=f"{column / PT_PER_MM:.0f}"),
                             _("put spaces in it, or shorten it; for a web address write a link: [text](https://...)")))
    lines = sum(math.ceil(width(paragraph) / column) or 1 for paragraph in text.split("\n"))
    filled = lines * size * LINE_HEIGHT / (COLUMN_HEIGHT_MM * PT_PER_MM)
    if filled > columns * (1 if kind in MUST_PRINT else FAR_BEYOND):
        found.append(Problem(file, None, None, field,
                             _("the text would fill about {filled} leaflet columns at {size} pt, and a whole leaflet "
                               "of this campaign's format has {columns}: it can never be printed").format(
                                 filled=f"{filled:,.0f}", size=size, columns=columns),
                             _("shorten it: a leaflet carries the essentials, the full text is on the campaign page behind the QR code")))
    return found


def _printed(campaign) -> Iterator[tuple[str, str, str, str]]:
    """(file, field, kind of type, text) for every text a leaflet of this campaign may print."""
    for text in campaign.texts.values():
        file = display_path(text.file)
        for where, field, value in text.lines(f for f in spec.TEXT_FIELDS if f.printed):
            yield file, where, field.name, _LINK_TARGET.sub("]", value) if field.markdown else value  # a link prints its text
