"""Loa speaks, in Chromium: the listening page plays its recordings and fetches nothing before a tap;
`loa record` records from Chromium's fake microphone straight into the audio folder."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from audio_fixtures import make_audio
from conftest import loa_in, make_project
from webserver import StaticServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path("/work/helpers/shots/h16")


@pytest.fixture(scope="module")
def spoken_site(tmp_path_factory):
    """The demo campaign with a Vietnamese script recording (marked) and a Hmong key message (never marked)."""

    project = make_project(tmp_path_factory.mktemp("spoken") / "p")
    make_audio(project / "campaigns/demo/audio/vi/script.wav", seconds=6)
    make_audio(project / "campaigns/demo/audio/vi/title.m4a", seconds=2, frequency=600)
    make_audio(project / "campaigns/demo/audio/hmn/key-1.ogg", seconds=2)
    assert loa_in(project, "mark-recorded", "demo", "vi") == 0
    assert loa_in(project, "build") == 0
    with StaticServer(project / "site") as url:
        yield url


def _audio_requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "/audio/" in request.url else None)
    return seen


def test_listening_page_fetches_no_sound_until_tapped_then_plays(browser, spoken_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    fetched = _audio_requests(page)
    page.goto(spoken_site + "campaigns/demo/listen/", wait_until="networkidle")
    assert fetched == []  # preload="none": the page costs no audio bytes
    players = page.locator("audio")
    assert players.count() == 2
    assert page.evaluate("[...document.querySelectorAll('audio')].every(a => a.preload === 'none')")
    page.evaluate("document.querySelector('audio').play()")  # what a tap on play does
    page.wait_for_function("document.querySelector('audio').currentTime > 1", timeout=15000)
    played = page.evaluate("document.querySelector('audio').currentTime")
    assert played > 1 and any("/audio/demo/vi/script-" in url for url in fetched)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "listen-vi-playing.png"), full_page=False)
    print(f"listening page played to currentTime={played:.2f}s; audio requests: {fetched}")
    context.close()


def test_listening_page_within_the_campaign_page_budget(browser, spoken_site):
    """The budgets of tests/test_browser.py hold for a listening page with recordings: their sound is not counted."""
    from test_browser import FIRST_VISIT_BYTES, FIRST_VISIT_REQUESTS, PHONE, Traffic, record

    for prefix in ("", "hmn/"):
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(spoken_site + prefix + "campaigns/demo/listen/", wait_until="networkidle")
        urls = [u for u, _ in traffic.requests]
        record(f"listening page {prefix or 'vi/'}", {"requests": len(urls), "bytes": traffic.bytes, "urls": urls})
        assert len(urls) <= FIRST_VISIT_REQUESTS and traffic.bytes <= FIRST_VISIT_BYTES, urls
        assert not any("/audio/" in u for u in urls)
        context.close()


def test_campaign_page_fetches_no_sound(browser, spoken_site):
    context = browser.new_context()
    page = context.new_page()
    fetched = _audio_requests(page)
    page.goto(spoken_site + "campaigns/demo/", wait_until="networkidle")
    page.click("text=Nghe chiến dịch này")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/campaigns/demo/listen/") and fetched == []
    context.close()


def test_stale_recording_is_played_with_a_warning(browser, spoken_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(spoken_site + "hmn/campaigns/demo/listen/")
    figure = page.locator("figure.loa-audio")
    assert figure.count() == 1
    assert figure.locator(".loa-audio__stale").is_visible()
    context.close()


# --- loa record ---------------------------------------------------------------------

@pytest.fixture
def recorder(tmp_path):
    from loa import generate, record
    from loa.glue.config import load_config

    project = make_project(tmp_path / "p")
    config = load_config(project / "mkdocs.yml")
    result = generate.check(config)
    session = record.Recorder(config, result.content, result.strings.loa, result.content.campaigns[0], "vi")
    server = record.make_server(session)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield session, f"http://127.0.0.1:{server.server_address[1]}/", project
    server.shutdown()
    server.server_close()


def test_record_saves_from_the_fake_microphone(recorder, browsers):
    session, url, project = recorder
    chromium = browsers("Roboto", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream")
    context = chromium.new_context()
    page = context.new_page()
    page.goto(url)
    page.click("#items button:text-is('title')")
    assert page.locator("#text").inner_text().strip() == "Đi làm xa an toàn"
    page.click("#start")
    page.wait_for_timeout(2500)
    page.click("#stop")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Đã lưu')", timeout=20000)
    page.click("#finish")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Đã đóng')")
    context.close()
    assert session.done.is_set()
    [saved] = list((project / "campaigns/demo/audio/vi").glob("title.*"))
    assert saved.suffix == ".webm"
    from loa.outputs import audio
    measured = audio.measure(saved)
    assert measured.seconds > 1.5 and measured.lufs > audio.SILENT_LUFS
    assert "title" in (project / "campaigns/demo/audio/recorded.yml").read_text(encoding="utf-8")


def _post(url: str, data: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _declared_too_big(url: str, token: str) -> int:
    import http.client
    from urllib.parse import urlsplit

    from loa import record

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.putrequest("POST", "/save/title")
    for name, value in (("X-Loa-Token", token), ("Content-Type", "audio/webm"), ("Content-Length", str(record.MAX_UPLOAD + 1))):
        connection.putheader(name, value)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_record_refuses_foreign_pages_paths_and_oversized_uploads(recorder):
    session, url, project = recorder
    sound = make_audio(project / "t.webm", seconds=1).read_bytes()
    good = {"X-Loa-Token": session.token, "Content-Type": "audio/webm"}
    assert _post(url + "save/title", sound, {"Content-Type": "audio/webm"}) == 403  # no token: another page
    assert _post(url + "save/..%2F..%2Fcampaign", sound, good) == 400
    assert _post(url + "save/../hmn/title", sound, good) == 400
    assert _post(url + "save/nonsense", sound, good) == 400
    assert _post(url + "save/title", sound, {**good, "Content-Type": "text/html"}) == 400
    silence = make_audio(project / "s.webm", seconds=2, kind="silence").read_bytes()
    assert _post(url + "save/title", silence, good) == 422
    assert _declared_too_big(url, session.token) == 413  # refused from its header: the body is never read
    assert not (project / "campaigns/demo/audio/vi").exists()
    assert _post(url + "save/title", sound, good) == 200
    assert (project / "campaigns/demo/audio/vi/title.webm").is_file()
