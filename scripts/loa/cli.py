"""CLI: the `loa` command. Parses arguments and hands them to a command in `commands/`; turns failures into exit codes.

Exit codes: 0 fine, 1 content problems (or a failed build), 2 usage. A
traceback is shown only with --verbose; anything unexpected is reported in
one plain sentence.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .commands.build import run_build, run_check, run_leaflets
from .commands.common import EXIT_PROBLEMS, EXIT_USAGE, find_config, report, source_date_epoch_problem
from .commands.editing import (run_export, run_import, run_mark_current, run_mark_recorded, run_new, run_record,
                               run_schema, run_status)
from .content.problems import ContentError, os_error_message
from .content.spec import AUDIENCES
from . import messages
from .messages import LANGUAGES, N_, _, ngettext, use_language
from .outputs.publish import UnsafeOutput


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    use_language(_language_asked(argv))  # before the parser: its help and its errors are messages too
    # argparse's own words (usage, errors, help): it looks up these module globals each time it speaks
    argparse._, argparse.ngettext = messages._, messages.ngettext  # type: ignore[attr-defined]
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loa", description=_("Awareness campaigns from YAML to a website and leaflets."))
    parser.add_argument("--version", action="version", version=f"loa {_version()}",
                        help=_("show the version of loa and exit"))
    parser.add_argument("--verbose", action="store_true", help=_("show details (tracebacks) of unexpected errors"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("the language of Loa's messages: vi (the default) or en"))
    # --verbose also after the command (loa check --verbose): SUPPRESS keeps the value given before it
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    verbose.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_with_parents(verbose))

    check = commands.add_parser("check", help=_("check every campaign file and report all problems"))
    _common(check)
    check.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help=_("check, then build the site (and leaflets) into site/"))
    _common(build)
    build.add_argument("--site-dir", type=Path, default=None, help=_("output folder (default: site/ beside mkdocs.yml)"))
    build.add_argument("--strict", action="store_true", help=_("fail on warnings too"))
    build.set_defaults(run=run_build)

    leaflets = commands.add_parser("leaflets", help=_("render the PDF leaflets (loa build does it too)"))
    _common(leaflets)
    leaflets.add_argument("--out", type=Path, default=None, metavar="DIR",
                          help=_("output folder (default: site/, leaflets go to its leaflets/ folder)"))
    leaflets.add_argument("--audience", choices=AUDIENCES, default=None,
                          help=_("an edition with only the sections for this audience"))
    leaflets.add_argument("--print-shop", action="store_true", help=_("3 mm bleed and crop marks, for professional printing"))
    leaflets.add_argument("--allow-draft", action="store_true",
                          help=_("with --print-shop: print draft translations too (each page carries a draft mark)"))
    leaflets.add_argument("--jobs", type=int, default=None, help=_("processes to use (default: all cores)"))
    leaflets.add_argument("--place", default=None, metavar="PLACE",
                          help=_("a place edition: that place's contacts after the national hotlines and a QR code to "
                                 "its help page (a province, lao-cai, or a commune, lao-cai/y-ty; campaigns/places.yml)"))
    leaflets.set_defaults(run=run_leaflets)

    status = commands.add_parser("status", help=_("per campaign and language: translated, missing and stale items"))
    _common(status)
    status.add_argument("--json", action="store_true", help=_("print rows as JSON"))
    status.add_argument("--places", action="store_true",
                        help=_("per place instead: the languages of its name, its contacts' confirmation"))
    status.add_argument("--fail-under", type=float, default=None, metavar="PERCENT",
                        help=_("exit 1 when a translation is less than PERCENT done (for CI)"))
    status.set_defaults(run=run_status)

    mark = commands.add_parser("mark-current", help=_("record that a translation matches its source as it is now"))
    _common(mark)
    mark.add_argument("slug")
    mark.add_argument("language")
    mark.add_argument("--reviewed-by", default=None, metavar="NAME", help=_("who checked it"))
    mark.set_defaults(run=run_mark_current)

    marked = commands.add_parser("mark-recorded", help=_("record that recordings read their texts as they are now"))
    _common(marked)
    marked.add_argument("slug")
    marked.add_argument("language")
    marked.add_argument("items", nargs="*", metavar="ITEM", help=_("script, title, summary, key-1..., section ids (default: all found)"))
    marked.set_defaults(run=run_mark_recorded)

    record = commands.add_parser("record", help=_("record each item of a campaign from the microphone, in a local page"))
    _common(record)
    record.add_argument("slug")
    record.add_argument("language")
    record.add_argument("--port", type=int, default=0, help=_("port on 127.0.0.1 (default: any free one)"))
    record.add_argument("--no-browser", action="store_true", help=_("print the address instead of opening a browser"))
    record.set_defaults(run=run_record)

    new = commands.add_parser("new", help=_("start a campaign: campaign.yml and vi.yml with guidance"))
    _common(new)
    new.add_argument("slug")
    new.set_defaults(run=run_new)

    export = commands.add_parser("export", help=_("a spreadsheet or PO file for translators"))
    _common(export)
    export.add_argument("slug")
    export.add_argument("language")
    export.add_argument("--format", choices=("xlsx", "po"), default="xlsx")
    export.add_argument("--out", type=Path, default=Path("."), help=_("file or folder (default: this folder)"))
    export.set_defaults(run=run_export)

    imported = commands.add_parser("import", help=_("write a translator's spreadsheet or PO file back into <lang>.yml"))
    _common(imported)
    imported.add_argument("file", type=Path)
    imported.set_defaults(run=run_import)

    schema = commands.add_parser("schema", help=_("write the JSON Schemas used by editors"))
    schema.add_argument("--out", type=Path, default=None, help=_("folder (default: the package's schema/)"))
    schema.set_defaults(run=run_schema)
    return parser


# argparse looks up its module's `_` and `ngettext` each time it speaks (main() points them at loa.messages):
# its words, marked here for the catalog. Their %-fields stay as they are in the Vietnamese.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"), N_("one of the arguments %s is required"),
    N_("unexpected option string: %s"), N_("can't open '%(filename)s': %(error)s"),
)


def _argparse_plurals(n: int) -> tuple[str, ...]:
    """Never called: marks argparse's plural words for the catalog."""
    return (ngettext("expected %s argument", "expected %s arguments", n),)


def _language_asked(argv: list[str]) -> str | None:
    """The language of `--lang xx` or `--lang=xx` anywhere on the line, if it is one Loa speaks."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            return value
    return None


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--campaigns", type=Path, default=None, metavar="DIR",
                         help=_("folder with hotlines.yml and the campaign folders (default: campaigns/)"))
    command.add_argument("--config", type=Path, default=None, metavar="FILE",
                         help=_("the site configuration (default: mkdocs.yml here or in a folder above)"))


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


if __name__ == "__main__":
    sys.exit(main())
