"""Status: how complete and how current each translation is, and the store that remembers it.

`loa mark-current SLUG LANG` records, for every item the translation has, a
fingerprint of the source text as it is now. A source item whose text later
changes no longer matches its fingerprint: the translation of that item is
stale until a translator updates it and it is marked current again. The
fingerprints live in `campaigns/<slug>/translation-status.yml`, a file the
tool writes and git keeps, so every coordinator and CI see the same state.
`loa import` records them too, per item: the source each translation was made
from. Beside the fingerprints the store keeps the source texts they stand for
(`source_texts`), so an export can show a translator what changed (po: `#| msgid`).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from .items import fingerprint, text_items
from ..content.files import atomic_write
from ..content.load import read_document
from ..content.model import Campaign, Content
from .localize import printable
from ..content.problems import ContentError, Problem, display_path
from ..messages import N_, _

STORE_FILE = "translation-status.yml"
TRANSLATION_STORE_HEADER = (
    "# Written by `loa mark-current` (and `loa import`): do not edit it by hand.\n"
    "# For each language: when its translation was last marked current, and a\n"
    "# fingerprint of each source text item at that time. A source item whose\n"
    "# fingerprint no longer matches makes that item of the translation stale.\n"
    "# source_texts: the source texts behind those fingerprints, to show what changed.\n"
)
SOURCE_TEXTS = "source_texts"  # fingerprint -> the source text it was taken of; not a language tag
NEEDS_WORK = "needs-work"  # recorded for a translation its translator marked as needing work: stale whatever the source
STORE_HINT = N_("restore it with git (git checkout -- FILE), or delete it and run loa mark-current again")


@dataclass(frozen=True)
class StatusRow:
    """One campaign in one language: how many of the source's text items it has, and how current."""

    campaign: str
    language: str
    status: str  # source, draft, reviewed, or missing (no file)
    total: int  # text items in the source
    translated: int  # present in the translation and not stale
    missing: int  # in the source, not in the translation
    stale: int  # translated from a source text that has changed since
    leaflet: bool = True  # False: title and key messages untranslated, the leaflet waits for translators

    @property
    def percent(self) -> float:
        """Share of the source's items translated and current, 0 to 100."""
        return 100.0 * self.translated / self.total if self.total else 100.0


# --- the store ------------------------------------------------------------------

def store_path(folder: Path) -> Path:
    return folder / STORE_FILE


def load_store(folder: Path) -> dict:
    """The campaign folder's store: {language: {marked or imported, reviewed_by?, source: {item key: fingerprint}},
    source_texts: {fingerprint: text}}."""
    path = store_path(folder)
    if not path.is_file():
        return {}
    doc, problems = read_document(path)
    if problems or doc is None:
        raise ContentError([_with_hint(p) for p in problems])
    data = doc.data or {}
    if not isinstance(data, dict) or not all(_valid_entry(key, entry) for key, entry in data.items()):
        raise ContentError([Problem(doc.shown, None, None, "", _("the translation status file is damaged"), _(STORE_HINT))])
    return data


def _valid_entry(key: str, entry: Any) -> bool:
    if key == SOURCE_TEXTS:
        return isinstance(entry, dict) and all(isinstance(text, str) for text in entry.values())
    return isinstance(entry, dict) and isinstance(entry.get("source", {}), dict)


def _with_hint(problem: Problem) -> Problem:
    return Problem(problem.file, problem.line, problem.column, problem.field, problem.message, _(STORE_HINT),
                   problem.severity)


def save_store(folder: Path, store: dict) -> bool:
    """Write the store, languages sorted, atomically (a half-written file would lose the fingerprints).

    Keeps only the source texts some language still refers to. Returns whether the file changed.
    """
    path = store_path(folder)
    ordered = {tag: store[tag] for tag in sorted(store) if tag != SOURCE_TEXTS}
    used = {fp for entry in ordered.values() for fp in (entry.get("source") or {}).values()}
    texts = {fp: text for fp, text in sorted((store.get(SOURCE_TEXTS) or {}).items()) if fp in used}
    if texts:
        ordered[SOURCE_TEXTS] = texts
    data = (TRANSLATION_STORE_HEADER + yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, default_flow_style=False,
                                          width=4096)).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic_write(path, data)
    return True


def previous_source(store: dict, language: str, key: str) -> str | None:
    """The source text the translation of `key` was made from, when the store knows it."""
    recorded = ((store.get(language) or {}).get("source") or {}).get(key)
    return (store.get(SOURCE_TEXTS) or {}).get(recorded)


def stale_keys(campaign: Campaign, language: str, store: dict) -> set[str]:
    """Items the translation has whose source text changed since the language was marked current.

    A language never marked has nothing stale (there is nothing to compare with);
    an item added to the translation after the marking is taken as current.
    """
    text = campaign.texts.get(language)
    entry = store.get(language)
    if text is None or not entry or language == campaign.source_language:
        return set()
    recorded = entry.get("source") or {}
    source = text_items(campaign.source)
    return {key for key in text_items(text)
            if key in source and key in recorded and recorded[key] != fingerprint(source[key])}


def mark_current(campaign: Campaign, language: str, reviewed_by: str | None = None,
                 today: datetime.date | None = None) -> Path:
    """Record that the translation matches the source as it is now. Returns the store's path."""
    text = campaign.texts.get(language)
    if language == campaign.source_language or text is None:
        raise ContentError([_cannot_mark(campaign, language)])
    source = text_items(campaign.source)
    store = load_store(campaign.folder)
    entry: dict[str, Any] = {"marked": today or datetime.date.today()}
    if reviewed_by:
        entry["reviewed_by"] = reviewed_by
    kept = [key for key in text_items(text) if key in source]
    entry["source"] = {key: fingerprint(source[key]) for key in kept}
    store[language] = entry
    store.setdefault(SOURCE_TEXTS, {}).update({fingerprint(source[key]): source[key] for key in kept})
    save_store(campaign.folder, store)
    return store_path(campaign.folder)


def record_sources(folder: Path, language: str, made_from: dict[str, tuple[str, str | None]],
                   today: datetime.date | None = None) -> bool:
    """Record, per item, the source a translation was made from: (fingerprint, text or None). Returns whether
    the store changed. The first import of a language starts its entry, so a later source change shows as stale."""
    if not made_from:
        return False
    store = load_store(folder)
    entry = store.setdefault(language, {"imported": today or datetime.date.today()})
    entry.setdefault("source", {}).update({key: fp for key, (fp, _) in made_from.items()})
    store.setdefault(SOURCE_TEXTS, {}).update({fp: text for fp, text in made_from.values() if text is not None})
    return save_store(folder, store)


def _cannot_mark(campaign: Campaign, language: str) -> Problem:
    shown = display_path(campaign.folder / f"{language}.yml")
    if language == campaign.source_language:
        return Problem(shown, None, None, "", _("{file} is the source text: only translations are marked current").format(
                           file=f"{language}.yml"), _("give the language of a translation, e.g. hmn"))
    return Problem(shown, None, None, "", _("the campaign '{campaign}' has no {language} translation").format(
                       campaign=campaign.slug, language=language),
                   _("translate it first: {command}").format(command=f"loa export {campaign.slug} {language} --format xlsx"))


# --- status rows ----------------------------------------------------------------

def status_rows(content: Content, languages: tuple[str, ...]) -> list[StatusRow]:
    """One row per campaign and language, campaigns in display order, languages as given.

    Stale items come from the model (`Campaign.stale`, filled by validate from the store).
    """
    return [campaign_row(c, language, c.stale.get(language, frozenset())) for c in content.campaigns for language in languages]


def campaign_row(campaign: Campaign, language: str, stale_items: frozenset[str] | set[str]) -> StatusRow:
    source = text_items(campaign.source)
    total = len(source)
    text = campaign.texts.get(language)
    if language == campaign.source_language:
        return StatusRow(campaign.slug, language, "source", total, total, 0, 0)
    if text is None:
        return StatusRow(campaign.slug, language, "missing", total, 0, total, 0, False)
    present = [key for key in text_items(text) if key in source]
    stale = len(stale_items)
    return StatusRow(campaign.slug, language, text.status, total, len(present) - stale, total - len(present), stale,
                     printable(campaign, language))


TABLE_COLUMNS = (N_("campaign"), N_("language"), N_("status"), N_("translated"), N_("stale"), N_("missing"), N_("total"),
           N_("done"), N_("leaflet"))  # shown with _()


def format_table(rows: list[StatusRow]) -> str:
    """An aligned table for the terminal: text columns left, numbers right."""
    cells = [tuple(_(c) for c in TABLE_COLUMNS)] + [
        (r.campaign, r.language, r.status, str(r.translated), str(r.stale), str(r.missing), str(r.total),
         f"{int(r.percent)}%", _("yes") if r.leaflet else _("waits")) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(TABLE_COLUMNS))]
    lines = []
    for row in cells:
        parts = [value.ljust(widths[i]) if i < 3 else value.rjust(widths[i]) for i, value in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def rows_as_json(rows: list[StatusRow]) -> list[dict]:
    """Plain dicts with exactly the keys campaign, language, status, total, translated, missing, stale, leaflet."""
    return [asdict(row) for row in rows]
