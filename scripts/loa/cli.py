"""CLI: the `loa` command. Parses arguments, calls the pipeline, prints problems.

Exit codes: 0 fine, 1 content problems (or a failed build), 2 usage. A
traceback is shown only with --verbose; anything unexpected is reported in
one plain sentence.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import generate
from .checks import print_gates, with_positions
from .content.files import CACHE_DIR
from .content.site import SiteConfig
from .glue.config import bundled_config, load_config
from .messages import LANGUAGES, _, use_language
from .content.problems import ERROR, WARNING, ContentError, Problem, display_path, os_error_message
from .outputs.publish import UnsafeOutput, check_output_folder
from .content.spec import AUDIENCES
from .checks.urls import RECORD_FILE, record_urls

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_CONFIG = Path("mkdocs.yml")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    use_language(_language_asked(argv))  # before the parser: its help and its errors are messages too
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    epoch = source_date_epoch_problem() if args.command in ("build", "leaflets") else None
    if epoch:
        report([epoch])
        return EXIT_USAGE
    try:
        if hasattr(args, "config"):
            args.config = find_config(args.config)
        return args.run(args)
    except UnsafeOutput as error:
        report(error.problems)
        return EXIT_USAGE
    except ContentError as error:
        report(error.problems)
        return EXIT_PROBLEMS
    except OSError as error:  # the disk or the folders, not the content: full, read-only, removed meanwhile
        if args.verbose:
            traceback.print_exc()
        message, hint = os_error_message(error)
        print(f"loa: {message}\n  " + _("hint: {hint}").format(hint=hint), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("loa: " + _("interrupted; the previous site is unchanged"), file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: never a bare traceback for users
        if args.verbose:
            traceback.print_exc()
        print("loa: " + _("unexpected error: {kind}: {error}\n"
                          "  (run again with --verbose for details, and report it to the developers)")
              .format(kind=error.__class__.__name__, error=error), file=sys.stderr)
        return EXIT_PROBLEMS


MAX_EPOCH = 4354819199  # 2107-12-31 23:59:59, the last second a zip file (offline.zip) can date


def source_date_epoch_problem() -> Problem | None:
    """SOURCE_DATE_EPOCH dates the PDFs and offline.zip: a value that is not a usable time is a usage mistake."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value or (value.isdigit() and int(value) <= MAX_EPOCH):
        return None
    shown = value if len(value) <= 30 else value[:30] + "…"
    return Problem("SOURCE_DATE_EPOCH", None, None, "", f"the environment variable is '{shown}', not a number of seconds "
                   f"since 1970-01-01 between 0 and {MAX_EPOCH} (the year 2107, the last a zip file can date)",
                   "unset it, or set it from the last commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loa", description="Awareness campaigns from YAML to a website and leaflets.")
    parser.add_argument("--version", action="version", version=f"loa {_version()}")
    parser.add_argument("--verbose", action="store_true", help="show details (tracebacks) of unexpected errors")
    parser.add_argument("--lang", choices=LANGUAGES, help="the language of Loa's messages: vi (the default) or en")
    # --verbose also after the command (loa check --verbose): SUPPRESS keeps the value given before it
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    verbose.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_with_parents(verbose))

    check = commands.add_parser("check", help="check every campaign file and report all problems")
    _common(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="check, then build the site (and leaflets) into site/")
    _common(build)
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/ beside mkdocs.yml)")
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.set_defaults(run=run_build)

    leaflets = commands.add_parser("leaflets", help="render the PDF leaflets (loa build does it too)")
    _common(leaflets)
    leaflets.add_argument("--out", type=Path, default=None, metavar="DIR",
                          help="output folder (default: site/, leaflets go to its leaflets/ folder)")
    leaflets.add_argument("--audience", choices=AUDIENCES, default=None,
                          help="an edition with only the sections for this audience")
    leaflets.add_argument("--print-shop", action="store_true", help="3 mm bleed and crop marks, for professional printing")
    leaflets.add_argument("--allow-draft", action="store_true",
                          help="with --print-shop: print draft translations too (each page carries a draft mark)")
    leaflets.add_argument("--jobs", type=int, default=None, help="processes to use (default: all cores)")
    leaflets.add_argument("--place", default=None, metavar="PLACE",
                          help="a place edition: that place's contacts after the national hotlines and a QR code to "
                               "its help page (a province, lao-cai, or a commune, lao-cai/y-ty; campaigns/places.yml)")
    leaflets.set_defaults(run=run_leaflets)

    status = commands.add_parser("status", help="per campaign and language: translated, missing and stale items")
    _common(status)
    status.add_argument("--json", action="store_true", help="print rows as JSON")
    status.add_argument("--fail-under", type=float, default=None, metavar="PERCENT",
                        help="exit 1 when a translation is less than PERCENT done (for CI)")
    status.set_defaults(run=run_status)

    mark = commands.add_parser("mark-current", help="record that a translation matches its source as it is now")
    _common(mark)
    mark.add_argument("slug")
    mark.add_argument("language")
    mark.add_argument("--reviewed-by", default=None, metavar="NAME", help="who checked it")
    mark.set_defaults(run=run_mark_current)

    marked = commands.add_parser("mark-recorded", help="record that recordings read their texts as they are now")
    _common(marked)
    marked.add_argument("slug")
    marked.add_argument("language")
    marked.add_argument("items", nargs="*", metavar="ITEM", help="script, title, summary, key-1..., section ids (default: all found)")
    marked.set_defaults(run=run_mark_recorded)

    record = commands.add_parser("record", help="record each item of a campaign from the microphone, in a local page")
    _common(record)
    record.add_argument("slug")
    record.add_argument("language")
    record.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    record.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")
    record.set_defaults(run=run_record)

    new = commands.add_parser("new", help="start a campaign: campaign.yml and vi.yml with guidance")
    _common(new)
    new.add_argument("slug")
    new.set_defaults(run=run_new)

    export = commands.add_parser("export", help="a spreadsheet or PO file for translators")
    _common(export)
    export.add_argument("slug")
    export.add_argument("language")
    export.add_argument("--format", choices=("xlsx", "po"), default="xlsx")
    export.add_argument("--out", type=Path, default=Path("."), help="file or folder (default: this folder)")
    export.set_defaults(run=run_export)

    imported = commands.add_parser("import", help="write a translator's spreadsheet or PO file back into <lang>.yml")
    _common(imported)
    imported.add_argument("file", type=Path)
    imported.set_defaults(run=run_import)

    schema = commands.add_parser("schema", help="write the JSON Schemas used by editors")
    schema.add_argument("--out", type=Path, default=None, help="folder (default: the package's schema/)")
    schema.set_defaults(run=run_schema)
    return parser


def _language_asked(argv: list[str]) -> str | None:
    """The language of `--lang xx` or `--lang=xx` anywhere on the line, if it is one Loa speaks."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            return value
    return None


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--campaigns", type=Path, default=None, metavar="DIR",
                         help="folder with hotlines.yml and the campaign folders (default: campaigns/)")
    command.add_argument("--config", type=Path, default=None, metavar="FILE",
                         help="the site configuration (default: mkdocs.yml here or in a folder above)")


def _with_parents(*parents: argparse.ArgumentParser) -> type[argparse.ArgumentParser]:
    """A parser class whose every sub-command also takes the options of `parents`."""
    class SubcommandParser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs):
            kwargs["parents"] = [*kwargs.get("parents", []), *parents]
            super().__init__(*args, **kwargs)
    return SubcommandParser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("loa")
    except PackageNotFoundError:
        return "(not installed)"


def find_config(given: Path | None, start: Path | None = None) -> Path:
    """--config as given, else mkdocs.yml in this folder or the nearest folder above (as git finds .git)."""
    if given is not None:
        return given
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml" if folder != here else Path("mkdocs.yml")
    return Path("mkdocs.yml")  # reported by site_config: "does not exist", with the hint


# Commands that only read campaigns: given a campaigns folder but no mkdocs.yml, they use the settings Loa ships with.
READING_COMMANDS = ("check", "status", "export", "import", "mark-current")


def site_config(args: argparse.Namespace) -> SiteConfig:
    campaigns = args.campaigns or Path("campaigns")
    if not args.config.is_file() and args.config == DEFAULT_CONFIG and args.command in READING_COMMANDS \
            and campaigns.is_dir():
        return bundled_config(campaigns)
    if not args.config.is_file():
        raise ContentError([Problem(str(args.config), None, None, "", "the site configuration file does not exist",
                                    "run loa in the project folder (or a folder inside it), or pass --config path/to/mkdocs.yml")])
    return load_config(args.config, args.campaigns)


def check_output(folder: Path, config: SiteConfig, option: str) -> None:
    """Refuse an output folder whose replacement could delete the project or anything not Loa's."""
    check_output_folder(folder, config.root, [config.campaigns_dir, config.root / "docs", config.overrides_dir], option)


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    n_errors = sum(p.severity == ERROR for p in problems)
    n_warnings = sum(p.severity == WARNING for p in problems)
    if problems:
        print(f"{_plural(n_errors, 'error')}, {_plural(n_warnings, 'warning')}", file=sys.stderr)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def run_check(args: argparse.Namespace) -> int:
    config = site_config(args)
    result = generate.check(config)
    report(result.problems)
    if not result.ok or (args.strict and result.problems):
        return EXIT_PROBLEMS
    from .outputs.leaflets.sections import format_sections, leaflet_sections

    table, problems = leaflet_sections(config, result.content, result.strings)
    report(problems)  # a section chosen for a leaflet that does not fit it, in any language
    if problems:
        return EXIT_PROBLEMS
    campaigns = len(result.content.campaigns)
    print(f"ok: {campaigns} campaign{'s' if campaigns != 1 else ''} in {len(config.tags)} languages ({', '.join(config.tags)})")
    lines = format_sections(table, config.default_language)
    if lines:
        print(f"leaflet sections ({config.default_language}; the QR code leads to the full text):\n" + "\n".join(lines))
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from .glue.build import SiteBuildError, build_site
    from .outputs.offsite import offsite_resources
    from .outputs.publish import BuildLocked, build_lock, staged_output

    config = site_config(args)
    site_dir = args.site_dir or config.root / "site"
    check_output(site_dir, config, "--site-dir")
    result = generate.check(config)
    # Warnings are reported once, by the build itself; errors stop us here.
    report([p for p in result.problems if p.severity == ERROR or args.strict])
    if not result.ok or (args.strict and result.problems):
        print("loa: nothing was built; the previous site is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        with build_lock(config.root / CACHE_DIR / "build.lock"), staged_output(site_dir) as staging:
            build_site(args.config, staging, args.campaigns, strict=args.strict)
            offsite = offsite_resources(staging)
            if offsite:
                raise SiteBuildError("these resources would be fetched from another host, which readers must never "
                                     "contact:\n  " + "\n  ".join(offsite))
    except BuildLocked as error:
        print(f"loa: {error}; wait for it to finish and try again", file=sys.stderr)
        return EXIT_PROBLEMS
    except SiteBuildError as error:
        print(f"loa: the site could not be built: {error}\nloa: the previous site is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"built {site_dir}")
    if record_urls(config, result.content):
        print(f"recorded the published pages in {config.campaigns_dir / RECORD_FILE}: commit it with the campaigns")
    return EXIT_OK


def run_leaflets(args: argparse.Namespace) -> int:
    config = site_config(args)
    out = args.out or config.root / "site"
    check_output(out, config, "--out")
    result = generate.check(config)
    if not result.ok:
        report(result.problems)
        return EXIT_PROBLEMS
    place = None
    if args.place:
        from .content.places import find_place

        place, hint = find_place(result.content.places, args.place)
        if place is None:
            report(result.problems)
            print(f"loa: there is no place '{args.place}' in campaigns/places.yml\n  hint: {hint}", file=sys.stderr)
            return EXIT_USAGE
    gates = with_positions(print_gates.print_shop_problems(config, result.content, result.strings, args.allow_draft),
                           result.content.documents) if args.print_shop else []
    if args.print_shop and place is not None:
        from .checks.place_contacts import place_print_problems

        gates += place_print_problems(result.content, place)
    report(_restated(result.problems, gates) + gates)
    if gates:
        print(f"loa: the print-shop edition was refused: {_plural(len(gates), 'problem')} above block it; "
              "nothing was rendered", file=sys.stderr)
        return EXIT_PROBLEMS
    from .outputs.leaflets import render_leaflets

    from .outputs.publish import mark_output

    out.mkdir(parents=True, exist_ok=True)
    mark_output(out)
    links = render_leaflets(config, result.content, result.strings, out, config.root / CACHE_DIR / "leaflets",
                            audience=args.audience, print_shop=args.print_shop, jobs=args.jobs,
                            progress=True, place=place)
    print(f"{len(links)} leaflet{'s' if len(links) != 1 else ''} in {out / 'leaflets'}")
    if place is not None:
        _say_contacts_left_out(config, result, place, args.print_shop)
    return EXIT_OK


def _say_contacts_left_out(config, result, place, print_shop: bool) -> None:
    """A place edition with no room for every contact prints those that fit: never without saying so."""
    from .outputs.leaflets.render import contacts_left_out

    for path, printed, total in contacts_left_out(config, result.content, result.strings, place, print_shop):
        print(f"{path}: warning: prints {printed} of the {total} contacts of {place.key}; "
              f"the others are on the place's page, behind its QR code\n"
              f"  hint: use the a4-trifold for this place, or list the most important contacts first "
              f"in campaigns/places.yml", file=sys.stderr)


def checked_content(args: argparse.Namespace):
    """The validated content, or ContentError with every problem."""
    config = site_config(args)
    result = generate.check(config)
    if not result.ok:
        raise ContentError(result.problems)
    return config, result


def find_campaign(content, slug: str):
    campaign = next((c for c in content.campaigns if c.slug == slug), None)
    if campaign is None:
        from .content.kinds import did_you_mean

        raise ContentError([Problem("campaigns", None, None, "", f"there is no campaign '{slug}'",
                                    did_you_mean(slug, [c.slug for c in content.campaigns]) or "run: loa status")])
    return campaign


def run_status(args: argparse.Namespace) -> int:
    import json

    from .translation.status import format_table, rows_as_json, status_rows

    from .outputs.recordings import audio_status, format_audio_table

    config, result = checked_content(args)
    rows = status_rows(result.content, config.tags)
    campaigns = {c.slug: c for c in result.content.campaigns}
    audio = {(r.campaign, r.language): audio_status(campaigns[r.campaign], result.content, result.strings.loa, r.language)
             for r in rows}
    if args.json:
        from .outputs.leaflets.sections import leaflet_sections

        table, problems = leaflet_sections(config, result.content, result.strings)
        report(problems)
        print(json.dumps([{**row, "audio_recorded": list(audio[(row["campaign"], row["language"])].recorded),
                           "audio_missing": list(audio[(row["campaign"], row["language"])].missing),
                           "audio_stale": list(audio[(row["campaign"], row["language"])].stale),
                           # per format: the sections printed and those only on the campaign page
                           "leaflet_sections": table.get(row["campaign"], {}).get(row["language"], {})}
                          for row in rows_as_json(rows)], ensure_ascii=False, indent=2))
    else:
        print(format_table(rows) + "\n\nRecordings (loa record SLUG LANG; loa mark-recorded SLUG LANG)\n" + format_audio_table(audio))
    waiting = [f"{r.campaign} {r.language}" for r in rows if not r.leaflet]
    if waiting and not args.json:
        print(f"\nNo leaflet yet, waiting for translators (title and key messages not translated): {', '.join(waiting)}")
    if not args.json:
        _print_places(result.content)
    if args.fail_under is not None:
        low = [r for r in rows if r.status != "source" and r.percent < args.fail_under]
        for row in low:
            print(f"loa: {row.campaign} {row.language} is {row.percent:.0f}% done, under {args.fail_under:g}%", file=sys.stderr)
        return EXIT_PROBLEMS if low else EXIT_OK
    return EXIT_OK


def _print_places(content) -> None:
    """Places without contacts or with numbers not confirmed within a year (campaigns/places.yml)."""
    import datetime

    from .checks.place_contacts import format_places, place_rows

    listed = format_places(place_rows(content, datetime.date.today()))
    if listed:
        print(f"\nPlaces that need contacts or a call to confirm them (campaigns/places.yml):\n{listed}")


def run_mark_current(args: argparse.Namespace) -> int:
    from .translation.status import mark_current

    _, result = checked_content(args)
    path = mark_current(find_campaign(result.content, args.slug), args.language, args.reviewed_by)
    print(f"{args.slug} {args.language}: every translated item now matches the source ({path})")
    return EXIT_OK


def run_mark_recorded(args: argparse.Namespace) -> int:
    from .outputs.recordings import mark_recorded

    config, result = checked_content(args)
    items = mark_recorded(find_campaign(result.content, args.slug), result.content, result.strings.loa, args.language,
                          args.items or None)
    print(f"{args.slug} {args.language}: {', '.join(items) or 'no recording'} now read their texts as they are")
    return EXIT_OK


def run_record(args: argparse.Namespace) -> int:
    from . import record

    config, result = checked_content(args)
    if args.language not in config.tags:
        raise ContentError([Problem("mkdocs.yml", None, None, "", f"'{args.language}' is not one of the site's languages",
                                    "choose one of " + ", ".join(config.tags))])
    recorder = record.Recorder(config, result.content, result.strings.loa, find_campaign(result.content, args.slug),
                               args.language)
    count = record.run(recorder, args.port, not args.no_browser)
    print(f"{args.slug} {args.language}: {count} recording(s) in {recorder.folder}; loa build publishes them")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from .translation.scaffold import new_campaign

    config = site_config(args)
    for path in new_campaign(config.campaigns_dir, args.slug, config.default_language):
        print(f"wrote {path}")
    print("then: loa check")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from .translation.exchange import export
    from .translation.status import load_store

    config, result = checked_content(args)
    if args.language not in config.tags:
        raise ContentError([Problem("", None, None, "", f"'{args.language}' is not one of the site's languages ({', '.join(config.tags)})")])
    campaign = find_campaign(result.content, args.slug)
    name = next((lang.name for lang in config.languages if lang.tag == args.language), "")
    path = export(campaign, args.language, args.format, args.out, load_store(campaign.folder), name)
    print(f"wrote {path}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from .translation.exchange import import_file, read_exchange

    config = site_config(args)
    language = read_exchange(args.file).language
    if language not in config.tags:
        raise ContentError([Problem(str(args.file), None, None, "", f"'{language}' is not one of the site's languages ({', '.join(config.tags)})")])
    imported = import_file(args.file, config.campaigns_dir)
    report(list(imported.warnings))
    said = _("wrote {path}") if imported.wrote else _("unchanged {path}")
    print(said.format(path=display_path(imported.target)))
    if imported.wrote_store:
        print(_("wrote {path}").format(path=display_path(imported.store)))
    result = generate.check(config)
    report(result.problems)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _restated(problems: list[Problem], gates: list[Problem]) -> list[Problem]:
    """The check's problems without the warnings a print gate restates as errors (said once, as errors)."""
    def restated(p: Problem) -> bool:
        return p.severity == WARNING and any(g.file == p.file and g.line == p.line and g.field == p.field
                                             and g.message.startswith(p.message) for g in gates)
    return [p for p in problems if not restated(p)]


def run_schema(args: argparse.Namespace) -> int:
    from .content.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(args.out or SCHEMA_DIR):
        print(f"wrote {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
