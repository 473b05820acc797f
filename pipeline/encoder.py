"""Manim's video segments encoded with each frame converted once, however long it is held.

Manim's segment encoder (``VideoSegmentEncoder.write_frame``) takes a frame and how many times it repeats (a
``wait`` over a still picture is one frame repeated), and for every repeat copies the RGBA array into a new
``VideoFrame`` and converts it to the encoder's YUV again: at 1080p that is 5.8 ms of copying and 4.8 ms of
conversion for each frame of video, on the encoder's thread, which is the one the drawing waits for at 1080p.
:func:`install` makes it wrap the array without copying it, convert it once (the same conversion, with the same
call, as PyAV makes inside ``encode``) and hand the converted frame to x264 once per repeat, each time with its
own timestamp. The encoder receives the same pictures with the same timestamps, so the file is the same, byte for
byte (``tests/pipeline/test_encoder.py``).
"""

from __future__ import annotations

from fractions import Fraction

import av
from manim.scene.video_segment_encoder import VideoSegmentEncoder

__all__ = ["install", "uninstall"]

_manims = VideoSegmentEncoder.write_frame


def _write_frame(self: VideoSegmentEncoder, pixels, *, repeat: int = 1) -> None:
    self._validate_frame(pixels, repeat)  # (height, width, 4) uint8, C-contiguous, as Manim checks it
    rate = self.spec.frame_rate
    time_base = Fraction(rate.denominator, rate.numerator)
    try:
        context = self._stream.codec_context
        rgba = av.VideoFrame.from_numpy_buffer(pixels, format="rgba")  # a view: read once, by the conversion
        frame = rgba.reformat(context.width, context.height, context.format, threads=context.thread_count)
        for _ in range(repeat):  # x264 copies each picture it is given, so one frame can be sent again
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error


def install() -> None:
    """Make Manim's segment encoder convert each frame once (idempotent)."""
    VideoSegmentEncoder.write_frame = _write_frame


def uninstall() -> None:
    """Manim's own encoder again (the test compares the two)."""
    VideoSegmentEncoder.write_frame = _manims
