"""Cover pictures: the sizes written into pages match the files published, whatever the EXIF orientation."""

from pathlib import Path

import pytest
from PIL import Image

from loa.outputs.covers import plan_cover, write_cover


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


# --- hostile pictures: each refused by `loa check` with the file named, in words, no library text ---

def _png_with_chunk(path: Path, kind: bytes) -> Path:
    """A 64 x 48 PNG carrying a zTXt or iCCP chunk that unpacks to 200 MB (it is 190 KB)."""
    import io
    import struct
    import zlib

    def chunk(name: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))

    plain = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(plain, "PNG")
    data = plain.getvalue()
    payload = (b"Comment\0\0" if kind == b"zTXt" else b"icc\0\0") + zlib.compress(b"\0" * 200_000_000, 9)
    path.write_bytes(data[:33] + chunk(kind, payload) + data[33:])
    return path


def _truncated_jpeg(path: Path) -> Path:
    _jpeg(path, (800, 600))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def _over_the_pixel_limit(path: Path) -> Path:
    Image.new("L", (9000, 5000), 0).save(path, optimize=True)  # 45 million pixels, 44 KB: Pillow only warns
    return path


HOSTILE = [
    ("cover.png", lambda p: _png_with_chunk(p, b"zTXt"),
     "the picture cannot be read: it carries a packed text or colour profile (PNG zTXt or iCCP) that unpacks far too large"),
    ("cover.png", lambda p: _png_with_chunk(p, b"iCCP"),
     "the picture cannot be read: it carries a packed text or colour profile (PNG zTXt or iCCP) that unpacks far too large"),
    ("cover.jpg", _truncated_jpeg, "the picture cannot be read: the file is cut short (part of it is missing)"),
    ("cover.png", _over_the_pixel_limit, "the picture is 9000 × 5000 pixels (45,000,000), over the limit of 40,000,000"),
]


@pytest.mark.parametrize("name, make, message", HOSTILE)
def test_a_hostile_picture_is_refused_with_its_file_named(tmp_path, name, make, message):
    import os
    import subprocess
    import sys

    from conftest import make_project

    project = make_project(tmp_path / "p")
    demo = project / "campaigns" / "demo"
    (demo / "images").mkdir()
    make(demo / "images" / name)
    (demo / "campaign.yml").write_text((demo / "campaign.yml").read_text(encoding="utf-8") + f"image: images/{name}\n", encoding="utf-8")
    (demo / "vi.yml").write_text((demo / "vi.yml").read_text(encoding="utf-8") + "image_alt: Ảnh bìa\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "default"}
    for command in ("check", "build"):
        done = subprocess.run([sys.executable, "-m", "loa.cli", command], cwd=project, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert f"campaigns/demo/images/{name}: error: image: {message}" in done.stderr
        for leak in ("PIL", "Pillow", "Warning", "site-packages", "unexpected error", "Traceback"):
            assert leak not in done.stderr, (command, done.stderr)


@pytest.mark.parametrize("name, make, message", HOSTILE[:3])
def test_a_picture_that_breaks_during_the_build_is_an_error_not_an_exception(tmp_path, name, make, message):
    source = make(tmp_path / name)
    problems = write_cover(source, "demo", tmp_path / "out", tmp_path / "cache")
    assert [p.message for p in problems] == [message]
    assert problems[0].severity == "error"
