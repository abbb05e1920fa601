"""Render: every planned leaflet into a folder, through a content-hash cache and a process pool.

A leaflet's cache key is a hash of what it is made from: the engine's input
data (every candidate layout's blocks: texts, strings, hotlines, URLs, QR
codes, page and type sizes, date), the template and font files, this
package's code and the engine's version. Nothing is listed by hand: a new
field printed on a leaflet is in the data, so it is in the key.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Mapping

from ...content.files import atomic_write
from ...content.site import SiteConfig
from ...content.model import Content, Place
from ..pages import LeafletLink
from ...content.problems import ContentError, Problem
from ..progress import progress_bar
from ...translation.strings import Strings, StringTables
from ... import messages
from ...messages import _
from . import engine, layout
from .plan import LeafletJob, plan_leaflets
from .sections import audience_editions, site_leaflets

CACHE_DAYS = 60  # a cached PDF no build has used for this long is deleted
PER_WORKER = 12  # leaflets (about 40 ms each) worth starting a worker process for
PACKAGE = Path(__file__).resolve().parent


def render_leaflets(config: SiteConfig, content: Content, strings: StringTables, out_dir: Path, cache_dir: Path,
                    audience: str | None = None, print_shop: bool = False, jobs: int | None = None,
                    progress: bool = False, place: Place | None = None,
                    planned: list[LeafletJob] | None = None) -> list[LeafletLink]:
    """Render every planned leaflet (`planned`, or those `plan_leaflets` plans) into out_dir; unchanged ones
    are copied from the cache."""
    planned = plan_leaflets(config, content, audience, print_shop, place) if planned is None else planned
    tables = [job_strings(job, strings) for job in planned]
    code = code_digest(config.overrides_dir)
    keys = [cache_key(job, table, code) for job, table in zip(planned, tables, strict=True)]
    cache_dir.mkdir(parents=True, exist_ok=True)
    misses = [i for i, key in enumerate(keys) if not (cache_dir / f"{key}.pdf").is_file()]
    bar = progress_bar(len(misses), _("leaflets"), _("leaflet"), progress)
    problems: dict[int, list[Problem]] = {}
    for index, pdf, found in _render_all([(i, planned[i], tables[i]) for i in misses], jobs):
        problems[index] = found
        if pdf is not None:
            atomic_write(cache_dir / f"{keys[index]}.pdf", pdf)
        bar.update()
    bar.close()
    if any(problems.values()):
        raise ContentError([p for index in sorted(problems) for p in problems[index]])  # in plan order
    prune_cache(cache_dir, keep=set(keys))
    results = []
    for job, key in zip(planned, keys, strict=True):
        target = out_dir / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{key}.pdf", target)
        results.append(LeafletLink(job.campaign.slug, job.language, job.format, job.path, target.stat().st_size,
                                   _label(job), job.print_shop, job.audience or ""))
    return results


def prune_cache(cache_dir: Path, keep: set[str], days: int = CACHE_DAYS) -> int:
    """Mark the leaflets in `keep` as used today; delete others unused for `days`. Returns how many went.

    Every edit leaves the previous PDFs behind. An entry is not deleted on the first build that
    does not use it: audience and print-shop editions (`loa leaflets`) share the cache.
    """
    oldest = time.time() - days * 86400
    removed = 0
    for path in cache_dir.iterdir():
        if path.stem in keep and path.suffix == ".pdf":
            os.utime(path)
        elif path.stat().st_mtime < oldest and path.suffix in (".pdf", ".tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def cache_key(job: LeafletJob, strings: Mapping[str, Strings], code: str) -> str:
    """A hash of the engine's input data for this leaflet, with the code and files that turn it into a PDF."""
    data = json.dumps(layout.inputs(job, strings), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{code}\n{job.path}\n{data}".encode()).hexdigest()


def code_digest(overrides_dir: Path) -> str:
    """Template, fonts, this package's code and the engine's version. Read afresh each run (live preview)."""
    digest = hashlib.sha256(engine.TYPST_VERSION.encode())
    files = [*sorted(PACKAGE.glob("*.py")), *sorted((overrides_dir / engine.ASSETS).rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def contacts_left_out(config: SiteConfig, content: Content, strings: StringTables, place: Place,
                      print_shop: bool = False) -> list[tuple[str, int, int]]:
    """(leaflet path, contacts printed, contacts in all) for each place edition that leaves some to the place page."""
    found = []
    for job in plan_leaflets(config, content, None, print_shop, place):
        printed, total = layout.printed_contacts(job, job_strings(job, strings))
        if printed < total:
            found.append((job.path, printed, total))
    return found


def job_strings(job: LeafletJob, strings: StringTables | Mapping[str, Strings]) -> dict[str, Strings]:
    table = strings.loa if isinstance(strings, StringTables) else strings
    return {lang: table[lang] for lang in {*job.languages, job.source_language}}


def _render_all(work: list, jobs: int | None):
    """(index, pdf or None, problems) for each job; in this process when one worker is enough.

    A worker costs about a third of a second to start (an interpreter and the engine): unless told how
    many, start one per PER_WORKER leaflets, up to one per core (live preview renders a few, in-process).
    """
    workers = min(jobs, len(work)) if jobs else min(os.cpu_count() or 1, len(work) // PER_WORKER)
    if workers <= 1:
        for index, job, strings in work:
            yield (index, *_render_safely(job, strings))
        return
    # A spawned worker starts afresh: it is told the language its problems are written in (loa --lang), and
    # given what this process measured already (a site build measures every leaflet for its audience editions).
    with ProcessPoolExecutor(max_workers=workers, mp_context=_workers_context(), initializer=_start_worker,
                             initargs=(messages.language(), engine.measurements())) as pool:
        futures = {pool.submit(_render_safely, job, strings): index for index, job, strings in work}
        for future in as_completed(futures):
            yield (futures[future], *future.result())


def _start_worker(language: str, measured: dict) -> None:
    messages.use_language(language)
    engine.keep_measurements(measured)


def _workers_context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes, never forks of this one: a process that has run the engine holds its
    threads' locks, and a fork of it can hang (live preview renders in-process). Spawned workers are
    this process's children, so their CPU time is counted where it is measured (scripts/bench)."""
    return multiprocessing.get_context("spawn")


def _render_safely(job: LeafletJob, strings: Mapping[str, Strings]) -> tuple[bytes | None, list[Problem]]:
    """Problems travel back from worker processes as values: ContentError does not pickle."""
    try:
        return layout.render_one(job, strings), []
    except ContentError as error:
        return None, error.problems


def planned_links(config: SiteConfig, content: Content, print_shop: bool = False,
                  planned: list[LeafletJob] | None = None) -> list[LeafletLink]:
    """The leaflets a build makes, as pages list them, before they are rendered (sizes unknown)."""
    return [LeafletLink(job.campaign.slug, job.language, job.format, job.path, None, _label(job), job.print_shop,
                        job.audience or "")
            for job in (plan_leaflets(config, content, print_shop=print_shop) if planned is None else planned)]


def _label(job: LeafletJob) -> str:
    return " + ".join(job.languages) if len(job.languages) > 1 else ""


class BackgroundRender:
    """Leaflets rendering in a thread (and its worker processes) while the site builds: the office,
    bilingual and audience editions, then (when `print_shop`) the print-shop ones (bleed).

    Pages list the leaflets from the plan; their sizes come from `results()` when rendering is done.
    """

    def __init__(self, config: SiteConfig, content: Content, strings: StringTables, out_dir: Path, cache_dir: Path,
                 print_shop: bool = True, progress: bool = False):
        audiences = audience_editions(config, content, strings)  # measured once: bleed does not change the panels
        plans = {edition: site_leaflets(config, content, audiences, edition) for edition in [False, *([True] if print_shop else [])]}
        self.planned = [link for edition, jobs in plans.items() for link in planned_links(config, content, edition, jobs)]
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="loa-leaflets")

        def both_editions() -> list[LeafletLink]:
            return [link for edition, jobs in plans.items()
                    for link in render_leaflets(config, content, strings, out_dir, cache_dir, print_shop=edition,
                                                progress=progress, planned=jobs)]
        self._future = self._pool.submit(both_editions)
        self._pool.shutdown(wait=False)  # the thread finishes its one task; nothing more is submitted

    def done(self) -> bool:
        return self._future.done()

    def results(self) -> list[LeafletLink]:
        """Every leaflet with its size, once rendered; raises ContentError when one does not fit."""
        return self._future.result()
