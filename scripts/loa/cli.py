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
from .config import SiteConfig, load_config
from .problems import ERROR, WARNING, ContentError, Problem
from .spec import AUDIENCES
from .urls import RECORD_FILE, record_urls

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except ContentError as error:
        report(error.problems)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("loa: interrupted; the previous site is unchanged", file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: never a bare traceback for users
        if args.verbose:
            traceback.print_exc()
        print(f"loa: unexpected error: {error.__class__.__name__}: {error}\n"
              "  (run again with --verbose for details, and report it to the developers)", file=sys.stderr)
        return EXIT_PROBLEMS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loa", description="Awareness campaigns from YAML to a website and leaflets.")
    parser.add_argument("--verbose", action="store_true", help="show details (tracebacks) of unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    leaflets.add_argument("--jobs", type=int, default=None, help="processes to use (default: all cores)")
    leaflets.set_defaults(run=run_leaflets)

    schema = commands.add_parser("schema", help="write the JSON Schemas used by editors")
    schema.add_argument("--out", type=Path, default=None, help="folder (default: the package's schema/)")
    schema.set_defaults(run=run_schema)
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--campaigns", type=Path, default=None, metavar="DIR",
                         help="folder with hotlines.yml and the campaign folders (default: campaigns/)")
    command.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                         help="the site configuration (default: mkdocs.yml)")


def site_config(args: argparse.Namespace) -> SiteConfig:
    if not args.config.is_file():
        raise ContentError([Problem(str(args.config), None, None, "", "the site configuration file does not exist",
                                    "run loa from the project folder, or pass --config path/to/mkdocs.yml")])
    return load_config(args.config, args.campaigns)


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
    campaigns = len(result.content.campaigns)
    print(f"ok: {campaigns} campaign{'s' if campaigns != 1 else ''} in {len(config.tags)} languages ({', '.join(config.tags)})")
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from .glue.build import SiteBuildError, build_site
    from .offsite import offsite_resources
    from .publish import BuildLocked, build_lock, source_date_epoch, staged_output

    config = site_config(args)
    result = generate.check(config)
    # Warnings are reported once, by the build itself; errors stop us here.
    report([p for p in result.problems if p.severity == ERROR or args.strict])
    if not result.ok or (args.strict and result.problems):
        print("loa: nothing was built; the previous site is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    site_dir = args.site_dir or config.root / "site"
    epoch = source_date_epoch(config.root)
    if epoch:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        with build_lock(config.root / ".loa-cache" / "build.lock"), staged_output(site_dir) as staging:
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
    result = generate.check(config)
    report(result.problems)
    if not result.ok:
        return EXIT_PROBLEMS
    from .leaflets import render_leaflets  # WeasyPrint is slow to import: only here

    out = args.out or config.root / "site"
    links = render_leaflets(config, result.content, result.strings, out, config.root / ".loa-cache" / "leaflets",
                            audience=args.audience, print_shop=args.print_shop, jobs=args.jobs,
                            progress=sys.stderr.isatty())
    print(f"{len(links)} leaflet{'s' if len(links) != 1 else ''} in {out / 'leaflets'}")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    from .schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(args.out or SCHEMA_DIR):
        print(f"wrote {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
