"""Loa speaks: the loudspeaker announcement, recordings checked, normalised and encoded, and their status.

Every recording here is made by PyAV from FFmpeg's own generators (tests/audio_fixtures.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audio_fixtures import make_audio
from conftest import make_project
from loa import generate
from loa.glue.config import load_config
from loa.outputs import audio
from loa.outputs.announce import MAX_ANNOUNCEMENT_SECONDS, compose, plain_paragraphs
from loa.outputs.recordings import spoken_items


def _checked(project: Path):
    config = load_config(project / "mkdocs.yml")
    result = generate.check(config)
    assert result.ok, [p.format() for p in result.problems]
    return config, result


def _announcement(project: Path, language: str):
    config, result = _checked(project)
    return compose(result.content.campaigns[0], result.content, result.strings.loa, language)


def test_vietnamese_announcement_spells_hotlines_and_calls_twice(project):
    a = _announcement(project, "vi")
    kinds = [p.kind for p in a.parts]
    assert kinds[0] == "opening" and kinds[-1] == "closing"
    assert kinds.count("call") == 4  # two hotlines, at the start and again at the end
    assert kinds.index("title") < kinds.index("message") < kinds.index("section") < kinds.index("repeat")
    calls = [p.lines[0] for p in a.parts if p.kind == "call"]
    assert calls[0] == "Khi cần giúp đỡ, hãy gọi Tổng đài quốc gia bảo vệ trẻ em, số một một một, miễn phí."
    assert calls[1] == "Khi cần giúp đỡ, hãy gọi Công an, số một một ba, miễn phí."
    assert "Gọi một một một khi cần giúp đỡ, miễn phí." in a.script  # a key message's number, as it is said
    assert a.digits_language == "vi" and not a.draft


def test_default_sections_are_those_for_every_audience_or_border_villages(project):
    a = _announcement(project, "vi")
    assert [p.item for p in a.parts if p.kind == "section"] == ["warning-signs", "families"]


def test_loudspeaker_chooses_the_sections_in_its_order(project):
    campaign = project / "campaigns/demo/campaign.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "loudspeaker: [families]\n", encoding="utf-8")
    assert [p.item for p in _announcement(project, "vi").parts if p.kind == "section"] == ["families"]


def test_unknown_loudspeaker_section_is_an_error_with_its_line(project, run_loa):
    campaign = project / "campaigns/demo/campaign.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "loudspeaker: [warning-sign]\n", encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert ("campaigns/demo/campaign.yml:5:15: error: loudspeaker[0]: no section has the id 'warning-sign' in vi.yml\n"
            "  hint: did you mean 'warning-signs'?") in err


def test_hmong_digits_and_draft_mark(project):
    a = _announcement(project, "hmn")
    calls = [p.lines[0] for p in a.parts if p.kind == "call"]
    assert "ib ib ib" in calls[0] and "ib ib peb" in calls[1]
    assert a.digits_language == "hmn" and a.draft


def test_language_without_number_words_reads_digits_in_vietnamese_and_says_so(project):
    (project / "campaigns/demo/ium.yml").write_text("translation: {status: draft}\ntitle: Mingh Go Zoux Gong\n", encoding="utf-8")
    a = _announcement(project, "ium")
    assert "một một một" in a.parts[1].lines[0] and a.digits_language == "vi"
    from loa.outputs.sheet import sheet_data
    config, result = _checked(project)
    data = sheet_data(a, result.strings.loa, {lang.tag: lang.name for lang in config.languages}, None)
    assert data["notes"] == ["Dienh-waac nyei mbuox longc Tiếng Việt doc"]
    section = next(p for p in data["parts"] if p["kind"] == "section")
    assert section["lang"] == "vi" and section["note"]  # untranslated: read in Vietnamese, and the sheet says so


def test_spoken_length_from_the_language_pace_and_warning_past_three_minutes(project, run_loa):
    a = _announcement(project, "vi")
    assert a.words_per_minute == 140
    assert a.seconds == pytest.approx(a.words * 60 / 140 + len(a.parts) - 1)
    source = project / "campaigns/demo/vi.yml"
    # Sixty list items, not one: a single item that long would not fit a leaflet panel, which loa check refuses.
    long_text = "\n      - ".join(["Hãy hỏi người bạn tin tưởng trước khi đi làm xa."] * 60)
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Người lạ trả tiền đi đường.", long_text), encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 0
    assert f"more than {MAX_ANNOUNCEMENT_SECONDS // 60} minutes" in err and "campaigns/demo/campaign.yml" in err
    assert "hint: choose fewer or shorter sections: loudspeaker: [section-id, ...]" in err


def test_plain_paragraphs_read_lists_and_links_as_words():
    text = "Para with [a link](https://example.org) and **bold**.\n\n- one\n- two\n"
    assert plain_paragraphs(text) == ["Para with a link and bold.", "one", "two"]


# --- recordings ---------------------------------------------------------------------

BAD = [
    ("corrupt", "title.mp3", "the file cannot be read as a recording (Invalid data found when processing input)",
     "export it again from the recorder or phone as MP3, M4A or WAV"),
    ("wrong extension", "title.mp3", "the file is a WAV recording named .mp3", "rename it to title.wav"),
    ("40 minutes", "script.mp3", "the recording lasts 40:00; at most 10 minutes are published",
     "record each item on its own; the whole announcement should last about 3 minutes"),
    ("silence", "title.wav", "the recording is silent (loudness -70 LUFS, below -50)",
     "check that the microphone is on and not muted, then record it again"),
    ("unknown item", "titel.wav", "no item 'titel' to record in this campaign", "did you mean 'title'?"),
    ("unknown language", "../xx/title.wav", "'xx' is not one of the site's languages (vi, hmn, ium, tyz)",
     "recordings go in audio/<language>/<item>.<ext>, e.g. audio/hmn/key-1.mp3"),
    ("not a recording format", "title.aiff", "'.aiff' is not a recording format Loa reads", "save it as wav, mp3, m4a, ogg, opus, webm"),
]


def _bad_file(folder: Path, case: str, name: str) -> Path:
    path = (folder / name).resolve()
    if case == "corrupt":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"ID3" + b"\x00not sound" * 300)
    elif case == "wrong extension":
        make_audio(path.with_suffix(".wav"), seconds=1).rename(path)
    elif case == "40 minutes":
        make_audio(path, seconds=2400, rate=8000, layout="mono")
    elif case == "silence":
        make_audio(path, seconds=2, kind="silence")
    elif case == "not a recording format":
        make_audio(path.with_suffix(".wav"), seconds=1).rename(path)
    else:
        make_audio(path, seconds=1)
    return path


@pytest.mark.parametrize("case,name,message,hint", BAD, ids=[b[0] for b in BAD])
def test_bad_recording_gets_a_clear_error(project, run_loa, case, name, message, hint):
    path = _bad_file(project / "campaigns/demo/audio/vi", case, name)
    code, _, err = run_loa(project, "check")
    assert code == 1
    shown = path.relative_to(project).as_posix()
    assert f"{shown}: error: {message}\n  hint: {hint}" in err
    assert "Traceback" not in err


def test_size_is_checked_before_the_file_is_opened(tmp_path, monkeypatch):
    path = tmp_path / "title.wav"
    path.write_bytes(b"\0" * 2048)
    monkeypatch.setattr(audio, "MAX_BYTES", 1024)
    monkeypatch.setattr(audio, "measure", lambda _p: pytest.fail("decoded a file over the size limit"))
    measured, problems = audio.inspect(path)
    assert measured is None and problems[0].message == "the file has 0 MB, more than 0 MB"


@pytest.mark.parametrize("ext", ["wav", "mp3", "m4a", "ogg", "opus", "webm"])
def test_every_format_is_normalised_to_small_mono_mp3(tmp_path, ext):
    source = make_audio(tmp_path / f"in.{ext}", seconds=6, kind="tone", layout="stereo")
    encoded, problems = audio.publish(source, tmp_path / "cache")
    assert problems == []
    measured = audio.measure(encoded.path)
    assert measured.container == "mp3" and measured.seconds == pytest.approx(6, abs=0.1)
    assert measured.lufs == pytest.approx(audio.TARGET_LUFS, abs=1.0)  # a quiet tone (-21 LUFS) brought up
    import av
    with av.open(str(encoded.path)) as container:
        stream = container.streams.audio[0]
        assert (stream.codec_context.name, stream.channels, stream.rate) == ("mp3float", 1, 24000) or \
            (stream.codec_context.name[:3], stream.channels, stream.rate) == ("mp3", 1, 24000)
    assert encoded.size < 6 * 40_000 / 8 * 1.1  # 40 kbit/s


def test_encoding_is_cached_by_content(tmp_path):
    source = make_audio(tmp_path / "in.wav", seconds=2)
    first, _ = audio.publish(source, tmp_path / "cache")
    stamp = first.path.stat().st_mtime_ns
    again, _ = audio.publish(source, tmp_path / "cache")
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp
    make_audio(source, seconds=2, frequency=880)
    changed, _ = audio.publish(source, tmp_path / "cache")
    assert changed.path != first.path


def test_peak_limits_the_gain(tmp_path):
    noise = make_audio(tmp_path / "noise.wav", seconds=3, kind="noise")
    measured = audio.measure(noise)
    assert audio.gain_db(measured) == pytest.approx(min(audio.TARGET_LUFS - measured.lufs, audio.PEAK_DBTP - measured.peak), abs=0.01)


# --- recordings follow their text ---------------------------------------------------

def _status(run_loa, project, language="vi"):
    code, out, err = run_loa(project, "status", "--json")
    assert code == 0, err
    return next(r for r in json.loads(out) if r["campaign"] == "demo" and r["language"] == language)


def test_status_shows_recorded_missing_and_stale_and_follows_the_text(project, run_loa):
    folder = project / "campaigns/demo/audio/vi"
    make_audio(folder / "title.wav", seconds=2)
    make_audio(folder / "key-2.m4a", seconds=2)
    row = _status(run_loa, project)
    assert row["audio_recorded"] == [] and row["audio_stale"] == ["title", "key-2"]  # never marked: unknown words
    assert "script" in row["audio_missing"] and "title" not in row["audio_missing"]
    assert run_loa(project, "mark-recorded", "demo", "vi")[0] == 0
    row = _status(run_loa, project)
    assert row["audio_recorded"] == ["title", "key-2"] and row["audio_stale"] == []
    source = project / "campaigns/demo/vi.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Gọi 111 khi cần giúp đỡ, miễn phí.",
                                                                 "Gọi 111 khi cần giúp, miễn phí."), encoding="utf-8")
    row = _status(run_loa, project)
    assert row["audio_recorded"] == ["title"] and row["audio_stale"] == ["key-2"]
    make_audio(folder / "title.wav", seconds=2, frequency=700)  # a new file, not marked: its words are unknown
    assert _status(run_loa, project)["audio_stale"] == ["title", "key-2"]


def test_items_are_the_texts_the_page_shows(project):
    config, result = _checked(project)
    items = spoken_items(result.content.campaigns[0], result.content, result.strings.loa, "vi")
    assert list(items)[:4] == ["script", "title", "summary", "key-1"]
    assert items["warning-signs"].startswith("Dấu hiệu lừa đảo\n")


@pytest.mark.slow
def test_build_publishes_listening_pages_recordings_and_sheets(tmp_path, run_loa):
    project = make_project(tmp_path / "p", leaflets=True)
    folder = project / "campaigns/demo/audio"
    original = make_audio(folder / "vi/script.wav", seconds=8)
    make_audio(folder / "hmn/key-1.webm", seconds=2)
    assert run_loa(project, "mark-recorded", "demo", "vi")[0] == 0
    code, _, err = run_loa(project, "build", "--strict")
    assert code == 0, err
    site = project / "site"
    for prefix in ("", "hmn/", "ium/", "tyz/"):
        page = (site / prefix / "campaigns/demo/listen/index.html").read_text(encoding="utf-8")
        assert "một một một" in page or "ib ib ib" in page or "slam" in page
        assert (site / prefix / "campaigns/demo/index.html").read_text(encoding="utf-8").count('href="listen/"') == 1
    vi = (site / "campaigns/demo/listen/index.html").read_text(encoding="utf-8")
    [script] = list((site / "audio/demo/vi").glob("script-*.mp3"))
    assert f'<audio controls preload="none" src="../../../audio/demo/vi/{script.name}"></audio>' in vi
    assert "loa-audio__stale" not in vi
    assert script.stat().st_size < original.stat().st_size / 20
    hmn = (site / "hmn/campaigns/demo/listen/index.html").read_text(encoding="utf-8")
    assert "loa-audio__stale" in hmn  # never marked: played, and said to be perhaps out of date
    from pypdf import PdfReader
    text = PdfReader(site / "audio/demo/vi-loudspeaker.pdf").pages[0].extract_text()
    assert "Bài đọc trên loa" in text and "một một một" in text
    import zipfile
    with zipfile.ZipFile(site / "offline.zip") as offline:
        assert f"audio/demo/vi/{script.name}" in offline.namelist()


def test_an_announcers_sheet_is_dated_only_by_source_date_epoch(project, tmp_path, monkeypatch):
    """The same announcement makes the same bytes in any project folder: no build time in the PDF, and with
    SOURCE_DATE_EPOCH its date (as for leaflets)."""
    import io
    from pypdf import PdfReader
    from loa.outputs import sheet

    config, result = _checked(project)
    announcement = compose(result.content.campaigns[0], result.content, result.strings.loa, "vi")
    names = {language.tag: language.name for language in config.languages}

    def render(cache: str) -> bytes:
        return sheet.render_sheet(config.overrides_dir, announcement, result.strings.loa, names,
                                  result.content.publisher, tmp_path / cache)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert "/CreationDate" not in (PdfReader(io.BytesIO(render("a"))).metadata or {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = render("b")
    assert PdfReader(io.BytesIO(dated)).metadata["/CreationDate"].startswith("D:20260101000000")
    assert render("c") == dated
