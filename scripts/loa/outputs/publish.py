"""Publish: replace the output folder only when a build succeeded, one build at a time.

A build writes into a fresh folder beside `site/`; on success the old site is
swapped out and removed. A failed or interrupted build leaves the last good
site exactly as it was. A lock file keeps two builds from running at once.

Replacing a folder deletes what it held, so every output folder a user names is
checked first (`check_output_folder`): never the project, its sources, a git
repository, or a non-empty folder that Loa did not write. Every output Loa
writes holds a marker file that says so.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from ..content.files import CACHE_DIR
from ..content.problems import ContentError, Problem, display_path
from ..messages import _

MARKER = ".loa-output"
MARKER_TEXT = ("Loa wrote this folder (loa build, loa leaflets) and replaces everything in it on the next build.\n"
               "Keep nothing of your own here.\n")


class UnsafeOutput(ContentError):
    """An output folder that Loa must not write into: a usage mistake, not a content problem."""


def check_output_folder(folder: Path, root: Path, sources: list[Path], option: str) -> None:
    """Raise UnsafeOutput unless writing (and later replacing) `folder` can lose nothing of the user's.

    `root` is the project (the folder of mkdocs.yml); `sources` are the folders Loa reads
    (campaigns/, docs/, overrides/). `option` is how the user named the folder, for the message.
    """
    problem = _output_refusal(folder.resolve(), root.resolve(), [s.resolve() for s in sources])
    if problem:
        message, hint = problem
        raise UnsafeOutput([Problem(display_path(folder), None, None, option, message, hint)])


def _output_refusal(folder: Path, root: Path, sources: list[Path]) -> tuple[str, str] | None:
    pick = _("name a new folder for the output, e.g. {folder}, or leave the option out").format(
        folder=display_path(root / "site"))
    if folder == root or folder in root.parents:
        return (_("this folder holds the project (mkdocs.yml, campaigns/, docs/): writing the output there "
                  "would delete the project"), pick)
    for source in sources:
        if folder == source:
            return _("this folder is {source}, which Loa reads: writing the output there would delete it").format(
                source=_named(source, root)), pick
        if folder in source.parents:
            return _("this folder holds {source}, which Loa reads: writing the output there would delete it").format(
                source=_named(source, root)), pick
        if source in folder.parents:
            return (_("this folder is inside {source}, which Loa reads: the output would be read "
                      "back as content, and replacing it could delete your files").format(source=_named(source, root)),
                    pick)
    if (folder / ".git").exists():
        return _("this folder is a git repository: writing the output there would delete it"), pick
    if folder.exists() and not folder.is_dir():
        return _("this is a file, not a folder"), pick
    if root / CACHE_DIR in folder.parents:
        return None  # Loa's own cache, made before outputs carried a marker
    if folder.is_dir() and not is_loa_output(folder) and any(folder.iterdir()):
        return (_("this folder is not empty and Loa did not write it (it has no .loa-output file): "
                  "writing the output there would delete what it holds"),
                _("name an empty or new folder, or move what it holds elsewhere and delete it"))
    return None


def _named(source: Path, root: Path) -> str:
    try:
        return f"{source.relative_to(root).as_posix()}/"
    except ValueError:
        return str(source)


def is_loa_output(folder: Path) -> bool:
    """A folder Loa wrote: it holds the marker, or it is a site built before markers existed."""
    if (folder / MARKER).is_file():
        return True
    return (folder / "assets" / "loa").is_dir() and (folder / "index.html").is_file()


def mark_output(folder: Path) -> None:
    """Say in the folder that Loa wrote it (and may replace it)."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


class BuildLocked(Exception):
    """Another build holds the lock."""


@contextlib.contextmanager
def build_lock(lock_file: Path) -> Iterator[None]:
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(_("another build is running (lock: {file})").format(file=lock_file)) from None
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
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700: a web server running as another user must read the site
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



def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
