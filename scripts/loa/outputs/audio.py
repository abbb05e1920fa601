"""Audio: the only module importing the audio library (PyAV, with the FFmpeg bundled in its wheel).

A recording is checked before anything is published: its size before it is
opened, its container against its file extension, its length from the header
before decoding (and again while decoding, for files that do not say), then
decoded once to measure its loudness with FFmpeg's ebur128 filter (EBU R128:
integrated loudness and true peak). A file that is corrupt, too long, too
short or silent is refused with a message naming the file.

Publishing normalises loudness with one linear gain to TARGET_LUFS, lowered if
needed so the true peak stays under PEAK_DBTP (speech keeps its dynamics; no
pumping, unlike a dynamic normaliser), then encodes mono MP3 at 40 kbit/s,
24 kHz (MPEG-2 Layer III): every browser decodes MP3 by itself (no operating
system codec, unlike AAC in Firefox on Linux) and so does every Android phone
since 1.0. docs/guide/audio.md has the measured sizes. Results are cached
under a hash of the file's bytes and these settings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, TypedDict

import av

from ..content.files import atomic_path, atomic_write
from ..content.problems import Problem, display_path
from ..messages import _

CONTAINERS = {"wav": "wav", "mp3": "mp3", "m4a": "mp4", "ogg": "ogg", "opus": "ogg", "webm": "webm"}
MAX_BYTES = 150 * 1024 * 1024  # a 10-minute stereo WAV at 48 kHz, 24 bits, is 165 MB: ask for 16 bits or a compressed file
MAX_RECORDING_SECONDS = 10 * 60  # the whole announcement is meant to last 3 minutes; a single item much less
MIN_SECONDS = 0.5
SILENT_LUFS = -50.0  # speech recorded on any phone is far above this; a muted microphone is below it
TARGET_LUFS = -16.0  # loud enough for a phone's small speaker (EBU R128 measurement, AES streaming target)
PEAK_DBTP = -1.5  # headroom for the encoder's overshoot


class Encoding(TypedDict):
    codec: Literal["libmp3lame"]  # one of PyAV's audio codec names: add_stream then gives an audio stream
    container: str
    ext: str
    bit_rate: int
    rate: int


ENCODING: Encoding = {"codec": "libmp3lame", "container": "mp3", "ext": "mp3", "bit_rate": 40_000, "rate": 24_000}
MONO = "sample_fmts=flt:channel_layouts=mono"
ENCODER_VERSION = f"av {av.__version__}; {json.dumps(ENCODING, sort_keys=True)}; R128 {TARGET_LUFS} {PEAK_DBTP}"


@dataclass(frozen=True)
class Measured:
    seconds: float
    lufs: float  # integrated loudness
    peak: float  # true peak, dBTP
    container: str


@dataclass(frozen=True)
class Encoded:
    """A published recording: its bytes are in the cache at `path`."""

    path: Path
    seconds: float
    size: int  # bytes, encoded
    original_size: int
    digest: str  # of the original file: names the published file, so a new recording is a new address


class AudioProblem(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def inspect(path: Path, cache_dir: Path | None = None) -> tuple[Measured | None, list[Problem]]:
    """Measure a recording, or say what is wrong with it. Cached by content hash when cache_dir is given."""
    try:
        _checked_size(path)  # before anything is opened or decoded
        digest = file_digest(path)
        cached = _cached_measure(cache_dir, digest)
        measured = cached or measure(path)
        _check_measure(measured)
        if cache_dir is not None and cached is None:
            _save_measure(cache_dir, digest, measured)
        return measured, []
    except AudioProblem as problem:
        return None, [Problem(display_path(path), None, None, "", problem.message, problem.hint)]


def _checked_size(path: Path) -> int:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise AudioProblem(_("the file has {size:.0f} MB, more than {limit} MB").format(
                               size=size / 1048576, limit=MAX_BYTES // 1048576),
                           _("save it as MP3 or M4A, or as a 16-bit mono WAV; a single item lasts a few minutes at most"))
    if size == 0:
        raise AudioProblem(_("the file is empty"), _("record it again"))
    return size


def measure(path: Path) -> Measured:
    """Open, check the container and the length, decode and measure. Raises AudioProblem."""
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            kind = _check_container(path, container)
            stream = container.streams.audio[0]
            if container.duration and container.duration / 1_000_000 > MAX_RECORDING_SECONDS:
                raise _too_long(container.duration / 1_000_000)
            seconds, metadata = _loudness(container, stream)
    except (av.error.FFmpegError, UnicodeDecodeError, IndexError, ValueError) as error:
        raise AudioProblem(_("the file cannot be read as a recording ({reason})").format(reason=_reason(error)),
                           _("export it again from the recorder or phone as MP3, M4A or WAV")) from None
    lufs = float(metadata.get("lavfi.r128.I", "-70"))
    peak = _db(float(metadata.get("lavfi.r128.true_peak", "0")))
    return Measured(round(seconds, 3), lufs, peak, kind)


def _check_container(path: Path, container) -> str:
    ext = path.suffix.lower().lstrip(".")
    names = container.format.name.split(",")
    if not container.streams.audio:
        raise AudioProblem(_("the file holds no sound"), _("record it again"))
    if CONTAINERS.get(ext) not in names and not (ext == "webm" and "matroska" in names):
        actual = next((e for e, c in CONTAINERS.items() if c in names), names[0])
        raise AudioProblem(_("the file is a {kind} recording named .{extension}").format(kind=actual.upper(), extension=ext),
                           _("rename it to {name}").format(name=f"{path.stem}.{actual}"))
    return names[0]


def _loudness(container, stream) -> tuple[float, dict]:
    """Decode once through ebur128; stops as soon as the sound passes MAX_RECORDING_SECONDS (headers may not say)."""
    graph = av.filter.Graph()
    chain = [graph.add_abuffer(template=stream), graph.add("aformat", MONO),
             graph.add("ebur128", "peak=true:metadata=1"), graph.add("abuffersink")]
    _link(graph, chain)
    samples, rate = 0, stream.rate or 48000
    metadata: dict = {}
    for frame in container.decode(stream):
        samples += frame.samples
        if samples / rate > MAX_RECORDING_SECONDS:
            raise _too_long(None)
        graph.push(frame)
        metadata = _drain(graph) or metadata
    graph.push(None)
    metadata = _drain(graph) or metadata
    return samples / rate, metadata


def _link(graph, chain: list) -> None:
    """Connect the filters one after the other and make the graph ready."""
    for first, second in zip(chain, chain[1:], strict=False):
        first.link_to(second)
    graph.configure()


def _drain(graph) -> dict:
    last = None
    while True:
        try:
            last = graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return dict(last.metadata) if last is not None else {}


def _check_measure(measured: Measured) -> None:
    if measured.seconds > MAX_RECORDING_SECONDS:
        raise _too_long(measured.seconds)
    if measured.seconds < MIN_SECONDS:
        raise AudioProblem(_("the recording lasts {seconds:.1f} s, less than {minimum} s").format(
                               seconds=measured.seconds, minimum=MIN_SECONDS), _("record it again"))
    if measured.lufs < SILENT_LUFS:
        raise AudioProblem(_("the recording is silent (loudness {lufs:.0f} LUFS, below {silent:.0f})").format(
                               lufs=measured.lufs, silent=SILENT_LUFS),
                           _("check that the microphone is on and not muted, then record it again"))


def _too_long(seconds: float | None) -> AudioProblem:
    if seconds:
        message = _("the recording lasts {length}; at most {minutes} minutes are published").format(
            length=f"{int(seconds) // 60}:{int(seconds) % 60:02d}", minutes=MAX_RECORDING_SECONDS // 60)
    else:
        message = _("the recording is longer than that; at most {minutes} minutes are published").format(
            minutes=MAX_RECORDING_SECONDS // 60)
    return AudioProblem(message, _("record each item on its own; the whole announcement should last about 3 minutes"))


def _reason(error: Exception) -> str:
    text = getattr(error, "strerror", None) or str(error)
    return text.split(":")[0].strip()[:80] or error.__class__.__name__


def _db(linear: float) -> float:
    import math
    return 20 * math.log10(linear) if linear > 0 else -120.0


def gain_db(measured: Measured) -> float:
    """One gain that brings the loudness to TARGET_LUFS, less if the peak would pass PEAK_DBTP."""
    return round(min(TARGET_LUFS - measured.lufs, PEAK_DBTP - measured.peak), 2)


def publish(path: Path, cache_dir: Path) -> tuple[Encoded | None, list[Problem]]:
    """The normalised, encoded recording (from the cache when the same file was encoded before)."""
    measured, problems = inspect(path, cache_dir)
    if measured is None:
        return None, problems
    digest = file_digest(path)
    target = cache_dir / f"{_key(digest)}.{ENCODING['ext']}"
    if not target.is_file():
        with atomic_path(target) as temporary:
            encode(path, temporary, gain_db(measured))
    return Encoded(target, measured.seconds, target.stat().st_size, path.stat().st_size, digest), []


def encode(source: Path, target: Path, gain: float) -> None:
    """Decode, mix to mono, apply the gain, resample and encode (ENCODING) into `target`."""
    with av.open(str(source), metadata_errors="ignore") as container, av.open(str(target), "w", format=ENCODING["container"]) as out:
        stream = container.streams.audio[0]
        encoder = out.add_stream(ENCODING["codec"], rate=ENCODING["rate"], layout="mono")
        encoder.bit_rate = ENCODING["bit_rate"]
        graph = av.filter.Graph()
        chain = [graph.add_abuffer(template=stream), graph.add("aformat", MONO),  # mixed as measured
                 graph.add("volume", f"volume={gain}dB"),
                 graph.add("aresample", f"{ENCODING['rate']}"),
                 graph.add("aformat", f"sample_fmts=s16p:sample_rates={ENCODING['rate']}:channel_layouts=mono"),
                 graph.add("abuffersink")]
        _link(graph, chain)
        for frame in container.decode(stream):
            graph.push(frame)
            _encode_ready(graph, encoder, out)
        graph.push(None)
        _encode_ready(graph, encoder, out)
        for packet in encoder.encode(None):
            out.mux(packet)


def _encode_ready(graph, encoder, out) -> None:
    while True:
        try:
            frame = graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return
        frame.pts = None
        for packet in encoder.encode(frame):
            out.mux(packet)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _key(digest: str) -> str:
    return hashlib.sha256(f"{ENCODER_VERSION}\n{digest}".encode()).hexdigest()


def _cached_measure(cache_dir: Path | None, digest: str) -> Measured | None:
    if cache_dir is None:
        return None
    path = cache_dir / f"{_key(digest)}.json"
    try:
        return Measured(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _save_measure(cache_dir: Path, digest: str, measured: Measured) -> None:
    atomic_write(cache_dir / f"{_key(digest)}.json", json.dumps(asdict(measured)).encode("utf-8"))
