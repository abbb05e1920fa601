"""What Material's templates and MkDocs' own files need from Loa, apart from the pages.

What overrides/ reads from config.extra (the theme's strings as HTML text, Loa's interface strings,
the imprint, the hashed names of Material's scripts, the live preview's problems), one cache of
compiled templates shared by every language's build, and a sitemap.xml.gz that does not change with the clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import jinja2
import jinja2.bccache
from markupsafe import escape

from ..content.files import source_date_epoch
from ..content.site import SiteConfig
from ..generate import Generated
from ..messages import _, ngettext
from ..translation.imprint import publisher_lines


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


SHARED_BYTECODE = _MemoryBytecodeCache()

def html_text(strings: Mapping[str, str]) -> dict[str, str]:
    """Each value escaped as HTML text (<, >, &, quotes), as templates that do not autoescape need."""
    return {key: str(escape(value)) for key, value in strings.items()}



def material_scripts() -> dict[str, str]:
    """The hashed names of Material's bundle and search worker, which main.html loads itself."""
    import material

    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    return {"bundle": "assets/javascripts/" + next(scripts.glob("bundle.*.min.js")).name,
            "worker": "assets/javascripts/workers/" + next((scripts / "workers").glob("search.*.min.js")).name}


def reproducible_sitemap_gz(site_dir: Path) -> None:
    """MkDocs stamps sitemap.xml.gz with the build's second: rewrite it with SOURCE_DATE_EPOCH, or 0."""
    import gzip

    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        mtime = source_date_epoch() or 0
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.read_bytes(), mtime=mtime))


def theme_extra(site: SiteConfig, generated: Generated, preview_problems: list[str]) -> dict[str, object]:
    """The `loa_*` keys of config.extra, which overrides/main.html and its partials read."""
    strings = generated.strings
    return {
        # Material's templates print the theme's strings as they are (MkDocs' Jinja does not autoescape):
        # they go in as HTML text. Loa's own (loa_ui, names) are text: main.html escapes them itself.
        "loa_theme": {tag: html_text(s.own) for tag, s in strings.theme.items()},
        "loa_theme_fallback": html_text(strings.theme[site.default_language].own),
        "loa_ui": {tag: {**s.fallback, **s.own, "_status": s.status} for tag, s in strings.loa.items()},
        "loa_language_names": {lang.tag: lang.name for lang in site.languages},
        "loa_default_language": site.default_language,
        "loa_material_scripts": material_scripts(),
        "loa_imprint": _imprint(site, generated),
        "loa_problems": preview_problems,  # overrides/main.html shows them above each page
        "loa_problems_heading": _problems_heading(len(preview_problems)),
    }


def _imprint(site: SiteConfig, generated: Generated) -> dict[str, list[dict]]:
    """The site footer's imprint per language (organisation, edition, "free"): text, escaped by main.html."""
    if generated.content is None:
        return {}
    strings = generated.strings.loa
    return {tag: publisher_lines(generated.content.publisher, tag, strings, site.default_language) for tag in site.tags}


def _problems_heading(count: int) -> str:
    """The live preview's banner over the last good pages while the campaign files have errors."""
    return "loa: " + ngettext("{n} problem in the campaign files.", "{n} problems in the campaign files.", count).format(
        n=count) + " " + _("This preview shows the pages of the last good build; it updates as soon as the files are fixed.")
