"""Images: campaign cover pictures, checked and resized for phones at build time.

The only module that imports Pillow. A cover is published as JPEG at the
widths a phone needs (360 and 720 px for 1x and 2x screens), EXIF removed
(it can carry where and when a photo was taken), cached by content hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..content.files import atomic_path
from ..content.problems import WARNING, Problem, display_path
from ..messages import N_, _

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


def _pillow():
    """Pillow, set so that nothing it says reaches users raw: its limits raise, its other warnings are ours to word."""
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow only warns up to twice this; the size is checked first anyway
    warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
    warnings.filterwarnings("ignore", module=r"PIL(\..*)?")  # e.g. "Corrupt EXIF data": harmless, and EXIF is dropped
    return Image


READ_HINT = N_("open it in an image editor and export it again as JPEG or PNG")


def check_image(path: Path) -> list[Problem]:
    """Problems with a picture: over the pixel limit (from its header), damaged, cut short, or a bomb.

    The pixel count is read from the header before anything is decoded. PNG text and colour-profile
    chunks (zTXt, iCCP) that unpack beyond Pillow's limits are refused, and so is a cut-short JPEG:
    it is decoded at a reduced scale, which still reads every byte.
    """
    Image = _pillow()
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return [Problem(display_path(path), None, None, "image",
                                _("the picture is {width} × {height} pixels ({pixels:,}), over the limit of {limit:,}").format(
                                    width=width, height=height, pixels=width * height, limit=MAX_PIXELS),
                                _("resize it to at most 2000 pixels wide: phones show it at 360 or 720"))]
            if image.format == "JPEG":
                image.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))
                image.load()
            else:
                image.verify()
    except Exception as error:  # Pillow raises many kinds (OSError, SyntaxError, ValueError, struct.error...)
        return [unreadable(path, error)]
    return []


def unreadable(path: Path, error: Exception) -> Problem:
    """A picture Pillow refused, in words: never the library's message or an internal path."""
    text = str(error)
    if "truncated" in text or "broken data stream" in text or isinstance(error, EOFError):
        reason = _("the file is cut short (part of it is missing)")
    elif "Decompressed data too large" in text or "decompression bomb" in text.lower():
        reason = _("it carries a packed text or colour profile (PNG zTXt or iCCP) that unpacks far too large")
    else:
        reason = _("it is damaged or not a JPEG, PNG or WebP picture")
    return Problem(display_path(path), None, None, "image",
                   _("the picture cannot be read: {reason}").format(reason=reason), _(READ_HINT))


def plan_cover(source: Path, slug: str) -> Cover:
    """Where the cover's copies will be and their sizes, from the picture's header alone (fast)."""
    Image = _pillow()
    with Image.open(source) as original:
        sizes = cover_sizes(*_upright_size(original))
    return Cover(tuple((_site_path(slug, width), width) for width, _ in sizes), *sizes[0])


def write_cover(source: Path, slug: str, out_dir: Path, cache_dir: Path) -> list[Problem]:
    """Resize (or take from the cache) the copies `plan_cover` names, into out_dir; any budget warning.

    `loa check` has read the picture already; if it changed since, or cannot be decoded after all,
    the problem is an error here, never an exception from a thread.
    """
    try:
        return _write_cover(source, slug, out_dir, cache_dir)
    except OSError as error:
        if error.filename is not None and Path(error.filename) != source:
            raise  # writing the output failed: not the picture's fault
        return [unreadable(source, error)]
    except Exception as error:  # Pillow's other kinds: SyntaxError, ValueError...
        return [unreadable(source, error)]


def _write_cover(source: Path, slug: str, out_dir: Path, cache_dir: Path) -> list[Problem]:
    from PIL import ImageOps

    Image = _pillow()
    key = hashlib.sha256(source.read_bytes() + repr((WIDTHS, QUALITY)).encode()).hexdigest()[:16]
    with Image.open(source) as original:
        sizes = cover_sizes(*_upright_size(original))
        missing = [(width, height) for width, height in sizes if not (cache_dir / f"{key}-{width}.jpg").is_file()]
        if missing:
            # JPEG decodes straight at 1/2, 1/4... of its size: ask for just enough for the largest width
            largest = max(sizes)
            original.draft("RGB", largest[::-1] if _turned(original) else largest)
            image = ImageOps.exif_transpose(original).convert("RGB")
            cache_dir.mkdir(parents=True, exist_ok=True)
            for width, height in missing:
                _save_atomic(image.resize((width, height), Image.LANCZOS, reducing_gap=3.0), cache_dir / f"{key}-{width}.jpg")
    for width, _height in sizes:
        cached = cache_dir / f"{key}-{width}.jpg"
        target = out_dir / _site_path(slug, width)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached.read_bytes())
    first = out_dir / _site_path(slug, sizes[0][0])
    if first.stat().st_size > PHONE_BUDGET_BYTES:
        return [Problem(display_path(source), None, None, "image",
                        _("the phone-size picture is {size:,} bytes, over the budget of {budget:,}").format(
                            size=first.stat().st_size, budget=PHONE_BUDGET_BYTES),
                        _("use a simpler picture (fewer fine details), or crop it"), WARNING)]
    return []


def _site_path(slug: str, width: int) -> str:
    return f"images/{slug}/cover-{width}.jpg"


def _save_atomic(image, path: Path) -> None:
    """Two builds may fill the cache at once (a build and a live preview): never leave half a file."""
    with atomic_path(path) as temporary:
        image.save(temporary, "JPEG", quality=QUALITY, optimize=True, progressive=True)


def cover_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """(width, height) of each published copy: WIDTHS no wider than the original, or the original's own size."""
    widths = [w for w in WIDTHS if w <= width] or [width]
    return [(w, max(1, round(height * w / width))) for w in widths]


def _turned(image) -> bool:
    """True when the EXIF orientation turns the picture a quarter (width and height swap when shown)."""
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def _upright_size(image) -> tuple[int, int]:
    return image.size[::-1] if _turned(image) else image.size
