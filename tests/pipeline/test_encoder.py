"""pipeline/encoder.py: a segment written with each frame converted once is Manim's segment, byte for byte."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from pipeline import encoder

# (frame, repeat): moving frames, a held one, a frame after the hold; odd sizes test the chroma rounding
HOLDS = (1, 1, 7, 1, 3, 1)


def _frames(height: int, width: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 256, (height, width, 4), dtype=np.uint8)
    frames = []
    for k in range(len(HOLDS)):  # a moving square over noise: x264 finds motion and still parts
        frame = base.copy()
        frame[..., 3] = 255
        frame[10 + 3 * k : 40 + 3 * k, 20 + 5 * k : 60 + 5 * k, :3] = (200, 40, 90)
        frames.append(frame)
    return frames


def _segment(path, frames, spec) -> bytes:
    segment = VideoSegmentEncoder(target=path, spec=spec)
    for frame, repeat in zip(frames, HOLDS, strict=True):
        segment.write_frame(frame.copy(), repeat=repeat)  # a copy: the writer owns what it is given
    segment.finish()
    return path.read_bytes()


@pytest.mark.parametrize(("width", "height", "options"), [(160, 90, (("crf", "23"),)), (96, 170, ())])
def test_same_bytes_as_manims_encoder(tmp_path, width, height, options) -> None:
    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", width, height, Fraction(15), options)
    frames = _frames(height, width, width)
    encoder.uninstall()
    try:
        manims = _segment(tmp_path / "manim.mp4", frames, spec)
    finally:
        encoder.install()
    ours = _segment(tmp_path / "ours.mp4", frames, spec)
    assert len(ours) > 1000
    assert ours == manims


def test_refuses_what_manim_refuses(tmp_path) -> None:
    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", 64, 32, Fraction(15), ())
    encoder.install()
    segment = VideoSegmentEncoder(target=tmp_path / "x.mp4", spec=spec)
    with pytest.raises(ValueError, match="shape"):
        segment.write_frame(np.zeros((32, 48, 4), np.uint8))
    with pytest.raises(ValueError, match="repeat"):
        segment.write_frame(np.zeros((32, 64, 4), np.uint8), repeat=0)
    segment.abort()
