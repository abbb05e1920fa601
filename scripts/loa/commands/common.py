"""What every `loa` command shares: finding and reading the site's settings, reporting problems, exit codes.

The commands themselves are in `commands/build.py` (check, build, leaflets) and
`commands/editing.py` (status, translation exchange, recordings, new, schema);
`cli.py` parses the arguments and calls them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import generate
from ..content.problems import ERROR, WARNING, ContentError, Problem
from ..content.model import Campaign, Content
from ..content.site import SiteConfig
from ..glue.config import bundled_config, load_config
from ..messages import _, ngettext
from ..outputs.publish import check_output_folder
from ..translation.strings import StringTables

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_CONFIG = Path("mkdocs.yml")

MAX_EPOCH = 4354819199  # 2107-12-31 23:59:59, the last second a zip file (offline.zip) can date


def source_date_epoch_problem() -> Problem | None:
    """SOURCE_DATE_EPOCH dates the PDFs and offline.zip: a value that is not a usable time is a usage mistake."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value or (value.isdigit() and int(value) <= MAX_EPOCH):
        return None
    shown = value if len(value) <= 30 else value[:30] + "…"
    return Problem("SOURCE_DATE_EPOCH", None, None, "",
                   _("the environment variable is '{value}', not a number of seconds since 1970-01-01 between 0 and "
                     "{maximum} (the year 2107, the last a zip file can date)").format(value=shown, maximum=MAX_EPOCH),
                   _("unset it, or set it from the last commit: {command}").format(
                       command="SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"))


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
        raise ContentError([Problem(str(args.config), None, None, "", _("the site configuration file does not exist"),
                                    _("run loa in the project folder (or a folder inside it), or pass --config "
                                      "path/to/mkdocs.yml"))])
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
        errors = ngettext("{n} error", "{n} errors", n_errors).format(n=n_errors)
        warnings = ngettext("{n} warning", "{n} warnings", n_warnings).format(n=n_warnings)
        print(f"{errors}, {warnings}", file=sys.stderr)


def checked_content(args: argparse.Namespace) -> tuple[SiteConfig, Content, StringTables]:
    """The site's settings, the validated content and the interface strings, or ContentError with every problem."""
    config = site_config(args)
    result = generate.check(config)
    if not result.ok:
        raise ContentError(result.problems)
    return config, result.valid(), result.strings


def find_campaign(content: Content, slug: str) -> Campaign:
    campaign = next((c for c in content.campaigns if c.slug == slug), None)
    if campaign is None:
        from ..content.kinds import did_you_mean

        raise ContentError([Problem("campaigns", None, None, "", _("there is no campaign '{slug}'").format(slug=slug),
                                    did_you_mean(slug, [c.slug for c in content.campaigns])
                                    or _("run: {command}").format(command="loa status"))])
    return campaign

