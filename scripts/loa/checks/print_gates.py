"""Print gates: what must be true before a print-shop edition is rendered.

Five thousand copies handed out at a border market cannot be recalled. A
print-shop edition (`loa leaflets --print-shop`) is refused, naming each thing
that blocks it with file:line:field, when: a translation it would print is a
draft (unless --allow-draft), the site address in every QR code is missing or
a placeholder, a hotline is not confirmed within a year or dated in the
future, a text holds a phone-like number that is not one of the campaign's
hotlines or a retired one, a campaign carries no required hotline, there is
no publisher, or a text holds an identifier (a name, village, age, class).
Called before rendering, by the CLI; it reads the model only.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from ..content.site import SiteConfig
from ..content.load import Document
from ..content.model import Campaign, Content, Hotline, confirmation
from ..content.problems import ERROR, Problem, display_path
from ..content.shared_files import confirmed_in_future
from ..translation.strings import StringTables
from ..translation.localize import printable
from ..messages import _
from . import identifiers, numbers

PLACEHOLDER_HOSTS = re.compile(r"^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|(.+\.)?example(\.(org|com|net))?"
                               r"|.+\.(test|invalid|local|localhost|example))$")
REFUSED = "a print-shop edition is refused"  # the English words; refused() says them in the user's language


def refused(problem: str) -> str:
    """'{problem}; a print-shop edition is refused': why an edition for the print shop cannot be printed."""
    return _("{problem}; a print-shop edition is refused").format(problem=problem)


def print_shop_problems(config: SiteConfig, content: Content, strings: StringTables, allow_draft: bool = False,
                        today: datetime.date | None = None) -> list[Problem]:
    """Every reason the print-shop edition cannot be printed; empty when it may be."""
    today = today or datetime.date.today()
    found = [*_site_url(config), *_publisher(config, content), *_hotlines(config, content, today)]
    for campaign in content.campaigns:
        found += _required_hotline(content, campaign)
        found += _orthography(content, campaign, config.tags)
        if not allow_draft:
            found += _drafts(content, campaign, config.tags)
    if not allow_draft:
        found += _draft_strings(config, content, strings)
    found += [_as_error(p) for p in numbers.number_problems(content, ERROR)]
    found += [_as_error(p) for p in identifiers.identifier_problems(content, ERROR)]
    return found


def _as_error(problem: Problem) -> Problem:
    return Problem(problem.file, problem.line, problem.column, problem.field, refused(problem.message),
                   problem.hint, ERROR)


def _site_url(config: SiteConfig) -> Iterator[Problem]:
    """Every QR code carries site_url: a placeholder prints codes that lead nowhere."""
    config_file = config.root / "mkdocs.yml"
    line = _line_of(config_file, "site_url:")
    host = urlsplit(config.site_url).hostname or ""
    if line is None:
        yield Problem(display_path(config_file), None, None, "site_url",
                      _("the site's address is missing: every QR code would lead to {address}; a print-shop edition is refused")
                      .format(address=config.site_url),
                      _("set site_url: in mkdocs.yml to the address where the site is published, e.g. "
                        "https://phongchongmuabannguoi.laocai.gov.vn/"))
    elif not host or PLACEHOLDER_HOSTS.match(host) or urlsplit(config.site_url).scheme not in ("https", "http"):
        yield Problem(display_path(config_file), line, 1, "site_url",
                      _("the site's address {address} is a placeholder: every QR code would lead nowhere; a print-shop edition is refused")
                      .format(address=config.site_url),
                      _("set site_url: in mkdocs.yml to the address where the site is published"))


def _line_of(path: Path, prefix: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((number for number, text in enumerate(lines, 1) if text.startswith(prefix)), None)


def _publisher(config: SiteConfig, content: Content) -> Iterator[Problem]:
    if content.publisher is None:
        yield Problem(display_path(config.campaigns_dir / "publisher.yml"), None, None, "",
                      _("there is no publisher: a leaflet must say who issues it; a print-shop edition is refused"),
                      _("create campaigns/publisher.yml with organisation: (vi: your organisation's name), edition: and "
                        "free_distribution: true (see docs/guide/content-format.md)"))


def _hotlines(config: SiteConfig, content: Content, today: datetime.date) -> Iterator[Problem]:
    """Every hotline a campaign prints, confirmed within a year and not in the future."""
    path = config.campaigns_dir / "hotlines.yml"
    doc = content.documents.get(path)
    printed = {h for c in content.campaigns for h in c.hotlines}
    for index, hotline in enumerate(content.hotlines):
        if hotline.id not in printed:
            continue
        problem = _confirmation(hotline, today)
        if problem:
            where = ("hotlines", index, "checked") if hotline.checked else ("hotlines", index)
            message, hint = problem
            yield doc.problem(where, refused(message), hint) if doc else \
                Problem(display_path(path), None, None, f"hotlines.{hotline.id}.checked", refused(message), hint)


def _confirmation(hotline: Hotline, today: datetime.date) -> tuple[str, str] | None:
    hint = _("call the number, set 'checked:' to today's date, then print")
    state = confirmation(hotline.checked, today)
    if state == "never":
        return _("the number {number} was never confirmed").format(number=hotline.number), hint
    if state == "future":
        return confirmed_in_future(hotline.number, hotline.checked), hint
    if state == "stale":
        return _("the number {number} was last confirmed on {date}, more than a year ago").format(number=hotline.number,
                                                                                                 date=hotline.checked), hint
    return None


def _campaign_doc(content: Content, campaign: Campaign) -> Document | None:
    return content.documents.get(campaign.folder / "campaign.yml")


def _required_hotline(content: Content, campaign: Campaign) -> Iterator[Problem]:
    if any(content.hotline(i).required for i in campaign.hotlines):
        return
    doc = _campaign_doc(content, campaign)
    message = _("the campaign carries no hotline marked 'required: true'; a print-shop edition is refused")
    hint = _("mark the national hotline 'required: true' in campaigns/hotlines.yml (111 since Decree 162/2025/ND-CP) "
             "and list it in hotlines: here")
    if doc is not None:
        yield doc.problem(("hotlines",), message, hint)
    else:
        yield Problem(display_path(campaign.folder / "campaign.yml"), None, None, "hotlines", message, hint)


def _orthography(content: Content, campaign: Campaign, tags: tuple[str, ...]) -> Iterator[Problem]:
    """Hmong is written in two scripts: a leaflet must say which (a warning for the site, an error here)."""
    for tag in tags:
        text = campaign.texts.get(tag)
        if tag.split("-")[0] != "hmn" or text is None or text.orthography or not printable(campaign, tag):
            continue
        doc = content.documents.get(text.file)
        message = _("the Hmong text does not say its orthography; a print-shop edition is refused")
        hint = _("add 'orthography: RPA' or 'orthography: 1961' under translation:")
        yield doc.problem(("translation",), message, hint) if doc else \
            Problem(display_path(text.file), None, None, "translation", message, hint)


def _drafts(content: Content, campaign: Campaign, tags: tuple[str, ...]) -> Iterator[Problem]:
    """A draft translation that would be printed: not yet checked by a native speaker."""
    for tag in tags:
        text = campaign.texts.get(tag)
        if text is None or text.status != "draft" or not printable(campaign, tag):
            continue
        doc = content.documents.get(text.file)
        where = ("translation", "status") if doc and isinstance(doc.data.get("translation"), dict) else ()
        message = _("the {language} translation is a draft, not checked by a native speaker; a print-shop edition is refused").format(
            language=tag)
        hint = _("have a native speaker review it, then set status: reviewed with reviewed_by and reviewed_on; "
                 "or print an office edition (without --print-shop), which carries a draft mark, "
                 "or pass --allow-draft")
        yield doc.problem(where, message, hint) if doc else \
            Problem(display_path(text.file), None, None, "translation.status", message, hint)


def _draft_strings(config: SiteConfig, content: Content, strings: StringTables) -> Iterator[Problem]:
    """The leaflets' headings and labels in a language come from overrides/i18n/<tag>.yml: a draft there too."""
    printed = {tag for c in content.campaigns for tag in config.tags if printable(c, tag)}
    for tag in config.tags:
        if tag in printed and strings.loa[tag].status == "draft":
            path = config.overrides_dir / "i18n" / f"{tag}.yml"
            yield Problem(display_path(path), _line_of(path, "status:"), 1, "status",
                          _("the {language} interface strings (headings and labels printed on leaflets) are a draft; "
                            "a print-shop edition is refused").format(language=tag),
                          _("have a native speaker review them and set status: reviewed, or pass --allow-draft"))
