"""`loa check`, `loa build` and `loa leaflets`: check the content, then publish the site or the leaflets."""

from __future__ import annotations

import argparse
import sys

from .. import generate
from ..checks import print_gates, with_positions
from ..checks.urls import RECORD_FILE, record_urls
from ..content.files import CACHE_DIR
from ..content.model import Content, Place
from ..content.problems import ERROR, WARNING, Problem
from ..content.site import SiteConfig
from ..translation.strings import StringTables
from ..messages import _, ngettext
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, check_output, report, site_config


def run_check(args: argparse.Namespace) -> int:
    config = site_config(args)
    result = generate.check(config)
    report(result.problems)
    if not result.ok or (args.strict and result.problems):
        return EXIT_PROBLEMS
    from ..outputs.leaflets.sections import format_sections, leaflet_sections

    content = result.valid()
    table, problems = leaflet_sections(config, content, result.strings)
    report(problems)  # a section chosen for a leaflet that does not fit it, in any language
    if problems:
        return EXIT_PROBLEMS
    campaigns = len(content.campaigns)
    print(ngettext("ok: {n} campaign in {count} languages ({tags})", "ok: {n} campaigns in {count} languages ({tags})",
                   campaigns).format(n=campaigns, count=len(config.tags), tags=", ".join(config.tags)))
    lines = format_sections(table, config.default_language)
    if lines:
        print(_("leaflet sections ({language}; the QR code leads to the full text):").format(
            language=config.default_language) + "\n" + "\n".join(lines))
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from ..glue.mkdocs_build import SiteBuildError, build_site
    from ..outputs.offsite import offsite_resources
    from ..outputs.publish import BuildLocked, build_lock, staged_output

    config = site_config(args)
    site_dir = args.site_dir or config.root / "site"
    check_output(site_dir, config, "--site-dir")
    result = generate.check(config)
    # Warnings are reported once, by the build itself; errors stop us here.
    report([p for p in result.problems if p.severity == ERROR or args.strict])
    if not result.ok or (args.strict and result.problems):
        print("loa: " + _("nothing was built; the previous site is unchanged"), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        with build_lock(config.root / CACHE_DIR / "build.lock"), staged_output(site_dir) as staging:
            build_site(args.config, staging, args.campaigns, strict=args.strict)
            offsite = offsite_resources(staging)
            if offsite:
                raise SiteBuildError(_("these resources would be fetched from another host, which readers must never "
                                       "contact:") + "\n  " + "\n  ".join(offsite))
    except BuildLocked as error:
        print("loa: " + _("{error}; wait for it to finish and try again").format(error=error), file=sys.stderr)
        return EXIT_PROBLEMS
    except SiteBuildError as error:
        print("loa: " + _("the site could not be built: {error}").format(error=error)
              + "\nloa: " + _("the previous site is unchanged"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(_("built {folder}").format(folder=site_dir))
    if record_urls(config, result.valid()):
        print(_("recorded the published pages in {file}: commit it with the campaigns").format(
            file=config.campaigns_dir / RECORD_FILE))
    return EXIT_OK


def run_leaflets(args: argparse.Namespace) -> int:
    config = site_config(args)
    out = args.out or config.root / "site"
    check_output(out, config, "--out")
    result = generate.check(config)
    if not result.ok:
        report(result.problems)
        return EXIT_PROBLEMS
    content = result.valid()
    place = None
    if args.place:
        from ..content.places import find_place

        place, hint = find_place(content.places, args.place)
        if place is None:
            report(result.problems)
            print("loa: " + _("there is no place '{place}' in campaigns/places.yml").format(place=args.place)
                  + "\n  " + _("hint: {hint}").format(hint=hint), file=sys.stderr)
            return EXIT_USAGE
    gates = with_positions(print_gates.print_shop_problems(config, content, result.strings, args.allow_draft),
                           content.documents) if args.print_shop else []
    if args.print_shop and place is not None:
        from ..checks.place_contacts import place_print_problems

        gates += place_print_problems(content, place)
    report(_restated(result.problems, gates) + gates)
    if gates:
        print("loa: " + ngettext("the print-shop edition was refused: {n} problem above blocks it; nothing was rendered",
                                 "the print-shop edition was refused: {n} problems above block it; nothing was rendered",
                                 len(gates)).format(n=len(gates)), file=sys.stderr)
        return EXIT_PROBLEMS
    from ..outputs.leaflets import render_leaflets

    from ..outputs.publish import mark_output

    out.mkdir(parents=True, exist_ok=True)
    mark_output(out)
    links = render_leaflets(config, content, result.strings, out, config.root / CACHE_DIR / "leaflets",
                            audience=args.audience, print_shop=args.print_shop, jobs=args.jobs,
                            progress=True, place=place)
    print(ngettext("{n} leaflet in {folder}", "{n} leaflets in {folder}", len(links)).format(
        n=len(links), folder=out / "leaflets"))
    if place is not None:
        _say_contacts_left_out(config, content, result.strings, place, args.print_shop)
    return EXIT_OK


def _say_contacts_left_out(config: SiteConfig, content: Content, strings: StringTables, place: Place,
                           print_shop: bool) -> None:
    """A place edition with no room for every contact prints those that fit: never without saying so."""
    from ..outputs.leaflets.render import contacts_left_out

    for path, printed, total in contacts_left_out(config, content, strings, place, print_shop):
        message = _("prints {printed} of the {total} contacts of {place}; the others are on the place's page, "
                    "behind its QR code").format(printed=printed, total=total, place=place.key)
        hint = _("use the a4-trifold for this place, or list the most important contacts first in campaigns/places.yml")
        print(Problem(path, None, None, "", message, hint, WARNING).format(), file=sys.stderr)


def _restated(problems: list[Problem], gates: list[Problem]) -> list[Problem]:
    """The check's problems without the warnings a print gate restates as errors (said once, as errors)."""
    def restated(p: Problem) -> bool:
        return p.severity == WARNING and any(g.file == p.file and g.line == p.line and g.field == p.field
                                             and g.message.startswith(p.message) for g in gates)
    return [p for p in problems if not restated(p)]

