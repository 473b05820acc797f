"""Media files through PyAV (bundled ffmpeg): probe a video, grab a frame, make an article-sized GIF."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

__all__ = ["VideoInfo", "frame_at", "mp4_to_gif", "probe"]

_CLEAR = 255  # palette index reserved for "unchanged since the previous frame" (transparent)


@dataclass(frozen=True)
class VideoInfo:
    """What a player sees of a video file."""

    codec: str
    width: int
    height: int
    frames: int
    duration: float
    fps: float


def probe(path: Path) -> VideoInfo:
    """Codec, size, frame count, duration and frame rate of ``path``. Frames are counted from the file's packets
    (one frame each in an H.264 MP4 and in a GIF), not read from its header, and without decoding a picture: at
    1080p decoding them all took longer than encoding them."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for packet in container.demux(stream) if packet.size)
        rate = float(stream.average_rate or stream.guessed_rate or 0)
        name = stream.codec_context.name
        width, height = stream.codec_context.width, stream.codec_context.height
        duration = frames / rate if rate else 0.0
        if name == "gif" and container.duration:
            duration = container.duration / av.time_base
    return VideoInfo(name, width, height, frames, duration, rate)


def frame_at(path: Path, seconds: float) -> Image.Image:
    """The frame shown at ``seconds`` (the last one if the video is shorter), decoded from the keyframe before it."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.time_base and seconds > 0:
            container.seek(int(seconds / stream.time_base), stream=stream, backward=True)
        last = _first_at(container.decode(stream), seconds)
    if last is None:
        raise ValueError(f"{path} has no video frames")
    return last.to_image()


def _first_at(frames, seconds: float):
    last = None
    for frame in frames:
        last = frame
        if frame.time is not None and frame.time >= seconds:
            break
    return last


def mp4_to_gif(src: Path, dst: Path, size: int = 640, fps: int = 10, threshold: int = 10) -> None:
    """Write an endlessly looping GIF of ``src`` with one palette made for this clip (no dithering).

    Frames are sampled at ``fps`` from the video's timeline and scaled so the longer side is ``size`` pixels
    (never enlarged; ffmpeg converts and scales in one pass). A pixel keeps its previous colour unless its palette
    colour changed and it moved more than ``threshold`` (of 255) away from it: video noise then leaves still areas
    byte-identical, and the GIF writer stores only the rectangle that really changed. Frame delays are exact to
    the centisecond GIF allows, alternating so the total duration stays true.
    """
    frames = _sample_frames(src, size, fps)
    palette = _clip_palette(frames)
    colors = np.array(palette.getpalette()[: 256 * 3], dtype=np.int16).reshape(-1, 3)
    shown: np.ndarray | None = None
    images: list[Image.Image] = []
    for frame in frames:
        idx = np.asarray(Image.fromarray(frame).quantize(palette=palette, dither=Image.Dither.NONE), dtype=np.uint8)
        out = idx
        if shown is not None:
            # a pixel whose palette colour did not change is still; of the others, those within the threshold of
            # the colour shown stay as they are too (only the changed pixels are measured: most of a frame is still)
            moved = np.flatnonzero(idx != shown)
            apart = np.abs(frame.reshape(-1, 3)[moved].astype(np.int16) - colors[shown.ravel()[moved]])  # (n, 3)
            near = np.maximum(np.maximum(apart[:, 0], apart[:, 1]), apart[:, 2])  # (max(axis=1): 1.7x as long)
            changed = moved[near > threshold]
            out = np.full(idx.shape, _CLEAR, dtype=np.uint8)
            out.ravel()[changed] = idx.ravel()[changed]
            shown = shown.copy()
            shown.ravel()[changed] = idx.ravel()[changed]
        else:
            shown = idx
        img = Image.fromarray(out, mode="P")
        img.putpalette(palette.getpalette())
        img.info["transparency"] = _CLEAR
        images.append(img)
    durations = _centisecond_durations(len(images), Fraction(1, fps))
    images[0].save(
        dst,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        loop=0,
        duration=durations,
        optimize=False,
        disposal=1,
        transparency=_CLEAR,
    )


def _sample_frames(src: Path, size: int, fps: int) -> list[np.ndarray]:
    """RGB frames (height × width × 3, uint8) of ``src`` at ``fps``, the longer side scaled to ``size`` by ffmpeg's
    area averaging (never enlarged), converted and scaled in one pass."""
    frames: list[np.ndarray] = []
    next_t = 0.0
    with av.open(str(src)) as container:
        stream = container.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        scale = min(1.0, size / max(width, height))
        target = (max(2, round(width * scale)), max(2, round(height * scale)))
        for frame in container.decode(stream):
            if frame.time is None or frame.time + 1e-6 < next_t:
                continue
            rgb = frame.reformat(width=target[0], height=target[1], format="rgb24", interpolation="AREA")
            frames.append(rgb.to_ndarray())
            next_t += 1.0 / fps
    if not frames:
        raise ValueError(f"{src} has no video frames")
    return frames


def _clip_palette(frames: list[np.ndarray]) -> Image.Image:
    """One 256-colour palette for the whole clip, from a mosaic of sampled frames."""
    sample = frames[:: max(1, len(frames) // 16)]
    return Image.fromarray(np.concatenate(sample, axis=0)).quantize(colors=_CLEAR, method=Image.Quantize.MEDIANCUT)


def _centisecond_durations(n: int, frame: Fraction) -> list[int]:
    """Milliseconds per frame, multiples of 10, whose running total tracks ``n * frame`` exactly.

    >>> _centisecond_durations(3, Fraction(1, 15))
    [70, 60, 70]
    """
    out, elapsed_cs = [], 0
    for k in range(1, n + 1):
        target_cs = round(k * frame * 100)
        out.append(int(target_cs - elapsed_cs) * 10)
        elapsed_cs = target_cs
    return out
