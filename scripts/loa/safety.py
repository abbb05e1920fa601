"""Safety: warnings for personal data in published text, as IOM and UNICEF guidelines ask.

Stories and bodies are about real people. Phone numbers other than the listed
hotlines, ID card numbers and exact ages of children can identify a survivor
or a child. These are warnings, not errors: a person decides, but must look.
"""

from __future__ import annotations

import re
from typing import Iterable

from .load import Document, iter_strings

# Vietnamese citizen ID (CCCD, 12 digits) and old ID card (CMND, 9 digits), passport numbers.
_ID_NUMBER = re.compile(r"(?<!\d)(\d{12}|\d{9}|[A-Z]\d{7})(?!\d)")
_PHONE = re.compile(r"(?<![\d])(\+?84|0)[\s.-]?\d{2,3}[\s.-]?\d{3}[\s.-]?\d{3,4}(?![\d])")
# "12 tuổi", "em 14 tuổi", "14 years old", Hmong "12 xyoo", Tay/Dao often write Vietnamese "tuổi" too.
_CHILD_AGE = re.compile(r"(?<![\d])(1[0-7]|[1-9])\s*(tuổi|years? old|xyoo|hnyangx)", re.IGNORECASE)

HINT_IDENTIFY = "remove it, or replace it by something that cannot identify the person (IOM/UNICEF ethical reporting)"


def personal_data_warnings(doc: Document, hotline_numbers: Iterable[str]) -> list:
    """Warnings for every text value of `doc` that looks like personal data."""
    known = {n.replace(" ", "") for n in hotline_numbers}
    found = []
    for path, text in iter_strings(doc.data):
        if "id" in path or (path and path[0] == "translation"):
            continue
        for match in _PHONE.finditer(text):
            number = re.sub(r"[\s.-]", "", match.group(0))
            if number not in known:
                found.append(doc.problem(path, f"'{match.group(0)}' looks like a personal phone number", HINT_IDENTIFY, "warning"))
        for match in _ID_NUMBER.finditer(text):
            found.append(doc.problem(path, f"'{match.group(0)}' looks like an ID card or passport number", HINT_IDENTIFY, "warning"))
        if path and path[0] == "stories":
            for match in _CHILD_AGE.finditer(text):
                found.append(doc.problem(path, f"'{match.group(0)}' gives the exact age of a child in a story",
                                         "say 'a girl still at school' instead of an exact age", "warning"))
    return found
