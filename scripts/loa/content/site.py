"""Config: the site's languages, address and folders, read from `mkdocs.yml`.

Languages are declared once, in the `loa-i18n` plugin's `languages` list of
`mkdocs.yml`. This module reads that file as plain YAML (it does not import
MkDocs), so the checker and the leaflet renderer share the site's settings
without depending on the site engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .load import read_limited
from .problems import ContentError, Problem, display_path

MAX_CONFIG_BYTES = 1_000_000


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


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name:` tags we do not need."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_config(config_file: Path, campaigns_dir: Path | None = None) -> SiteConfig:
    """Read `mkdocs.yml`. Raises ContentError with a clear problem if it cannot."""
    shown = display_path(config_file)
    raw, problem = read_limited(config_file, MAX_CONFIG_BYTES, shown)
    if problem:
        raise ContentError([problem])
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_TolerantLoader) or {}
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        raise ContentError([Problem(shown, None, None, "", f"cannot read the site configuration ({error})")]) from None
    root = config_file.parent.resolve()
    plugins = _plugins(data.get("plugins"))
    languages = _languages(plugins.get("loa-i18n") or {}, shown)
    loa_options = plugins.get("loa") or {}
    campaigns = campaigns_dir or root / loa_options.get("campaigns", "campaigns")
    return SiteConfig(
        root=root,
        languages=languages,
        site_url=data.get("site_url") or "http://localhost:8000/",
        campaigns_dir=Path(campaigns).resolve(),
        overrides_dir=root / (data.get("theme", {}) or {}).get("custom_dir", "overrides"),
    )


def _plugins(value: Any) -> dict[str, dict]:
    """mkdocs.yml lists plugins as names or one-key mappings: make it one mapping."""
    result: dict[str, dict] = {}
    for item in value or []:
        if isinstance(item, str):
            result[item] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                result[name] = options or {}
    return result


def _languages(options: dict, shown: str) -> tuple[Language, ...]:
    entries = [e for e in options.get("languages") or [] if isinstance(e, dict) and e.get("locale")]
    if not entries:
        raise ContentError([Problem(shown, None, None, "plugins.loa-i18n.languages", "no languages are declared",
                                    "list the site's languages under the loa-i18n plugin, the source language with default: true")])
    entries.sort(key=lambda e: not e.get("default", False))  # the default language first
    return tuple(Language(str(e["locale"]), str(e.get("name") or e["locale"])) for e in entries)
