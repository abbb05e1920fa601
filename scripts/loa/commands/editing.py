"""The commands editors and translators run between builds: status, mark-current, mark-recorded, record,
new, export, import and schema."""

from __future__ import annotations

import argparse
import sys

from .. import generate
from ..content.problems import ContentError, Problem, display_path
from ..messages import _, ngettext
from .common import EXIT_OK, EXIT_PROBLEMS, checked_content, find_campaign, report, site_config


def run_status(args: argparse.Namespace) -> int:
    import json

    from ..translation.status import format_table, rows_as_json, status_rows

    from ..outputs.recordings import audio_status, format_audio_table

    config, content, strings = checked_content(args)
    if args.places:
        return _print_place_status(content, config.tags, args.json)
    rows = status_rows(content, config.tags)
    campaigns = {c.slug: c for c in content.campaigns}
    audio = {(r.campaign, r.language): audio_status(campaigns[r.campaign], content, strings.loa, r.language)
             for r in rows}
    if args.json:
        from ..outputs.leaflets.sections import leaflet_sections

        table, problems = leaflet_sections(config, content, strings)
        report(problems)
        print(json.dumps([{**row, "audio_recorded": list(audio[(row["campaign"], row["language"])].recorded),
                           "audio_missing": list(audio[(row["campaign"], row["language"])].missing),
                           "audio_stale": list(audio[(row["campaign"], row["language"])].stale),
                           # per format: the sections printed and those only on the campaign page
                           "leaflet_sections": table.get(row["campaign"], {}).get(row["language"], {})}
                          for row in rows_as_json(rows)], ensure_ascii=False, indent=2))
    else:
        print(format_table(rows) + "\n\n" + _("Recordings ({commands})").format(
            commands="loa record SLUG LANG; loa mark-recorded SLUG LANG") + "\n" + format_audio_table(audio))
    waiting = [f"{r.campaign} {r.language}" for r in rows if not r.leaflet]
    if waiting and not args.json:
        print("\n" + _("No leaflet yet, waiting for translators (title and key messages not translated): {list}").format(
            list=", ".join(waiting)))
    if not args.json:
        _print_places(content)
    if args.fail_under is not None:
        low = [r for r in rows if r.status != "source" and r.percent < args.fail_under]
        for row in low:
            print("loa: " + _("{campaign} {language} is {percent:.0f}% done, under {minimum:g}%").format(
                campaign=row.campaign, language=row.language, percent=row.percent, minimum=args.fail_under),
                file=sys.stderr)
        return EXIT_PROBLEMS if low else EXIT_OK
    return EXIT_OK


def _print_place_status(content, tags: tuple[str, ...], as_json: bool) -> int:
    """`loa status --places`: every place, the languages of its name, its contacts' confirmation."""
    import datetime
    import json

    from ..checks.place_contacts import format_place_status, place_status

    rows = place_status(content, tags, datetime.date.today())
    print(json.dumps(rows, ensure_ascii=False, indent=2) if as_json else format_place_status(rows))
    return EXIT_OK


def _print_places(content) -> None:
    """Places without contacts or with numbers not confirmed within a year (campaigns/places.yml)."""
    import datetime

    from ..checks.place_contacts import format_places, place_rows

    listed = format_places(place_rows(content, datetime.date.today()))
    if listed:
        print("\n" + _("Places that need contacts or a call to confirm them ({file}):").format(
            file="campaigns/places.yml") + "\n" + listed)


def run_mark_current(args: argparse.Namespace) -> int:
    from ..translation.status import mark_current

    content = checked_content(args)[1]
    path = mark_current(find_campaign(content, args.slug), args.language, args.reviewed_by)
    print(_("{campaign} {language}: every translated item now matches the source ({file})").format(
        campaign=args.slug, language=args.language, file=path))
    return EXIT_OK


def run_mark_recorded(args: argparse.Namespace) -> int:
    from ..outputs.recordings import mark_recorded

    config, content, strings = checked_content(args)
    items = mark_recorded(find_campaign(content, args.slug), content, strings.loa, args.language,
                          args.items or None)
    print(_("{campaign} {language}: {items} now read their texts as they are").format(
        campaign=args.slug, language=args.language, items=", ".join(items) or _("no recording")))
    return EXIT_OK


def run_record(args: argparse.Namespace) -> int:
    from .. import record

    config, content, strings = checked_content(args)
    if args.language not in config.tags:
        raise ContentError([Problem("mkdocs.yml", None, None, "",
                                    _("'{language}' is not one of the site's languages").format(language=args.language),
                                    _("choose one of {languages}").format(languages=", ".join(config.tags)))])
    recorder = record.Recorder(config, content, strings.loa, find_campaign(content, args.slug),
                               args.language)
    count = record.run(recorder, args.port, not args.no_browser)
    print(ngettext("{campaign} {language}: {n} recording in {folder}; loa build publishes it",
                   "{campaign} {language}: {n} recordings in {folder}; loa build publishes them", count).format(
        campaign=args.slug, language=args.language, n=count, folder=recorder.folder))
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from ..translation.scaffold import new_campaign

    config = site_config(args)
    for path in new_campaign(config.campaigns_dir, args.slug, config.default_language):
        print(_("wrote {path}").format(path=path))
    print(_("then: {command}").format(command="loa check"))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from ..translation.exchange import export
    from ..translation.status import load_store

    config, content, strings = checked_content(args)
    if args.language not in config.tags:
        raise ContentError([Problem("loa export", None, None, "", _("'{language}' is not one of the site's languages ({languages})").format(
            language=args.language, languages=", ".join(config.tags)))])
    campaign = find_campaign(content, args.slug)
    name = next((lang.name for lang in config.languages if lang.tag == args.language), "")
    path = export(campaign, args.language, args.format, args.out, load_store(campaign.folder), name)
    print(_("wrote {path}").format(path=path))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from ..translation.exchange import import_file, read_exchange

    config = site_config(args)
    language = read_exchange(args.file).language
    if language not in config.tags:
        raise ContentError([Problem(str(args.file), None, None, "", _("'{language}' is not one of the site's languages ({languages})").format(
            language=language, languages=", ".join(config.tags)))])
    imported = import_file(args.file, config.campaigns_dir)
    report(list(imported.warnings))
    said = _("wrote {path}") if imported.wrote else _("unchanged {path}")
    print(said.format(path=display_path(imported.target)))
    if imported.wrote_store:
        print(_("wrote {path}").format(path=display_path(imported.store)))
    result = generate.check(config)
    report(result.problems)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def run_schema(args: argparse.Namespace) -> int:
    from ..content.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(args.out or SCHEMA_DIR):
        print(_("wrote {path}").format(path=path))
    return EXIT_OK

