"""Announce: the loudspeaker announcement of a campaign in one language, as data, and its length.

An announcement is read aloud by a commune's announcer: an opening, the call
to action (every hotline, its number spoken digit by digit in the language),
the title, the key messages, the sections chosen by `loudspeaker:` in
campaign.yml (by default those for every audience or for border communities,
as many as fit in 3 minutes), the call to action again and a closing. Each
part says which recording item reads it (`title`, `key-2`, a section id), so
the listening page puts a recording beside its text and `recordings` can tell
when a recording no longer matches its words. The announcer's sheet (a PDF in
large type) is drawn from the same data by `sheet`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..content import markup
from ..content.model import Campaign, Content, Hotline
from ..content.problems import WARNING, Problem, display_path
from ..messages import _
from ..translation.localize import Item, localize
from ..translation.strings import Strings

MAX_ANNOUNCEMENT_SECONDS = 180  # past 3 minutes villagers stop listening; `loa check` warns
DEFAULT_RATE = 140  # words per minute when a language gives none: a slow, clear loudspeaker pace
PAUSE_SECONDS = 1.0  # between two parts
DEFAULT_AUDIENCES = ("border-communities",)  # the loudspeaker is a village's: sections for them, or for everyone


@dataclass(frozen=True)
class Part:
    """One paragraph group read aloud: interface text (opening, calls) or one recordable item of the campaign."""

    kind: str  # opening, call, title, summary, remember, message, section, repeat, closing
    lines: tuple[str, ...]  # what the announcer reads, numbers already spelled out
    language: str  # the language the words are in (the source language when the translation lacks them)
    item: str | None = None  # the recording item reading it: title, summary, key-N, a section id
    heading: str | None = None  # a section's heading (read before its lines)
    fallback: bool = False  # written in the source language: the translation lacks it
    text: str = ""  # the campaign text as written (Markdown for sections): what a recording is tied to


@dataclass(frozen=True)
class Announcement:
    campaign: str
    language: str
    parts: tuple[Part, ...]
    words_per_minute: int
    draft: bool  # the translation (or the interface strings) are drafts not checked by a native speaker
    digits_language: str  # the language the digits are read in (the source's when this one has no number words)

    @property
    def words(self) -> int:
        return sum(len(line.split()) for part in self.parts for line in (*([part.heading] if part.heading else []), *part.lines))

    @property
    def seconds(self) -> float:
        """Spoken length: words at the language's pace, and a short pause between parts."""
        return self.words * 60.0 / self.words_per_minute + PAUSE_SECONDS * max(len(self.parts) - 1, 0)

    @property
    def minutes(self) -> str:
        """Rounded up to the half minute, as the sheet prints it: '2.5'."""
        halves = -(-int(self.seconds) // 30)
        return f"{halves / 2:g}"

    @property
    def script(self) -> str:
        """The whole announcement as plain text: what the `script` recording reads."""
        blocks = [("\n".join(([p.heading] if p.heading else []) + list(p.lines))) for p in self.parts]
        return "\n\n".join(blocks)

    def items(self) -> dict[str, str]:
        """Recording item -> the text it reads (the whole script for `script`)."""
        found = {"script": self.script}
        found.update({p.item: p.text for p in self.parts if p.item})
        return found


def compose(campaign: Campaign, content: Content, strings: Mapping[str, Strings], language: str) -> Announcement:
    """The announcement of `campaign` in `language`; what the translation lacks is read in the source language."""
    local = localize(campaign, language, use="audio")
    t = strings[language]
    say = Speaker(t, campaign.source_language)
    hotlines = content.campaign_hotlines(campaign)
    calls = [say.call(h, language) for h in hotlines]
    parts = [Part("opening", (t("announce.opening"),), language), *calls, _item("title", local.title, "title", say)]
    parts.append(Part("remember", (t("announce.remember"),), language))
    parts += [_item("message", m, f"key-{i}", say) for i, m in enumerate(local.key_messages, 1)]
    sections = {s.id: s for s in local.sections}
    for section_id in chosen_sections(campaign, content, strings):
        section = sections[section_id]
        lines = tuple(say.numbers(line, hotlines) for line in plain_paragraphs(section.body.text))
        parts.append(Part("section", lines, section.language, section_id, section.heading.text, section.fallback,
                          section.heading.text + "\n" + section.body.text))
    parts += [Part("repeat", (t("announce.repeat"),), language), *calls, Part("closing", (t("announce.closing"),), language)]
    rate = _rate(t)
    draft = local.is_draft or t.status == "draft"
    return Announcement(campaign.slug, language, tuple(parts), rate, draft, say.digits_language(language))


def chosen_sections(campaign: Campaign, content: Content, strings: Mapping[str, Strings]) -> tuple[str, ...]:
    """`loudspeaker:` as written (unknown ids left out: `loa check` names them), or the default choice."""
    known = [s.id for s in campaign.source.sections]
    if campaign.loudspeaker is not None:
        return tuple(i for i in campaign.loudspeaker if i in known)
    candidates = [s.id for s in campaign.source.sections if not s.audiences or set(s.audiences) & set(DEFAULT_AUDIENCES)]
    chosen: list[str] = []
    for section_id in candidates:
        trial = _with_sections(campaign, (*chosen, section_id))
        if chosen and compose(trial, content, strings, campaign.source_language).seconds > MAX_ANNOUNCEMENT_SECONDS:
            break
        chosen.append(section_id)
    return tuple(chosen)


def _with_sections(campaign: Campaign, sections: tuple[str, ...]) -> Campaign:
    from dataclasses import replace
    return replace(campaign, loudspeaker=sections)


def _item(kind: str, item: Item, name: str, say: "Speaker") -> Part:
    return Part(kind, (say.numbers(item.text, say.hotlines),), item.language, name, fallback=item.fallback, text=item.text)


def _rate(t: Strings) -> int:
    value = t("announce.words_per_minute")
    return int(value) if value.isdigit() and 40 <= int(value) <= 400 else DEFAULT_RATE


class Speaker:
    """Numbers as an announcer says them, in one language: '111' -> 'một một một'."""

    def __init__(self, strings: Strings, source_language: str):
        self.t = strings
        self.source_language = source_language
        self.hotlines: tuple[Hotline, ...] = ()
        self.fell_back = False

    def digits(self, number: str) -> str:
        """Digit by digit, with a comma where the written number has a space (where the announcer pauses)."""
        groups = []
        for group in number.replace("+", "").split():
            words = []
            for digit in group:
                key = f"announce.digit.{digit}"
                self.fell_back |= self.t.language_of(key) is not None
                words.append(self.t(key))
            groups.append(" ".join(words))
        return ", ".join(groups)

    def call(self, hotline: Hotline, language: str) -> Part:
        self.hotlines = (*self.hotlines, hotline)
        name, name_language = hotline.name(language, self.source_language)
        key = "announce.call.free" if hotline.free else "announce.call"
        return Part("call", (self.t(key, name=name, number=self.digits(hotline.number)),), language,
                    fallback=name_language != language)

    def numbers(self, text: str, hotlines: tuple[Hotline, ...]) -> str:
        """The campaign's hotline numbers inside a text, spelled out as they are read."""
        for hotline in hotlines:
            written = r"[ .]?".join(re.escape(d) for d in hotline.number.replace(" ", ""))
            spoken = self.digits(hotline.number)
            text = re.sub(rf"(?<![\d\w]){written}(?![\d\w])", spoken.replace("\\", r"\\"), text)  # escaped: a template
        return text

    def digits_language(self, language: str) -> str:
        return self.source_language if self.fell_back else language


def plain_paragraphs(markdown_text: str) -> list[str]:
    """Markdown as the lines an announcer reads: one per paragraph or list item, links as their words."""
    lines: list[str] = []
    for node in markup.markdown_tree(markdown_text):
        _collect(node, lines)
    return [line for line in lines if line]


def _collect(node: dict, lines: list[str]) -> None:
    if node["t"] in ("ul", "ol", "blockquote", "li") and any(c["t"] in ("p", "ul", "ol") for c in node.get("c", [])):
        for child in node["c"]:
            _collect(child, lines)
    elif node["t"] in ("ul", "ol"):
        for child in node["c"]:
            lines.append(" ".join(_inline(child).split()))
    elif node["t"] != "hr":
        lines.append(" ".join(_inline(node).split()))


def _inline(node: dict) -> str:
    if node["t"] == "text":
        return node["v"]
    if node["t"] == "br":
        return " "
    return "".join(_inline(child) for child in node.get("c", []))


def length_problems(content: Content, strings: Mapping[str, Strings], languages: tuple[str, ...]) -> list[Problem]:
    """A warning for each announcement longer than 3 minutes, at `loudspeaker:` in campaign.yml."""
    problems = []
    for campaign in content.campaigns:
        for language in languages:
            announcement = compose(campaign, content, strings, language)
            if announcement.seconds > MAX_ANNOUNCEMENT_SECONDS:
                problems.append(_too_long(campaign, content, announcement))
    return problems


def _too_long(campaign: Campaign, content: Content, announcement: Announcement) -> Problem:
    path = campaign.folder / "campaign.yml"
    seconds = int(announcement.seconds)
    message = _("the loudspeaker announcement in {language} lasts about {length}, more than {minutes} minutes").format(
        language=announcement.language, length=f"{seconds // 60}:{seconds % 60:02d}", minutes=MAX_ANNOUNCEMENT_SECONDS // 60)
    hint = _("choose fewer or shorter sections: loudspeaker: [section-id, ...]")
    doc = content.documents.get(path)
    if doc is not None:
        return doc.problem(("loudspeaker",), message, hint, WARNING)
    return Problem(display_path(path), None, None, "loudspeaker", message, hint, WARNING)
