"""Recordings for tests, made with PyAV itself from FFmpeg's own generators: tones, noise, silence. No downloads."""

from __future__ import annotations

from pathlib import Path

import av

CODECS = {"wav": ("pcm_s16le", None), "mp3": ("libmp3lame", None), "m4a": ("aac", "mp4"), "ogg": ("libopus", "ogg"),
          "opus": ("libopus", "ogg"), "webm": ("libopus", "webm")}


def make_audio(path: Path, seconds: float = 3.0, kind: str = "tone", rate: int = 48000, layout: str = "stereo",
               frequency: int = 440) -> Path:
    """A recording at `path`, its format from the extension: a sine tone, white noise or silence."""
    sources = {"tone": ("sine", f"frequency={frequency}:duration={seconds}:sample_rate={rate}"),
               "noise": ("anoisesrc", f"duration={seconds}:amplitude=0.2:sample_rate={rate}"),
               "silence": ("anullsrc", f"r={rate}:cl={layout}:d={seconds}")}
    codec, container = CODECS[path.suffix.lstrip(".")]
    graph = av.filter.Graph()
    chain = [graph.add(*sources[kind]), graph.add("aformat", f"sample_fmts={'s16' if codec.startswith('pcm') else 'fltp'}:"
                                                              f"sample_rates={rate}:channel_layouts={layout}"),
             graph.add("abuffersink")]
    chain[0].link_to(chain[1])
    chain[1].link_to(chain[2])
    graph.configure()
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        while True:
            try:
                frame = graph.pull()
            except (av.BlockingIOError, av.EOFError):
                break
            frame.pts = None
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path
