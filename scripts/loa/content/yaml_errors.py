"""YAML that does not parse, explained: the line and column to fix, and a hint for the usual mistakes.

PyYAML's messages name the parser's state ("expected <block end>"); these say what a person
typed wrong (a tab, an unquoted ': ', a text block not indented) and how to fix it.
"""

from __future__ import annotations

import re

import yaml

from .characters import PASTED_HINT
from .problems import Problem
from ..messages import N_, _

_SYNTAX_HINTS = [  # shown with _()
    ("'\\t'", N_("a tab character: indent with spaces, never tabs")),
    ("mapping values are not allowed", N_("a value contains ': ': put the whole value in double quotes")),
    ("could not find expected ':'", N_("a key is missing its ':', or a quoted text is not closed")),
    ("found undefined alias", N_("a '*' starts a value: put the value in quotes")),
    ("while scanning a quoted scalar", N_("a quoted text is not closed: add the closing quote")),
    ("expected <block end>", N_("the indentation is uneven: line up items with their neighbours")),
    ("found character '@'", N_("a value starts with '@' or '`': put it in quotes")),
]


def syntax_problem(error: yaml.MarkedYAMLError, shown: str, text: str = "") -> Problem:
    mark = error.problem_mark or error.context_mark
    found = str(error.problem or error.context or "")
    hint = next((_(h) for key, h in _SYNTAX_HINTS if key in found or key in str(error.context)),
                _("check the quotes and indentation on this line and the one before"))
    lines = text.splitlines()
    if "could not find expected ':'" in found and error.context_mark and "simple key" in str(error.context):
        # PyYAML notices the missing ':' lines later; the line to fix is where that text starts
        mark = error.context_mark
        key = _block_text_key(lines, mark.line)
        if key:
            hint = _("the lines of a text after '{key}: |' must be indented more than '{key}:': add spaces before this line").format(key=key)
    elif "expected <block end>" in found and "'<scalar>'" in found and mark and mark.line < len(lines):
        whole = _quoted_then_more(lines[mark.line], mark.column)
        if whole:
            hint = _("the value starts with a quote, so it ends at the closing quote and the rest is left over: "
                     "put the whole value in quotes of the other kind: {value}").format(value=whole)
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(shown, line, column, "", _("this is not valid YAML: {error}").format(error=found), hint)


_BLOCK_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#][^:#]*):\s*[|>][-+]?\s*$")
_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?)(["'])""")


def _block_text_key(lines: list[str], index: int) -> str | None:
    """'body' when the nearest line above `index` with text is `body: |` (or `>`): a block text."""
    for line in reversed(lines[:index]):
        if line.strip():
            match = _BLOCK_KEY.match(line)
            return match.group(1).strip() if match else None
    return None


def _quoted_then_more(line: str, column: int) -> str | None:
    """For `heading: "Dấu hiệu" lừa đảo` (an error at 'lừa'): the whole value, quoted the other way."""
    match = _QUOTED_VALUE.match(line)
    if not match or column <= match.end():
        return None
    value = line[match.end(1):].rstrip()
    if match.group(2) == '"':
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reader_problem(error: yaml.reader.ReaderError, shown: str, text: str) -> Problem:
    char = error.character if isinstance(error.character, int) else ord(error.character)
    line = text.count("\n", 0, error.position) + 1
    column = error.position - text.rfind("\n", 0, error.position)
    return Problem(shown, line, column, "", _("the file contains the character {code}, which YAML files may not hold").format(code=f"U+{char:04X}"),
                   _(PASTED_HINT))
