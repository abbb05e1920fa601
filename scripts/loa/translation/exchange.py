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
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content import spec
from .items import LISTS as LIST_KEYS
from .items import data_items, fingerprint, split_list, text_items
from ..content.files import atomic_path
from ..content import markup
from ..content.load import character_problem, read_document, read_limited, visible
from ..content.model import Campaign
from ..content.problems import ContentError, Problem, display_path
from .status import mark_items_current, stale_keys

FORMATS = ("xlsx", "po")
FORMAT_VERSION = "1"
TRANSLATED, MISSING, STALE = "translated", "missing", "stale"


@dataclass(frozen=True)
class Row:
    """One item as exported: what the translator sees."""

    key: str
    source: str
    translation: str  # "" when missing
    state: str  # translated, missing or stale
    source_fingerprint: str
    translation_fingerprint: str  # of the cleaned translation at export; "" when missing


@dataclass(frozen=True)
class Returned:
    """One item as read back from a translator's file."""

    key: str
    translation: str
    source_fingerprint: str
    translation_fingerprint: str | None  # None when the file did not keep it
    exported_state: str
    confirmed: bool | None  # the translator says it is current (True), needs work (False), or says nothing (None)
    line: int | None


@dataclass(frozen=True)
class Exchange:
    """What a translator's file holds."""

    path: Path
    campaign: str
    language: str
    source_language: str
    rows: tuple[Returned, ...]


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
    current = _translation_items(target)
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
        _check_unpacked_size(data, shown)
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


def _translation_items(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    doc, problems = read_document(path)
    if doc is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return data_items(doc.data)


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


# --- xlsx -----------------------------------------------------------------------

SHEET, META_SHEET, README_SHEET = "translation", "loa", "read me"
FILLS = {STALE: "FCE4D6", MISSING: "FFF2CC"}  # light orange, light yellow: what needs work
README = (
    "Translate in column C of the sheet 'translation', one row per piece of text. / "
    "Dịch ở cột C của trang 'translation', mỗi dòng một đoạn.",
    "Do not change column A (id) or the hidden sheet: they tell loa where each text goes. / "
    "Đừng sửa cột A (id) và trang ẩn.",
    "state: missing = not translated yet; stale = the source changed, check the translation. / "
    "missing: chưa dịch; stale: bản gốc đã thay đổi, cần xem lại.",
    "If a stale translation is still right, change its state to 'translated'. / "
    "Nếu bản dịch cũ vẫn đúng, đổi state thành 'translated'.",
    "Key messages and questions: one per line in the cell (Alt+Enter). / Mỗi câu một dòng (Alt+Enter).",
    "Leave a cell empty to keep the source text on the site. / Để trống thì trang web hiện bản gốc.",
)


def write_xlsx(path: Path, meta: dict[str, str], rows: list[Row]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["id", f"source ({meta['source_language']})", f"translation ({meta['language']})", "state"])
    for row in rows:
        sheet.append([row.key, row.source, row.translation or None, row.state])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even when it starts with '='
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if cells[3].value in FILLS:
            for cell in cells:
                cell.fill = PatternFill("solid", fgColor=FILLS[cells[3].value])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (30, 60, 60, 12), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    readme = book.create_sheet(README_SHEET)
    for line in README:
        readme.append([line])
    readme.column_dimensions["A"].width = 120
    hidden = book.create_sheet(META_SHEET)
    hidden.sheet_state = "hidden"
    for key, value in meta.items():
        hidden.append([key, value])
    hidden.append([])
    hidden.append(["id", "source fingerprint", "translation fingerprint", "state"])
    for row in rows:
        hidden.append([row.key, row.source_fingerprint, row.translation_fingerprint, row.state])
    book.save(path)


MAX_EXCHANGE_BYTES = 5_000_000  # a campaign's texts are a few dozen kilobytes
MAX_UNPACKED_BYTES = 50_000_000  # an xlsx is a zip: what it unpacks to, checked before openpyxl reads it


def _check_unpacked_size(data: bytes, shown: str) -> None:
    """A small xlsx can unpack to gigabytes (a zip bomb): sum the sizes its directory declares first."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ContentError([Problem(shown, None, None, "", "the spreadsheet cannot be read (it is not an .xlsx file)",
                                    "save it again as an Excel workbook (.xlsx)")]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ContentError([Problem(shown, None, None, "", f"the spreadsheet unpacks to {unpacked:,} bytes, over the limit "
                                    f"of {MAX_UNPACKED_BYTES:,}", "export the campaign again and copy the translations into the new file")])


def read_xlsx(path: Path, data: bytes | None = None) -> Exchange:
    from openpyxl import load_workbook

    shown = display_path(path)
    try:
        book = load_workbook(io.BytesIO(data) if data is not None else path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ContentError([Problem(shown, None, None, "", f"the spreadsheet cannot be read ({error.__class__.__name__})",
                                    "save it again as an Excel workbook (.xlsx)")]) from None
    if META_SHEET not in book.sheetnames or SHEET not in book.sheetnames:
        raise ContentError([Problem(shown, None, None, "", "this spreadsheet was not written by loa export",
                                    "export the campaign with loa export SLUG LANG --format xlsx and translate in that file")])
    meta, exported = _read_meta_sheet(book[META_SHEET])
    sheet = book[SHEET]
    header = [_cell(value).lower() for value in next(sheet.iter_rows(max_row=1, values_only=True), ())]
    columns = {name: next((i for i, h in enumerate(header) if h.startswith(name)), None) for name in ("id", "translation", "state")}
    if columns["id"] is None or columns["translation"] is None:
        raise ContentError([Problem(shown, 1, None, "", "the columns 'id' and 'translation' are missing from the first row",
                                    "keep the first row as loa export wrote it")])
    rows, unknown = [], []
    unknown += _formulas_without_values(data if data is not None else path.read_bytes(), sheet, columns["translation"], shown)
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        key = _cell(_at(values, columns["id"]))
        if not key:
            continue
        if key not in exported:
            unknown.append(Problem(shown, number, None, key, "there is no such item in the exported file",
                                   "keep column A (id) as loa export wrote it"))
            continue
        source_fp, translation_fp, state = exported[key]
        said = _cell(_at(values, columns["state"])).lower()
        rows.append(Returned(key, _cell(_at(values, columns["translation"])), source_fp, translation_fp, state,
                             None if said in ("", STALE) else True, number))
    if unknown:
        raise ContentError(unknown)
    return Exchange(path, meta.get("campaign", ""), meta.get("language", ""), meta.get("source_language", "vi"), tuple(rows))


def _formulas_without_values(data: bytes, values_sheet, column: int, shown: str) -> list[Problem]:
    """A formula cell saved without its computed value reads as empty: importing it would delete a translation.

    Spreadsheets other than Excel (and files written by scripts) often keep no computed value.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    formulas = load_workbook(io.BytesIO(data), data_only=False)[SHEET]
    problems = []
    for cells, values in zip(formulas.iter_rows(min_row=2), values_sheet.iter_rows(min_row=2, values_only=True), strict=False):
        cell = cells[column] if column < len(cells) else None
        if cell is not None and cell.data_type == "f" and _at(values, column) is None:
            name = f"{get_column_letter(column + 1)}{cell.row}"
            problems.append(Problem(shown, cell.row, None, name,
                                    f"the cell {name} holds a formula ({str(cell.value)[:40]}) with no saved result: "
                                    "importing it would delete this translation",
                                    f"type the translation into {name} as text (a text that starts with '=' needs a ' before it)"))
    return problems


def _read_meta_sheet(sheet) -> tuple[dict[str, str], dict[str, tuple[str, str, str]]]:
    meta: dict[str, str] = {}
    exported: dict[str, tuple[str, str, str]] = {}
    table = False
    for values in sheet.iter_rows(values_only=True):
        cells = [_cell(v) for v in values] + ["", "", "", ""]
        if cells[0] == "id" and cells[1] == "source fingerprint":
            table = True
        elif table and cells[0]:
            exported[cells[0]] = (cells[1], cells[2], cells[3])
        elif cells[0]:
            meta[cells[0]] = cells[1]
    return meta, exported


def _at(values: tuple, index: int | None):
    return values[index] if index is not None and index < len(values) else None


def _cell(value) -> str:
    """A cell as text: spreadsheets turn '111' typed by a translator into a number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


# --- po (gettext) -----------------------------------------------------------------

def write_po(path: Path, meta: dict[str, str], rows: list[Row]) -> None:
    import polib

    po = polib.POFile()
    po.header = (f"Loa campaign '{meta['campaign']}': {meta['source_language']} -> {meta['language']}, "
                 f"exported {meta['exported']} by loa export.\nImport it back with: loa import FILE")
    po.metadata = {
        "Project-Id-Version": f"loa {meta['campaign']}",
        "POT-Creation-Date": meta["exported"],
        "Language": meta["language"],
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Loa-Format": meta["format"],
        "X-Loa-Campaign": meta["campaign"],
        "X-Loa-Source-Language": meta["source_language"],
    }
    for row in rows:
        # gettext tools want msgstr to end with a newline when msgid does
        ending = "\n" if row.translation and row.source.endswith("\n") else ""
        po.append(polib.POEntry(
            msgctxt=row.key, msgid=row.source, msgstr=row.translation + ending,
            flags=["fuzzy"] if row.state == STALE else [],
            comment=f"state: {row.state}\nloa-source: {row.source_fingerprint}\nloa-translation: {row.translation_fingerprint or '-'}",
        ))
    po.save(str(path))


def read_po(path: Path, data: bytes | None = None) -> Exchange:
    import polib

    shown = display_path(path)
    try:
        po = polib.pofile(data.decode("utf-8") if data is not None else str(path))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ContentError([Problem(shown, None, None, "", f"the file cannot be read as a po file ({error})",
                                    "save it again from the translation tool as a .po file")]) from None
    rows = []
    for entry in po:
        if entry.obsolete or not entry.msgctxt:
            continue
        notes = dict(line.split(": ", 1) for line in entry.comment.splitlines() if ": " in line)
        translation_fp = notes.get("loa-translation")
        rows.append(Returned(entry.msgctxt, entry.msgstr, notes.get("loa-source") or fingerprint(entry.msgid),
                             "" if translation_fp == "-" else translation_fp, notes.get("state", ""),
                             "fuzzy" not in entry.flags, entry.linenum))
    meta = po.metadata
    return Exchange(path, meta.get("X-Loa-Campaign", ""), meta.get("Language", ""),
                    meta.get("X-Loa-Source-Language", "vi"), tuple(rows))


# --- writing <lang>.yml back, keeping comments and order ---------------------------

TOP_ORDER = ("translation", "title", "summary", "key_messages", "sections", "stories", "discussion", "image_alt")
ENTRY_ORDER = ("id", "heading", "body", "text")
NEW_TRANSLATION = ("# yaml-language-server: $schema=../../scripts/loa/schema/text.schema.json\n"
                   "translation:\n  status: draft\n")


def write_items(path: Path, changes: dict[str, str], source_data: dict) -> None:
    """Set (or, for empty text, remove) items in a translation file, touching nothing else."""
    from ruamel.yaml.comments import CommentedMap

    yaml = _round_trip()
    data = yaml.load(path.read_text(encoding="utf-8") if path.is_file() else NEW_TRANSLATION) or CommentedMap()
    expected = _translation_items(path)
    for key, text in changes.items():
        _apply(data, key, _stored(key, text), source_data)
        if text:
            expected[key] = _stored(key, text)
        else:
            expected.pop(key, None)
    with atomic_path(path) as temporary:
        with temporary.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        doc, problems = read_document(temporary)
        if doc is None or problems or data_items(doc.data) != expected:  # a safety net: never write what reads back differently
            raise ContentError([Problem(display_path(path), None, None, "", "loa could not write the translation safely; the file is unchanged",
                                        "report it to the developers, with the file you imported")])


def _round_trip():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap lines nobody touched
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of the campaign files: "  - item"
    return yaml


def _stored(key: str, text: str) -> str:
    """The exact text the file will hold: lists one line per item, multi-line text ending with a newline."""
    if not text:
        return ""
    if key.split(".")[0] in LIST_KEYS:
        return "\n".join(split_list(text))
    return text + "\n" if "\n" in text else text


def _apply(data, key: str, text: str, source_data: dict) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    parts = key.split(".")
    if parts[0] in LIST_KEYS:
        _set_list(data, parts[0], split_list(text))
        return
    if len(parts) == 1:
        _set(data, key, _scalar(text), TOP_ORDER)
        return
    group, item_id, name = parts[0], ".".join(parts[1:-1]), parts[-1]
    entries = data.get(group)
    if not isinstance(entries, list):
        if not text:
            return
        entries = CommentedSeq()
        _set(data, group, entries, TOP_ORDER)
    index = next((i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == item_id), None)
    if index is None:
        if not text:
            return
        index = _entry_position(entries, item_id, source_data.get(group) or [])
        entries.insert(index, CommentedMap([("id", item_id)]))
    _set(entries[index], name, _scalar(text), ENTRY_ORDER)
    if set(entries[index]) <= {"id"}:
        del entries[index]
    if not entries:
        del data[group]


def _set(mapping, key: str, value, order: tuple[str, ...]) -> None:
    """Set, or remove when empty; a new key goes where the canonical order puts it."""
    if value in ("", None):
        if key in mapping:
            del mapping[key]
    elif key in mapping:
        mapping[key] = value
    else:
        rank = order.index(key) if key in order else len(order)
        position = next((i for i, k in enumerate(mapping) if k in order and order.index(k) > rank), len(mapping))
        mapping.insert(position, key, value)


def _set_list(data, key: str, lines: list[str]) -> None:
    """Update a list in place, line by line, so comments on unchanged lines stay."""
    from ruamel.yaml.comments import CommentedSeq

    existing = data.get(key)
    if not lines or not isinstance(existing, list):
        _set(data, key, CommentedSeq(_scalar(line) for line in lines) if lines else None, TOP_ORDER)
        return
    for index, line in enumerate(lines):
        if index >= len(existing):
            existing.append(_scalar(line))
        elif str(existing[index]) != line:
            existing[index] = _scalar(line)
    del existing[len(lines):]


def _entry_position(entries: list, item_id: str, source_entries: list) -> int:
    """Where a new section or story goes: after the ones that come before it in the source."""
    order = [e.get("id") for e in source_entries if isinstance(e, dict)]
    before = set(order[:order.index(item_id)]) if item_id in order else set(order)
    indices = [i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") in before]
    return max(indices) + 1 if indices else 0


def _scalar(text: str):
    """Block style for several lines; double quotes where YAML would read a number, date or yes/no."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if not text:
        return ""
    if "\n" in text:
        return LiteralScalarString(text)
    if yaml.resolver.Resolver().resolve(yaml.nodes.ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        return DoubleQuotedScalarString(text)
    return text
