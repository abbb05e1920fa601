"""Generate: run the pipeline once: validate -> model -> pages (and leaflets).

This is what any site engine's glue calls. It returns the problems found and,
when there is no error, the rendered pages; `sync_tree` writes generated files
to a folder, touching only files whose content changed (so live preview does
not loop and unchanged pages keep their timestamps).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .checks import content_problems, with_positions
from .content.files import CACHE_DIR, tree_fingerprint
from .content.site import SiteConfig
from .content.model import Content
from .outputs.pages import LeafletLink, PageRenderer, RenderedPage
from .content.problems import ERROR, Problem
from .translation.strings import StringTables, load_strings
from .content.validate import check_content


@dataclass
class Generated:
    problems: list[Problem]
    strings: StringTables
    content: Content | None = None  # None when the campaigns have an error
    pages: list[RenderedPage] = field(default_factory=list)
    covers: CoverJobs | None = None

    @property
    def ok(self) -> bool:
        return self.content is not None and not any(p.severity == ERROR for p in self.problems)

    def valid(self) -> Content:
        """The model of a check that found no error (callers ask `ok` first: anything else is a bug)."""
        if self.content is None:
            raise RuntimeError("the content has errors: it has no model")
        return self.content


_last_check: tuple[tuple, Generated] | None = None


def check(config: SiteConfig) -> Generated:
    """Validate content and interface strings; no rendering.

    `loa build` checks before starting MkDocs and the plugin checks again inside
    it: the second call reuses the first while no input file changed.
    """
    global _last_check
    key = (config, tree_fingerprint([config.campaigns_dir, config.overrides_dir / "i18n", config.overrides_dir / "leaflets" / "fonts"]))
    if _last_check and _last_check[0] == key:
        previous = _last_check[1]
        return Generated(list(previous.problems), previous.strings, previous.content)
    result = _check(config)
    _last_check = (key, result)
    return Generated(list(result.problems), result.strings, result.content)


def _check(config: SiteConfig) -> Generated:
    content, problems = check_content(config)
    if content is not None:
        problems = with_positions(problems + content_problems(config, content), content.documents)
    strings, string_problems = load_strings(config.overrides_dir, config.tags)
    if content is not None and not any(p.severity == ERROR for p in problems):
        problems += _listening_problems(config, content, strings)
    return Generated(problems + string_problems, strings, content)


def _listening_problems(config: SiteConfig, content: Content, strings: StringTables) -> list[Problem]:
    """Announcements past 3 minutes; recordings that cannot be published (read once, then cached)."""
    from .outputs.announce import length_problems
    from .outputs.listen import recording_problems  # the audio library: only once the content is valid

    return length_problems(content, strings.loa, config.tags) + recording_problems(config, content)


LeafletStep = Callable[[Content, StringTables], Callable[[], list[LeafletLink]]]


def no_leaflets() -> list[LeafletLink]:
    return []


def generate_pages(config: SiteConfig, leaflets: LeafletStep | None = None, images_dir: Path | None = None,
                   listen_dir: Path | None = None, sheets: bool = True) -> Generated:
    """Check, start the leaflets, then render every page.

    The leaflet step starts planning and rendering (in the background, for the glue) and returns how to
    get the planned leaflets, asked for only once the pages need them: the recordings and announcer's
    sheets are made in the meantime. Pages list the leaflets at once, and their sizes are filled in when
    known (pages.fill_leaflet_sizes).

    Cover pictures are resized in the background into images_dir while the caller goes on
    (pages need only their sizes, read from the headers): call `result.covers.wait()` before
    publishing images_dir. Recordings and announcer's sheets go to listen_dir/audio/ (none when it is None).
    """
    result = check(config)
    if result.ok:
        content = result.valid()
        planned = leaflets(content, result.strings) if leaflets else no_leaflets
        result.covers = CoverJobs(config, content, images_dir)
        listening = None
        if listen_dir is not None:
            from .outputs.listen import publish_listening

            listening = publish_listening(config, content, result.strings.loa, listen_dir,
                                          config.root / CACHE_DIR, sheets)
        renderer = PageRenderer(config, content, result.strings, planned(), result.covers.planned, listening)
        result.pages = renderer.render_all()
    return result


class CoverJobs:
    """Campaign covers resized in threads (Pillow lets go of the GIL): on a second core while the site builds."""

    def __init__(self, config: SiteConfig, content: Content, out_dir: Path | None):
        """Start resizing into out_dir/images/ (nothing when out_dir is None: pages without pictures)."""
        images = {c.slug: c.image for c in content.campaigns if c.image is not None}
        self.planned: dict = {}
        self._futures: list = []
        if not images or out_dir is None:
            return
        from .outputs.covers import plan_cover, write_cover  # Pillow: only when there are pictures to publish

        self.planned = {slug: plan_cover(image, slug) for slug, image in images.items()}
        cache = config.root / CACHE_DIR / "images"
        pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="loa-covers")
        self._futures = [pool.submit(write_cover, image, slug, out_dir, cache) for slug, image in images.items()]
        pool.shutdown(wait=False)  # the threads finish their work; nothing more is submitted

    def wait(self) -> list[Problem]:
        """Block until every cover is written; their budget warnings. Errors are raised here."""
        return [problem for future in self._futures for problem in future.result()]


def sync_tree(dest: Path, files: dict[str, bytes]) -> int:
    """Make `dest` hold exactly `files` (relative path -> bytes). Returns how many were written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = 0
    for relative, data in files.items():
        target = dest / relative
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    wanted = {dest / r for r in files}
    for path in sorted(dest.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
