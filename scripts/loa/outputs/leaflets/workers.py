"""Workers: leaflet work in worker processes, one campaign's leaflets to one worker at a time.

A campaign's leaflets share their QR codes and most of their blocks: given to
one worker together, each code is drawn once and each block measured once.
What a worker found out about a campaign (`Known`: heights, QR codes), while
deciding the audience editions or rendering, travels back with its answer and
goes along with that campaign's next leaflets, to whichever worker gets them.
With one worker or fewer, the work runs in this process (live preview).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from itertools import groupby
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from ... import messages
from ...content.problems import ContentError, Problem
from ...translation.strings import Strings
from . import blocks, engine, layout
from .plan import LeafletJob

PER_WORKER = 12  # leaflets (about 40 ms each) worth starting a worker process for

Item = tuple[int, LeafletJob, Mapping[str, Strings]]  # (index in the plan, job, its strings)
Measured = dict[str, float]  # engine measurements: a block's key -> its height
Result = TypeVar("Result")


@dataclass
class Known:
    """What workers found out about one campaign (blocks measured, QR codes drawn): sent along with its next
    work, so whichever worker gets it does neither again."""

    measured: Measured = field(default_factory=dict)
    qr_codes: dict[str, str] = field(default_factory=dict)

    def add(self, other: Known) -> None:
        self.measured.update(other.measured)
        self.qr_codes.update(other.qr_codes)


class Workers:
    """A pool of worker processes, started on first use and kept for the build (each costs about a third
    of a second to start: an interpreter and the engine); or this process, when one worker is enough."""

    def __init__(self, count: int):
        self.count = count
        self._pool: ProcessPoolExecutor | None = None

    @classmethod
    def for_work(cls, leaflets: int, jobs: int | None = None) -> Workers:
        """As many as asked (`jobs`), else one per PER_WORKER leaflets, up to one per core."""
        return cls(min(jobs, leaflets) if jobs else min(os.cpu_count() or 1, leaflets // PER_WORKER))

    def run(self, task: Callable[[list[Item], Known], Result], chunks: Sequence[tuple[list[Item], Known]]) -> Iterator[Result]:
        """task(items, known) for each chunk, as they finish."""
        if self.count <= 1:
            for items, known in chunks:
                yield task(items, known)
            return
        pool = self._start()
        for future in as_completed([pool.submit(task, items, known) for items, known in chunks]):
            yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _start(self) -> ProcessPoolExecutor:
        # A spawned worker starts afresh: it is told the language its problems are written in (loa --lang).
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.count, mp_context=_context(),
                                             initializer=messages.use_language, initargs=(messages.language(),))
        return self._pool


def by_campaign(items: Iterable[Item], known: Mapping[str, Known] | None = None) -> list[tuple[list[Item], Known]]:
    """Chunks of work, one per campaign in plan order, each with what is known about that campaign."""
    known = known or {}
    return [(chunk, known.get(slug, Known())) for slug, group in groupby(items, key=lambda item: item[1].campaign.slug)
            for chunk in [list(group)]]


def render_chunk(items: list[Item], known: Known) -> tuple[list[tuple[int, bytes | None, list[Problem]]], Known]:
    """(index, PDF or None, problems) for each leaflet, and what was found out. Problems travel back as
    values: ContentError does not pickle."""
    since = _learn(known)
    done: list[tuple[int, bytes | None, list[Problem]]] = []
    for index, job, strings, prepared in _measured_ahead(items):
        try:
            done.append((index, layout.render_one(job, strings, prepared), []))
        except ContentError as error:
            done.append((index, None, error.problems))
    return done, _found_since(*since)


def sections_chunk(items: list[Item], known: Known) -> tuple[list[tuple[int, list[str] | None]], Known]:
    """(index, the sections the leaflet prints, or None when it cannot be laid out) for each leaflet, measured,
    not rendered; and what was found out, for the worker that will render them."""
    since = _learn(known)
    found: list[tuple[int, list[str] | None]] = []
    for index, job, strings, prepared in _measured_ahead(items):
        try:
            found.append((index, layout.printed_sections(job, strings, prepared)[0]))
        except ContentError:
            found.append((index, None))  # rendering the leaflet reports it
    return found, _found_since(*since)


def _measured_ahead(items: list[Item]) -> list[tuple[int, LeafletJob, Mapping[str, Strings], layout.Prepared]]:
    """The items with their blocks made, and every block measured in one pass of the engine."""
    prepared = [(index, job, strings, layout.prepare(job, strings)) for index, job, strings in items]
    layout.measure_ahead([(job, ready) for _, job, _, ready in prepared])
    return prepared


def _learn(known: Known) -> tuple[int, set[str]]:
    """Take what is known; return where this process stands, to tell what it finds out next."""
    engine.keep_measurements(known.measured)
    blocks.keep_qr_codes(known.qr_codes)
    return engine.measured_count(), set(blocks.qr_codes())


def _found_since(measured: int, drawn: set[str]) -> Known:
    return Known(engine.measurements(measured), {url: svg for url, svg in blocks.qr_codes().items() if url not in drawn})


def _context() -> multiprocessing.context.BaseContext:
    """Fresh worker processes, never forks of this one: a process that has run the engine holds its
    threads' locks, and a fork of it can hang (live preview renders in-process). Spawned workers are
    this process's children, so their CPU time is counted where it is measured (scripts/bench)."""
    return multiprocessing.get_context("spawn")
