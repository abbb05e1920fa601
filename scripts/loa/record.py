"""Record: `loa record SLUG LANG`, a page on this computer that records each item from the microphone.

A small HTTP server on 127.0.0.1 (never another interface) serves one page
(overrides/loa/pages/record.html) listing the items of the listening page with
their texts; the browser records each with MediaRecorder and sends it here.
Each upload is bounded (MAX_UPLOAD bytes, read no further), addressed by an
item name checked against the campaign's items (never a path), carries the
page's secret token (another web page cannot post here), and is saved into
`campaigns/<slug>/audio/<lang>/<item>.<ext>` only once `audio` has read it
back (decodable, not silent, not too long). It is then marked as reading its
text as it is now. The server stops when the page says it is done, on Ctrl+C,
or after SESSION_SECONDS.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Mapping

import jinja2

from .content.files import CACHE_DIR, atomic_write
from .content.model import Campaign, Content
from .content.spec import AUDIO_EXTENSIONS
from .content.validate import audio_files
from .content.site import SiteConfig
from .messages import _
from .translation.strings import Strings
from .outputs import audio, recordings

MAX_UPLOAD = 40 * 1024 * 1024  # about 20 minutes of browser Opus: far beyond one item
SESSION_SECONDS = 3 * 60 * 60  # a forgotten session does not listen forever
TYPES = {"audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a", "audio/wav": "wav", "audio/mpeg": "mp3"}


class Recorder:
    """The state of one recording session: the campaign, language, items and where files go."""

    def __init__(self, config: SiteConfig, content: Content, strings: Mapping[str, Strings], campaign: Campaign,
                 language: str):
        self.config, self.content, self.strings = config, content, strings
        self.campaign, self.language = campaign, language
        self.items = recordings.spoken_items(campaign, content, strings, language)
        self.folder = campaign.folder / "audio" / language
        self.token = secrets.token_urlsafe(24)
        self.done = threading.Event()

    def page(self) -> bytes:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(self.config.overrides_dir / "loa" / "pages")),
                                 autoescape=True, undefined=jinja2.StrictUndefined)
        made = recordings.found(self.current(), self.language)
        items = [{"item": item, "text": text, "recorded": item in made} for item, text in self.items.items()]
        return env.get_template("record.html").render(
            t=self.strings[self.config.default_language], slug=self.campaign.slug, language=self.language,
            items=items, token=self.token, max_upload=MAX_UPLOAD).encode("utf-8")

    def save(self, item: str, content_type: str, data: bytes) -> tuple[int, str]:
        """Check and keep one recording; (HTTP status, message for the page)."""
        ext = TYPES.get(content_type.split(";")[0].strip().lower())
        if item not in self.items or ext not in AUDIO_EXTENSIONS:
            return 400, _("unknown item or sound type: {item}, {kind}").format(item=repr(item), kind=repr(content_type))
        target = self.folder / f"{item}.{ext}"
        if target.resolve().parent != self.folder.resolve():
            return 400, "refused"
        trial = self.config.root / CACHE_DIR / "record" / f"{item}.{ext}"
        atomic_write(trial, data)
        measured, problems = audio.inspect(trial)
        if measured is None:
            trial.unlink(missing_ok=True)
            return 422, problems[0].message
        for other in self.folder.glob(f"{item}.*"):
            if other.suffix.lstrip(".") in AUDIO_EXTENSIONS and other != target:
                other.unlink()  # one recording per item: the new one replaces the old, in any format
        atomic_write(target, trial.read_bytes())
        trial.unlink(missing_ok=True)
        self._mark(item)
        return 200, _("{item}: {seconds:.1f} s").format(item=item, seconds=measured.seconds)

    def _mark(self, item: str) -> None:
        recordings.mark_recorded(self.current(), self.content, self.strings, self.language, [item])

    def current(self) -> Campaign:
        """The campaign with the recordings now in its folder (the model was read before this session)."""
        return replace(self.campaign, audio=audio_files(self.campaign.folder))


def make_server(recorder: Recorder, port: int = 0) -> ThreadingHTTPServer:
    """The server, bound to 127.0.0.1 only; call serve_forever() and shutdown() around it."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            if not self._local():
                return
            if self.path == "/":
                self._reply(200, recorder.page(), "text/html; charset=utf-8")
            else:
                self._reply(404, b"not found", "text/plain")

        def do_POST(self) -> None:  # noqa: N802
            if not self._local() or self.headers.get("X-Loa-Token") != recorder.token:
                self._reply(403, b"refused", "text/plain")
                return
            if self.path == "/done":
                self._reply(200, b"{}", "application/json")
                recorder.done.set()
                return
            length = int(self.headers.get("Content-Length") or -1)
            if not self.path.startswith("/save/") or not 0 < length <= MAX_UPLOAD:
                self._reply(413 if length > MAX_UPLOAD else 400, json.dumps(
                    {"message": _("at most {size} MB per recording").format(size=MAX_UPLOAD // 1048576)},
                    ensure_ascii=False).encode(), "application/json")
                self.close_connection = True
                return
            status, message = recorder.save(self.path[len("/save/"):], self.headers.get("Content-Type", ""),
                                            self.rfile.read(length))
            self._reply(status, json.dumps({"message": message}, ensure_ascii=False).encode(), "application/json")

        def _local(self) -> bool:
            """Only this page's own address: a web page elsewhere cannot reach us through DNS tricks."""
            host, address = self.headers.get("Host", ""), self.server.server_address
            if not isinstance(address, tuple) or host != f"127.0.0.1:{address[1]}":
                self._reply(403, b"refused", "text/plain")
                return False
            return True

        def _reply(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass  # the terminal shows what was saved, not every request

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def run(recorder: Recorder, port: int = 0, open_browser: bool = True) -> int:
    """Serve until the page says it is done (or SESSION_SECONDS pass); returns how many items are recorded."""
    server = make_server(recorder, port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(_("recording {campaign} {language}: open {url} (Ctrl+C to stop)").format(
        campaign=recorder.campaign.slug, language=recorder.language, url=url))
    if open_browser:
        import webbrowser
        webbrowser.open(url)
    try:
        recorder.done.wait(SESSION_SECONDS)
    finally:
        server.shutdown()
        server.server_close()
    return len(recordings.found(recorder.current(), recorder.language))
