"""Strings: the interface text of the site and leaflets, per language.

Each language has one file, `overrides/i18n/<tag>.yml`, holding Loa's own
strings under `loa:` and the site theme's under `theme:` (Material for MkDocs
has none for Hmong, Dao or Tay). A missing string, or a missing file, falls
back to the source language, so a fifth language works before it is fully
translated; `loa check` warns about what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..content.load import read_document
from ..content.problems import WARNING, Problem, display_path
from ..messages import _, ngettext


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")

# Strings of pages shown only in the source language (the coordinators' status page).
SOURCE_ONLY_PREFIXES = ("status.", "record.")  # record.: the `loa record` page on the coordinator's computer
# Number words a language may lack on purpose (no trusted source yet): the announcement reads those digits
# in the source language and the announcer's sheet says so, so their absence is not reported as missing.
SPOKEN_FALLBACK_PREFIXES = ("announce.digit.",)


@dataclass(frozen=True)
class Strings:
    """UI strings of one language, with the source language's as fallback."""

    language: str
    own: Mapping[str, str]
    fallback: Mapping[str, str] = field(default_factory=dict)
    status: str = "reviewed"  # draft when not written by a native speaker

    def __call__(self, key: str, **values: object) -> str:
        text = self.own.get(key) or self.fallback.get(key) or key
        # Only {name} placeholders we know are filled: str.format would crash on a translator's
        # stray brace and would reach into attributes ({language.__class__}).
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text) if values else text

    def language_of(self, key: str) -> str | None:
        """None when the string is in this language, else 'fallback'."""
        return None if key in self.own else "fallback"


@dataclass(frozen=True)
class StringTables:
    """All languages' strings: Loa's (`loa`) and the theme's (`theme`)."""

    loa: Mapping[str, Strings]
    theme: Mapping[str, Strings]


def load_strings(overrides_dir: Path, tags: tuple[str, ...]) -> tuple[StringTables, list[Problem]]:
    """Read `overrides/i18n/<tag>.yml` for every language; the first tag is the fallback."""
    problems: list[Problem] = []
    raw = {tag: _read(overrides_dir / "i18n" / f"{tag}.yml", problems) for tag in tags}
    default = tags[0]
    tables = {}
    for part in ("loa", "theme"):
        base = raw[default].get(part) or {}
        tables[part] = {tag: Strings(tag, raw[tag].get(part) or {}, base, str(raw[tag].get("status", "reviewed")))
                        for tag in tags}
    for tag in tags[1:]:
        missing = sorted(k for k in set(raw[default].get("loa") or {}) - set(raw[tag].get("loa") or {})
                         if not k.startswith(SOURCE_ONLY_PREFIXES + SPOKEN_FALLBACK_PREFIXES))
        if missing and raw[tag]:
            problems.append(Problem(display_path(overrides_dir / "i18n" / f"{tag}.yml"), None, None, "loa",
                                    ngettext("{n} interface string is not translated yet ({keys}…); it shows in {language}",
                                             "{n} interface strings are not translated yet ({keys}…); they show in {language}",
                                             len(missing)).format(n=len(missing), keys=", ".join(missing[:4]), language=default),
                                    _("add them, copying the keys from {file}").format(file=f"{default}.yml"), WARNING))
    return StringTables(tables["loa"], tables["theme"]), problems


def _read(path: Path, problems: list[Problem]) -> dict:
    if not path.exists():
        problems.append(Problem(display_path(path), None, None, "",
                                _("this language has no interface strings; the source language's are used"),
                                _("copy overrides/i18n/vi.yml to {file}, translate it and set status: draft").format(
                                    file=path.name), WARNING))
        return {}
    doc, found = read_document(path)
    problems.extend(found)
    return doc.data if doc and isinstance(doc.data, dict) else {}
