"""Validate: check every campaign file and build the content model.

`check_content` reads the whole `campaigns/` folder, reports every problem it
finds (it keeps going past a bad file, as a compiler does), and returns the
model only when there is no error. Field shapes come from `spec`; this module
adds what one field alone cannot tell: ids that must exist, files that must be
there, consent, translations that must match their source. campaign.yml and the
shared files are read here; each campaign's text files by `text_files`.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

from . import kinds, spec
from .site import SiteConfig
from .places import PLACES_DIR, PLACES_FILE_NAME, check_places
from .load import Document
from .model import Campaign, Content, Hotline, TextFile
from .problems import ERROR, WARNING, ContentError, Problem, display_path, sort_key
from .text_files import CAMPAIGN_FILE_NAME, check_texts
from .shared_files import (HOTLINES_FILE_NAME, PUBLISHER_FILE_NAME, WORDING_FILE_NAME, Found, check_hotlines, check_publisher, check_wording,
                           not_a_site_language, read_checked)
from ..checks.numbers import numbers_in_partial_content
from ..messages import _
from ..translation.status import load_store, stale_keys

IMAGE_TYPES = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n", ".webp": b"RIFF"}
MAX_IMAGE_BYTES = 10_000_000


def check_content(config: SiteConfig, today: datetime.date | None = None) -> tuple[Content | None, list[Problem]]:
    """All problems in the campaigns folder, and the model if there is no error."""
    folder = config.campaigns_dir
    if not folder.is_dir():
        return None, [Problem(display_path(folder), None, None, "", _("the campaigns folder does not exist"),
                              _("create it, or pass the right folder with --campaigns DIR"))]
    today = today or datetime.date.today()
    problems = Found()
    hotlines, retired, unsure = check_hotlines(folder / HOTLINES_FILE_NAME, config, today, problems)
    publisher = check_publisher(folder / PUBLISHER_FILE_NAME, config, problems)
    wording = check_wording(folder / WORDING_FILE_NAME, config, problems)
    places = check_places(folder, config, today, retired, read_checked, problems)
    campaigns = []
    for child in sorted(folder.iterdir()):
        if child.is_dir() and not child.name.startswith(".") and child.name != PLACES_DIR:
            campaign = _check_campaign(child, config, hotlines, today, problems)
            if campaign:
                campaigns.append(campaign)
    if not campaigns and not any(p.severity == ERROR for p in problems):
        problems.append(Problem(display_path(folder), None, None, "", _("there is no campaign folder"),
                                _("create campaigns/<slug>/ with campaign.yml and vi.yml, e.g. with: loa new <slug>"), WARNING))
    campaigns.sort(key=lambda c: (c.order, c.slug))
    content = Content(tuple(h for h in (hotlines or {}).values() if h), tuple(campaigns), retired, publisher, wording,
                      problems.documents, places=places)
    if hotlines is None or any(p.severity == ERROR for p in problems):  # no model: numbers in valid texts checked now
        places_unsure = not places and ((folder / PLACES_FILE_NAME).is_file() or (folder / PLACES_DIR).is_dir())
        problems += numbers_in_partial_content(content, unsure, places_unsure) if hotlines is not None else []
        return None, sorted(problems, key=sort_key)
    return content, sorted(problems, key=sort_key)


# --- <slug>/campaign.yml ------------------------------------------------------

def _check_campaign(folder: Path, config: SiteConfig, hotlines: dict[str, Hotline | None] | None,
                    today: datetime.date, problems: list[Problem]) -> Campaign | None:
    shown = display_path(folder)
    if not spec.SLUG.fullmatch(folder.name):
        problems.append(Problem(shown, None, None, "", _("the folder name '{name}' cannot be a campaign's address").format(name=folder.name),
                                _("rename the folder with lowercase ASCII letters, digits and single hyphens, e.g. '{slug}'")
                                .format(slug=kinds.suggest_slug(folder.name))))
        return None
    if not (folder / CAMPAIGN_FILE_NAME).exists():
        problems.append(Problem(shown + "/" + CAMPAIGN_FILE_NAME, None, None, "", _("the campaign has no campaign.yml"),
                                _("every campaign folder needs campaign.yml (create one with: loa new <slug>)")))
        return None
    doc, ok = read_checked(folder / CAMPAIGN_FILE_NAME, spec.CAMPAIGN_FILE, problems)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    before = len(problems)
    if doc is not None and data:
        _check_campaign_facts(doc, config, hotlines, problems)
    # The texts are checked even when campaign.yml is wrong: users see every problem in one run.
    given = data.get("source_language")
    source_language = given if isinstance(given, str) and given in config.tags else config.default_language
    numbers = [h.number for h in (hotlines or {}).values() if h]
    texts = check_texts(folder, source_language, doc if ok else None, config, numbers, today, problems)
    if doc is None or not ok or texts is None or any(p.severity == ERROR for p in problems[before:]):
        return None
    image = folder / data["image"] if data.get("image") else None
    formats, chosen = _leaflet_choice(data.get("leaflets"))
    if not _chosen_sections_exist(doc, chosen, texts[data["source_language"]], problems):
        return None
    campaign = Campaign(folder.name, folder, data["source_language"], tuple(data["audiences"]), tuple(data["hotlines"]),
                        formats, data.get("order", 0), image, texts, leaflet_sections=chosen)
    if data.get("loudspeaker"):
        campaign = replace(campaign, loudspeaker=tuple(data["loudspeaker"]))
    campaign = replace(campaign, audio=audio_files(folder))
    return _with_stale_items(campaign, problems)


def _leaflet_choice(value) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """(formats, chosen sections per format) from `leaflets:` as a list (version 1) or a mapping (version 2)."""
    if isinstance(value, dict):
        return tuple(value), {fmt: tuple(options["sections"]) for fmt, options in value.items()
                              if isinstance(options, dict) and options.get("sections")}
    return tuple(value or ("a4-trifold", "a5-flyer")), {}


def _chosen_sections_exist(doc: Document, chosen: dict[str, tuple[str, ...]], source: TextFile,
                           problems: list[Problem]) -> bool:
    """Each section chosen for a leaflet is a section of the source text, chosen once."""
    ids = [section.id for section in source.sections]
    found = []
    for fmt, sections in chosen.items():
        for index, section_id in enumerate(sections):
            path = ("leaflets", fmt, "sections", index)
            if section_id not in ids:
                found.append(doc.problem(path, _("no section has the id '{id}' in {file}").format(id=section_id, file=display_path(source.file)),
                                         kinds.did_you_mean(section_id, ids) or _("section ids: {ids}").format(ids=", ".join(ids))))
            elif section_id in sections[:index]:
                found.append(doc.problem(path, _("the section '{id}' is chosen twice for {format}").format(id=section_id, format=fmt),
                                         _("list each section once")))
    problems.extend(found)
    return not found


def _with_stale_items(campaign: Campaign, problems: list[Problem]) -> Campaign | None:
    """The campaign with, per translation, the items whose source changed since `loa mark-current`."""
    try:
        store = load_store(campaign.folder)
    except ContentError as error:
        problems.extend(error.problems)
        return None
    stale = {tag: frozenset(stale_keys(campaign, tag, store)) for tag in campaign.texts if tag != campaign.source_language}
    return replace(campaign, stale=stale)


def audio_files(folder: Path) -> tuple[Path, ...]:
    """Every file below the campaign's audio/ folder, sorted; links are not followed out of it."""
    root = folder / "audio"
    if not root.is_dir() or root.is_symlink():
        return ()
    return tuple(sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink()))


def _check_campaign_facts(doc: Document, config: SiteConfig, hotlines: dict[str, Hotline | None] | None,
                          problems: list[Problem]) -> None:
    data = doc.data
    if isinstance(data.get("source_language"), str) and data["source_language"] not in config.tags:
        problems.append(doc.problem(("source_language",), not_a_site_language(data["source_language"], config.tags),
                                    _("use the site's source language, vi")))
    for key in ("audiences", "hotlines", "leaflets", "loudspeaker"):
        if isinstance(data.get(key), list):
            _check_unique(doc, (key,), data[key], problems)
    if hotlines is not None and isinstance(data.get("hotlines"), list):
        for index, hotline_id in enumerate(data["hotlines"]):
            if isinstance(hotline_id, str) and hotline_id not in hotlines:
                problems.append(doc.problem(("hotlines", index), _("no hotline has the id '{id}' in campaigns/hotlines.yml").format(id=hotline_id),
                                            kinds.did_you_mean(hotline_id, hotlines) or _("known ids: {ids}").format(ids=", ".join(hotlines))))
        for hotline in (h for h in hotlines.values() if h and h.required and h.id not in data["hotlines"]):
            problems.append(doc.problem(("hotlines",), _("the hotline '{id}' ({number}) is required in every campaign")
                                        .format(id=hotline.id, number=hotline.number),
                                        _("add {id} to hotlines: [{ids}]").format(id=hotline.id,
                                                                                  ids=", ".join([hotline.id, *map(str, data["hotlines"])]))))
    if isinstance(data.get("image"), str):
        _check_image(doc, problems)


def _check_unique(doc: Document, path: tuple, items: list, problems: list[Problem], what: str = "") -> None:
    seen = set()
    for index, item in enumerate(items):
        if item in seen:
            problems.append(doc.problem(path + (index,), _("'{item}' is listed twice").format(item=item), _("remove one of them")))
        seen.add(item)


def _check_image(doc: Document, problems: list[Problem]) -> None:
    folder = doc.path.parent
    relative = doc.data["image"]
    path = (folder / relative).resolve()
    where = ("image",)
    if folder.resolve() not in path.parents:
        problems.append(doc.problem(where, _("the image '{file}' is outside the campaign folder").format(file=relative),
                                    _("put it in the campaign's images/ folder")))
        return
    suffix = path.suffix.lower()
    if suffix not in IMAGE_TYPES:
        problems.append(doc.problem(where, _("'{file}' is not a JPEG, PNG or WebP picture").format(file=relative),
                                    _("SVG and other formats are refused (SVG can carry scripts): export the picture as JPEG or PNG")))
    elif not path.is_file():
        problems.append(doc.problem(where, _("the image '{file}' does not exist").format(file=relative),
                                    _("check the file name and that it is in the campaign's images/ folder")))
    elif path.stat().st_size > MAX_IMAGE_BYTES:
        problems.append(doc.problem(where, _("the image is {size} bytes, over the limit of {limit}")
                                    .format(size=f"{path.stat().st_size:,}", limit=f"{MAX_IMAGE_BYTES:,}"),
                                    _("resize it to at most 2000 pixels wide")))
    elif not path.read_bytes()[:8].startswith(IMAGE_TYPES[suffix]):
        problems.append(doc.problem(where, _("'{file}' is not a readable {type} picture").format(file=relative, type=suffix[1:].upper()),
                                    _("open it in an image editor and export it again")))
    else:
        from ..outputs.covers import check_image  # Pillow: only for campaigns with a picture

        problems.extend(check_image(path))
