"""Contact sheets: one PNG per chapter with the frame at the end of every caption, so a whole chapter is seen at once.

A reviewer reads a sheet instead of watching the video: each tile is the frame just before the next caption
appears (the moment that caption's animation has finished), numbered in order, with its caption under it.
"""

from __future__ import annotations

import re
from pathlib import Path

import av
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
        text = m.group(9).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        out.append((h1 * 3600 + m1 * 60 + s1 + ms1 / 1000, h2 * 3600 + m2 * 60 + s2 + ms2 / 1000, text))
    return out


def _frames(video: Path, times: list[float]) -> list[Image.Image]:
    """The frames shown at ``times`` (ascending), decoding the video once."""
    out: list[Image.Image] = []
    last = None
    with av.open(str(video)) as container:
        for frame in container.decode(video=0):
            while len(out) < len(times) and frame.time is not None and frame.time > times[len(out)]:
                out.append((last or frame).to_image())
            last = frame
            if len(out) == len(times):
                break
    while len(out) < len(times) and last is not None:
        out.append(last.to_image())
    return out


def contact_sheet(video: Path, vtt: Path, dst: Path, columns: int = 4, tile_width: int = 480) -> int:
    """Write ``dst``: a grid of the frame at the end of each caption of ``video``, with the caption under it.

    Returns the number of tiles.
    """
    cues = caption_times(vtt.read_text(encoding="utf-8"))
    times = [max(start, end - 0.1) for start, end, _ in cues]
    frames = _frames(video, times)
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
