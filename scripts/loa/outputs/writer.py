"""Writer: the one way outputs reach the site folder: each path claimed by one output, each file written atomically.

Pages, redirects, leaflets, covers and the offline copy each hand their files
here, under the output's name. A second output claiming a path already claimed
is refused with a problem naming both (a redirect must never replace a live
campaign page), instead of silently overwriting it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content.files import atomic_write
from ..content.problems import ContentError, Problem
from ..messages import _


class OutputClash(ContentError):
    """Two outputs claimed one path in the site."""


class SiteWriter:
    """Writes into one output folder; remembers which output claimed each path (relative, POSIX)."""

    def __init__(self, root: Path):
        self.root = root
        self.owners: dict[str, str] = {}

    def claim(self, path: str, owner: str, source: str = "") -> None:
        """Reserve `path` for `owner`; a different owner already holding it is an OutputClash."""
        held = self.owners.setdefault(path, owner)
        if held != owner:
            raise OutputClash([Problem(source or owner, None, None, "",
                                       _("{owner} would overwrite {path}, which {held} wrote").format(
                                           owner=owner, path=path, held=held),
                                       _("two outputs cannot share one address: rename one of them"))])

    def claim_existing(self, owner: str) -> None:
        """Claim every file already in the folder for `owner` (what the site engine wrote)."""
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                self.claim(path.relative_to(self.root).as_posix(), owner)

    def write(self, path: str, data: bytes, owner: str, source: str = "") -> Path:
        """Claim `path` and write `data` there atomically."""
        self.claim(path, owner, source)
        target = self.root / path
        atomic_write(target, data)
        return target

    def copy_tree(self, folder: Path, owner: str) -> int:
        """Claim and copy every file below `folder` to the same relative path; returns how many."""
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        for path in files:
            self.claim(path.relative_to(folder).as_posix(), owner)
        for path in files:
            target = self.root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return len(files)
