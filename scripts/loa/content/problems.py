"""Problems: the one way every step reports what is wrong with the content.

Each step yields `Problem`s instead of raising, so a run reports every
mistake at once. A problem is printed like a compiler message:

    campaigns/safe-migration/hmn.yml:12:5: error: sections[1].heading: expected text, found a number (42)
      hint: put the heading in quotes
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..messages import N_, _

ERROR = "error"
WARNING = "warning"
SEVERITY_WORDS = {ERROR: N_("error"), WARNING: N_("warning")}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, with where it is and how to fix it."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f"{self.field}: " if self.field else ""
        text = f"{where}: {_(SEVERITY_WORDS[self.severity])}: {field}{self.message}"
        if self.hint:
            text += "\n  " + _("hint: {hint}").format(hint=self.hint)
        return text


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as the user would type it: relative to the working folder when possible."""
    base = (base or Path.cwd()).resolve()
    for candidate in (Path(os.path.abspath(path)), path.resolve()):  # a link is named as itself, not as its target
        try:
            return str(candidate.relative_to(base))
        except ValueError:
            continue
    return str(path)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0)


class ContentError(Exception):
    """Raised by steps that cannot go on: carries the problems found so far."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def os_error_message(error: OSError) -> tuple[str, str]:
    """(message, hint) for a failure of the disk or the file system, in words: full, read-only, gone."""
    import errno

    name = error.filename if error.filename is not None else None
    where = display_path(Path(name)) if isinstance(name, (str, Path)) and name else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        message = (_("the disk is full: a file could not be written ({file})").format(file=where) if where
                   else _("the disk is full: a file could not be written"))
        return (message, _("free some space (or write to another disk with --site-dir / --out), then run the command again; "
                           "a build that fails leaves the previous site as it was"))
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        message = (_("Loa may not write here ({file}): the folder is read-only or belongs to another user").format(file=where) if where
                   else _("Loa may not write here: the folder is read-only or belongs to another user"))
        return (message, _("run Loa in a folder you may write to, or choose another output folder"))
    if error.errno == errno.ENOENT:
        message = (_("a file disappeared while Loa was working ({file}): was .loa-cache/ or the output folder removed meanwhile?")
                   .format(file=where) if where
                   else _("a file disappeared while Loa was working: was .loa-cache/ or the output folder removed meanwhile?"))
        return (message, _("run the command again; leave the folders alone until it ends"))
    reason = error.strerror or str(error)
    message = (_("the file system refused: {reason} ({file})").format(reason=reason, file=where) if where
               else _("the file system refused: {reason}").format(reason=reason))
    return (message, _("check the disk and the folder, then run the command again"))
