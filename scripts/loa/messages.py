"""Messages: Loa speaks Vietnamese to its users by default, English on request.

Every sentence Loa prints (problems, hints, the CLI's own lines, the
problems page under `mkdocs serve`) is written in English in the code and
passes through `_()`; the Vietnamese is in a gettext catalog:

    scripts/loa/locale/vi/LC_MESSAGES/loa.po   what translators edit
    scripts/loa/locale/vi/LC_MESSAGES/loa.mo   compiled by `scripts/messages`

How to write a message (Babel's extractor reads these calls, so the text
must be one string literal, never an f-string):

    _("{file} is {size} bytes, over the limit of {limit}").format(file=..., size=..., limit=...)
    ngettext("{n} leaflet", "{n} leaflets", n).format(n=n)
    WORDS = N_("a constant")   # marked at import time, translated where shown: _(WORDS)

Named fields let the Vietnamese put them in its own order. After adding
or changing messages, run `scripts/messages` (extracts, updates loa.po,
compiles loa.mo) and write the Vietnamese; tests/test_messages.py fails
while a message has no translation or loa.mo is older than loa.po.

The language: `loa --lang en|vi` first, then the usual gettext variables
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG); anything not English, a plain `C`
locale included, means Vietnamese: the people who run Loa speak it.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "loa"

_chosen: str | None = None  # set by `loa --lang`


def use_language(tag: str | None) -> None:
    """Speak this language from now on (`--lang`); None goes back to the environment."""
    global _chosen
    _chosen = tag


def language() -> str:
    """'vi' or 'en': the language Loa's messages are in, for this call."""
    if _chosen:
        return _chosen
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for item in value.split(":"):
            tag = item.split(".")[0].split("@")[0].split("_")[0].lower()
            if tag in LANGUAGES:
                return tag
        if value:  # the first variable set decides, as in gettext; an unknown language falls to the default
            break
    return DEFAULT


@lru_cache(maxsize=None)
def _catalog(tag: str) -> gettext.NullTranslations:
    if tag == "en":
        return gettext.NullTranslations()  # the code's own words
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[tag], fallback=True)


def _(message: str) -> str:
    """The message in the user's language."""
    return _catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message in the user's language, for the number n."""
    return _catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a constant for the catalog; it is translated where it is shown, with _()."""
    return message
