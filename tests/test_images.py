"""Cover pictures: the sizes written into pages match the files published, whatever the EXIF orientation."""

from pathlib import Path

import pytest
from PIL import Image

from loa.images import plan_cover, write_cover


def _jpeg(path: Path, size, orientation: int = 1) -> Path:
    image = Image.new("RGB", size)
    for x in range(0, size[0], 50):
        image.paste(((x * 5) % 255, 90, 160), (x, 0, x + 25, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


@pytest.mark.parametrize("size, orientation, expected", [
    ((1600, 900), 1, [(360, 202), (720, 405)]),
    ((1600, 900), 6, [(360, 640), (720, 1280)]),  # a phone photo taken upright: stored sideways
    ((500, 1000), 8, [(360, 180), (720, 360)]),
    ((300, 200), 1, [(300, 200)]),  # smaller than any width: published at its own size
])
def test_published_sizes_match_the_page(tmp_path, size, orientation, expected):
    source = _jpeg(tmp_path / "cover.jpg", size, orientation)
    for cache_state in ("empty cache", "warm cache"):
        cover = plan_cover(source, "demo")  # what pages say, from the header alone
        problems = write_cover(source, "demo", tmp_path / "out", tmp_path / "cache")
        assert problems == []
        assert [w for _, w in cover.sources] == [w for w, _ in expected], cache_state
        assert (cover.width, cover.height) == expected[0]
        for (path, _), wanted in zip(cover.sources, expected, strict=True):
            with Image.open(tmp_path / "out" / path) as published:
                assert published.size == wanted, (cache_state, path)
                assert 0x0112 not in published.getexif()  # turned upright, EXIF gone
