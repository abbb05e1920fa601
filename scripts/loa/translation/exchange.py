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
from pathlib import Path

from ..content import spec
from .items import data_items, fingerprint, text_items
from ..content import markup
from ..content.load import character_problem, read_document, read_limited, visible
from ..content.model import Campaign
from ..content.problems import ContentError, Problem, display_path
from .status import mark_items_current, stale_keys
from .exchange_files import (FORMAT_VERSION, FORMATS, MAX_EXCHANGE_BYTES, MISSING, STALE, TRANSLATED, Exchange,
                             Returned, Row, check_unpacked_size, read_po, read_xlsx, write_po, write_xlsx)
from .write_back import translation_items, write_items

# --- export ---------------------------------------------------------------------

def export(campaign: Campaign, language: str, fmt: str, out: Path, store: dict) -> Path:
    """Write the file for translating `campaign` into `language`. `out` is a file, or a folder for it."""
    problem = _export_refusal(campaign, language, fmt)
    if problem:
        raise ContentError([problem])
    path = out / f"{campaign.slug}.{language}.{fmt}" if out.is_dir() else out
    if path.exists() and (path.suffix != f".{fmt}" or not path.is_file()):
        raise ContentError([Problem(display_path(path), None, None, "--out",
                                    f"this is not a .{fmt} file: the export would replace it",
                                    f"name a folder, or a file ending in .{fmt}")])
    meta = {"format": FORMAT_VERSION, "campaign": campaign.slug, "language": language,
            "source_language": campaign.source_language, "exported": datetime.date.today().isoformat()}
    rows = export_rows(campaign, language, store)
    (write_xlsx if fmt == "xlsx" else write_po)(path, meta, rows)
    return path


def export_rows(campaign: Campaign, language: str, store: dict) -> list[Row]:
    """Every source item, in reading order, with the current translation and its state."""
    text = campaign.texts.get(language)
    translated = text_items(text) if text else {}
    stale = stale_keys(campaign, language, store)
    rows = []
    for key, source in text_items(campaign.source).items():
        current = clean(translated.get(key, ""))
        state = STALE if key in stale else TRANSLATED if current else MISSING
        rows.append(Row(key, source, current, state, fingerprint(source), fingerprint(current) if current else ""))
    return rows


def _export_refusal(campaign: Campaign, language: str, fmt: str) -> Problem | None:
    shown = display_path(campaign.folder)
    if fmt not in FORMATS:
        return Problem(shown, None, None, "", f"'{fmt}' is not an exchange format", "use --format xlsx or --format po")
    if language == campaign.source_language:
        return Problem(shown, None, None, "", f"{language} is the campaign's source language: there is nothing to translate into it",
                       "give the language of a translation, e.g. hmn")
    if not spec.LANGUAGE_TAG.fullmatch(language):
        return Problem(shown, None, None, "", f"'{language}' is not a language tag", "use tags like hmn, ium, tyz")
    return None


def clean(text: str) -> str:
    """Text as written back: NFC, Unix line ends, no spaces at line ends, no blank lines around it."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()


# --- import ---------------------------------------------------------------------

def import_file(path: Path, campaigns_dir: Path) -> Path:
    """Write a translator's file back into `<slug>/<lang>.yml`. Returns that file's path."""
    exchange = read_exchange(path)
    folder = campaigns_dir / exchange.campaign
    source_data = _source_data(folder, exchange)
    refusals = _changed_sources(exchange, data_items(source_data))
    if refusals:
        raise ContentError(refusals)
    target = folder / f"{exchange.language}.yml"
    current = translation_items(target)
    changes, confirmed = {}, {}
    for row in exchange.rows:
        text = clean(row.translation)
        changed = _changed(row, text, current)
        if changed:
            changes[row.key] = text
        if text and _now_current(row, changed):
            confirmed[row.key] = row.source_fingerprint
    refusals = [problem for row in exchange.rows if row.key in changes
                for problem in _text_problems(exchange, row, changes[row.key])]
    if refusals:
        raise ContentError(refusals)  # nothing written: the translation file stays as it was
    if changes:
        write_items(target, changes, source_data)
    mark_items_current(folder, exchange.language, confirmed)
    return target


def _text_problems(exchange: Exchange, row: Returned, text: str) -> list[Problem]:
    """What a translator's file brings in is held to the rules of a YAML file, before anything is written."""
    shown = display_path(exchange.path)
    found = []
    problem = character_problem(text)
    if problem:
        found.append(problem)
    if text and not visible(text):
        found.append(("the text is made only of invisible characters (such as zero-width spaces)", "write the text, or leave the cell empty"))
    if row.key.endswith((".body", ".text")):
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
        raise ContentError([Problem(shown, None, None, "", "the file does not exist", "check the file name")])
    if path.suffix not in (".xlsx", ".po"):
        raise ContentError([Problem(shown, None, None, "", "loa imports .xlsx and .po files only",
                                    "import the file that loa export wrote, after translating it")])
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
        raise ContentError([Problem(shown, None, None, "", "the file does not say which campaign and language it is for",
                                    "import a file written by loa export, without changing its hidden parts")])
    keys = [row.key for row in exchange.rows]
    twice = [row for index, row in enumerate(exchange.rows) if row.key in keys[:index]]
    if twice:
        raise ContentError([Problem(shown, row.line, None, row.key, "this item is in the file twice", "delete one of the two")
                            for row in twice])


def _source_data(folder: Path, exchange: Exchange) -> dict:
    path = folder / f"{exchange.source_language}.yml"
    if not path.is_file():
        raise ContentError([Problem(display_path(path), None, None, "",
                                    f"the campaign '{exchange.campaign}' or its source text does not exist",
                                    "check --campaigns DIR, and that the campaign was not renamed since the export")])
    doc, problems = read_document(path)
    if doc is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return doc.data if isinstance(doc.data, dict) else {}


def _changed_sources(exchange: Exchange, source: dict[str, str]) -> list[Problem]:
    """One problem per item whose source text is no longer what the translator saw."""
    shown = display_path(exchange.path)
    again = f"export the file again (loa export {exchange.campaign} {exchange.language})"
    found = []
    for row in exchange.rows:
        now = source.get(row.key)
        if now is None:
            found.append(Problem(shown, row.line, None, row.key, f"this item is no longer in {exchange.source_language}.yml",
                                 f"{again} and copy the translations across"))
        elif fingerprint(now) != row.source_fingerprint:
            found.append(Problem(shown, row.line, None, row.key, "the source text of this item changed after the file was exported",
                                 f"{again}, copy the translations across and check the changed items"))
    return found


def _changed(row: Returned, text: str, current: dict[str, str]) -> bool:
    """Whether the translator changed the item (compared with the export, or else with the file)."""
    if row.translation_fingerprint is not None:
        return (fingerprint(text) if text else "") != row.translation_fingerprint
    return text != clean(current.get(row.key, ""))
