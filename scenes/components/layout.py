"""Frame-aware placement: everything is sized from the current frame, so 16:9, 9:16 and 1:1 all fit."""

from __future__ import annotations

from manim import Mobject, config

__all__ = ["fit", "frame_box", "is_portrait"]


def frame_box() -> tuple[float, float]:
    """Usable width and height of the frame in scene units (margins and caption band removed)."""
    return config.frame_width * 0.92, config.frame_height - 2.2


def is_portrait() -> bool:
    """True when the frame is taller than wide (9:16)."""
    return config.frame_height > config.frame_width


def fit(mob: Mobject, width: float | None = None, height: float | None = None, grow: float = 1.0) -> Mobject:
    """Scale ``mob`` to fit ``width`` × ``height`` (default: the usable frame), enlarging by at most ``grow``."""
    max_w, max_h = frame_box()
    width, height = width or max_w, height or max_h
    factor = min(grow, width / max(mob.width, 1e-6), height / max(mob.height, 1e-6))
    return mob.scale(factor)
