"""Load: read campaign files from disk into plain values, keeping where each value stood.

This step only reads. It refuses what cannot be read safely (too large, not
UTF-8, not YAML, alias bombs, deep nesting, legacy Vietnamese encodings) and
normalises all text to Unicode NFC. What the values mean is `validate`'s job.
Which characters are refused is `characters`' knowledge; why a file does not
parse as YAML is explained by `yaml_errors`.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .characters import LEGACY_HINT, character_problem, legacy_encoding_problem, mojibake_problem
from .problems import Problem, display_path
from ..messages import N_, _
from .yaml_errors import reader_problem, syntax_problem

MAX_YAML_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40

Path_ = tuple  # a path of keys and indices into a document, e.g. ("sections", 1, "heading")


@dataclass
class Document:
    """One YAML file: its values and the line and column of each of them."""

    path: Path
    shown: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)  # what was typed, for values YAML did not keep as text
    source: str = ""  # the file's text, to point at a word inside a value
    _starts: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    _lines: list[str] = field(default_factory=list, repr=False, compare=False)

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the value at `path`, or of its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (None, None))

    def problem(self, path: Path_, message: str, hint: str = "", severity: str = "error", at: str = "") -> Problem:
        """The problem of the value at `path`; with `at`, pointed at where those words stand inside the value."""
        line, column = self.where_inside(path, at) if at else self.where(path)
        return Problem(self.shown, line, column, dotted(path), message, hint, severity)

    def where_inside(self, path: Path_, words: str) -> tuple[int | None, int | None]:
        """Line and column of `words` in the value at `path` as typed: from the value's start to the next value's.

        A block text (`|`) starts a line above its words, and a number deep in a paragraph is easier found
        at its own line; words YAML folded across lines are not found, and the value's start is given.
        """
        line, column = self.where(path)
        if line is None or column is None:
            return line, column
        starts, lines = self._layout()
        after = bisect.bisect_right(starts, (line, column))
        end = starts[after][0] if after < len(starts) else None
        for number in range(line, min(end or len(lines), len(lines)) + 1):
            found = lines[number - 1].find(words, column - 1 if number == line else 0)
            if found >= 0:
                return number, found + 1
        return line, column

    def _layout(self) -> tuple[list[tuple[int, int]], list[str]]:
        """Where values start, in order, and the file's lines: made once, for the file's every problem."""
        if self._starts is None:
            self._starts, self._lines = sorted(self.positions.values()), self.source.splitlines()
        return self._starts, self._lines


def dotted(path: Path_) -> str:
    """("sections", 1, "heading") -> "sections[1].heading", as users see it."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)):
            text += f"[{str(part)!r}]"  # a key with spaces, a line break or stranger: shown as it is
        else:
            text += f".{part}" if text else str(part)
    return text


_PLAIN_KEY = re.compile(r"[^\s\[\].'\"]+")


def read_document(path: Path, base: Path | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file. Returns the document (None if unreadable) and the problems found."""
    shown = display_path(path, base)
    raw, problem = read_limited(path, MAX_YAML_BYTES, shown)
    if problem:
        return None, [problem]
    text, problem = _decode(raw, shown)
    if problem:
        return None, [problem]
    return _compose(text, path, shown)


_NOT_REGULAR = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe (FIFO)")), (stat.S_ISCHR, N_("a device")),
                (stat.S_ISBLK, N_("a device")), (stat.S_ISSOCK, N_("a socket")))
NOT_REGULAR = N_("not a regular file")


def read_limited(path: Path, limit: int, shown: str) -> tuple[bytes, Problem | None]:
    """The bytes of a regular file of at most `limit` bytes; its type and size are checked before reading.

    A link to /dev/zero, a named pipe or a huge file would otherwise hang or fill memory: they are
    refused from os.stat alone, and the file is opened without blocking and read no further than the limit.
    """
    try:
        problem = _not_readable(os.stat(path), limit, shown)  # follows links: what would be read
        if problem:
            return b"", problem
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            problem = _not_readable(os.fstat(handle.fileno()), limit, shown)  # the file may have changed since
            data = b"" if problem else handle.read(limit + 1)
    except OSError as error:
        return b"", Problem(shown, None, None, "", _("cannot read the file ({error})").format(error=error.strerror),
                            _("check that the file exists and that you may read it"))
    if problem:
        return b"", problem
    if len(data) > limit:
        return b"", _too_big(len(data), limit, shown)
    return data, None


def _not_readable(info: os.stat_result, limit: int, shown: str) -> Problem | None:
    kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), None)
    if kind or not stat.S_ISREG(info.st_mode):
        return Problem(shown, None, None, "", _("this is {kind}, not a text file: Loa reads only ordinary files")
                       .format(kind=_(kind or NOT_REGULAR)),
                       _("put the file itself here (a copy, not a link to a device or a pipe)"))
    if info.st_size > limit:
        return _too_big(info.st_size, limit, shown)
    return None


def _too_big(size: int, limit: int, shown: str) -> Problem:
    return Problem(shown, None, None, "", _("the file is {size} bytes, over the limit of {limit} bytes").format(size=f"{size:,}", limit=f"{limit:,}"),
                   _("split the text or remove what does not belong in the file"))


def _decode(raw: bytes, shown: str) -> tuple[str, Problem | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(shown, line, None, "", _("the file is not UTF-8 text"),
                           _("open it in a text editor and save it again with the encoding UTF-8"))
    return text.removeprefix("\ufeff"), None


# libyaml (C) composes about ten times faster; PyYAML's own parser words its errors
# more plainly, so it is used to explain a file that libyaml refused.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    try:
        deep = _too_deep(text, shown)
        if deep:
            return None, [deep]
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            return None, [syntax_problem(error, shown, text)]
        except yaml.reader.ReaderError as error:  # a character YAML refuses: PyYAML's own text has no line and a line break
            return None, [reader_problem(error, shown, text)]
        except yaml.YAMLError as error:
            return None, [Problem(shown, None, None, "", _("the file is not valid YAML ({error})").format(error=error))]
        return None, [Problem(shown, None, None, "", _("the file is not valid YAML"))]
    document = Document(path, shown, None, source=text)
    if root is None:
        return document, []
    builder = _Builder(document)
    try:
        document.data = builder.value(root, (), 0)
    except _TooLarge as error:
        return None, [Problem(shown, error.line, error.column, "", error.message, error.hint)]
    return document, builder.problems


_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
DEPTH_HINT = N_("campaign files are at most a few levels deep: check the indentation and the [ ] and {{ }} brackets")


def too_deep() -> tuple[str, str]:
    """(message, hint) for values nested deeper than MAX_DEPTH."""
    return _("values are nested more than {limit} levels deep (limit)").format(limit=MAX_DEPTH), _(DEPTH_HINT).format()


def _too_deep(text: str, shown: str) -> Problem | None:
    """Nesting beyond MAX_DEPTH, found from the parser's events before composing.

    Composing is recursive: about 30,000 levels overflow the C stack and kill the process
    (libyaml) or raise RecursionError (PyYAML). The parser itself keeps its own stack.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark  # the parser marks every event; the stubs allow None
                line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
                return Problem(shown, line, column, "", *too_deep())
        elif isinstance(event, _CLOSE):
            depth -= 1
    return None


class _TooLarge(Exception):
    def __init__(self, node: Node, message: str, hint: str):
        self.line, self.column = node.start_mark.line + 1, node.start_mark.column + 1
        self.message, self.hint = message, hint


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions."""

    def __init__(self, document: Document):
        self.document = document
        self.constructor = SafeConstructor()
        self.nodes = 0
        self.problems: list[Problem] = []

    def value(self, node: Node, path: Path_, depth: int) -> Any:
        self._count(node, depth)
        self.document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [self.value(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _count(self, node: Node, depth: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(node, _("the file has more than {limit} values (limit), perhaps through repeated YAML aliases")
                            .format(limit=f"{MAX_NODES:,}"),
                            _("write the text out plainly; campaign files need no '&' anchors or '*' aliases"))
        if depth > MAX_DEPTH:
            raise _TooLarge(node, *too_deep())

    def _mapping(self, node: MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path, record=False) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                line = key_node.start_mark.line + 1
                self.problems.append(Problem(self.document.shown, line, key_node.start_mark.column + 1,
                                             dotted(path + (key,)), _("the key '{key}' appears twice in the same place").format(key=key),
                                             _("keep one of them; the second would silently replace the first")))
            result[key] = self.value(value_node, path + (key,), depth + 1)
            # a value's own position is where its key is: that is the line users look at
            self.document.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result

    def _scalar(self, node: Node, path: Path_, record: bool = True) -> Any:
        if not isinstance(node, ScalarNode):
            return None
        try:
            value = self.constructor.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError):
            value = node.value
        if record and not isinstance(value, str):
            self.document.raw[path] = node.value
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            mojibake = mojibake_problem(value)
            problem = None if mojibake else legacy_encoding_problem(value)
            if mojibake:
                self.problems.append(Problem(self.document.shown, line, column, dotted(path), *mojibake))
            elif problem:
                self.problems.append(Problem(self.document.shown, line, column, dotted(path), problem, _(LEGACY_HINT)))
            found = character_problem(value)
            if found:
                self.problems.append(Problem(self.document.shown, line, column, dotted(path), *found))
        return value


def iter_strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in a document, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, path + (index,))
