"""Audio: the loudspeaker's section choice and the names of recordings, checked from the model.

`loudspeaker:` in campaign.yml must name sections of the source text. Every
file below `campaigns/<slug>/audio/` must be `<lang>/<item>.<ext>`: a site
language, an item a recording can read (script, title, summary, key-1..key-6,
a section id) and a recording format; one file per item. What is inside a file
(decodable, long enough, not silent) is judged by outputs/audio.py, which
alone opens recordings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..content.model import Campaign, Content
from ..content.problems import Problem, display_path
from ..content.kinds import did_you_mean
from ..content.spec import AUDIO_EXTENSIONS, RECORDED_FILE_NAME
from ..content.shared_files import not_a_site_language
from ..messages import _


def audio_problems(content: Content, languages: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    for campaign in content.campaigns:
        problems += loudspeaker_problems(campaign, content)
        problems += file_problems(campaign, languages)
    return problems


def loudspeaker_problems(campaign: Campaign, content: Content) -> Iterator[Problem]:
    if not campaign.loudspeaker:
        return
    doc = content.documents.get(campaign.folder / "campaign.yml")
    known = [s.id for s in campaign.source.sections]
    for index, section_id in enumerate(campaign.loudspeaker):
        if section_id not in known:
            message = _("no section has the id '{id}' in {file}").format(id=section_id, file=f"{campaign.source_language}.yml")
            hint = did_you_mean(section_id, known) or _("sections: {ids}").format(ids=", ".join(known))
            yield doc.problem(("loudspeaker", index), message, hint) if doc else \
                Problem(display_path(campaign.folder / "campaign.yml"), None, None, f"loudspeaker[{index}]", message, hint)


def file_problems(campaign: Campaign, languages: tuple[str, ...]) -> Iterator[Problem]:
    root = campaign.folder / "audio"
    seen: dict[tuple[str, str], Path] = {}
    for path in campaign.audio:
        relative = path.relative_to(root)
        if relative.as_posix() == RECORDED_FILE_NAME:
            continue
        problem = _name_problem(campaign, path, relative, languages)
        if problem:
            yield problem
            continue
        key = (relative.parts[0], path.stem)
        if key in seen:
            yield _problem(path, _("a second recording of '{item}' ({first} is the first)").format(item=path.stem, first=seen[key].name),
                           _("keep one of {first} and {second}").format(first=seen[key].name, second=path.name))
        seen.setdefault(key, path)


def _name_problem(campaign: Campaign, path: Path, relative: Path, languages: tuple[str, ...]) -> Problem | None:
    expected = _("recordings go in audio/<language>/<item>.<ext>, e.g. audio/hmn/key-1.mp3")
    if path.is_symlink():
        return _problem(path, _("the recording is a link"), _("copy the file itself into the folder"))
    if len(relative.parts) != 2:
        return _problem(path, _("this file is not in a language folder"), expected)
    language, ext, item = relative.parts[0], path.suffix.lower().lstrip("."), path.stem
    if language not in languages:
        return _problem(path, not_a_site_language(language, languages), did_you_mean(language, languages) or expected)
    if ext not in AUDIO_EXTENSIONS:
        return _problem(path, _("'.{ext}' is not a recording format Loa reads").format(ext=ext) if ext else _("the file has no extension"),
                        _("save it as {formats}").format(formats=", ".join(AUDIO_EXTENSIONS)))
    if item not in campaign.audio_items():
        return _problem(path, _("no item '{item}' to record in this campaign").format(item=item),
                        did_you_mean(item, campaign.audio_items()) or _("items: {items}").format(items=", ".join(campaign.audio_items())))
    return None


def _problem(path: Path, message: str, hint: str) -> Problem:
    return Problem(display_path(path), None, None, "", message, hint)
