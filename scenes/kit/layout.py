"""Frame-aware placement: everything is sized from the current frame, so 16:9, 9:16 and 1:1 all fit.

The layout rule per aspect. A 16:9 video is embedded in a page: the whole frame is the viewer's, less a margin.
A 9:16 video is watched in short-video apps that draw their own interface over it; measured on TikTok, Douyin,
Reels and Shorts (2025–26 safe-zone guides: the bottom 320–450 px of 1920 hold the description and music line,
the right 120–164 px of 1080 the like/comment/share column, the top ~130 px the feed tabs) we keep captions and
everything a viewer must read out of the bottom 20 %, the right 13 % and the top 7 % (:data:`OVERLAYS`). To keep
code that centres on x = 0 unchanged, a portrait scene's camera looks a little to the right
(:func:`camera_shift`): what is centred on 0 is centred in the safe area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from manim import Mobject, Text, config

__all__ = [
    "CAPTION_BAND",
    "OVERLAYS",
    "Rect",
    "caption_bottom",
    "caption_lines",
    "caption_top",
    "camera_shift",
    "fit",
    "fit_area",
    "frame_box",
    "free_area",
    "is_portrait",
    "overlay_rects",
    "readable_grow",
    "safe_rect",
    "video_rect",
]

CAPTION_BAND = 1.45  # frame height kept at the bottom for the caption (up to two lines) and its margin (16:9)
CAPTION_LINE = 0.45  # one caption line and the gap to the next, at the caption's size
MARGIN = 0.04  # share of the width kept free at the left and right edges
OVERLAYS = {"top": 0.07, "bottom": 0.20, "right": 0.13}  # 9:16: shares of the frame under the apps' interface
MAX_NUMBER = 0.42  # the readable maximum: a number's digits grow to at most this height (57 px at 1080 px)
NO_NUMBER_GROW = 2.5  # how much a diagram without numbers may be enlarged
_NUMBER = re.compile(r"^[−-]?(\d+(\.\d+)?)$")


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in scene units."""

    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def overlap(self, other: Rect) -> float:
        """The area the two rectangles share."""
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.top, other.top) - max(self.bottom, other.bottom)
        return max(w, 0.0) * max(h, 0.0)


def is_portrait() -> bool:
    """True when the frame is taller than wide (9:16)."""
    return config.frame_height > config.frame_width


def camera_shift() -> float:
    """How far right of the scene's origin the camera looks: half the difference between the right and left keep-out
    widths in 9:16, so that x = 0 is the middle of the safe area; 0 otherwise."""
    return (OVERLAYS["right"] - MARGIN) / 2 * config.frame_width if is_portrait() else 0.0


def video_rect() -> Rect:
    """What the video shows, in scene units."""
    w, h, dx = config.frame_width, config.frame_height, camera_shift()
    return Rect(dx - w / 2, dx + w / 2, -h / 2, h / 2)


def overlay_rects() -> tuple[Rect, ...]:
    """The parts of the video a platform's interface covers (none for 16:9)."""
    if not is_portrait():
        return ()
    v, w, h = video_rect(), config.frame_width, config.frame_height
    return (
        Rect(v.left, v.right, v.bottom, v.bottom + OVERLAYS["bottom"] * h),
        Rect(v.right - OVERLAYS["right"] * w, v.right, v.bottom, v.top),
        Rect(v.left, v.right, v.top - OVERLAYS["top"] * h, v.top),
    )


def safe_rect() -> Rect:
    """Where anything a viewer must read may go: the video less its margins and the overlays."""
    v, w, h = video_rect(), config.frame_width, config.frame_height
    if not is_portrait():
        return Rect(v.left + MARGIN * w, v.right - MARGIN * w, v.bottom + 0.3, v.top - 0.25)
    return Rect(
        v.left + MARGIN * w,
        v.right - OVERLAYS["right"] * w,
        v.bottom + OVERLAYS["bottom"] * h + 0.1,
        v.top - OVERLAYS["top"] * h,
    )


def caption_bottom() -> float:
    """Where the caption's last line ends."""
    return safe_rect().bottom + 0.05


def caption_lines() -> int:
    """How many lines the caption band holds: two in 16:9, three in the narrower 9:16 (a longer caption is set
    smaller to stay in them)."""
    return 3 if is_portrait() else 2


def caption_top(lines: int | None = None) -> float:
    """The height above which a caption of ``lines`` lines never reaches (default :func:`caption_lines`; a
    chapter whose captions run longer asks for more)."""
    lines = lines or caption_lines()
    if not is_portrait():
        return -config.frame_height / 2 + CAPTION_BAND + (lines - 2) * CAPTION_LINE
    return caption_bottom() + lines * CAPTION_LINE


def frame_box() -> tuple[float, float]:
    """Usable width and height of the frame in scene units (margins, overlays, title and caption bands removed)."""
    if not is_portrait():
        return config.frame_width * 0.92, config.frame_height - 2.2
    s = safe_rect()
    return s.width, s.top - caption_top() - 0.9


def readable_grow(mob: Mobject) -> float:
    """How much ``mob`` may be enlarged before its largest number's digits reach :data:`MAX_NUMBER` (a diagram
    without numbers: :data:`NO_NUMBER_GROW`). Filling the free area stops there: bigger only crowds."""
    heights = [m.height for m in mob.get_family() if isinstance(m, Text) and _NUMBER.match(m.text)]
    return MAX_NUMBER / max(heights) if heights else NO_NUMBER_GROW


def free_area(top: float, room_below: float = 0.0, lines: int | None = None) -> tuple[float, float]:
    """Width and height of the room :func:`fit_area` fits a diagram into."""
    return frame_box()[0], top - caption_top(lines) - room_below


def fit_area(
    mob: Mobject, top: float, room_below: float = 0.0, grow: float | None = None, lines: int | None = None
) -> Mobject:
    """Fit ``mob`` between ``top`` and the band of a ``lines``-line caption (:func:`caption_top`; ``room_below``
    more kept free above it, for an expression written under the diagram) and centre it there, as large as the
    area allows up to the readable maximum (or ``grow``)."""
    bottom = caption_top(lines) + room_below
    fit(mob, height=top - bottom, grow=grow)
    return mob.move_to([0, (top + bottom) / 2, 0])


def fit(mob: Mobject, width: float | None = None, height: float | None = None, grow: float | None = 1.0) -> Mobject:
    """Scale ``mob`` to fit ``width`` × ``height`` (default: the usable frame), enlarging by at most ``grow``
    (``None``: up to :func:`readable_grow`)."""
    max_w, max_h = frame_box()
    width, height = width or max_w, height or max_h
    grow = readable_grow(mob) if grow is None else grow
    factor = min(grow, width / max(mob.width, 1e-6), height / max(mob.height, 1e-6))
    return mob.scale(factor)
