"""Site: the site's languages, address and folders, as data.

Every stage reads the site's settings from a `SiteConfig`; only the glue
(`glue/config.py`) knows they come from `mkdocs.yml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47: vi, hmn, ium, tyz
    name: str  # the language's own name for itself


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    languages: tuple[Language, ...]  # the default (source) language first
    site_url: str
    campaigns_dir: Path
    overrides_dir: Path
    unbuilt: tuple[str, ...] = ()  # languages declared but not published (`build: false`): their files are skipped

    @property
    def default_language(self) -> str:
        return self.languages[0].tag

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(language.tag for language in self.languages)

    def language_prefix(self, tag: str) -> str:
        """The URL prefix of a language: '' for the default, 'hmn/' for others."""
        return "" if tag == self.default_language else f"{tag}/"

    def page_url(self, tag: str, path: str) -> str:
        """Absolute URL of a page, for QR codes: page_url('hmn', 'campaigns/x/')."""
        return self.site_url.rstrip("/") + "/" + self.language_prefix(tag) + path
