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
import threading
from functools import lru_cache
from itertools import groupby
from importlib import metadata
from pathlib import Path
from typing import Iterator

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
    return measure_many(overrides_dir, [data])[0]


def measure_many(overrides_dir: Path, requests: list[dict]) -> list[list[float]]:
    """`measure` for several leaflets' data at once: what none has measured yet is laid out in one query
    (each query costs about 1.5 ms before laying anything out: a campaign's leaflets share one)."""
    assets = (overrides_dir / ASSETS).resolve()
    stamp = _assets_stamp(assets)
    keyed = [_keys(assets, stamp, data) for data in requests]
    missing = _missing(requests, keyed)
    if missing and len(_MEASURED) + len(missing) > MEASURED_KEPT:
        _MEASURED.clear()
        missing = _missing(requests, keyed)
    if missing:
        sets = [{"style": data["style"], "lang": data["lang"], "items": [item for _, item in entries]}
                for data, entries in _by_request(requests, missing)]
        document = {key: value for key, value in requests[0].items() if key != "items"}
        marks = {entry["index"]: entry for entry in _query(overrides_dir, {**document, "mode": "measure", "sets": sets},
                                                            "<loa-measure>")}
        _MEASURED.update((key, _distance(marks[i], marks[i + 1])) for i, key in enumerate(missing))
    return [[_MEASURED[key] for key in keys] for keys in keyed]


def _keys(assets: Path, stamp: tuple, data: dict) -> list[str]:
    """Each item's measurement key: the files and the setting once per leaflet; each key is one short string
    (keys travel between processes)."""
    setting = hashlib.sha256(json.dumps([str(assets), stamp, data["style"], data["lang"]], sort_keys=True).encode())
    keys = []
    for item in data["items"]:
        key = setting.copy()
        key.update(json.dumps(item).encode())  # Loa builds an item's dicts in one order: no need to sort them
        keys.append(key.hexdigest())
    return keys


def _missing(requests: list[dict], keyed: list[list[str]]) -> dict[str, tuple[int, dict]]:
    """The items not measured yet, each once, by key: (which request it comes from, the item), in order."""
    missing: dict[str, tuple[int, dict]] = {}
    for number, (data, keys) in enumerate(zip(requests, keyed, strict=True)):
        for key, item in zip(keys, data["items"], strict=True):
            if key not in _MEASURED and key not in missing:
                missing[key] = (number, item)
    return missing


def _by_request(requests: list[dict], missing: dict[str, tuple[int, dict]]) -> Iterator[tuple[dict, list]]:
    """The missing items grouped by the request they come from (its type sizes and language), in key order."""
    for number, entries in groupby(missing.values(), key=lambda entry: entry[0]):
        yield requests[number], list(entries)


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

    The thread's compiler (`_compiler`) compiles, and its query reuses the document just compiled.
    """
    assets = (overrides_dir / ASSETS).resolve()
    compiler = _compiler(assets, _font_stamp(assets))
    try:
        # Naming the template again makes the compiler read its files afresh (its query does not).
        pdf = compiler.compile(input=str(assets / LEAFLET_TEMPLATE), format="pdf", sys_inputs=_inputs(data))
        assert isinstance(pdf, bytes)  # one document, no output file: its bytes
        marks = compiler.query("<loa-panel>", field="value", format="json")
    except typst.TypstError as error:
        raise EngineError(error.diagnostic) from None
    except RuntimeError as error:  # a compiler's query reports its errors so, not as TypstError
        raise EngineError(str(error)) from None
    return pdf, json.loads(marks)


_COMPILERS = threading.local()


def _compiler(assets: Path, font_stamp: tuple) -> typst.Compiler:
    """This thread's compiler of the leaflet template (a compiler is not shared between threads).

    Kept from one leaflet to the next, it keeps the template parsed (about 8% of a render): `render` has it
    read the files again every time, and it parses only what changed, so an edit shows at once."""
    key = (assets, font_stamp)
    kept = getattr(_COMPILERS, "kept", None)
    if kept is None or kept[0] != key:
        kept = _COMPILERS.kept = (key, typst.Compiler(str(assets / LEAFLET_TEMPLATE), root=str(assets),
                                                      font_paths=_fonts(assets, font_stamp), ignore_system_fonts=True))
    return kept[1]


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
    if lower["page"] != upper["page"]:
        return float("inf")
    # Rounded to a millionth of a mm: lower on a long page, positions carry float error (1e-13 mm), and a
    # block measures the same wherever it was laid out (alone, or with a whole campaign's blocks).
    return round(lower["y"] - upper["y"], 6)


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
