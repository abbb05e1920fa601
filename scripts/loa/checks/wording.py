"""Wording: phrases that blame victims, sensationalise or discourage all migration, from campaigns/wording.yml.

The list is the users' own, per language: IOM and UNICEF guidance, as the
team that writes the campaigns understands it. A warning names the phrase
found and the wording to use instead; a person decides.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..content.model import Content, Phrase
from ..content.problems import WARNING, Problem
from ..messages import _
from .texts import all_texts


def wording_problems(content: Content) -> Iterator[Problem]:
    for place in all_texts(content):
        phrases = content.wording.get(place.language, ())
        for phrase, found in _found(phrases, place.text):
            message = (_("avoid '{phrase}' ({why})").format(phrase=found, why=phrase.why) if phrase.why
                       else _("avoid '{phrase}'").format(phrase=found))
            yield place.doc.problem(place.path, message,
                                    _("say instead: '{phrase}' (campaigns/wording.yml)").format(phrase=phrase.instead), WARNING)


def _found(phrases: tuple[Phrase, ...], text: str) -> list[tuple[Phrase, str]]:
    """Each phrase found, longest first; a phrase inside a longer one found at the same place is left out."""
    spans: list[tuple[int, int]] = []
    result = []
    for phrase in sorted(phrases, key=lambda p: -len(p.avoid)):
        for match in _pattern(phrase.avoid).finditer(text):
            if any(start <= match.start() and match.end() <= end for start, end in spans):
                continue
            spans.append(match.span())
            result.append((phrase, match.group(0)))
    return result


@lru_cache(maxsize=512)
def _pattern(avoid: str) -> re.Pattern:
    """Whole words, any case, any run of spaces or a line break between them."""
    words = [re.escape(w) for w in avoid.split()]
    return re.compile(r"(?<![^\W_])" + r"\s+".join(words) + r"(?![^\W_])", re.IGNORECASE)
