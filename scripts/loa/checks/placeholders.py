"""Placeholders: source text still as `loa new` wrote it would be published as it is."""

from __future__ import annotations

from ..content.model import Campaign, Content
from ..content.problems import WARNING, Problem
from ..translation.items import locate, text_items
from ..translation.scaffold import PLACEHOLDERS
from ..messages import _


def placeholder_problems(content: Content, campaign: Campaign) -> list[Problem]:
    """A warning for each source text item that is still the example text, at its line."""
    doc = content.documents.get(campaign.source.file)
    if doc is None:
        return []
    return [doc.problem(locate(key, doc.data), _("this is still the example text written by loa new"),
                        _("replace it with the campaign's own text"), WARNING)
            for key, value in text_items(campaign.source).items() if value in PLACEHOLDERS]
