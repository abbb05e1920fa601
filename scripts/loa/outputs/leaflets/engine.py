"""Engine: the only module that imports the print engine, Typst (the `typst` package bundles its compiler).

The template (overrides/leaflets/leaflet.typ) is compiled with the leaflet's
data as one JSON string in `sys.inputs`: campaign text is never written into
Typst source. Only the bundled fonts are visible (no system or embedded
fonts), so a leaflet is the same on every machine, and the template can read
no file outside overrides/leaflets/.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import typst

ASSETS = "leaflets"  # the template, its blocks and fonts, below the overrides folder
LEAFLET_TEMPLATE = "leaflet.typ"
TYPST_VERSION = metadata.version("typst")  # typst's stubs do not declare __version__


class EngineError(Exception):
    """The template failed: a bug in Loa's template, never in campaign text (which is data)."""


def measure(overrides_dir: Path, data: dict) -> list[float]:
    """Heights in mm of data["items"], in order: a query, which lays the items out without writing a PDF.

    Each item's height is kept in the process, by the item, the type sizes and language it is set in, and
    the template's and fonts' files: an audience or print-shop edition, or an edit under live preview,
    lays out only the blocks not measured yet.
    """
    assets = (overrides_dir / ASSETS).resolve()
    # The files and the setting once per call; each key is one short string (keys travel between processes).
    setting = json.dumps([str(assets), _assets_stamp(assets), data["style"], data["lang"]], sort_keys=True, ensure_ascii=False)
    keys = [hashlib.sha256(f"{setting}\n{json.dumps(item, sort_keys=True, ensure_ascii=False)}".encode()).hexdigest()
            for item in data["items"]]
    missing = list(dict.fromkeys(key for key in keys if key not in _MEASURED))
    if missing and len(_MEASURED) + len(missing) > MEASURED_KEPT:
        _MEASURED.clear()
        missing = list(dict.fromkeys(keys))
    if missing:
        items = {key: item for key, item in zip(keys, data["items"], strict=True)}
        marks = {entry["index"]: entry for entry in _query(overrides_dir, {**data, "items": [items[k] for k in missing]},
                                                            "<loa-measure>")}
        _MEASURED.update((key, _distance(marks[i], marks[i + 1])) for i, key in enumerate(missing))
    return [_MEASURED[key] for key in keys]


MEASURED_KEPT = 65536  # block heights kept in a process (about 40 per leaflet)
_MEASURED: dict[str, float] = {}


def measured_count() -> int:
    """How many measurements this process keeps: `measurements(since=...)` returns those added after."""
    return len(_MEASURED)


def measurements(since: int = 0) -> dict[str, float]:
    """What this process has measured (since it kept `since`): handed to the worker process that renders
    those leaflets, which would otherwise measure them again."""
    entries = list(_MEASURED.items())
    return dict(entries[since:] if since <= len(entries) else entries)  # kept fewer: it was cleared since


def keep_measurements(measured: dict[str, float]) -> None:
    """Take another process's measurements (same template and fonts: the key says so)."""
    _MEASURED.update(list(measured.items())[-MEASURED_KEPT:])


def render(overrides_dir: Path, data: dict) -> tuple[bytes, list[dict]]:
    """The PDF, and the marks of every panel: where its flow ends and its foot begins (mm from the page's top).

    One compiler for both: its query reuses the document just compiled (about 1.6 ms less than a new one).
    """
    assets = (overrides_dir / ASSETS).resolve()
    try:
        compiler = typst.Compiler(str(assets / LEAFLET_TEMPLATE), root=str(assets),
                                  font_paths=_fonts(assets, _font_stamp(assets)), ignore_system_fonts=True,
                                  sys_inputs=_inputs(data))
        pdf = compiler.compile(format="pdf")
        assert isinstance(pdf, bytes)  # one document, no output file: its bytes
        marks = compiler.query("<loa-panel>", field="value", format="json")
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None
    except RuntimeError as error:  # a compiler's query reports its errors so, not as TypstError
        raise EngineError(str(error)) from None
    return pdf, json.loads(marks)


def render_document(overrides_dir: Path, template: str, data: dict) -> bytes:
    """Another document drawn from data by a template beside the leaflet's (the announcer's sheet): its PDF.

    The same rules: the data is one JSON string in `sys.inputs.data`, the same bundled fonts, no other files.
    """
    assets = (overrides_dir / ASSETS).resolve()
    try:
        return typst.compile(str(assets / template), root=str(assets), font_paths=_fonts(assets, _font_stamp(assets)),
                             ignore_system_fonts=True, format="pdf",
                             sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None


def _distance(upper: dict, lower: dict) -> float:
    """From one mark down to the next, in mm; a block that ran onto another page is far too long anyway."""
    return lower["y"] - upper["y"] if lower["page"] == upper["page"] else float("inf")


def _query(overrides_dir: Path, data: dict, label: str) -> list:
    assets = (overrides_dir / ASSETS).resolve()
    try:
        found = typst.query(str(assets / LEAFLET_TEMPLATE), label, field="value", format="json", root=str(assets),
                            font_paths=_fonts(assets, _font_stamp(assets)), ignore_system_fonts=True,
                            sys_inputs=_inputs(data))
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None
    return json.loads(found)


def _inputs(data: dict) -> dict[str, str]:
    """The one way data reaches the template: a JSON string the template decodes (json(bytes(...)))."""
    return {"leaflet": json.dumps(data, ensure_ascii=False)}


@lru_cache(maxsize=4)
def _fonts(assets: Path, stamp: tuple) -> typst.Fonts:
    """The bundled fonts only (no system or embedded fonts), loaded once per process and font change.

    The template files are read afresh by every call: an edit shows at once under live preview."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(assets / "fonts")])


def _assets_stamp(assets: Path) -> tuple:
    """Names, sizes and times of the template's files and fonts: what a measurement depends on besides the data."""
    files = sorted(p for p in assets.rglob("*") if p.is_file())
    return tuple((p.relative_to(assets).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def _font_stamp(assets: Path) -> tuple:
    files = sorted(p for p in (assets / "fonts").iterdir() if p.is_file())
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
