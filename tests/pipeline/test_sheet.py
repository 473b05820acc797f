"""Contact sheets show each caption over its own picture: the last still frame of the caption's longest hold, not
the frame at its very end (which often already shows the next beat moving in, or a fade)."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
from PIL import Image

from pipeline.sheet import _still_frames, caption_times, contact_sheet

FPS = 10


def _video(path, levels: list[int]) -> None:
    """An MP4 of grey frames, one per entry of ``levels`` (0-255), at ``FPS``."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        stream.codec_context.time_base = Fraction(1, FPS)
        for k, level in enumerate(levels):
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), level, dtype=np.uint8), format="rgb24")
            frame.pts = k
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


def _vtt(path, cues: list[tuple[float, float, str]]) -> None:
    def stamp(t: float) -> str:
        return f"00:00:{int(t):02d}.{round((t % 1) * 1000):03d}"

    body = "".join(f"{stamp(a)} --> {stamp(b)}\n{text}\n\n" for a, b, text in cues)
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")


def test_each_caption_gets_the_end_of_its_hold_not_the_next_beat_moving_in(tmp_path):
    # caption 1 (0-2 s): its picture holds at grey 40 for 1.2 s, then the next beat fades in (40 -> 200) before
    # caption 2 (2-3 s) appears over the still grey 200
    levels = [40] * 12 + [40 + 20 * k for k in range(1, 9)] + [200] * 10
    video, vtt = tmp_path / "c.mp4", tmp_path / "c.vtt"
    _video(video, levels)
    _vtt(vtt, [(0.0, 2.0, "one"), (2.0, 3.0, "two")])
    frames = _still_frames(video, caption_times(vtt.read_text()))
    means = [float(np.asarray(f.convert("L")).mean()) for f in frames]
    assert abs(means[0] - 40) < 6, means  # the frame at the cue's end (1.9 s) would be about 200
    assert abs(means[1] - 200) < 6, means


def test_a_caption_over_motion_only_gets_its_last_frame(tmp_path):
    levels = [20 * k for k in range(10)] + [200] * 10  # caption 1 only ever moves
    video, vtt = tmp_path / "m.mp4", tmp_path / "m.vtt"
    _video(video, levels)
    _vtt(vtt, [(0.0, 1.0, "moving"), (1.0, 2.0, "still")])
    frames = _still_frames(video, caption_times(vtt.read_text()))
    assert len(frames) == 2
    assert abs(float(np.asarray(frames[0].convert("L")).mean()) - 180) < 12
    n = contact_sheet(video, vtt, tmp_path / "sheet.png", columns=2, tile_width=64)
    with Image.open(tmp_path / "sheet.png") as sheet:
        assert n == 2 and sheet.width == 128
