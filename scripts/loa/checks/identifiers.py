"""Identifiers: text that could point at a real person, in every text, not only stories.

IOM and UNICEF guidance for reporting on trafficking: no real name, village,
exact age or school class of a survivor or child. In border communes a clan
surname and a given name, a village, an age and a class are enough to find
the person. Warnings for the site (a person decides); errors for the print
shop, because paper cannot be recalled.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..content.model import Content
from ..content.problems import Problem
from ..messages import N_, _
from .texts import all_texts

# Clan surnames of the Hmong, Dao and Tay, and the commonest Kinh ones. "Hà" and "Ma"
# are left out: they begin place names (Hà Giang, Hà Tĩnh) and common words too often.
SURNAMES = ("Giàng", "Sùng", "Thào", "Vàng", "Lý", "Ly", "Mùa", "Hầu", "Lầu", "Vừ", "Chảo", "Tẩn", "Bàn", "Triệu",
            "Phùng", "Đặng", "Hoàng", "Nông", "Lò", "Lục", "Lương", "Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Võ",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Đinh")
# Capital letters of Latin scripts (Vietnamese included): a name starts with one. Written out, because a
# range like À-Ỹ holds small letters too.
_CAPITALS = "".join(re.escape(chr(c)) for c in range(0x41, 0x1F00) if chr(c).isalpha() and chr(c).isupper())
_UPPER_WORD = rf"[{_CAPITALS}][^\W\d_]*"
_NAME = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(SURNAMES)})(?:\s+{_UPPER_WORD}){{1,3}}(?![^\W\d_])")
_VILLAGE = re.compile(rf"(?<![^\W\d_])(?:[Bb]ản|[Tt]hôn|[Xx]ã|[Ll]àng)\s+{_UPPER_WORD}(?:\s+{_UPPER_WORD})*")
_NUMBER_WORDS = "một|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mốt"
_AGE_WORDS = re.compile(rf"(?<![^\W\d_])(?:mười(?:\s+(?:{_NUMBER_WORDS}))?|{_NUMBER_WORDS})\s+tuổi(?![^\W\d_])",
                        re.IGNORECASE)
_AGE_DIGITS = re.compile(r"(?<!\d)(?:1[0-7]|[1-9])\s*(?:tuổi|years? old|xyoo)(?![^\W\d_])", re.IGNORECASE)
_GRADE = re.compile(rf"(?<![^\W\d_])lớp\s+(?:\d{{1,2}}|mười(?:\s+(?:một|hai))?|{_NUMBER_WORDS})(?![^\W\d_])",
                    re.IGNORECASE)
# Words after "xã"/"bản" that are not names: the commune's institutions, written with capitals.
_NOT_A_PLACE = re.compile(r"^(?:[Bb]ản|[Tt]hôn|[Xx]ã|[Ll]àng)\s+(?:Hội|Đoàn|Ủy|Uỷ|Công|Trạm|Trường|Đồn)\b")

KINDS = (  # (pattern, message, hint): shown with _()
    (_NAME, N_("'{found}' looks like a full name, which can identify a person"),
     N_("write no real name: say 'a girl from a border commune' or use no name at all")),
    (_VILLAGE, N_("'{found}' looks like the name of a village or commune, which can identify a person"),
     N_("write 'a border commune' instead of its name")),
    (_AGE_WORDS, N_("'{found}' looks like an exact age, which can identify a person"),
     N_("say 'a girl still at school' instead of an exact age")),
    (_AGE_DIGITS, N_("'{found}' looks like an exact age, which can identify a person"),
     N_("say 'a girl still at school' instead of an exact age")),
    (_GRADE, N_("'{found}' looks like a school class, which can identify a person"),
     N_("say 'a pupil' instead of the class: with the commune it names the child")),
)


def identifier_problems(content: Content, severity: str) -> Iterator[Problem]:
    for place in all_texts(content):
        for regex, message, hint in KINDS:
            for match in regex.finditer(place.text):
                if regex is _VILLAGE and _NOT_A_PLACE.match(match.group(0)):
                    continue
                yield place.doc.problem(place.path, _(message).format(found=match.group(0)), _(hint), severity)
