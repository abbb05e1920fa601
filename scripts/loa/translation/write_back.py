"""Write back: imported translations into `<lang>.yml`, keeping the file's comments and order.

Written through a temporary file that is read back and compared before it replaces
the original: never a file that reads back differently from what was imported.
"""

from __future__ import annotations

from pathlib import Path

from .items import data_items, list_keys, split_list
from ..content import spec
from ..content.files import atomic_path
from ..content.load import read_document
from ..content.problems import ContentError, Problem, display_path
from ..messages import _


def translation_items(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    doc, problems = read_document(path)
    if doc is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return data_items(doc.data)



# --- writing <lang>.yml back, keeping comments and order ---------------------------

def top_order() -> tuple[str, ...]:
    """Where a new key goes in `<lang>.yml`: the translation record first, then the spec's order."""
    return ("translation", *(key for key in spec.SOURCE_TEXT_FILE.fields if key != "translation"))


def entry_order() -> tuple[str, ...]:
    """Where a new key goes in a section or story: its id, then its texts in the spec's order."""
    return ("id", *dict.fromkeys(f.name for f in spec.TEXT_FIELDS if f.group))


NEW_TRANSLATION = ("# yaml-language-server: $schema=../../scripts/loa/schema/text.schema.json\n"
                   "translation:\n  status: draft\n")


def write_items(path: Path, changes: dict[str, str], source_data: dict) -> bool:
    """Set (or, for empty text, remove) items in a translation file, touching nothing else.

    Returns whether the file changed (an import that brings back what the file holds writes nothing)."""
    import io

    from ruamel.yaml.comments import CommentedMap

    yaml = _round_trip()
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    data = yaml.load(before if before is not None else NEW_TRANSLATION) or CommentedMap()
    expected = translation_items(path)
    for key, text in changes.items():
        _apply(data, key, _stored(key, text), source_data)
        if text:
            expected[key] = _stored(key, text)
        else:
            expected.pop(key, None)
    written = io.StringIO()
    yaml.dump(data, written)
    if written.getvalue() == before:
        return False
    with atomic_path(path) as temporary:
        temporary.write_text(written.getvalue(), encoding="utf-8")
        doc, problems = read_document(temporary)
        if doc is None or problems or data_items(doc.data) != expected:  # a safety net: never write what reads back differently
            raise ContentError([Problem(display_path(path), None, None, "",
                                        _("loa could not write the translation safely; the file is unchanged"),
                                        _("report it to the developers, with the file you imported"))])
    return True


def _round_trip():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap lines nobody touched
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of the campaign files: "  - item"
    return yaml


def _stored(key: str, text: str) -> str:
    """The exact text the file will hold: lists one line per item, multi-line text ending with a newline."""
    if not text:
        return ""
    if key.split(".")[0] in list_keys():
        return "\n".join(split_list(text))
    return text + "\n" if "\n" in text else text


def _apply(data, key: str, text: str, source_data: dict) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    parts = key.split(".")
    if parts[0] in list_keys():
        _set_list(data, parts[0], split_list(text))
        return
    if len(parts) == 1:
        _set(data, key, _scalar(text), top_order())
        return
    group, item_id, name = parts[0], ".".join(parts[1:-1]), parts[-1]
    entries = data.get(group)
    if not isinstance(entries, list):
        if not text:
            return
        entries = CommentedSeq()
        _set(data, group, entries, top_order())
    index = next((i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == item_id), None)
    if index is None:
        if not text:
            return
        index = _entry_position(entries, item_id, source_data.get(group) or [])
        entries.insert(index, CommentedMap([("id", item_id)]))
    _set(entries[index], name, _scalar(text), entry_order())
    if set(entries[index]) <= {"id"}:
        del entries[index]
    if not entries:
        del data[group]


def _set(mapping, key: str, value, order: tuple[str, ...]) -> None:
    """Set, or remove when empty; a new key goes where the canonical order puts it."""
    if value in ("", None):
        if key in mapping:
            del mapping[key]
    elif key in mapping:
        mapping[key] = value
    else:
        rank = order.index(key) if key in order else len(order)
        position = next((i for i, k in enumerate(mapping) if k in order and order.index(k) > rank), len(mapping))
        mapping.insert(position, key, value)


def _set_list(data, key: str, lines: list[str]) -> None:
    """Update a list in place, line by line, so comments on unchanged lines stay."""
    from ruamel.yaml.comments import CommentedSeq

    existing = data.get(key)
    if not lines or not isinstance(existing, list):
        _set(data, key, CommentedSeq(_scalar(line) for line in lines) if lines else None, top_order())
        return
    for index, line in enumerate(lines):
        if index >= len(existing):
            existing.append(_scalar(line))
        elif str(existing[index]) != line:
            existing[index] = _scalar(line)
    del existing[len(lines):]


def _entry_position(entries: list, item_id: str, source_entries: list) -> int:
    """Where a new section or story goes: after the ones that come before it in the source."""
    order = [e.get("id") for e in source_entries if isinstance(e, dict)]
    before = set(order[:order.index(item_id)]) if item_id in order else set(order)
    indices = [i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") in before]
    return max(indices) + 1 if indices else 0


def _scalar(text: str):
    """Block style for several lines; double quotes where YAML would read a number, date or yes/no."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if not text:
        return ""
    if "\n" in text:
        return LiteralScalarString(text)
    if yaml.resolver.Resolver().resolve(yaml.nodes.ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        return DoubleQuotedScalarString(text)
    return text
