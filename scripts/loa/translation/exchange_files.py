"""Exchange files: the two formats translators work in, xlsx (a spreadsheet) and po (gettext), read and written.

What a row holds (`Row` out, `Returned` back) is defined here; `exchange` decides
what to export and what an import may change.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from .items import fingerprint
from ..content.problems import ContentError, Problem, display_path
from ..messages import _


FILE_FORMATS = ("xlsx", "po")
FORMAT_VERSION = "1"
TRANSLATED, MISSING, STALE = "translated", "missing", "stale"
STATES = (TRANSLATED, MISSING, STALE)


@dataclass(frozen=True)
class Row:
    """One item as exported: what the translator sees."""

    key: str
    source: str
    translation: str  # "" when missing
    state: str  # translated, missing or stale
    source_fingerprint: str
    translation_fingerprint: str  # of the cleaned translation at export; "" when missing
    previous_source: str = ""  # for a stale item: the source text the translation was made from, when known
    source_file: str = ""  # where the source text is: campaigns/<slug>/vi.yml,
    source_line: int | None = None  # at this line,
    field: str = ""  # in this field: sections[1].body


@dataclass(frozen=True)
class Returned:
    """One item as read back from a translator's file."""

    key: str
    translation: str
    source: str  # the source text as the file shows it
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


# --- xlsx -----------------------------------------------------------------------

SHEET, META_SHEET, README_SHEET = "translation", "loa", "read me"
PREVIOUS_NOTE = "Translated from this earlier text: / Bản dịch được làm từ văn bản cũ này:"
FILLS = {STALE: "FCE4D6", MISSING: "FFF2CC"}  # light orange, light yellow: what needs work
README = (
    "Translate in column C of the sheet 'translation', one row per piece of text. / "
    "Dịch ở cột C của trang 'translation', mỗi dòng một đoạn.",
    "Do not change column A (id) or the hidden sheet: they tell loa where each text goes. / "
    "Đừng sửa cột A (id) và trang ẩn.",
    "state: missing = not translated yet; stale = the source changed, check the translation "
    "(the note on its source cell shows the earlier text). / "
    "missing: chưa dịch; stale: bản gốc đã thay đổi, cần xem lại (ghi chú ở ô bản gốc cho xem văn bản cũ).",
    "If a stale translation is still right, choose the state 'translated' in column D. / "
    "Nếu bản dịch cũ vẫn đúng, chọn state 'translated' ở cột D.",
    "Columns A and B are locked so that they are not changed by mistake (no password). / "
    "Cột A và B được khóa để tránh sửa nhầm (không có mật khẩu).",
    "Key messages and questions: one per line in the cell (Alt+Enter). / Mỗi câu một dòng (Alt+Enter).",
    "Leave a cell empty to keep the source text on the site. / Để trống thì trang web hiện bản gốc.",
)


def write_xlsx(path: Path, meta: dict[str, str], rows: list[Row]) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook has one sheet
    sheet.title = SHEET
    sheet.append(["id", f"source ({meta['source_language']})", f"translation ({meta['language']})", "state"])
    for row in rows:
        sheet.append([row.key, row.source, row.translation or None, row.state])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even when it starts with '='
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        state = cells[3].value
        if isinstance(state, str) and state in FILLS:
            for cell in cells:
                cell.fill = PatternFill("solid", fgColor=FILLS[state])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (30, 60, 60, 12), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    _guard(sheet, len(rows))
    for number, row in enumerate(rows, start=2):
        if row.state == STALE and row.previous_source:  # what po files say with #| msgid: the text translated from
            sheet.cell(number, 2).comment = Comment(f"{PREVIOUS_NOTE}\n{row.previous_source}", "loa", width=400, height=200)
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
    book.security = WorkbookProtection(lockStructure=True)  # the hidden sheet cannot be shown or deleted by a slip
    book.save(path)


def _guard(sheet, count: int) -> None:
    """Translation and state cells open, the rest locked (no password: it prevents slips, not people);
    the state chosen from a list, so a typo cannot turn into a state loa does not know."""
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    for row in sheet.iter_rows(min_row=2, max_row=count + 1, min_col=3, max_col=4):
        for cell in row:
            cell.protection = Protection(locked=False)
    states = DataValidation(type="list", formula1=f'"{",".join(STATES)}"', allow_blank=True, showErrorMessage=True,
                            errorTitle="state", error=f"Choose one of: {', '.join(STATES)}")
    states.add(f"D2:D{count + 1}")
    sheet.add_data_validation(states)
    # Locked cells stay selectable and columns resizable: translators widen and read the source.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


MAX_EXCHANGE_BYTES = 5_000_000  # a campaign's texts are a few dozen kilobytes
MAX_UNPACKED_BYTES = 50_000_000  # an xlsx is a zip: what it unpacks to, checked before openpyxl reads it


def check_unpacked_size(data: bytes, shown: str) -> None:
    """A small xlsx can unpack to gigabytes (a zip bomb): sum the sizes its directory declares first."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ContentError([Problem(shown, None, None, "", _("the spreadsheet cannot be read (it is not an .xlsx file)"),
                                    _("save it again as an Excel workbook (.xlsx)"))]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ContentError([Problem(shown, None, None, "", _("the spreadsheet unpacks to {size:,} bytes, over the limit "
                                                             "of {limit:,}").format(size=unpacked, limit=MAX_UNPACKED_BYTES),
                                    _("export the campaign again and copy the translations into the new file"))])


def read_xlsx(path: Path, data: bytes | None = None) -> Exchange:
    from openpyxl import load_workbook

    shown = display_path(path)
    try:
        book = load_workbook(io.BytesIO(data) if data is not None else path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ContentError([Problem(shown, None, None, "", _("the spreadsheet cannot be read ({reason})").format(
                                        reason=error.__class__.__name__),
                                    _("save it again as an Excel workbook (.xlsx)"))]) from None
    if META_SHEET not in book.sheetnames or SHEET not in book.sheetnames:
        raise ContentError([Problem(shown, None, None, "", _("this spreadsheet was not written by loa export"),
                                    _("export the campaign with loa export SLUG LANG --format xlsx and translate in "
                                      "that file"))])
    meta, exported = _read_meta_sheet(book[META_SHEET])
    sheet = book[SHEET]
    header = [_cell(value).lower() for value in next(sheet.iter_rows(max_row=1, values_only=True), ())]
    columns = {name: next((i for i, h in enumerate(header) if h.startswith(name)), None)
               for name in ("id", "source", "translation", "state")}
    if columns["id"] is None or columns["translation"] is None:
        raise ContentError([Problem(shown, 1, None, "", _("the columns 'id' and 'translation' are missing from the first row"),
                                    _("keep the first row as loa export wrote it"))])
    rows, unknown = [], []
    unknown += _formulas_without_values(data if data is not None else path.read_bytes(), sheet, columns["translation"], shown)
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        key = _cell(_at(values, columns["id"]))
        if not key:
            continue
        if key not in exported:
            unknown.append(Problem(shown, number, None, key, _("there is no such item in the exported file"),
                                   _("keep column A (id) as loa export wrote it")))
            continue
        source_fp, translation_fp, state = exported[key]
        said = _cell(_at(values, columns["state"])).lower()
        rows.append(Returned(key, _cell(_at(values, columns["translation"])), _cell(_at(values, columns["source"])),
                             source_fp, translation_fp, state,
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
                                    _("the cell {cell} holds a formula ({formula}) with no saved result: "
                                      "importing it would delete this translation").format(
                                          cell=name, formula=str(cell.value)[:40]),
                                    _("type the translation into {cell} as text (a text that starts with '=' needs "
                                      "a ' before it)").format(cell=name)))
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

# Each entry is one text, never a plural: the header only has to be valid. It is also right for the
# languages here: Vietnamese and Hmong (CLDR: vi, hnj) have one form; Iu Mien and Tay, not in CLDR,
# are isolating languages that do not mark the plural on words either.
PLURAL_FORMS = "nplurals=1; plural=0;"


def write_po(path: Path, meta: dict[str, str], rows: list[Row]) -> None:
    """A po file as Poedit and Weblate expect it (`msgfmt -c` clean): msgctxt is the item id, msgid the source."""
    import polib

    po = polib.POFile(wrapwidth=78)
    po.header = (f"Loa campaign '{meta['campaign']}': {meta['source_language']} -> {meta['language']}, "
                 f"exported {meta['exported']} by loa export.\nImport it back with: loa import FILE")
    po.metadata = {
        "Project-Id-Version": f"Loa {meta['campaign']}",
        "POT-Creation-Date": meta["exported"],
        "PO-Revision-Date": meta["exported"],
        "Last-Translator": "",  # the translator's tool fills it in
        "Language-Team": meta.get("language_name") or meta["language"],
        "Language": meta["language"],
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
        "X-Loa-Format": meta["format"],
        "X-Loa-Campaign": meta["campaign"],
        "X-Loa-Source-Language": meta["source_language"],
    }
    for row in rows:
        po.append(_po_entry(polib, row))
    po.save(str(path))


def _po_entry(polib, row: Row):
    notes = [f"{row.field} in {row.source_file.rsplit('/', 1)[-1]}"] if row.field else []
    notes += [f"state: {row.state}", f"loa-source: {row.source_fingerprint}",
              f"loa-translation: {row.translation_fingerprint or '-'}"]
    return polib.POEntry(
        msgctxt=row.key, msgid=row.source, msgstr=_same_ends(row.source, row.translation),
        occurrences=[(row.source_file, str(row.source_line or ""))] if row.source_file else [],
        flags=["fuzzy"] if row.state == STALE else [],
        previous_msgid=row.previous_source if row.state == STALE and row.previous_source else None,
        comment="\n".join(notes),
    )


def _same_ends(source: str, translation: str) -> str:
    """gettext tools want msgid and msgstr to agree on a leading and a trailing newline."""
    if not translation:
        return ""
    translation = translation.strip("\n")
    return ("\n" if source.startswith("\n") else "") + translation + ("\n" if source.endswith("\n") else "")


def read_po(path: Path, data: bytes | None = None) -> Exchange:
    import polib

    shown = display_path(path)
    try:
        po = polib.pofile(data.decode("utf-8") if data is not None else str(path))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ContentError([Problem(shown, None, None, "", _("the file cannot be read as a po file ({reason})").format(
                                        reason=error),
                                    _("save it again from the translation tool as a .po file"))]) from None
    rows = []
    for entry in po:
        if entry.obsolete or not entry.msgctxt:
            continue
        notes = dict(line.split(": ", 1) for line in entry.comment.splitlines() if ": " in line)
        translation_fp = notes.get("loa-translation")
        rows.append(Returned(entry.msgctxt, entry.msgstr, entry.msgid, notes.get("loa-source") or fingerprint(entry.msgid),
                             "" if translation_fp == "-" else translation_fp, notes.get("state", ""),
                             "fuzzy" not in entry.flags, entry.linenum))
    meta = po.metadata
    return Exchange(path, meta.get("X-Loa-Campaign", ""), meta.get("Language", ""),
                    meta.get("X-Loa-Source-Language", "vi"), tuple(rows))
