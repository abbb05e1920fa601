"""Publish: replace the output folder only when a build succeeded, one build at a time.

A build writes into a fresh folder beside `site/`; on success the old site is
swapped out and removed. A failed or interrupted build leaves the last good
site exactly as it was. A lock file keeps two builds from running at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


class BuildLocked(Exception):
    """Another build holds the lock."""


@contextlib.contextmanager
def build_lock(lock_file: Path) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"another build is running (lock: {lock_file})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged_output(site_dir: Path) -> Iterator[Path]:
    """Yields an empty folder to build into; on success it becomes `site_dir`."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, site_dir)


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.parent / f".{site_dir.name}-old-{os.getpid()}"
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _recover(site_dir: Path) -> None:
    """Undo what an interrupted earlier build left: restore a swapped-out site, drop half-built ones."""
    parent = site_dir.parent
    for old in sorted(parent.glob(f".{site_dir.name}-old-*")):
        if not site_dir.exists():
            os.rename(old, site_dir)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for half in parent.glob(f".{site_dir.name}-building-*"):
        shutil.rmtree(half, ignore_errors=True)

