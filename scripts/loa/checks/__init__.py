"""Checks: what validated content must also respect, one module per concern.

Each check reads the model (and the documents it was read from, for
file:line:field) and yields problems; none raises, none renders. `web_problems`
runs them for the site (warnings), `print_gates` runs the same ones stricter
before a print-shop edition. The registry below is the one list of checks.
"""

from __future__ import annotations

from typing import Iterator

from ..content.model import Content
from ..content.problems import WARNING, Problem
from . import identifiers, numbers, wording


def web_problems(content: Content) -> list[Problem]:
    """Every check for the site: stray numbers and identifiers are warnings, retired numbers errors."""
    return list(_all(content, WARNING))


def _all(content: Content, severity: str) -> Iterator[Problem]:
    yield from numbers.number_problems(content, severity)
    yield from identifiers.identifier_problems(content, severity)
    yield from wording.wording_problems(content)
