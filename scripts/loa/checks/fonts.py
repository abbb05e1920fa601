"""Fonts: can the leaflet font draw every character the leaflets print?

A character missing from the font prints as an empty box ("tofu"), or in
another font picked by the system, and nobody notices until the leaflets come
back from the printer. The checker asks this module first: it reads the
bundled font's character map with fontTools (no WeasyPrint) and reports each
character it lacks, with the file and field where it is written.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from fontTools.ttLib import TTFont

from ..content import spec
from ..content.model import Content, TextFile
from ..content.problems import Problem, display_path
from ..messages import _

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
# Control characters (newlines, tabs) and paragraph separators are layout, not glyphs.
_NOT_DRAWN = {"Cc", "Zl", "Zp"}


@lru_cache(maxsize=4)
def drawable(font_dir: Path) -> frozenset[int]:
    """Code points every bundled face can draw: text may be set in any of them (bold headings)."""
    maps = [set(TTFont(font_dir / name, lazy=True).getBestCmap()) for name in FONT_FILES]
    return frozenset(set.intersection(*maps))


def font_coverage_problems(content: Content, font_dir: Path) -> list[Problem]:
    """One error per character, per field, that the leaflet font cannot draw."""
    covered = drawable(font_dir)
    problems = []
    for file, field, text in printed_texts(content):
        for char in _missing(text, covered):
            problems.append(Problem(file, None, None, field, _("the leaflet font cannot draw {character}").format(character=describe_char(char)),
                                    _("leaflets would print an empty box: replace it with a letter or sign the font has, "
                                      "or remove it (the font is Noto Sans, in overrides/leaflets/fonts/)")))
    return problems


def describe_char(char: str) -> str:
    """'"☃" (U+2603 SNOWMAN)': the glyph for people, the code point for search engines."""
    name = unicodedata.name(char, "")
    return f'"{char}" (U+{ord(char):04X}{" " + name if name else ""})'


def _missing(text: str, covered: frozenset[int]) -> list[str]:
    """Characters of `text` not in `covered`, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in covered and unicodedata.category(char) not in _NOT_DRAWN:
            seen.setdefault(char)
    return list(seen)


def printed_texts(content: Content) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) for everything a leaflet may print: campaign texts and hotlines."""
    if content.campaigns:
        hotlines_file = display_path(content.campaigns[0].folder.parent / "hotlines.yml")
        for index, hotline in enumerate(content.hotlines):
            for language, name in hotline.names.items():
                yield hotlines_file, f"hotlines[{index}].name.{language}", name
            if hotline.hours:
                yield hotlines_file, f"hotlines[{index}].hours", hotline.hours
    for campaign in content.campaigns:
        for text in campaign.texts.values():
            yield from _text_fields(text)


def _text_fields(text: TextFile) -> Iterator[tuple[str, str, str]]:
    file = display_path(text.file)
    for where, _kind, value in text.lines(f for f in spec.TEXT_FIELDS if f.printed):
        yield file, where, value
