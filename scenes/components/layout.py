"""Frame-aware placement: everything is sized from the current frame, so 16:9, 9:16 and 1:1 all fit."""

from __future__ import annotations

from manim import Mobject, config

__all__ = ["CAPTION_BAND", "caption_top", "fit", "fit_area", "frame_box", "is_portrait"]

CAPTION_BAND = 1.45  # frame height kept at the bottom for the caption (up to two lines) and its margin


def frame_box() -> tuple[float, float]:
    """Usable width and height of the frame in scene units (margins and caption band removed)."""
    return config.frame_width * 0.92, config.frame_height - 2.2


def is_portrait() -> bool:
    """True when the frame is taller than wide (9:16)."""
    return config.frame_height > config.frame_width


def caption_top() -> float:
    """The height above which the caption band never reaches."""
    return -config.frame_height / 2 + CAPTION_BAND


def fit_area(mob: Mobject, top: float, room_below: float = 0.0, grow: float = 1.0) -> Mobject:
    """Fit ``mob`` between ``top`` and the caption band (``room_below`` more kept free above the band, for an
    expression written under the diagram) and centre it there."""
    bottom = caption_top() + room_below
    fit(mob, height=top - bottom, grow=grow)
    return mob.move_to([0, (top + bottom) / 2, 0])


def fit(mob: Mobject, width: float | None = None, height: float | None = None, grow: float = 1.0) -> Mobject:
    """Scale ``mob`` to fit ``width`` × ``height`` (default: the usable frame), enlarging by at most ``grow``."""
    max_w, max_h = frame_box()
    width, height = width or max_w, height or max_h
    factor = min(grow, width / max(mob.width, 1e-6), height / max(mob.height, 1e-6))
    return mob.scale(factor)
