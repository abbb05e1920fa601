"""What Material's templates and MkDocs' own files need from Loa, apart from the pages.

The theme's strings as HTML text, the hashed names of Material's scripts, one cache of compiled
templates shared by every language's build, and a sitemap.xml.gz that does not change with the clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import jinja2
import jinja2.bccache
from markupsafe import escape

from ..content.files import source_date_epoch


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
