"""Images: campaign cover pictures, checked and resized for phones at build time.

The only module that imports Pillow. A cover is published as JPEG at the
widths a phone needs (360 and 720 px for 1x and 2x screens), EXIF removed
(it can carry where and when a photo was taken), cached by content hash.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from .problems import WARNING, Problem, display_path

WIDTHS = (360, 720)
QUALITY = 70
PHONE_BUDGET_BYTES = 40_000  # the 360 px picture a phone downloads first
MAX_PIXELS = 40_000_000  # refuse decompression bombs


@dataclass(frozen=True)
class Cover:
    """A resized cover: site paths per width, and the size of the smallest."""

    sources: tuple[tuple[str, int], ...]  # (site path, width)
    width: int
    height: int

    @property
    def src(self) -> str:
        return self.sources[0][0]


def check_image(path: Path) -> list[Problem]:
    """Problems with a picture Pillow must open: unreadable, too many pixels."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        return [Problem(display_path(path), None, None, "", f"the picture cannot be read ({error.__class__.__name__})",
                        "open it in an image editor and export it again as JPEG or PNG")]
    return []


def plan_cover(source: Path, slug: str) -> Cover:
    """Where the cover's copies will be and their sizes, from the picture's header alone (fast)."""
    from PIL import Image

    with Image.open(source) as original:
        sizes = cover_sizes(*_upright_size(original))
    return Cover(tuple((_site_path(slug, width), width) for width, _ in sizes), *sizes[0])


def write_cover(source: Path, slug: str, out_dir: Path, cache_dir: Path) -> list[Problem]:
    """Resize (or take from the cache) the copies `plan_cover` names, into out_dir; any budget warning."""
    from PIL import Image, ImageOps

    key = hashlib.sha256(source.read_bytes() + repr((WIDTHS, QUALITY)).encode()).hexdigest()[:16]
    with Image.open(source) as original:
        sizes = cover_sizes(*_upright_size(original))
        image = None
        if any(not (cache_dir / f"{key}-{width}.jpg").is_file() for width, _ in sizes):
            # JPEG decodes straight at 1/2, 1/4... of its size: ask for just enough for the largest width
            largest = max(sizes)
            original.draft("RGB", largest[::-1] if _turned(original) else largest)
            image = ImageOps.exif_transpose(original).convert("RGB")
    for width, height in sizes:
        cached = cache_dir / f"{key}-{width}.jpg"
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            resized = image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)
            _save_atomic(resized, cached)
        target = out_dir / _site_path(slug, width)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached.read_bytes())
    first = out_dir / _site_path(slug, sizes[0][0])
    if first.stat().st_size > PHONE_BUDGET_BYTES:
        return [Problem(display_path(source), None, None, "image",
                        f"the phone-size picture is {first.stat().st_size:,} bytes, over the budget of {PHONE_BUDGET_BYTES:,}",
                        "use a simpler picture (fewer fine details), or crop it", WARNING)]
    return []


def _site_path(slug: str, width: int) -> str:
    return f"images/{slug}/cover-{width}.jpg"


def _save_atomic(image, path: Path) -> None:
    """Two builds may fill the cache at once (a build and a live preview): never leave half a file."""
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
    image.save(partial, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    partial.replace(path)


def cover_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """(width, height) of each published copy: WIDTHS no wider than the original, or the original's own size."""
    widths = [w for w in WIDTHS if w <= width] or [width]
    return [(w, max(1, round(height * w / width))) for w in widths]


def _turned(image) -> bool:
    """True when the EXIF orientation turns the picture a quarter (width and height swap when shown)."""
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def _upright_size(image) -> tuple[int, int]:
    return image.size[::-1] if _turned(image) else image.size
