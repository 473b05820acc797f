"""Render settings: quality presets and aspect ratios as Manim config dictionaries."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ASPECTS", "QUALITIES", "RenderSettings"]

# name -> (pixel height of the short side, frames per second)
QUALITIES = {"draft": (480, 15), "low": (480, 30), "medium": (720, 30), "high": (1080, 30), "4k": (2160, 30)}
ASPECTS = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1)}
FORMATS = ("mp4", "gif", "png")


@dataclass(frozen=True)
class RenderSettings:
    """How to render: quality, aspect and theme. ``frame_height`` in scene units stays 8 for landscape."""

    quality: str = "draft"
    aspect: str = "16:9"
    theme: str = "dark"

    @property
    def pixel_size(self) -> tuple[int, int]:
        """(width, height) in pixels, both even (H.264 needs it).

        >>> RenderSettings("high", "9:16").pixel_size, RenderSettings("draft").pixel_size
        ((1080, 1920), (854, 480))
        >>> RenderSettings("4k").pixel_size, RenderSettings("medium", "1:1").pixel_size
        ((3840, 2160), (720, 720))
        """
        short, _ = QUALITIES[self.quality]
        aw, ah = ASPECTS[self.aspect]
        if aw >= ah:
            return _even(short * aw / ah), short
        return short, _even(short * ah / aw)

    @property
    def fps(self) -> int:
        """Frames per second of the video."""
        return QUALITIES[self.quality][1]

    @property
    def frame_size(self) -> tuple[float, float]:
        """(frame_width, frame_height) in scene units: 8 units on the short side, so text keeps its size."""
        w, h = self.pixel_size
        return (8.0 * w / h, 8.0) if w >= h else (8.0, 8.0 * h / w)

    def manim_config(self) -> dict:
        """The Manim config keys these settings fix."""
        w, h = self.pixel_size
        fw, fh = self.frame_size
        return {"pixel_width": w, "pixel_height": h, "frame_rate": self.fps, "frame_width": fw, "frame_height": fh}


def _even(x: float) -> int:
    return int(round(x / 2)) * 2
