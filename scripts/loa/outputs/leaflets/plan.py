"""Plan: which leaflets to make, one job per campaign, language(s), format and edition."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ...content.site import SiteConfig
from ...content.model import Campaign, Contact, Content, Hotline, Place, Publisher
from ...translation.localize import printable
from ...messages import _
from .formats import FORMATS


@dataclass(frozen=True)
class PlaceEdition:
    """A place edition: the place's contacts after the national hotlines, and a QR code to its help page."""

    key: str  # lao-cai or lao-cai/y-ty
    names: tuple[tuple[str, str], ...]  # language -> the place's name
    contacts: tuple[Contact, ...]
    urls: tuple[str, ...]  # the place's help page in each language of the job

    def name(self, language: str, source_language: str) -> str:
        names = dict(self.names)
        return names.get(language) or names.get(source_language) or self.key


@dataclass(frozen=True)
class LeafletJob:
    """One PDF to make: everything its rendering needs, so a worker process can do it alone."""

    campaign: Campaign
    hotlines: tuple[Hotline, ...]
    languages: tuple[str, ...]  # one language, or (source, other) for a bilingual edition
    format: str
    path: str  # relative output path, e.g. leaflets/safe-migration/vi+hmn-a5-flyer.pdf
    urls: tuple[str, ...]  # the campaign page in each language, for the QR codes
    source_language: str
    language_names: tuple[tuple[str, str], ...]
    overrides_dir: Path
    audience: str | None = None
    listen_urls: tuple[str, ...] = ()  # the listening page in each language: a second, smaller QR code
    print_shop: bool = False
    publisher: Publisher | None = None  # campaigns/publisher.yml, for the imprint
    place: PlaceEdition | None = None

    @property
    def language(self) -> str:
        """The reader's language; for a bilingual edition, the one beside the source language."""
        return self.languages[-1]

    @property
    def name(self) -> str:
        editions = (self.place.key if self.place else None, self.audience, _("print shop") if self.print_shop else None)
        edition = "".join(f", {e}" for e in editions if e)
        return _("leaflet {campaign}, {languages}, {format}{edition}").format(
            campaign=self.campaign.slug, languages="+".join(self.languages), format=self.format, edition=edition)


def plan_leaflets(config: SiteConfig, content: Content, audience: str | None = None,
                  print_shop: bool = False, place: Place | None = None) -> list[LeafletJob]:
    """Every campaign x language x format, then bilingual editions (source + each translation file).

    An audience edition covers only the campaigns for that audience. A bilingual edition needs a
    translation file: without one it would print the source language twice. A place edition
    (made only when asked for) goes in its own folder: leaflets/<slug>/<place>/.
    """
    jobs = []
    for campaign in content.campaigns:
        if audience and audience not in campaign.audiences:
            continue  # an edition for schools has nothing to say about a campaign not meant for them
        hotlines = content.campaign_hotlines(campaign)
        # A language with neither title nor key messages of its own gets no leaflet: it would be the source
        # language's leaflet labelled as another (the status page and `loa status` say it waits for translators).
        languages = [lang for lang in config.tags if printable(campaign, lang)]
        pairs: list[tuple[str, ...]] = [(lang,) for lang in languages]
        pairs += [(config.default_language, lang) for lang in languages if lang != config.default_language]
        for pair in pairs:
            for fmt in campaign.leaflets:
                # Place editions are one language each: a bilingual back page has no room for local contacts.
                if len(pair) == 1 or (FORMATS[fmt].bilingual and not place):
                    job = _job(config, campaign, hotlines, pair, fmt, audience, print_shop, content.publisher)
                    jobs.append(_with_place(config, content, job, place) if place else job)
    return jobs


def _job(config, campaign, hotlines, languages, fmt, audience, print_shop, publisher) -> LeafletJob:
    suffix = "".join(f"-{s}" for s in (audience, "print" if print_shop else None) if s)
    urls = tuple(config.page_url(lang, f"campaigns/{campaign.slug}/") for lang in languages)
    listen_urls = tuple(config.page_url(lang, f"campaigns/{campaign.slug}/listen/") for lang in languages)
    return LeafletJob(
        campaign=campaign, hotlines=hotlines, languages=languages, format=fmt,
        path=f"leaflets/{campaign.slug}/{'+'.join(languages)}-{fmt}{suffix}.pdf", urls=urls, listen_urls=listen_urls,
        source_language=config.default_language,
        language_names=tuple((lang.tag, lang.name) for lang in config.languages),
        overrides_dir=config.overrides_dir, audience=audience, print_shop=print_shop, publisher=publisher)


def _with_place(config: SiteConfig, content: Content, job: LeafletJob, place: Place) -> LeafletJob:
    folder, name = job.path.rsplit("/", 1)
    # A commune's edition prints the commune's own contacts (its province's when it has none): the
    # province's are a scan away, on the commune's page, and a leaflet has room for a handful only.
    province = content.place(place.province_id) if place.province_id else None
    contacts = place.contacts or (province.contacts if province else ())
    edition = PlaceEdition(place.key, tuple(place.names.items()), contacts,
                           tuple(config.page_url(lang, place.path) for lang in job.languages))
    return replace(job, path=f"{folder}/{place.key}/{name}", place=edition)
