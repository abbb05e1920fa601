"""Checks: what validated content must also respect, one module per concern.

Each check reads the model (and the documents it was read from, for
file:line:field) and yields problems; none raises, none renders, none reads a
campaign file again. `content_problems` runs them all for the site (`loa check`
and `loa build`); `print_gates` runs some of them stricter before a print-shop
edition. A new check is a module here, listed in `content_problems`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Mapping

from ..content.load import Document, dotted
from ..content.model import Content
from ..content.problems import WARNING, Problem
from ..content.site import SiteConfig
from . import identifiers, numbers, wording
from .audio_files import audio_problems
from .fonts import font_coverage_problems
from .placeholders import placeholder_problems
from .print_bounds import print_bound_problems
from .translation_qa import quality_problems
from .urls import check_urls


def content_problems(config: SiteConfig, content: Content) -> list[Problem]:
    """Every check of validated content, in one list: stray numbers and identifiers are warnings, retired numbers errors."""
    problems = list(_all(content, WARNING))
    problems += check_urls(config, content)
    for campaign in content.campaigns:
        problems += quality_problems(content, campaign) + placeholder_problems(content, campaign)
    problems += font_coverage_problems(content, config.overrides_dir / "leaflets" / "fonts")
    problems += audio_problems(content, config.tags)
    problems += print_bound_problems(content, config.overrides_dir / "leaflets" / "fonts")
    return problems


def _all(content: Content, severity: str) -> Iterator[Problem]:
    yield from numbers.number_problems(content, severity)
    yield from identifiers.identifier_problems(content, severity)
    yield from wording.wording_problems(content)


def with_positions(problems: list[Problem], documents: Mapping[Path, Document]) -> list[Problem]:
    """Each problem that names a file Loa read and a field, but no line, gets the field's line and column.

    Checks that work on the model (font coverage, print gates, translation status) know the
    field, not where it stood: the documents validate kept do.
    """
    by_name = {doc.shown: doc for doc in documents.values()}
    return [_positioned(p, by_name[p.file]) if p.line is None and p.field and p.file in by_name else p
            for p in problems]


def _positioned(problem: Problem, doc: Document) -> Problem:
    named = {dotted(path): where for path, where in doc.positions.items()}
    field = problem.field
    while field and field not in named:
        field = _PARENT.sub("", field)
    if not field:
        return problem
    line, column = named[field]
    return replace(problem, line=line, column=column)


_PARENT = re.compile(r"(\.[^.\[\]]+|\[[^\]]*\])$")  # the last ".name" or "[index]" of a field
