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
    """Codec, size, frame count (decoded, not guessed), duration and frame rate of ``path``."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        rate = float(stream.average_rate or stream.guessed_rate or 0)
        name = stream.codec_context.name
        width, height = stream.codec_context.width, stream.codec_context.height
        duration = frames / rate if rate else 0.0
        if name == "gif" and container.duration:
            duration = container.duration / av.time_base
    return VideoInfo(name, width, height, frames, duration, rate)


def frame_at(path: Path, seconds: float) -> Image.Image:
    """The frame shown at ``seconds`` (the last one if the video is shorter)."""
    last = None
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            last = frame
            if frame.time is not None and frame.time >= seconds:
                break
    if last is None:
        raise ValueError(f"{path} has no video frames")
    return last.to_image()


def mp4_to_gif(src: Path, dst: Path, size: int = 640, fps: int = 10, threshold: int = 10) -> None:
    """Write an endlessly looping GIF of ``src`` with one palette made for this clip (no dithering).

    Frames are sampled at ``fps`` from the video's timeline and scaled so the longer side is ``size`` pixels
    (never enlarged). A pixel keeps its
    previous colour unless it moved more than ``threshold`` (of 255) away from it: video noise then leaves still
    areas byte-identical, and the GIF writer stores only the rectangle that really changed. Frame delays are
    exact to the centisecond GIF allows, alternating so the total duration stays true.
    """
    frames = _sample_frames(src, size, fps)
    palette = _clip_palette(frames)
    colors = np.array(palette.getpalette()[: 256 * 3], dtype=np.int16).reshape(-1, 3)
    shown: np.ndarray | None = None
    images: list[Image.Image] = []
    for frame in frames:
        idx = np.asarray(frame.quantize(palette=palette, dither=Image.Dither.NONE), dtype=np.uint8)
        out = idx
        if shown is not None:
            rgb = np.asarray(frame, dtype=np.int16)
            still = np.abs(rgb - colors[shown]).max(axis=2) <= threshold
            shown = np.where(still, shown, idx).astype(np.uint8)
            out = np.where(still, _CLEAR, idx).astype(np.uint8)
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


def _sample_frames(src: Path, size: int, fps: int) -> list[Image.Image]:
    """RGB frames of ``src`` at ``fps``, the longer side resized to ``size`` (Lanczos, never enlarged)."""
    frames: list[Image.Image] = []
    next_t = 0.0
    with av.open(str(src)) as container:
        for frame in container.decode(video=0):
            if frame.time is None or frame.time + 1e-6 < next_t:
                continue
            img = frame.to_image().convert("RGB")
            scale = min(1.0, size / max(img.size))
            target = (max(2, round(img.width * scale)), max(2, round(img.height * scale)))
            frames.append(img.resize(target, Image.Resampling.LANCZOS) if scale < 1 else img)
            next_t += 1.0 / fps
    if not frames:
        raise ValueError(f"{src} has no video frames")
    return frames


def _clip_palette(frames: list[Image.Image]) -> Image.Image:
    """One 256-colour palette for the whole clip, from a mosaic of sampled frames."""
    sample = frames[:: max(1, len(frames) // 16)]
    w, h = sample[0].size
    mosaic = Image.new("RGB", (w, h * len(sample)))
    for k, img in enumerate(sample):
        mosaic.paste(img.convert("RGB"), (0, k * h))
    return mosaic.quantize(colors=_CLEAR, method=Image.Quantize.MEDIANCUT)


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
