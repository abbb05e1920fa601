"""Pages: render the site's generated pages from the content model.

For every language: the home page with campaign cards, one page per campaign
and the "get help" page. Each is an HTML fragment made by the Jinja templates
in `overrides/loa/pages/` (autoescaped: user text is escaped there, Markdown
goes through `markup`). This module knows nothing of the site engine: the
glue decides how fragments become pages.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from typing import Callable

import jinja2

from ..content import markup
from ..content.site import SiteConfig
from ..content.model import Campaign, Content, Place
from ..translation.imprint import reviewer_lines
from .place_views import help_places, place_view
from ..translation.status import status_rows
from ..translation.strings import StringTables
from ..translation.localize import localize, phone_facts, printable
from .announce import compose

AUDIENCE_KEYS = {a: f"audience.{a}" for a in ("schools", "vocational-centres", "border-communities")}


@dataclass(frozen=True)
class LeafletLink:
    """A printable leaflet as the pages list it."""

    campaign: str
    language: str  # the reader's language; for a bilingual edition, the language beside Vietnamese
    format: str
    path: str  # site path, e.g. leaflets/safe-migration/vi-a5-flyer.pdf
    size_bytes: int | None  # None while the leaflet renders beside the site build: see fill_leaflet_sizes
    label: str = ""  # e.g. "vi + hmn" for a bilingual edition
    print_shop: bool = False  # the print-shop edition (bleed), listed on the leaflets page only
    audience: str = ""  # an audience edition (without the sections for other audiences), leaflets page only


def kilobytes(size: int) -> int:
    return round(size / 1024)


_SIZE_SLOT = re.compile(r'<span data-loa-leaflet-kb="([^"<>]+)"></span>')


def fill_leaflet_sizes(html: str, leaflets: list[LeafletLink]) -> str:
    """Put each rendered leaflet's size where a page listed it before it was rendered (see leaflet_list)."""
    sizes = {leaflet.path: leaflet.size_bytes for leaflet in leaflets}

    def filled(slot: re.Match[str]) -> str:
        size = sizes.get(slot.group(1))
        return slot.group(0) if size is None else str(kilobytes(size))
    return _SIZE_SLOT.sub(filled, html)


@functools.cache
def page_environment(folder: str) -> jinja2.Environment:
    """One Jinja environment per templates folder in a process: live preview renders every page on each
    edit, and a new environment would compile the templates again. Jinja reloads a template whose file
    changed (auto_reload)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
    env.filters["markdown"] = markup.render_markdown
    env.filters["kilobytes"] = kilobytes
    return env


@dataclass(frozen=True)
class RenderedPage:
    """One generated page: where it lives, in which language, and its content."""

    path: str  # site path without language prefix: "", "campaigns/<slug>/", "help/"
    language: str
    title: str
    description: str
    html: str
    in_nav: bool = True
    search: str = "normal"  # "first": ranks first in search; "hidden": not in search; "normal"
    status: str | None = None  # a campaign page's translation status: source, draft or reviewed


class PageRenderer:
    def __init__(self, config: SiteConfig, content: Content, strings: StringTables,
                 leaflets: list[LeafletLink] | None = None, covers: dict | None = None, listening: dict | None = None):
        self.config = config
        self.content = content
        self.strings = strings
        self.leaflets = leaflets or []
        self.covers = covers or {}  # slug -> images.Cover
        self.listening = listening or {}  # (slug, language) -> listen.Listening: recordings and sheets
        self.env = page_environment(str(config.overrides_dir / "loa" / "pages"))

    def render_all(self) -> list[RenderedPage]:
        pages = [self.status(self.config.default_language)]
        for language in self.config.tags:
            pages.append(self.home(language))
            pages.append(self.help(language))
            if self.leaflets:
                pages.append(self.leaflet_list(language))
            pages.extend(self.campaign(c, language) for c in self.content.campaigns)
            pages.extend(self.listen(c, language) for c in self.content.campaigns)
            pages.extend(self.place(p, language) for p in self.content.all_places())
        return pages

    def _context(self, language: str, path: str) -> dict:
        t = self.strings.loa[language]
        return {
            "language": language,
            "source_language": self.config.default_language,
            "language_names": {lang.tag: lang.name for lang in self.config.languages},
            "t": t,
            "ui_draft": t.status == "draft",
            "url": _relative_url_maker(self.config.language_prefix(language) + path, self.config.language_prefix(language)),
            "root_url": _relative_url_maker(self.config.language_prefix(language) + path, ""),
            "published_url": lambda site_path: self.config.site_url.rstrip("/") + "/" + site_path,  # printed on paper
            "audience_label": lambda audience: t(AUDIENCE_KEYS.get(audience) or audience),
            "phone_facts": lambda entry: phone_facts(entry, t),  # _macros.html phone(): as the leaflets print them
        }

    def redirect(self, language: str, target: str) -> str:
        """A whole HTML page that sends the reader on to `target` (a moved campaign)."""
        return self._render("redirect.html", language=language, target=target)

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context).strip() + "\n"

    def home(self, language: str) -> RenderedPage:
        campaigns = [localize(c, language) for c in self.content.campaigns]
        t = self.strings.loa[language]
        html = self._render("home.html", campaigns=campaigns, **self._context(language, ""))
        return RenderedPage("", language, t("home.title"), t("home.description"), html)

    def help(self, language: str) -> RenderedPage:
        t = self.strings.loa[language]
        places = help_places(self.content, language, self.config.default_language)
        html = self._render("help.html", hotlines=self.content.hotlines, places=places, **self._context(language, "help/"))
        # boosted in search: "111" or "đường dây nóng" must bring the help page first
        return RenderedPage("help/", language, t("help.title"), t("help.description"), html,
                            search="first")

    def place(self, place: Place, language: str) -> RenderedPage:
        """A province's or commune's help page: national hotlines, then its contacts (outputs/place_views.py)."""
        t = self.strings.loa[language]
        view = place_view(self.content, place, language, self.config.default_language)
        html = self._render("place.html", v=view, hotlines=self.content.hotlines, **self._context(language, place.path))
        return RenderedPage(place.path, language, t("place.title", place=view.name), t("place.description", place=view.name),
                            html, in_nav=False)

    def status(self, language: str) -> RenderedPage:
        """For coordinators, in the source language: how far each translation is. Not in readers' menus or search."""
        t = self.strings.loa[language]
        rows = status_rows(self.content, self.config.tags)
        titles = {c.slug: localize(c, language).title for c in self.content.campaigns}
        html = self._render("status.html", rows=rows, titles=titles, **self._context(language, "status/"))
        return RenderedPage("status/", language, t("status.title"), t("status.description"), html, in_nav=False,
                            search="hidden")

    def leaflets_for(self, slug: str, language: str, every: bool = False) -> list[LeafletLink]:
        """Office and bilingual editions; with every, the audience and print-shop editions too, each after
        the leaflet it is an edition of (the leaflets page lists them all, a campaign page the first only)."""
        found = [leaflet for leaflet in self.leaflets if leaflet.campaign == slug and leaflet.language == language
                 and (every or not (leaflet.print_shop or leaflet.audience))]
        first: dict[tuple[str, str], int] = {}
        for index, leaflet in enumerate(found):
            first.setdefault((leaflet.format, leaflet.label), index)
        return sorted(found, key=lambda leaflet: first[leaflet.format, leaflet.label])  # stable: plan order within

    def leaflet_list(self, language: str) -> RenderedPage:
        t = self.strings.loa[language]
        campaigns = [(localize(c, language), self.leaflets_for(c.slug, language, every=True),
                      self.leaflets_for(c.slug, self.config.default_language, every=True), self._waiting(c, language))
                     for c in self.content.campaigns]
        formats = sorted({leaflet.format for leaflet in self.leaflets})
        html = self._render("leaflets.html", campaigns=campaigns, formats=formats,
                            print_shop=any(leaflet.print_shop for leaflet in self.leaflets),
                            bilingual=any(leaflet.label for leaflet in self.leaflets),
                            audience=any(leaflet.audience for _, own, source, _ in campaigns for leaflet in own or source),
                            **self._context(language, "leaflets/"))
        return RenderedPage("leaflets/", language, t("leaflets.title"), t("leaflets.description"), html)

    def _waiting(self, campaign: Campaign, language: str) -> list[str]:
        """On the source language's page, for coordinators: the languages whose leaflet waits for translators."""
        if language != self.config.default_language:
            return []
        return [lang.name for lang in self.config.languages if not printable(campaign, lang.tag)]

    def campaign(self, campaign: Campaign, language: str) -> RenderedPage:
        local = localize(campaign, language)
        path = f"campaigns/{campaign.slug}/"
        leaflets = self.leaflets_for(campaign.slug, language)
        reviewers = reviewer_lines(campaign, (language,), language, self.strings.loa,
                                   {lang.tag: lang.name for lang in self.config.languages})
        html = self._render("campaign.html", c=local, hotlines=self.content.campaign_hotlines(campaign),
                            reviewers=reviewers,
                            leaflets=leaflets, cover=self.covers.get(campaign.slug), **self._context(language, path))
        return RenderedPage(path, language, local.title.text, local.summary.text, html, in_nav=False,
                            status=local.status)

    def listen(self, campaign: Campaign, language: str) -> RenderedPage:
        """The listening page: the announcement as read aloud, its recordings beside their words, the sheet."""
        local = localize(campaign, language)
        path = f"campaigns/{campaign.slug}/listen/"
        listening = self.listening.get((campaign.slug, language))
        announcement = listening.announcement if listening else compose(campaign, self.content, self.strings.loa, language)
        t = self.strings.loa[language]
        html = self._render("listen.html", c=local, a=announcement, recordings=listening.recordings if listening else {},
                            sheet=listening.sheet_path if listening else None,
                            sheet_bytes=listening.sheet_bytes if listening else 0, **self._context(language, path))
        return RenderedPage(path, language, t("listen.title", title=local.title.text), t("listen.description"), html,
                            in_nav=False, search="hidden", status=local.status)  # its words are the campaign page's


def _relative_url_maker(page_path: str, prefix: str) -> Callable[[str], str]:
    """url('help/') from 'campaigns/x/' gives '../../help/': links work from any host and from disk."""
    def url(target: str) -> str:
        base = page_path or "."
        relative = posixpath.relpath((prefix + target) or ".", base)
        if target.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative if relative != "./" else "./"
    return url
