"""QA: the checks translation tools run on every translated item, as warnings for `loa check`.

A hotline number changed in translation sends a reader to the wrong place; a
"translation" that is still the source text tells the reader nothing; a key
message list of another length drops or invents a message. These are
warnings: a person decides, but must look.
"""

from __future__ import annotations

import re
from collections import Counter

from ..translation.items import list_keys, locate, split_list, text_items
from ..content.load import Document
from ..content.model import Campaign, Content, TextFile
from ..content.problems import WARNING, Problem, display_path
from ..messages import _, ngettext

_NUMBER = re.compile(r"[0-9]+")
_ONLY_NUMBERS = re.compile(r"^[\W0-9_]*$")
MIN_IDENTICAL_LENGTH = 4  # shorter texts (names, "OK") are often the same in both languages




def quality_problems(content: Content, campaign: Campaign) -> list[Problem]:
    """Warnings for every translation of the campaign, in file order."""
    found: list[Problem] = []
    source = campaign.source
    for language, text in sorted(campaign.texts.items()):
        if language != campaign.source_language:
            found.extend(_check_text(text, source, content.documents.get(text.file)))
    return found


def _check_text(text: TextFile, source: TextFile, doc: Document | None) -> list[Problem]:
    """`doc` is the file as validate read it: lines and columns without parsing it again."""
    source_items = text_items(source)
    found = []
    for key, translated in text_items(text).items():
        original = source_items.get(key)
        if original is None:
            continue
        for path, message, hint in item_problems(key, translated, original, source.file.name):
            found.append(_problem(doc, text, key, path, message, hint))
    return found


def item_problems(key: str, translated: str, original: str, source_name: str) -> list[tuple[tuple, str, str]]:
    """(path inside the item, message, hint) for one translated item; the path is () for the whole item."""
    found: list[tuple[tuple, str, str]] = []
    if key in list_keys():
        found.extend(_list_problems(key, split_list(translated), split_list(original), source_name))
    elif _identical(translated, original):
        found.append(((), _("the translation is the same as the source text"),
                      _("translate it, or remove it to show the {file} text with a notice that it is not translated").format(file=source_name)))
    numbers = _numbers_problem(translated, original, source_name)
    if numbers:
        found.append(((), *numbers))
    return found


def _list_problems(key: str, lines: list[str], original: list[str], source_name: str) -> list[tuple[tuple, str, str]]:
    found: list[tuple[tuple, str, str]] = []
    if len(lines) != len(original):
        found.append(((), list_count(key, len(lines), len(original)),
                      _("translate every line of {file}, in the same order: a list is shown whole, in one language").format(file=source_name)))
    # a length mismatch is reported above; compare the lines both lists have
    for index, (line, source_line) in enumerate(zip(lines, original, strict=False)):
        if _identical(line, source_line):
            found.append(((index,), _("the translation is the same as the source text"),
                          _("translate this line; the whole list is shown in this language")))
    return found


def _identical(translated: str, original: str) -> bool:
    same = translated.strip() == original.strip()
    return same and len(original.strip()) >= MIN_IDENTICAL_LENGTH and not _ONLY_NUMBERS.match(original)


def _numbers_problem(translated: str, original: str, source_name: str) -> tuple[str, str] | None:
    have, want = Counter(_NUMBER.findall(translated)), Counter(_NUMBER.findall(original))
    if have == want:
        return None
    parts = [_difference(n, want[n], have[n]) for n in sorted(set(have) | set(want), key=_number_order) if have[n] != want[n]]
    return (_("the numbers differ from the source text: {differences}").format(differences=", ".join(parts)),
            _("hotlines, ages and dates must be the same as in {file}: copy each number as it is written there").format(file=source_name))


def list_count(key: str, count: int, source: int) -> str:
    """'the translation has 2 key messages, the source has 3' (or discussion questions)."""
    if key == "key_messages":
        text = ngettext("the translation has {count} key message, the source has {source}",
                        "the translation has {count} key messages, the source has {source}", count)
    elif key == "discussion":
        text = ngettext("the translation has {count} discussion question, the source has {source}",
                        "the translation has {count} discussion questions, the source has {source}", count)
    else:  # any other list of lines
        text = ngettext("the translation has {count} line, the source has {source}",
                        "the translation has {count} lines, the source has {source}", count)
    return text.format(count=count, source=source)


def _difference(number: str, in_source: int, here: int) -> str:
    if not here:
        return _("{number} is missing").format(number=number)
    if not in_source:
        return _("{number} is not in the source").format(number=number)
    return _("{number} is written {here} here, {source} in the source").format(number=number, here=_times(here), source=_times(in_source))


def _times(n: int) -> str:
    return ngettext("once", "{count} times", n).format(count=n) if n != 2 else _("twice")


def _number_order(number: str) -> tuple[int, str]:
    return (int(number), number)


def _problem(doc: Document | None, text: TextFile, key: str, inner: tuple, message: str, hint: str) -> Problem:
    if doc is None:
        return Problem(display_path(text.file), None, None, key, message, hint, WARNING)
    return doc.problem(locate(key, doc.data) + inner, message, hint, WARNING)
