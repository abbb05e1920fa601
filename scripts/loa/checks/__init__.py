"""Checks: what validated content must also respect, one module per concern.

Each check reads the model (and the documents it was read from, for
file:line:field) and yields problems; none raises, none renders, none reads a
campaign file again. `content_problems` runs them all for the site (`loa check`
and `loa build`); `print_gates` runs some of them stricter before a print-shop
edition. A new check is a module here, listed in `content_problems`.
"""

from __future__ import annotations

from typing import Iterator

from ..content.model import Content
from ..content.problems import WARNING, Problem
from ..content.site import SiteConfig
from . import identifiers, numbers, wording
from .fonts import font_coverage_problems
from .placeholders import placeholder_problems
from .translation_qa import quality_problems
from .urls import check_urls


def content_problems(config: SiteConfig, content: Content) -> list[Problem]:
    """Every check of validated content, in one list: stray numbers and identifiers are warnings, retired numbers errors."""
    problems = list(_all(content, WARNING))
    problems += check_urls(config, content)
    for campaign in content.campaigns:
        problems += quality_problems(content, campaign) + placeholder_problems(content, campaign)
    problems += font_coverage_problems(content, config.overrides_dir / "leaflets" / "fonts")
    return problems


def _all(content: Content, severity: str) -> Iterator[Problem]:
    yield from numbers.number_problems(content, severity)
    yield from identifiers.identifier_problems(content, severity)
    yield from wording.wording_problems(content)
