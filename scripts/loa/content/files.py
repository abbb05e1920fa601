"""Files: the small file facts every stage shares: atomic writes, change detection, the cache folder, build time.

Written once here so that the pages, leaflets, covers, the offline zip and the
translation store all write the same safe way, and agree on what changed.
"""

from __future__ import annotations

import hashlib
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CACHE_DIR = ".loa-cache"  # below the project root: rendered leaflets, resized pictures, staging, the build lock
ZIP_EPOCH = 315532800  # 1980-01-01: the earliest date a zip file can hold


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed onto `path` only if the block ends without error.

    A reader never sees half a file, and a failed write leaves the old file as it was. The
    temporary name carries the process and thread: two builds (a build and a live preview)
    or two threads may write the same cache file at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see atomic_path)."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def tree_fingerprint(paths: list[Path]) -> str:
    """A hash of the names, sizes and times of every file below `paths`: cheap change detection."""
    digest = hashlib.sha256()
    for root in paths:
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible builds) as seconds, or None when unset, empty or not a number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None
