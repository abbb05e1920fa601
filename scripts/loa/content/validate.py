"""Validate: check every campaign file and build the content model.

`check_content` reads the whole `campaigns/` folder, reports every problem it
finds (it keeps going past a bad file, as a compiler does), and returns the
model only when there is no error. Field shapes come from `spec`; this module
adds what one field alone cannot tell: ids that must exist, files that must be
there, consent, translations that must match their source.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

from . import kinds, spec
from .site import SiteConfig
from .places import PLACES_DIR, PLACES_FILE_NAME, check_places
from .load import Document
from .model import Campaign, Consent, Content, Hotline, Section, Story, TextFile
from .problems import ERROR, WARNING, ContentError, Problem, display_path, sort_key
from .shared_files import (HOTLINES_FILE_NAME, PUBLISHER_FILE_NAME, WORDING_FILE_NAME, Found, check_hotlines, check_publisher, check_wording,
                           mapping_items, not_a_site_language, read_checked)
from ..checks.numbers import numbers_in_partial_content
from ..checks.safety import personal_data_warnings
from ..messages import N_, _
from ..translation.status import load_store, stale_keys

CAMPAIGN_FILE_NAME = "campaign.yml"
STATUS_FILE = "translation-status.yml"  # written by `loa mark-current`, not a language
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
    texts = _check_texts(folder, source_language, doc if ok else None, config, numbers, today, problems)
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


# --- <slug>/<lang>.yml ----------------------------------------------------------

def _check_texts(folder: Path, source_language: str, campaign_doc: Document | None, config: SiteConfig,
                 hotline_numbers: list[str], today: datetime.date, problems: list[Problem]) -> dict[str, TextFile] | None:
    source_path = folder / f"{source_language}.yml"
    if not source_path.exists():
        problems.append(Problem(display_path(source_path), None, None, "", _("the campaign's source text {file} is missing").format(file=source_path.name),
                                _("write the campaign's text in {file} (see docs/guide/writing-campaigns.md)").format(file=source_path.name)))
        source_doc, source_ok = None, False
    else:
        source_doc, source_ok = read_checked(source_path, spec.SOURCE_TEXT_FILE, problems)
    if source_doc is not None and isinstance(source_doc.data, dict):
        _check_source(source_doc, campaign_doc, today, problems)
        problems.extend(personal_data_warnings(source_doc, hotline_numbers))
    source = source_doc if source_ok else None  # a source text of the right shape, which translations follow
    texts = {source_language: _text(source, source_language, "source")} if source is not None else {}
    for path in sorted(folder.glob("*.yml")):
        tag = path.stem
        if path.name in (CAMPAIGN_FILE_NAME, STATUS_FILE) or tag == source_language:
            continue
        if tag in config.unbuilt:
            problems.append(Problem(display_path(path), None, None, "", _("'{tag}' has build: false in mkdocs.yml: this file is not published").format(tag=tag),
                                    _("set build: true under the language {tag} in mkdocs.yml to publish it").format(tag=tag), WARNING))
            continue
        if tag not in config.tags:
            problems.append(Problem(display_path(path), None, None, "", not_a_site_language(tag, config.tags),
                                    kinds.did_you_mean(tag, config.tags) or _("rename the file to a language tag, or add the language to mkdocs.yml")))
            continue
        doc, ok = read_checked(path, spec.TRANSLATION_TEXT_FILE, problems)
        if doc is not None and isinstance(doc.data, dict) and source is not None:
            _check_translation(doc, source, problems)
            _check_translation_record(doc, tag, problems)
            _check_review_date(doc, today, problems)
            problems.extend(personal_data_warnings(doc, hotline_numbers))
        if doc is not None and ok and source is not None:
            texts[tag] = _text(doc, tag, (doc.data.get("translation") or {}).get("status", "draft"))
    return texts if source is not None else None


def _check_source(doc: Document, campaign_doc: Document | None, today: datetime.date, problems: list[Problem]) -> None:
    """Cross-checks of the source text; each looks only at values of the right shape."""
    data = doc.data
    _check_ids(doc, "sections", problems)
    _check_ids(doc, "stories", problems)
    for index, story in mapping_items(data, "stories"):
        problems.extend(_story_problems(doc, ("stories", index), story, today))
    if "translation" in data:
        problems.append(doc.problem(("translation",), _("the source text is not a translation"),
                                    _("remove the translation: block from the source file"), WARNING))
    campaign = campaign_doc.data if campaign_doc is not None and isinstance(campaign_doc.data, dict) else {}
    audiences = set(campaign.get("audiences") or []) if isinstance(campaign.get("audiences"), list) else None
    for index, section in mapping_items(data, "sections"):
        section_audiences = section.get("audiences")
        for a_index, audience in enumerate(section_audiences if isinstance(section_audiences, list) else []):
            if audiences is not None and audience in spec.AUDIENCES and audience not in audiences:
                problems.append(doc.problem(("sections", index, "audiences", a_index),
                                            _("'{audience}' is not one of this campaign's audiences ({audiences})")
                                            .format(audience=audience, audiences=", ".join(sorted(audiences))),
                                            _("add it to audiences in campaign.yml, or remove it here"), WARNING))
    if campaign.get("image") and not data.get("image_alt"):
        problems.append(doc.problem((), _("the campaign has a cover image but no image_alt"),
                                    _("add image_alt: a short sentence saying what the picture shows, for readers who cannot see it")))


STORY_HINT = N_("write 'kind: composite' for a story written from several cases, or 'kind: real' with a consent "
                 "record (given_by, date, scope); see docs/guide/writing-campaigns.md")


def _story_problems(doc: Document, where: tuple, story: dict, today: datetime.date) -> list[Problem]:
    """A story is composite (labelled as such) or real with a consent record; version 1 had `consent: true`."""
    kind, consent = story.get("kind"), story.get("consent")
    if kind is None and consent is True:
        return [doc.problem(where + ("consent",), _("the story has 'consent: true' but no record of who gave it, when, "
                              "and for what; it is published on the site and on paper for now"), _(STORY_HINT), WARNING)]
    if kind is None:
        return [doc.problem(where + ("consent",) if "consent" in story else where,
                            _("a story is published only with the person's consent, or as a composite"), _(STORY_HINT))]
    if kind != "real":
        return []
    if not isinstance(consent, dict):
        return [doc.problem(where + ("consent",) if "consent" in story else where,
                            _("a real story needs a consent record: who gave it, when and for what"),
                            _("add consent: with given_by (person or guardian), date and scope ([web, print, audio])"))]
    return _consent_problems(doc, where + ("consent",), consent, today)


def _consent_problems(doc: Document, where: tuple, consent: dict, today: datetime.date) -> list[Problem]:
    found = []
    if consent.get("under_18") and consent.get("given_by") != "guardian":
        found.append(doc.problem(where + ("given_by",), _("the person was under 18: consent must be given by a guardian"),
                                 _("ask a parent or legal guardian, then write 'given_by: guardian'")))
    date, expires = consent.get("date"), consent.get("expires")
    if isinstance(date, datetime.date) and date > today:
        found.append(doc.problem(where + ("date",), _("the consent is dated {date}, a day still to come").format(date=date),
                                 _("write the date the consent was given")))
    if isinstance(expires, datetime.date) and expires < today:
        found.append(doc.problem(where + ("expires",), _("the consent expired on {date}: the story is no longer published").format(date=expires),
                                 _("ask the person again and record the new consent, or remove the story"), WARNING))
    if "web" not in (consent.get("scope") or []):
        found.append(doc.problem(where + ("scope",), _("the consent does not cover the web: the story is not on the site"),
                                 _("that is right if the person said so; otherwise add web to scope"), WARNING))
    return found


def _check_translation_record(doc: Document, tag: str, problems: list[Problem]) -> None:
    """Hmong is written in two scripts: a reader of one cannot read the other, so the file says which."""
    record = doc.data.get("translation")
    if tag.split("-")[0] != "hmn" or not isinstance(record, dict):
        return
    orthography = record.get("orthography")
    if orthography is None:
        problems.append(doc.problem(("translation",), _("a Hmong text must say its orthography"),
                                    _("add 'orthography: RPA' (Romanized Popular Alphabet) or 'orthography: 1961' "
                                      "(the Vietnamese-based script of 1961)"), WARNING))
    elif orthography not in spec.HMONG_ORTHOGRAPHIES:
        problems.append(doc.problem(("translation", "orthography"), _("expected RPA or 1961 for Hmong, found '{found}'").format(found=orthography),
                                    _("write RPA (Romanized Popular Alphabet) or 1961 (the Vietnamese-based script of 1961)")))


def _check_review_date(doc: Document, today: datetime.date, problems: list[Problem]) -> None:
    """A review dated in the future is a typo (2062 for 2026): it would print a review that has not happened."""
    record = doc.data.get("translation")
    reviewed_on = record.get("reviewed_on") if isinstance(record, dict) else None
    if isinstance(reviewed_on, datetime.date) and reviewed_on > today:
        problems.append(doc.problem(("translation", "reviewed_on"),
                                    _("the review is dated {date}, a day still to come").format(date=reviewed_on.isoformat()),
                                    _("write the day the native speaker checked the text")))


def _check_ids(doc: Document, key: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, item in mapping_items(doc.data, key):
        if not isinstance(item.get("id"), str):
            continue
        if item["id"] in seen:
            problems.append(doc.problem((key, index, "id"), _("the id '{id}' is used twice in {key}").format(id=item["id"], key=key),
                                        _("give each one its own id")))
        seen.add(item["id"])


MISSING_IN_SOURCE = {"sections": N_("there is no section '{id}' in {file}"), "stories": N_("there is no story '{id}' in {file}")}


def _check_translation(doc: Document, source_doc: Document, problems: list[Problem]) -> None:
    for key in ("sections", "stories"):
        _check_ids(doc, key, problems)
        source_ids = [item["id"] for _index, item in mapping_items(source_doc.data, key)]
        for index, item in mapping_items(doc.data, key):
            if isinstance(item.get("id"), str) and item["id"] not in source_ids:
                problems.append(doc.problem((key, index, "id"), _(MISSING_IN_SOURCE[key]).format(id=item["id"], file=source_doc.path.name),
                                            kinds.did_you_mean(item["id"], source_ids) or _("ids in the source: {ids}").format(ids=", ".join(source_ids))))
            if "consent" in item:
                problems.append(doc.problem((key, index, "consent"), _("consent is recorded in the source file only"),
                                            _("remove consent: from the translation"), WARNING))
    if "translation" not in doc.data:
        problems.append(doc.problem((), _("the translation does not say whether a native speaker checked it; it is shown as a draft"),
                                    _("add 'translation:' with 'status: draft' or 'status: reviewed'"), WARNING))


def _text(doc: Document, language: str, status: str) -> TextFile:
    data = doc.data
    info = data.get("translation") or {}
    return TextFile(
        language=language,
        file=doc.path,
        values=_top_texts(data),
        sections=tuple(Section(s["id"], s.get("heading"), s.get("body"), tuple(s.get("audiences") or ())) for s in data.get("sections") or []),
        stories=tuple(_story(s) for s in data.get("stories") or []),
        status=status if status in ("source", "draft", "reviewed") else "draft",
        reviewed_by=info.get("reviewed_by"),
        orthography=info.get("orthography"),
        reviewed_on=info.get("reviewed_on"),
        dialect=info.get("dialect"),
    )


def _top_texts(data: dict) -> dict[str, str | tuple[str, ...]]:
    """The top-level texts of a valid `<lang>.yml` (spec.TEXT_FIELDS), lists as tuples."""
    found: dict[str, str | tuple[str, ...]] = {}
    for field in spec.TEXT_FIELDS:
        if field.group is None and data.get(field.name) is not None:
            found[field.name] = tuple(data[field.name]) if field.is_list else data[field.name]
    return found


def _story(data: dict) -> Story:
    consent = data.get("consent")
    record = None
    if isinstance(consent, dict):
        record = Consent("guardian" if consent["given_by"] == "guardian" else "person", consent["date"],
                         tuple(consent["scope"]), consent.get("expires"), consent.get("under_18", False))
    return Story(data["id"], data.get("text"), consent is True or record is not None, data.get("kind"), record)
