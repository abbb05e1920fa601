"""Live preview: after an edit, build again only the languages whose pages it changed.

static-i18n builds the site once per language, and under `mkdocs serve` every
edit used to build all of them. An edit of one campaign file changes the pages
of its own language, and of the languages that show its text where they have
no translation of their own; the other languages' pages come out the same.
A language is left as the last build wrote it when its generated pages are
byte for byte the same as then, the same leaflet sizes are printed on them,
the same set of pages exists in every language, and nothing else they are made
from changed (templates and interface strings, hand-written docs, mkdocs.yml,
what the glue hands the theme); any doubt, a first build or a build that
failed builds every language.

How: MkDocs empties the site folder at the start of every build, except names
starting with a dot. A language left as it is is moved into a dot folder
before that, moved back once the default language is built, and static-i18n's
own `build` option of that language is off while it builds the others.
`mkdocs build` and `loa build` never skip anything.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Iterable

KEPT = ".loa-kept"  # in the site folder: MkDocs' cleaning leaves names starting with a dot alone


class LanguageSkipper:
    """What the last complete preview build was made from, to tell which languages an edit leaves alone."""

    def __init__(self) -> None:
        self.last_pages: dict[str, str] | None = None  # language -> digest of its generated pages
        self.last_names: frozenset[str] = frozenset()  # every generated page's staging name
        self.last_stamp: str | None = None  # everything else the pages are made from
        self.last_sizes: dict[str, int | None] = {}  # leaflet path -> size printed on the pages
        self.pages: dict[str, str] = {}  # this build's, recorded once it is complete
        self.names: frozenset[str] = frozenset()
        self.stamp: str | None = None
        self.listed: dict[str, str] = {}  # language -> the HTML of its pages, to find the leaflets it lists
        self.candidates: list[str] = []  # languages that may be left as they are
        self.kept: list[str] = []  # languages moved aside and left as they are, this build

    def plan(self, pages: Iterable[tuple[str, str, bytes]], stamp: str | None) -> None:
        """This build's generated pages, (language, staging name, bytes), and a stamp of the rest (None: unknown)."""
        by_language: dict[str, list[tuple[str, bytes]]] = {}
        for language, name, data in pages:
            by_language.setdefault(language, []).append((name, data))
        self.pages = {lang: _digest(files) for lang, files in by_language.items()}
        self.listed = {lang: b"".join(data for _, data in files).decode("utf-8") for lang, files in by_language.items()}
        self.names = frozenset(name for files in by_language.values() for name, _ in files)
        self.stamp = stamp
        same_rest = stamp is not None and stamp == self.last_stamp and self.names == self.last_names
        self.candidates = [lang for lang, digest in self.pages.items()
                           if same_rest and self.last_pages is not None and self.last_pages.get(lang) == digest]

    def keep(self, site_dir: Path, default: str) -> None:
        """Before MkDocs empties the site: move the candidates' folders aside (never the default language's)."""
        kept_root = site_dir / KEPT
        shutil.rmtree(kept_root, ignore_errors=True)  # left by a build that failed
        self.kept = []
        for language in self.candidates:
            if language != default and (site_dir / language).is_dir():
                kept_root.mkdir(exist_ok=True)
                (site_dir / language).rename(kept_root / language)
                self.kept.append(language)

    def restore(self, site_dir: Path, sizes: dict[str, int | None], loa_written: Iterable[str]) -> list[str]:
        """After the default language is built: the kept folders back in place; returns the languages not to build.

        A language whose pages list a leaflet whose size changed is built after all (its folder dropped).
        Files Loa wrote into a kept folder after the last build (redirects) are removed: Loa writes them again.
        """
        changed = {path for path, size in sizes.items() if self.last_sizes.get(path) != size}
        changed |= set(self.last_sizes) - set(sizes)
        skipped = []
        for language in self.kept:
            folder = site_dir / KEPT / language
            if any(path in self.listed.get(language, "") for path in changed):
                shutil.rmtree(folder)
                continue
            for relative in loa_written:
                if relative.startswith(f"{language}/"):
                    (folder / relative[len(language) + 1:]).unlink(missing_ok=True)
            folder.rename(site_dir / language)
            skipped.append(language)
        shutil.rmtree(site_dir / KEPT, ignore_errors=True)
        self.kept = []
        return skipped

    def complete(self, sizes: dict[str, int | None]) -> None:
        """The build is done: what it was made from is what the next edit is compared with."""
        self.last_pages, self.last_names, self.last_stamp = dict(self.pages), self.names, self.stamp
        self.last_sizes = dict(sizes)

    def forget(self) -> None:
        """A build that failed or showed problems: the next one builds every language."""
        self.last_pages, self.last_stamp = None, None


def stamp(parts: Iterable[object]) -> str:
    """A digest of JSON-able values (fingerprints, what the glue hands the theme)."""
    return hashlib.sha256(json.dumps(list(parts), sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _digest(files: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()
