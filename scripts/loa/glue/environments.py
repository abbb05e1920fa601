"""Environments: the theme's Jinja environments, which MkDocs makes anew for every build, made cheap to make again.

MkDocs asks the theme for a new Jinja environment for every build, and
static-i18n runs one build per language; Material's search plugin makes one
more per language to read its translations. Each new environment would list
the theme's 14,500 files (Material's `.icons`) to find the files to copy, and
compile every template it renders. Under `mkdocs serve` that was a third of
each rebuild. Here the installed theme's folders are listed once per process
(the user's `custom_dir` every time: it may change while serving), and
compiled templates are shared in the process, checked by Jinja against their
source.
"""

from __future__ import annotations

import functools
import os

import jinja2

from .theme import SHARED_BYTECODE


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's folders, with installed ones listed once per process.

    The only caller of `list_templates` is MkDocs' theme-file listing, which drops every name with a
    part starting with a dot (its patterns '.*' and '*/.*'): those folders are not walked at all.
    """

    def __init__(self, searchpath: list[str], changing: str | None):
        super().__init__(searchpath)
        self.changing = changing  # the user's custom_dir: listed on every call

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            found.update(_listing(folder) if folder == self.changing else _installed_listing(folder))
        return sorted(found)


@functools.cache
def _installed_listing(folder: str) -> frozenset[str]:
    return _listing(folder)


def _listing(folder: str) -> frozenset[str]:
    """Files under folder, as slash-separated relative names, leaving out dot files and dot folders."""
    names: set[str] = set()
    for directory, subdirs, files in os.walk(folder, followlinks=True):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        relative = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        names.update(prefix + f for f in files if not f.startswith("."))
    return frozenset(names)


def theme_environment(theme) -> jinja2.Environment:
    """MkDocs' environment for the theme (filters, translations), with the loader and cache above."""
    env = type(theme).get_env(theme)
    env.loader = ThemeLoader(list(theme.dirs), theme.custom_dir)
    env.bytecode_cache = SHARED_BYTECODE
    return env


def share_theme_environments(theme) -> None:
    """Make every environment this theme object hands out (MkDocs', static-i18n's, search's) one of ours.

    MkDocs has no event between making the environment and listing the theme's files with it, so
    the theme object's `get_env` is replaced, on this object only (a new one is made per rebuild).
    """
    theme.get_env = functools.partial(theme_environment, theme)
