"""Sections: which sections each leaflet prints and which it leaves for the campaign page.

For `loa check` (per campaign and format, in the source language) and `loa status --json`
(per campaign, language and format). Measured by the engine, not rendered: a chosen section
that does not fit is an error here already, naming the format, the section and the room missing.
"""

from __future__ import annotations

from ...content.model import Content
from ...content.problems import ContentError, Problem
from ...content.site import SiteConfig
from ...messages import _
from ...translation.strings import StringTables
from .layout import printed_sections
from .plan import plan_leaflets


def leaflet_sections(config: SiteConfig, content: Content, strings: StringTables,
                     languages: tuple[str, ...] | None = None) -> tuple[dict, list[Problem]]:
    """{slug: {language: {format: {"printed": [...], "left_out": [...], "chosen": bool}}}}, and the problems."""
    table: dict = {}
    problems: list[Problem] = []
    for job in plan_leaflets(config, content):
        if len(job.languages) != 1 or (languages is not None and job.language not in languages):
            continue
        try:
            printed, left = printed_sections(job, strings)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        chosen = job.format in job.campaign.leaflet_sections
        table.setdefault(job.campaign.slug, {}).setdefault(job.language, {})[job.format] = {
            "printed": printed, "left_out": left, "chosen": chosen}
    return table, problems


def format_sections(table: dict, language: str) -> list[str]:
    """One line per campaign and format: what the leaflet prints, what only the campaign page has."""
    lines = []
    for slug, languages in table.items():
        for fmt, found in languages.get(language, {}).items():
            how = _("as chosen in campaign.yml") if found["chosen"] else _("by priority")
            if found["left_out"]:
                said = _("{campaign}, {format}: prints {printed} ({how}); only on the campaign page: {left}")
            else:  # the whole sentence: "nothing" alone is also a described value, translated otherwise
                said = _("{campaign}, {format}: prints {printed} ({how}); only on the campaign page: nothing")
            line = said.format(campaign=slug, format=fmt, printed=", ".join(found["printed"]) or _("no section"),
                               how=how, left=", ".join(found["left_out"]))
            lines.append(f"  {line}")
    return lines
