"""Validate a campaign's text files, <slug>/<lang>.yml: the source text and each translation.

`check_texts` reads them for `validate` and builds one `TextFile` per language that is good: ids
unique, stories with consent that covers them, translations that match their source's ids and say
who translated them and when. What one field alone can tell is `spec`'s.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from . import kinds, spec
from .site import SiteConfig
from .load import Document
from .model import Consent, Section, Story, TextFile
from .problems import WARNING, Problem, display_path
from .shared_files import mapping_items, not_a_site_language, read_checked
from ..checks.safety import personal_data_warnings
from ..messages import N_, _

# The files of a campaign folder that are not a language's text
CAMPAIGN_FILE_NAME = "campaign.yml"
STATUS_FILE = "translation-status.yml"  # written by `loa mark-current`


def check_texts(folder: Path, source_language: str, campaign_doc: Document | None, config: SiteConfig,
                hotline_numbers: list[str], today: datetime.date, problems: list[Problem]) -> dict[str, TextFile] | None:
    """Every text file of the campaign in `folder`, checked; the good ones by language (None without a good source)."""
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
