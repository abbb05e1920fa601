"""Render: every planned leaflet into a folder, through a content-hash cache and worker processes (`workers`).

A leaflet's cache key is a hash of what it is made from: the engine's input
data (every candidate layout's blocks: texts, strings, hotlines, URLs (each
QR code is drawn from its URL by segno), page and type sizes, date), the
template and font files, this package's code and the engine's and segno's
versions. Nothing is listed by hand: a new field printed on a leaflet is in
the data, so it is in the key. The sections a general leaflet prints (which
decide the audience editions) are kept under the same key.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
import json
import os
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Mapping

from ...content.files import atomic_write
from ...content.site import SiteConfig
from ...content.model import Content, Place
from ..pages import LeafletLink
from ...content.problems import ContentError, Problem
from ..progress import progress_bar
from ...translation.strings import Strings, StringTables
from ...messages import _
from . import engine, layout
from .plan import LeafletJob, plan_leaflets
from .sections import audience_candidates, audience_editions, site_leaflets
from .workers import Known, Workers, by_campaign, render_chunk, sections_chunk

CACHE_DAYS = 60  # a cached PDF no build has used for this long is deleted
PACKAGE = Path(__file__).resolve().parent


def render_leaflets(config: SiteConfig, content: Content, strings: StringTables, out_dir: Path, cache_dir: Path,
                    audience: str | None = None, print_shop: bool = False, jobs: int | None = None,
                    progress: bool = False, place: Place | None = None, planned: list[LeafletJob] | None = None,
                    workers: Workers | None = None, known: dict[str, Known] | None = None,
                    computed_keys: dict[str, str] | None = None) -> list[LeafletLink]:
    """Render every planned leaflet (`planned`, or those `plan_leaflets` plans) into out_dir; unchanged ones
    are copied from the cache. `workers`: a build's pool (else one for this call: `jobs`, or as many as the
    work is worth); `known`: what workers found out so far, by campaign (what they find out is added);
    `computed_keys`: cache keys computed already in this build, by path."""
    planned = plan_leaflets(config, content, audience, print_shop, place) if planned is None else planned
    tables = [job_strings(job, strings) for job in planned]
    keys = cache_keys(planned, strings, config.overrides_dir, computed_keys)
    cache_dir.mkdir(parents=True, exist_ok=True)
    misses = [i for i, key in enumerate(keys) if not (cache_dir / f"{key}.pdf").is_file()]
    bar = progress_bar(len(misses), _("leaflets"), _("leaflet"), progress)
    problems: dict[int, list[Problem]] = {}
    pool = workers or Workers.for_work(len(misses), jobs)
    try:
        for done, learned in pool.run(render_chunk, by_campaign([(i, planned[i], tables[i]) for i in misses], known)):
            if known is not None and done:
                known.setdefault(planned[done[0][0]].campaign.slug, Known()).add(learned)
            for index, pdf, found in done:
                problems[index] = found
                if pdf is not None:
                    atomic_write(cache_dir / f"{keys[index]}.pdf", pdf)
                bar.update()
    finally:
        if workers is None:
            pool.close()
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


def find_audience_editions(config: SiteConfig, content: Content, strings: StringTables, cache_dir: Path,
                           workers: Workers, computed_keys: dict[str, str] | None = None) -> tuple[set[tuple[str, str, str, str]], dict[str, Known]]:
    """The audience editions a build makes (sections.audience_editions), and what workers found out, by campaign.

    The sections a general leaflet prints are kept beside its PDF ({key}.json, the same key: they follow from
    the same data): a build measures only leaflets that changed, in the workers, a campaign to each."""
    candidates = audience_candidates(config, content)
    tables = [job_strings(job, strings) for job in candidates]
    keys = cache_keys(candidates, strings, config.overrides_dir, computed_keys)
    printed: dict[str, list[str]] = {}
    for job, key in zip(candidates, keys, strict=True):
        kept = _cached_sections(cache_dir / f"{key}.json")
        if kept is not None:
            printed[job.path] = kept
    unknown = [(i, job, tables[i]) for i, job in enumerate(candidates) if job.path not in printed]
    known: dict[str, Known] = {}
    cache_dir.mkdir(parents=True, exist_ok=True)
    for found, learned in workers.run(sections_chunk, by_campaign(unknown)):
        for index, sections in found:
            if sections is not None:  # one that cannot be laid out has none: rendering it reports why
                printed[candidates[index].path] = sections
                atomic_write(cache_dir / f"{keys[index]}.json", json.dumps(sections).encode())
        known[candidates[found[0][0]].campaign.slug] = learned
    return audience_editions(candidates, printed), known


def _cached_sections(path: Path) -> list[str] | None:
    try:
        found = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None  # not measured yet (or a damaged file: measured again)
    return found if isinstance(found, list) and all(isinstance(s, str) for s in found) else None


def prune_cache(cache_dir: Path, keep: set[str], days: int = CACHE_DAYS) -> int:
    """Mark the leaflets in `keep` (their PDFs and printed sections) as used today; delete others unused for
    `days`. Returns how many files went.

    Every edit leaves the previous PDFs behind. An entry is not deleted on the first build that
    does not use it: audience and print-shop editions (`loa leaflets`) share the cache.
    """
    oldest = time.time() - days * 86400
    removed = 0
    for path in cache_dir.iterdir():
        if path.stem in keep and path.suffix in (".pdf", ".json"):
            os.utime(path)
        elif path.stat().st_mtime < oldest and path.suffix in (".pdf", ".json", ".tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def cache_keys(planned: list[LeafletJob], strings: StringTables, overrides_dir: Path,
               known: dict[str, str] | None = None) -> list[str]:
    """Each job's cache key; `known`: keys by path already computed in this build (and those computed here)."""
    known = {} if known is None else known
    code = code_digest(overrides_dir) if any(job.path not in known for job in planned) else ""
    for job in planned:
        if job.path not in known:
            known[job.path] = cache_key(job, job_strings(job, strings), code)
    return [known[job.path] for job in planned]


def cache_key(job: LeafletJob, strings: Mapping[str, Strings], code: str) -> str:
    """A hash of the engine's input data for this leaflet, with the code and files that turn it into a PDF."""
    data = json.dumps(layout.inputs(job, strings, draw_qr=False), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{code}\n{job.path}\n{data}".encode()).hexdigest()


def code_digest(overrides_dir: Path) -> str:
    """Template, fonts, this package's code, the engine's and segno's versions (QR codes are keyed by their
    URL). Read afresh each run (live preview)."""
    digest = hashlib.sha256(f"{engine.TYPST_VERSION} {metadata.version('segno')}".encode())
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


def planned_links(config: SiteConfig, content: Content, print_shop: bool = False,
                  planned: list[LeafletJob] | None = None) -> list[LeafletLink]:
    """The leaflets a build makes, as pages list them, before they are rendered (sizes unknown)."""
    return [LeafletLink(job.campaign.slug, job.language, job.format, job.path, None, _label(job), job.print_shop,
                        job.audience or "")
            for job in (plan_leaflets(config, content, print_shop=print_shop) if planned is None else planned)]


def _label(job: LeafletJob) -> str:
    return " + ".join(job.languages) if len(job.languages) > 1 else ""


class BackgroundRender:
    """Leaflets planned and rendered in a thread (and its worker processes) while the site builds: the office,
    bilingual and audience editions, then (when `print_shop`) the print-shop ones (bleed).

    Pages list the leaflets from the plan, which waits for the audience editions to be decided (by the
    workers, which go on to render): `planned()` is asked for when the pages need it, and the build makes
    the recordings and announcer's sheets in the meantime. Sizes come from `results()` when rendering is done.
    """

    def __init__(self, config: SiteConfig, content: Content, strings: StringTables, out_dir: Path, cache_dir: Path,
                 print_shop: bool = True, progress: bool = False):
        self._plan: Future[list[LeafletLink]] = Future()
        computed: dict[str, str] = {}  # cache keys by path: each is computed once in a build

        def plan_and_render() -> list[LeafletLink]:
            workers = Workers(0)
            try:  # whatever fails while planning is raised by planned() too: the pages wait for it
                general = plan_leaflets(config, content)
                keys = cache_keys(general, strings, config.overrides_dir, computed)
                workers = Workers.for_work(sum(1 for key in keys if not (cache_dir / f"{key}.pdf").is_file()))
                # Measured once: bleed does not change the panels.
                audiences, known = find_audience_editions(config, content, strings, cache_dir, workers, computed)
                plans = {edition: site_leaflets(config, content, audiences, edition)
                         for edition in [False, *([True] if print_shop else [])]}
            except BaseException as error:
                workers.close()
                self._plan.set_exception(error)
                raise
            self._plan.set_result([link for edition, jobs in plans.items()
                                   for link in planned_links(config, content, edition, jobs)])
            try:
                return [link for edition, jobs in plans.items()
                        for link in render_leaflets(config, content, strings, out_dir, cache_dir, print_shop=edition,
                                                    progress=progress, planned=jobs, workers=workers, known=known,
                                                    computed_keys=computed)]
            finally:
                workers.close()
        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="loa-leaflets")
        self._future = thread.submit(plan_and_render)
        thread.shutdown(wait=False)  # the thread finishes its one task; nothing more is submitted

    def planned(self) -> list[LeafletLink]:
        """Every leaflet the build makes, as pages list them (sizes unknown): waits for the plan."""
        return self._plan.result()

    def done(self) -> bool:
        return self._future.done()

    def results(self) -> list[LeafletLink]:
        """Every leaflet with its size, once rendered; raises ContentError when one does not fit."""
        return self._future.result()
