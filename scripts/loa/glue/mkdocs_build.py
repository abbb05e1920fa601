"""Build the site with MkDocs into a given folder (used by `loa build`)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from ..messages import N_, _

LEVELS = {"WARNING": N_("WARNING"), "ERROR": N_("ERROR")}  # MkDocs' own messages, as `mkdocs build` labels them


class SiteBuildError(Exception):
    """MkDocs refused to build; the message is MkDocs' own, meant for users."""


def build_site(config_file: Path, site_dir: Path, campaigns_dir: Path | None = None, strict: bool = False) -> None:
    # Imported here: `loa check` must not pay for importing MkDocs and Material.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2: noise for users
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_messages()
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        if campaigns_dir is not None:
            config.plugins["loa"].config.campaigns = str(campaigns_dir.resolve())
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        raise SiteBuildError(str(error)) from None


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (the CLI may run many times in one process)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


class _Labelled(logging.Formatter):
    """MkDocs' messages with their level in the user's language; Loa's own say theirs already (file: warning: ...)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name == "mkdocs.plugins.loa":
            return message
        return f"{_(LEVELS.get(record.levelname, record.levelname))}: {message}"


def _show_mkdocs_messages() -> None:
    """MkDocs' warnings on stderr, as `mkdocs build` shows them; its chatter stays quiet."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_Labelled())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
