"""The layout check: at every caption change of a built scene (no video encoded), what is on screen is measured.

Figures, for a phone at 1080×1920 (9:16) and a 1920×1080 page video (16:9), both 135 px per scene unit:

* nothing visible outside the video; in 9:16 nothing in the platforms' overlay zones: the bottom 20 %, the right
  13 % and the top 7 % (TikTok/Reels/Shorts guides 2025–26: bottom 320–450 px, right 120–164 px, top ~130 px);
* no two texts overlap (more than 15 % of the smaller one's box), and nothing of the diagram reaches into a caption
  line (more than 5 % of the line's box);
* a number's glyphs at least :data:`MIN_NUMBER_PX` tall (digits are cap height: 20 px on a 1080-px-wide phone
  screen ~68 mm wide is 1.3 mm, about 9-point type held at reading distance), a caption line at least
  :data:`MIN_CAPTION_PX` (CJK glyphs and Latin with ascenders; about 2 mm);
* the diagram (everything but title and caption) reaching at least :data:`MIN_FILL` of the free area's width or
  height (the area between title and caption inside the safe zone): a diagram scaled up until one side meets the
  free area passes; one left at half size fails, unless its largest number or word has reached the readable
  maximum :data:`READABLE_MAX_PX` (a 2 × 2 matrix or a two-word sentence grown to fill the screen would only
  shout: 50 px glyphs are 3 mm on a phone, headline size).

The zones are defined here, not read from ``scenes.kit.layout``: the check does not trust the code it checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from manim import ImageMobject, Mobject, Text, VMobject

OVERLAYS = {"top": 0.07, "bottom": 0.20, "right": 0.13}
PX_PER_UNIT = 135.0  # 1080 px over 8 units: the short side of either delivery frame
MIN_NUMBER_PX = 20.0
MIN_CAPTION_PX = 28.0
MIN_FILL = 0.6
READABLE_MAX_PX = 50.0
NUMBER = re.compile(r"^[−-]?(\d+(\.\d+)?|∞)$")
TOL = 0.02


@dataclass(frozen=True)
class Box:
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

    @property
    def area(self) -> float:
        return max(self.width, 0.0) * max(self.height, 0.0)

    def overlap(self, o: Box) -> float:
        w = min(self.right, o.right) - max(self.left, o.left)
        h = min(self.top, o.top) - max(self.bottom, o.bottom)
        return max(w, 0.0) * max(h, 0.0)

    def inside(self, o: Box) -> bool:
        return (
            self.left >= o.left - TOL
            and self.right <= o.right + TOL
            and self.bottom >= o.bottom - TOL
            and self.top <= o.top + TOL
        )


def box(m: Mobject) -> Box:
    """Manim's ``get_left()[0]``, ``get_right()[0]``, ``get_bottom()[1]`` and ``get_top()[1]``: the extremes of the
    points defining its boundary, walked once instead of four times."""
    points = m.get_points_defining_boundary()  # (n, 3)
    if len(points) == 0:
        return Box(0.0, 0.0, 0.0, 0.0)  # as get_critical_point answers
    (left, bottom), (right, top) = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
    return Box(left, right, bottom, top)


@dataclass(frozen=True)
class Item:
    role: str  # "caption", "title", "number", "text", "shape", "image"
    text: str
    box: Box


@dataclass
class Snapshot:
    caption: str
    items: list[Item] = field(default_factory=list)


def _visible(m: Mobject) -> bool:
    if isinstance(m, ImageMobject):
        return True
    if not isinstance(m, VMobject) or not m.has_points():
        return False
    fill = m.get_fill_opacity() > 0.01
    stroke = m.get_stroke_opacity() > 0.01 and m.get_stroke_width() > 0
    return fill or stroke


def snapshot(scene, caption: str) -> Snapshot:
    """Every visible leaf on screen now (a Text counts as one item), with its role."""
    caption_ids = {id(m) for m in scene.caption.current.get_family()}
    title = getattr(scene, "title_mob", None)
    title_ids = {id(m) for m in title.get_family()} if title is not None else set()
    shot = Snapshot(caption)
    seen: set[int] = set()

    def walk(m: Mobject) -> None:
        if id(m) in seen:
            return
        seen.add(id(m))
        if isinstance(m, Text):
            if any(_visible(g) for g in m.submobjects) and m.width > 0:
                role = (
                    "caption"
                    if id(m) in caption_ids
                    else "title"
                    if id(m) in title_ids
                    else ("number" if NUMBER.match(m.text) else "text")
                )
                shot.items.append(Item(role, m.text, box(m)))
            seen.update(id(s) for s in m.get_family())
            return
        if _visible(m):
            role = "image" if isinstance(m, ImageMobject) else "title" if id(m) in title_ids else "shape"
            shot.items.append(Item(role, "", box(m)))
        for sub in m.submobjects:
            walk(sub)

    for m in scene.mobjects:
        walk(m)
    return shot


def frames(config, shift: float) -> tuple[Box, tuple[Box, ...], bool]:
    """The video in scene units (the camera may look right of the origin) and its overlay zones."""
    w, h = config.frame_width, config.frame_height
    video = Box(shift - w / 2, shift + w / 2, -h / 2, h / 2)
    portrait = h > w
    if not portrait:
        return video, (), False
    zones = (
        Box(video.left, video.right, video.bottom, video.bottom + OVERLAYS["bottom"] * h),
        Box(video.right - OVERLAYS["right"] * w, video.right, video.bottom, video.top),
        Box(video.left, video.right, video.top - OVERLAYS["top"] * h, video.top),
    )
    return video, zones, True


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    min_number_px: float = float("inf")
    min_caption_px: float = float("inf")
    fills: list[float] = field(default_factory=list)

    @property
    def min_fill(self) -> float:
        return min(self.fills, default=float("nan"))


def check(shots: list[Snapshot], config, shift: float) -> Report:
    """Every rule of the module docstring, at every snapshot."""
    video, zones, portrait = frames(config, shift)
    scale = PX_PER_UNIT * (8.0 / min(config.frame_width, config.frame_height))  # px per unit at delivery size
    rep = Report()
    for shot in shots:
        where = f"at caption {shot.caption[:50]!r}"
        for it in shot.items:
            if not it.box.inside(video):
                rep.problems.append(f"{where}: {it.role} {it.text[:20]!r} leaves the frame {it.box}")
            for z in zones:
                if it.box.overlap(z) > 1e-4 and it.box.area > 0:
                    rep.problems.append(f"{where}: {it.role} {it.text[:20]!r} {it.box} in an overlay zone {z}")
                    break
        texts = [it for it in shot.items if it.role in ("number", "text", "caption", "title")]
        for a_i, a in enumerate(texts):
            for b in texts[a_i + 1 :]:
                small = min(a.box.area, b.box.area)
                if small > 0 and a.box.overlap(b.box) > 0.15 * small:
                    rep.problems.append(f"{where}: texts overlap: {a.text[:20]!r} and {b.text[:20]!r}")
        for line in (it for it in shot.items if it.role == "caption"):
            for it in shot.items:
                if it.role not in ("caption", "title") and it.box.overlap(line.box) > 0.05 * line.box.area:
                    rep.problems.append(f"{where}: {it.role} {it.text[:20]!r} reaches into the caption {it.box}")
                    break
        for it in shot.items:
            if it.role == "number" and "∞" not in it.text:  # ∞ is x-height: set at the digits size
                px = it.box.height * scale
                rep.min_number_px = min(rep.min_number_px, px)
                if px < MIN_NUMBER_PX:
                    rep.problems.append(f"{where}: number {it.text!r} {px:.0f} px tall (< {MIN_NUMBER_PX:.0f})")
            if it.role == "caption":
                px = it.box.height * scale
                rep.min_caption_px = min(rep.min_caption_px, px)
                if px < MIN_CAPTION_PX:
                    rep.problems.append(f"{where}: caption line {px:.0f} px tall (< {MIN_CAPTION_PX:.0f})")
        diagram = [it.box for it in shot.items if it.role not in ("caption", "title")]
        if diagram:
            title = [it.box for it in shot.items if it.role == "title"]
            caption = [it.box for it in shot.items if it.role == "caption"]
            top = min((b.bottom for b in title), default=video.top) - 0.1
            bottom = max((b.top for b in caption), default=video.bottom) + 0.1
            left = video.left + 0.04 * config.frame_width
            right = video.right - (OVERLAYS["right"] if portrait else 0.04) * config.frame_width
            if portrait:
                bottom = max(bottom, video.bottom + OVERLAYS["bottom"] * config.frame_height)
            d = Box(
                min(b.left for b in diagram),
                max(b.right for b in diagram),
                min(b.bottom for b in diagram),
                max(b.top for b in diagram),
            )
            fill = max(d.width / (right - left), d.height / max(top - bottom, 1e-6))
            rep.fills.append(fill)
            largest = max((it.box.height * scale for it in shot.items if it.role in ("number", "text")), default=0.0)
            if fill < MIN_FILL and largest < READABLE_MAX_PX:
                rep.problems.append(f"{where}: the diagram fills {fill:.0%} of the free area (< {MIN_FILL:.0%})")
    return rep
