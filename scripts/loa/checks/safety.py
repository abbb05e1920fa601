"""Safety: warnings for ID card and passport numbers in published text, as IOM and UNICEF guidelines ask.

Stories and bodies are about real people. Phone numbers (checks/numbers.py),
names, villages, ages and school classes (checks/identifiers.py) are checked
with the model; this module looks for ID numbers while each file is read.
These are warnings, not errors: a person decides, but must look.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..content.load import Document, iter_strings
from ..messages import N_, _

# Vietnamese citizen ID (CCCD, 12 digits) and old ID card (CMND, 9 digits), passport numbers.
_ID_NUMBER = re.compile(r"(?<!\d)(\d{12}|\d{9}|[A-Z]\d{7})(?!\d)")

HINT_IDENTIFY = N_("remove it, or replace it by something that cannot identify the person (IOM/UNICEF ethical reporting)")


def personal_data_warnings(doc: Document, hotline_numbers: Iterable[str]) -> list:
    """Warnings for every text value of `doc` that holds an ID card or passport number."""
    found = []
    for path, text in iter_strings(doc.data):
        if "id" in path or (path and path[0] == "translation"):
            continue
        for match in _ID_NUMBER.finditer(text):
            found.append(doc.problem(path, _("'{found}' looks like an ID card or passport number").format(found=match.group(0)),
                                     _(HINT_IDENTIFY), "warning"))
    return found
