"""Contact sheets: one PNG per chapter with a frame for every caption, so a whole chapter is seen at once.

A reviewer reads a sheet instead of watching the video: each tile is the last still frame while its caption is
shown (the end of the hold, once the caption's animation has finished and before the next beat starts to move in,
a fade begins or the next caption arrives), numbered in order, with its caption under it. A caption shown only
over moving frames gets the last frame before the next caption.
"""

from __future__ import annotations

import re
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipeline.files import atomic_path

__all__ = ["caption_times", "contact_sheet"]

_CUE = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})\n(.*?)(?:\n\n|\Z)", re.S)
_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def caption_times(vtt: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of every cue of a WebVTT file written by :mod:`pipeline.subtitles`.

    >>> caption_times("WEBVTT\\n\\n00:00:00.500 --> 00:00:02.000\\na &lt; b\\n")
    [(0.5, 2.0, 'a < b')]
    """
    out = []
    for m in _CUE.finditer(vtt):
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in m.groups()[:8])
        text = m.group(9).rstrip("\n").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        out.append((h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, text))
    return out


STILL = 0.25  # mean absolute difference (of 255) of two 96-pixel-wide grey thumbnails below which nothing moved


def _still_frames(video: Path, cues: list[tuple[float, float, str]]) -> list[Image.Image]:
    """For each cue, the last frame of the longest run of still frames in its interval (the hold after the
    caption's animation; motion that eases in or out leaves short runs), else its last frame; one decoding pass."""
    best: list[tuple[int, object] | None] = [None] * len(cues)
    last_of: list[object | None] = [None] * len(cues)
    before, run, k = None, 0, 0
    with av.open(str(video)) as container:
        for frame in container.decode(video=0):
            t = frame.time or 0.0
            while k < len(cues) and t >= cues[k][1]:
                k, run = k + 1, 0
            thumb = frame.reformat(width=96, height=max(2, round(96 * frame.height / frame.width)), format="gray")
            grey = thumb.to_ndarray().astype(np.int16)
            still = before is not None and np.abs(grey - before).mean() < STILL
            before = grey
            if k >= len(cues) or t < cues[k][0]:
                continue
            run = run + 1 if still else 0
            if run and (best[k] is None or run >= best[k][0]):
                best[k] = (run, frame)
            last_of[k] = frame
    frames = [b[1] if b is not None else f for b, f in zip(best, last_of, strict=True)]
    fallback = next((f for f in reversed(frames) if f is not None), None)
    if fallback is None:
        return []
    return [(f or fallback).to_image() for f in frames]


def contact_sheet(video: Path, vtt: Path, dst: Path, columns: int = 4, tile_width: int = 480) -> int:
    """Write ``dst``: a grid of the last still frame of each caption of ``video``, with the caption under it.

    Returns the number of tiles.
    """
    cues = caption_times(vtt.read_text(encoding="utf-8"))
    frames = _still_frames(video, cues)
    if not frames:
        raise ValueError(f"{video} has no captions to show")
    w, h = frames[0].size
    tile_h = round(tile_width * h / w)
    font = ImageFont.truetype(_FONT, 15) if Path(_FONT).exists() else ImageFont.load_default()
    text_h = 64
    rows = -(-len(frames) // columns)
    sheet = Image.new("RGB", (columns * tile_width, rows * (tile_h + text_h)), "white")
    draw = ImageDraw.Draw(sheet)
    for k, (frame, (start, _, text)) in enumerate(zip(frames, cues, strict=True)):
        x, y = (k % columns) * tile_width, (k // columns) * (tile_h + text_h)
        sheet.paste(frame.convert("RGB").resize((tile_width, tile_h)), (x, y))
        caption = f"{k + 1}. {start:.1f}s {text}"
        lines = [caption[i : i + 34] for i in range(0, min(len(caption), 102), 34)]
        draw.multiline_text((x + 4, y + tile_h + 2), "\n".join(lines), fill="black", font=font, spacing=2)
    with atomic_path(dst) as tmp:
        sheet.save(tmp, format="PNG")
    return len(frames)
