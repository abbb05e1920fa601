"""Sections: which sections each leaflet prints and which it leaves for the campaign page.

For `loa check` (per campaign and format, in the source language) and `loa status --json`
(per campaign, language and format). Measured by the engine, not rendered: a chosen section
that does not fit is an error here already, naming the format, the section and the room missing.
Also which audience editions a site build makes: those that print less than the general leaflet.
"""

from __future__ import annotations

from typing import Mapping

from ...content.model import Content
from ...content.spec import AUDIENCES
from ...content.problems import ContentError, Problem
from ...content.site import SiteConfig
from ...messages import _
from ...translation.strings import StringTables
from .layout import printed_sections
from .plan import LeafletJob, plan_leaflets


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


def audience_candidates(config: SiteConfig, content: Content) -> list[LeafletJob]:
    """The general leaflets whose printed sections decide the audience editions: one language (a bilingual
    leaflet prints no sections), of a campaign with sections for some audiences only."""
    return [job for job in plan_leaflets(config, content)
            if len(job.languages) == 1 and any(s.audiences for s in job.campaign.source.sections)]


def audience_editions(candidates: list[LeafletJob], printed: Mapping[str, list[str]]) -> set[tuple[str, str, str, str]]:
    """(campaign, language, format, audience) of each audience edition worth making: its general leaflet
    (`printed`: the sections each candidate prints, by path) prints a section that is not for that audience.
    Any other would be the general leaflet under another name. A leaflet that cannot be laid out has no
    entry in `printed`: rendering it reports why."""
    found = set()
    for job in candidates:
        if job.path not in printed:
            continue
        sections = {s.id: s for s in job.campaign.source.sections if s.audiences}
        found |= {(job.campaign.slug, job.language, job.format, audience) for audience in job.campaign.audiences
                  if any(i in sections and audience not in sections[i].audiences for i in printed[job.path])}
    return found


def site_leaflets(config: SiteConfig, content: Content, editions: set[tuple[str, str, str, str]],
                  print_shop: bool = False) -> list[LeafletJob]:
    """What a site build makes: every leaflet `plan_leaflets` plans, then the audience `editions`."""
    jobs = plan_leaflets(config, content, print_shop=print_shop)
    for audience in AUDIENCES:
        jobs += [job for job in plan_leaflets(config, content, audience, print_shop)
                 if (job.campaign.slug, job.language, job.format, audience) in editions and len(job.languages) == 1]
    return jobs
