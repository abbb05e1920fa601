"""Characters that do not belong in campaign text, found as each text is read.

Control and bidirectional characters (ways to hide or reorder text), Vietnamese typed in the
legacy TCVN3 or VNI encodings, and UTF-8 read as Windows-1252 (mojibake); and whether a text
shows anything at all. Each finding is a (message, hint) for the caller to place.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.badness

from ..messages import N_, _

# Characters nobody types on purpose in these languages, each a way to hide or reorder text:
# control characters (only tab and line breaks belong in text), and the bidirectional controls
# that make text display in another order than it is read ("Trojan Source").
_BIDI = {"\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
         "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
         "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
         "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u061c": "ARABIC LETTER MARK"}
_ALLOWED_CONTROLS = "\t\n"
PASTED_HINT = N_("delete it: it often comes with text pasted from another program; paste as plain text")
_INVISIBLE = {"\u00ad", "\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u2800", "\u3164", "\uffa0"}


def character_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) for the first control or bidirectional character in `text`, or None."""
    for index, char in enumerate(text):
        if char in _BIDI:
            return (_("the text contains the invisible character {code} {name} (character {position}), "
                      "which changes the order in which text is shown").format(code=f"U+{ord(char):04X}", name=_BIDI[char], position=index + 1),
                    _("delete it: retype the text around it, or paste it as plain text"))
        if (unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS) or char in "\u2028\u2029":
            return (_("the text contains the control character {code} (character {position})").format(code=f"U+{ord(char):04X}", position=index + 1),
                    _(PASTED_HINT))
    return None


def visible(text: str) -> bool:
    """Whether `text` shows anything: not only spaces, zero-width and other invisible characters."""
    return any(not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Mn") or c in _INVISIBLE
                    or 0xFE00 <= ord(c) <= 0xFE0F) for c in text)


# Characters that Vietnamese text in Unicode never contains, but that text typed
# in the legacy TCVN3 (ABC) or VNI encodings shows when read as Unicode:
# "Cộng hoà xã hội" typed in TCVN3 reads "Céng hoµ x· héi", in VNI "Coäng hoøa xaõ hoäi".
_LEGACY_MARKS = set("µ·¸¶¹¨ª«¬®¯°±²³´½¾¼º»¦¥¤£¢¡¿×÷åäëïöüÿæøñçðþßÅÄËÏÖÜÆØÑÇÐÞ¤§©¦ÒÓÑÏ")
_WORD = re.compile(r"\S+")
LEGACY_HINT = N_("convert the text to Unicode, for example with UniKey: Công cụ chuyển mã (Ctrl+Shift+F6), "
                 "from 'TCVN3 (ABC)' or 'VNI Windows' to 'Unicode', then paste it back")


def visible_escapes(text: str) -> str:
    """Line breaks and other control characters as \\n, \\u0007: a message shows what the text really holds."""
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)


def mojibake_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) if `text` looks like UTF-8 read as Windows-1252 ('mua bÃ¡n ngÆ°á»i'), else None.

    ftfy (pinned) knows the byte patterns of such text; the check is apart from TCVN3/VNI, whose
    text is another thing (old 8-bit fonts) with another fix.
    """
    if text.isascii() or not ftfy.badness.is_bad(text):
        return None
    sample = " ".join(w for w in text.split() if ftfy.badness.is_bad(w))[:40] or text[:40]
    fixed = ftfy.fix_text(text)
    clean = fixed != text and "\ufffd" not in fixed and not ftfy.badness.is_bad(fixed)
    if clean:
        message = _("the text looks like UTF-8 read as Windows-1252 ('{sample}'), not the letters that were typed "
                    "(it probably said: '{fixed}')").format(sample=visible_escapes(sample), fixed=visible_escapes(fixed[:60]))
    else:
        message = _("the text looks like UTF-8 read as Windows-1252 ('{sample}'), not the letters that were typed").format(
            sample=visible_escapes(sample))
    return (message, _("copy the text again from the original document, or open the file in an editor that saves "
                       "UTF-8 (e.g. VS Code, Notepad++) and fix it there; never save it as ANSI or Windows-1252"))


def legacy_encoding_problem(text: str) -> str | None:
    """A message if `text` looks like Vietnamese typed in TCVN3 or VNI, else None."""
    suspicious = [w for w in _WORD.findall(text) if _looks_legacy(w)]
    if len(suspicious) >= 2 or any(sum(c in _LEGACY_MARKS for c in w) >= 2 for w in suspicious):
        sample = " ".join(suspicious[:3])
        return _("the text looks like Vietnamese in an old TCVN3 or VNI encoding ('{sample}'), not Unicode").format(sample=sample)
    return None


def _looks_legacy(word: str) -> bool:
    return any(c in _LEGACY_MARKS for c in word) and any(c.isalpha() and c not in _LEGACY_MARKS for c in word)
