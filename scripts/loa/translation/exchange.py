"""Exchange: translators work in a spreadsheet (xlsx) or a gettext file (po), never in YAML.

`export` writes one row (or po entry) per text item: its id, the source text,
the current translation and its state (translated, missing, stale). The file
also records the campaign, the language and a fingerprint of each source
text, so `import_file` can refuse a file whose source changed meanwhile: the
translator would have translated a text that is no longer on the site.
Import writes only the items the translator changed, with ruamel.yaml's
round trip, which keeps the file's comments, key order and formatting.
openpyxl, polib and ruamel.yaml are imported only by the functions that use them.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content import spec
from .items import data_items, fingerprint, item_field, locate, text_items
from ..content import markup
from ..content.characters import character_problem, visible
from ..content.load import dotted, read_document, read_limited
from ..content.model import Campaign
from ..content.problems import WARNING, ContentError, Problem, display_path
from ..messages import _
from .status import NEEDS_WORK, load_store, previous_source, record_sources, stale_keys, store_path
from .exchange_files import (FORMAT_VERSION, FILE_FORMATS, MAX_EXCHANGE_BYTES, MISSING, STALE, TRANSLATED, Exchange,
                             Returned, Row, check_unpacked_size, read_po, read_xlsx, write_po, write_xlsx)
from .write_back import translation_items, write_items

# --- export ---------------------------------------------------------------------

def export(campaign: Campaign, language: str, fmt: str, out: Path, store: dict, language_name: str = "") -> Path:
    """Write the file for translating `campaign` into `language`. `out` is a file, or a folder for it."""
    problem = _export_refusal(campaign, language, fmt)
    if problem:
        raise ContentError([problem])
    path = out / f"{campaign.slug}.{language}.{fmt}" if out.is_dir() else out
    if path.exists() and (path.suffix != f".{fmt}" or not path.is_file()):
        raise ContentError([Problem(display_path(path), None, None, "--out",
                                    _("this is not a .{format} file: the export would replace it").format(format=fmt),
                                    _("name a folder, or a file ending in .{format}").format(format=fmt))])
    now = datetime.datetime.now(datetime.timezone.utc)
    meta = {"format": FORMAT_VERSION, "campaign": campaign.slug, "language": language, "language_name": language_name,
            "source_language": campaign.source_language, "exported": now.strftime("%Y-%m-%d %H:%M+0000")}
    rows = export_rows(campaign, language, store)
    (write_xlsx if fmt == "xlsx" else write_po)(path, meta, rows)
    return path


def export_rows(campaign: Campaign, language: str, store: dict) -> list[Row]:
    """Every source item, in reading order, with the current translation and its state."""
    text = campaign.texts.get(language)
    translated = text_items(text) if text else {}
    stale = stale_keys(campaign, language, store)
    where = _source_positions(campaign)
    rows = []
    for key, source in text_items(campaign.source).items():
        current = clean(translated.get(key, ""))
        state = STALE if key in stale else TRANSLATED if current else MISSING
        previous = previous_source(store, language, key) if state == STALE else None
        rows.append(Row(key, source, current, state, fingerprint(source), fingerprint(current) if current else "",
                        previous or "", *where(key)))
    return rows


def _source_positions(campaign: Campaign):
    """key -> (campaigns/<slug>/vi.yml, line, field path): where a translator's tool points for each item."""
    file = campaign.source.file
    shown = f"{file.parent.parent.name}/{file.parent.name}/{file.name}"
    doc, _ = read_document(file)

    def where(key: str) -> tuple[str, int | None, str]:
        if doc is None:
            return shown, None, ""
        path = locate(key, doc.data)
        return shown, doc.where(path)[0], dotted(path)
    return where


def _export_refusal(campaign: Campaign, language: str, fmt: str) -> Problem | None:
    shown = display_path(campaign.folder)
    if fmt not in FILE_FORMATS:
        return Problem(shown, None, None, "", _("'{format}' is not an exchange format").format(format=fmt),
                       _("use --format xlsx or --format po"))
    if language == campaign.source_language:
        return Problem(shown, None, None, "", _("{language} is the campaign's source language: there is nothing to "
                                                "translate into it").format(language=language),
                       _("give the language of a translation, e.g. hmn"))
    if not spec.LANGUAGE_TAG.fullmatch(language):
        return Problem(shown, None, None, "", _("'{language}' is not a language tag").format(language=language),
                       _("use tags like hmn, ium, tyz"))
    return None


def clean(text: str) -> str:
    """Text as written back: NFC, Unix line ends, no spaces at line ends, no blank lines around it."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()


# --- import ---------------------------------------------------------------------

@dataclass(frozen=True)
class Imported:
    """What `import_file` did: the translation file and the store, each written or unchanged, and the warnings."""

    target: Path
    wrote: bool
    store: Path
    wrote_store: bool
    warnings: tuple[Problem, ...]


def import_file(path: Path, campaigns_dir: Path, today: datetime.date | None = None) -> Imported:
    """Write a translator's file back into `<slug>/<lang>.yml`.

    An item whose source changed after the export is imported as stale, with a warning; it does not hold
    up the others. For every item the translator translated or confirmed, the store records the source
    it was made from, so a later change of that source shows as stale.
    """
    exchange = read_exchange(path)
    folder = campaigns_dir / exchange.campaign
    source_data = _source_data(folder, exchange)
    source = data_items(source_data)
    target = folder / f"{exchange.language}.yml"
    current = translation_items(target)
    recorded = (load_store(folder).get(exchange.language) or {}).get("source") or {}
    changes: dict[str, str] = {}
    made_from: dict[str, tuple[str, str | None]] = {}
    dropped = set()
    for row in exchange.rows:
        text = clean(row.translation)
        if row.key not in source:
            dropped |= {row.key} if text else set()  # gone from the source: nowhere to put it (a warning says so)
            continue
        changed = _changed(row, text, current)
        if changed:
            changes[row.key] = text
        made = _made_from(row, text, changed, recorded.get(row.key), fingerprint(source[row.key]))
        if made:
            made_from[row.key] = made
    refusals = [problem for row in exchange.rows if row.key in changes
                for problem in _text_problems(exchange, row, changes[row.key])]
    if refusals:
        raise ContentError(refusals)  # nothing written: the translation file stays as it was
    wrote = write_items(target, changes, source_data) if changes else False
    wrote_store = record_sources(folder, exchange.language, made_from, today)
    said = dropped | set(changes) | set(made_from)  # items the file brings: an untouched one is not worth a warning
    warnings = [p for p in _changed_sources(exchange, source) if p.field in said]
    return Imported(target, wrote, store_path(folder), wrote_store, tuple(warnings))


def _made_from(row: Returned, text: str, changed: bool, recorded: str | None, now: str) -> tuple[str, str | None] | None:
    """The source this item's translation was made from, to record: (fingerprint, text if known); None: record nothing."""
    if not text:
        return None
    seen = (row.source_fingerprint, row.source if fingerprint(row.source) == row.source_fingerprint else None)
    if _now_current(row, changed):
        return seen  # the source the translator saw: if it changed since the export, the item is stale
    if changed:  # a new text its translator left or marked as needing work (po: fuzzy)
        return None if recorded and recorded != now else (NEEDS_WORK, None)
    return seen if recorded is None else None  # untouched: first recorded beside the source it was shown with


def _text_problems(exchange: Exchange, row: Returned, text: str) -> list[Problem]:
    """What a translator's file brings in is held to the rules of a YAML file, before anything is written."""
    shown = display_path(exchange.path)
    found = []
    problem = character_problem(text)
    if problem:
        found.append(problem)
    if text and not visible(text):
        found.append((_("the text is made only of invisible characters (such as zero-width spaces)"),
                      _("write the text, or leave the cell empty")))
    field = item_field(row.key)
    if field and field.markdown:
        found += markup.markdown_problems(text)
    return [Problem(shown, row.line, None, row.key, message, hint) for message, hint in found]


def _now_current(row: Returned, changed: bool) -> bool:
    """Whether the translator's file makes the item current: a new translation of the source they saw,
    or a stale one they confirmed (po: "fuzzy" removed; xlsx: state changed from stale)."""
    if row.confirmed is None:
        return changed
    return row.confirmed and (changed or row.exported_state == STALE)


def read_exchange(path: Path) -> Exchange:
    shown = display_path(path)
    if not path.is_file() and not path.exists():
        raise ContentError([Problem(shown, None, None, "", _("the file does not exist"), _("check the file name"))])
    if path.suffix not in (".xlsx", ".po"):
        raise ContentError([Problem(shown, None, None, "", _("loa imports .xlsx and .po files only"),
                                    _("import the file that loa export wrote, after translating it"))])
    data, problem = read_limited(path, MAX_EXCHANGE_BYTES, shown)
    if problem:
        raise ContentError([problem])
    if path.suffix == ".xlsx":
        check_unpacked_size(data, shown)
        exchange = read_xlsx(path, data)
    else:
        exchange = read_po(path, data)
    _check_header(exchange, shown)
    return exchange


def _check_header(exchange: Exchange, shown: str) -> None:
    tags = (exchange.language, exchange.source_language)
    if not spec.SLUG.fullmatch(exchange.campaign) or not all(spec.LANGUAGE_TAG.fullmatch(t) for t in tags) or tags[0] == tags[1]:
        raise ContentError([Problem(shown, None, None, "", _("the file does not say which campaign and language it is for"),
                                    _("import a file written by loa export, without changing its hidden parts"))])
    keys = [row.key for row in exchange.rows]
    twice = [row for index, row in enumerate(exchange.rows) if row.key in keys[:index]]
    if twice:
        raise ContentError([Problem(shown, row.line, None, row.key, _("this item is in the file twice"),
                                    _("delete one of the two"))
                            for row in twice])


def _source_data(folder: Path, exchange: Exchange) -> dict:
    path = folder / f"{exchange.source_language}.yml"
    if not path.is_file():
        raise ContentError([Problem(display_path(path), None, None, "",
                                    _("the campaign '{campaign}' or its source text does not exist").format(
                                        campaign=exchange.campaign),
                                    _("check --campaigns DIR, and that the campaign was not renamed since the export"))])
    doc, problems = read_document(path)
    if doc is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return doc.data if isinstance(doc.data, dict) else {}


def _changed_sources(exchange: Exchange, source: dict[str, str]) -> list[Problem]:
    """A warning per item whose source text is no longer what the translator saw."""
    shown = display_path(exchange.path)
    again = f"loa export {exchange.campaign} {exchange.language} --format {exchange.path.suffix.lstrip('.')}"
    file = f"{exchange.source_language}.yml"
    found = []
    for row in exchange.rows:
        now = source.get(row.key)
        if now is None:
            found.append(Problem(shown, row.line, None, row.key,
                                 _("this item is no longer in {file}: its translation was not imported").format(file=file),
                                 _("if the text moved to another item, export again and copy the translation there"), WARNING))
        elif fingerprint(now) != row.source_fingerprint:
            found.append(Problem(shown, row.line, None, row.key,
                                 _("the {file} text of this item changed after the file was exported: "
                                   "its translation is marked stale").format(file=file),
                                 _("export again ({command}), bring this translation up to date with the new text "
                                   "and import that file").format(command=again), WARNING))
    return found


def _changed(row: Returned, text: str, current: dict[str, str]) -> bool:
    """Whether the translator changed the item (compared with the export, or else with the file)."""
    if row.translation_fingerprint is not None:
        return (fingerprint(text) if text else "") != row.translation_fingerprint
    return text != clean(current.get(row.key, ""))
