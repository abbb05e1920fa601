"""Engine: the only module that imports the print engine, Typst (the `typst` package bundles its compiler).

The template (overrides/leaflets/leaflet.typ) is compiled with the leaflet's
data as one JSON string in `sys.inputs`: campaign text is never written into
Typst source. Only the bundled fonts are visible (no system or embedded
fonts), so a leaflet is the same on every machine, and the template can read
no file outside overrides/leaflets/.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import typst

ASSETS = "leaflets"  # the template, its blocks and fonts, below the overrides folder
TEMPLATE = "leaflet.typ"
VERSION = typst.__version__


class EngineError(Exception):
    """The template failed: a bug in Loa's template, never in campaign text (which is data)."""


def measure(overrides_dir: Path, data: dict) -> list[float]:
    """Heights in mm of data["items"], in order."""
    found = _query(overrides_dir, data, "<loa-measure>")
    heights = [0.0] * len(data["items"])
    for entry in found:
        heights[entry["index"]] = entry["height"]
    return heights


def render(overrides_dir: Path, data: dict) -> tuple[bytes, list[dict]]:
    """The PDF, and per panel its page and content heights in mm (main flow and foot)."""
    compiler = _compiler_for(overrides_dir)
    try:
        pdf = compiler.compile(format="pdf", sys_inputs={"leaflet": json.dumps(data, ensure_ascii=False)})
        panels = json.loads(compiler.query("<loa-panel>", field="value", format="json"))
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None
    return pdf, panels


def render_document(overrides_dir: Path, template: str, data: dict) -> bytes:
    """Another document drawn from data by a template beside the leaflet's (the announcer's sheet): its PDF.

    The same rules: the data is one JSON string in `sys.inputs.data`, the same bundled fonts, no other files.
    """
    compiler = _compiler_for(overrides_dir, template)
    try:
        return compiler.compile(format="pdf", sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None


def _query(overrides_dir: Path, data: dict, label: str) -> list:
    compiler = _compiler_for(overrides_dir)
    try:
        compiler.compile(format="pdf", sys_inputs={"leaflet": json.dumps(data, ensure_ascii=False)})
        return json.loads(compiler.query(label, field="value", format="json"))
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None


def _compiler_for(overrides_dir: Path, template: str = TEMPLATE) -> typst.Compiler:
    assets = (overrides_dir / ASSETS).resolve()
    return _compiler(assets, _stamp(assets), template)


@lru_cache(maxsize=4)
def _compiler(assets: Path, stamp: tuple, template: str = TEMPLATE) -> typst.Compiler:
    """One compiler per process and template version: fonts are loaded once, layouts memoized across leaflets."""
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(assets / "fonts")])
    return typst.Compiler(str(assets / template), root=str(assets), font_paths=fonts, ignore_system_fonts=True)


def _stamp(assets: Path) -> tuple:
    """Sizes and times of the template files and fonts: after an edit (live preview) they are read again."""
    files = sorted(p for p in assets.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
