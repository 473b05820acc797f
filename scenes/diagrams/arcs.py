"""Arcs between the words of a :class:`ReadingRow`: their width and opacity say how much attention flows."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, RIGHT, UP, CubicBezier, VGroup

from scenes.diagrams.reading_row import ReadingRow

__all__ = ["ArcFan", "WeightArc", "arc_style", "link_points", "pair_links", "plain_link"]

WIDTH_RANGE = (1.0, 17.0)  # stroke width at weight 0 and at weight 1 (linear in between)
OPACITY_RANGE = (0.2, 1.0)  # opacity at weight 0 and 1, through sqrt(weight): small weights stay visible
MAX_RISE = 2.6  # the highest an arc above the top line may rise (scene units, before the row's scaling)


def arc_style(weight: float) -> tuple[float, float]:
    """Stroke width and opacity of the arc for attention ``weight`` in [0, 1]; the one mapping every arc uses.

    Width grows linearly with the weight; opacity with its square root, so a weight of 0.05 is still seen.

    >>> arc_style(0.0), arc_style(1.0), [round(v, 3) for v in arc_style(0.25)]
    ((1.0, 0.2), (17.0, 1.0), [5.0, 0.6])
    """
    w = float(np.clip(weight, 0.0, 1.0))
    (w0, w1), (o0, o1) = WIDTH_RANGE, OPACITY_RANGE
    return w0 + (w1 - w0) * w, o0 + (o1 - o0) * math.sqrt(w)


def link_points(row: ReadingRow, i: int, j: int, max_rise: float = MAX_RISE) -> tuple[np.ndarray, ...]:
    """Bezier anchors and handles (start, handle, handle, end) of a curve from word ``i`` to word ``j``.

    In a column the curve bulges to the right, wider for farther words. Words on one line are joined by an
    arch above it, higher for farther words (below it on the last of several lines, clear of the curves
    between lines); words on different lines by an S-curve through the gap between the lines (from the top
    of the lower word to the label zone of the upper one). No curve rises higher than ``max_rise`` (before the
    row's scaling).
    """
    if row.column:
        rail = row.boxes.get_right()[0] + 0.05  # right of the widest word, so no curve cuts through a box
        start, end = (np.array([rail, row.boxes[k].get_y(), 0.0]) for k in (i, j))
        rise = min(0.25 + 0.3 * abs(start[1] - end[1]), max_rise * row.unit)
        bulge = RIGHT * rise / 0.75
        return start, start + bulge, end + bulge, end
    li, lj = row.line_of[i], row.line_of[j]
    if li == lj and li > 0 and li == len(row.lines) - 1:  # the last of several lines: hang below it
        start, end = row.bottom(i), row.bottom(j)
        drop = DOWN * min(0.2 + 0.15 * abs(start[0] - end[0]), min(1.2, max_rise) * row.unit) / 0.75
        return start, start + drop, end + drop, end
    if li == lj:
        start, end = row.top(i), row.top(j)
        rise = min(0.3 + 0.24 * abs(start[0] - end[0]), row.headroom(i), max_rise * row.unit)
        lift = UP * rise / 0.75  # a cubic with both handles lifted by L peaks at 0.75 L
        return start, start + lift, end + lift, end
    if li > lj:
        start, end = row.top(i), row.bottom(j)
        bend = 0.5 * (start[1] - end[1])
        return start, start + bend * UP, end + bend * DOWN, end
    start, end = row.bottom(i), row.top(j)
    bend = 0.5 * (end[1] - start[1])
    return start, start + bend * DOWN, end + bend * UP, end


class WeightArc(CubicBezier):
    """The arc from a focus word to word ``key``; ``weight`` is the trace's weight, drawn by :func:`arc_style`."""

    def __init__(self, row: ReadingRow, focus: int, key: int, weight: float, color: str) -> None:
        super().__init__(*link_points(row, focus, key))
        self.key = key
        self.weight = float(weight)
        width, opacity = arc_style(self.weight)
        self.set_stroke(color, width * row.unit, opacity)
        self.set_fill(opacity=0)
        self.unit = row.unit

    def drawn_style(self) -> tuple[float, float]:
        """(width before the row's scaling, opacity) as drawn now, to compare with :func:`arc_style`."""
        return self.get_stroke_width() / self.unit, self.get_stroke_opacity()


class ArcFan(VGroup):
    """Arcs from ``focus`` to each of ``keys`` with ``weights`` (same order), drawn thinnest first."""

    def __init__(self, row: ReadingRow, focus: int, keys: tuple[int, ...], weights: list[float], color: str) -> None:
        super().__init__()
        order = sorted(range(len(keys)), key=lambda k: weights[k])  # the strongest on top
        self.by_key = {}
        for k in order:
            arc = WeightArc(row, focus, keys[k], weights[k], color)
            self.by_key[keys[k]] = arc
            self.add(arc)

    def others(self, key: int) -> VGroup:
        """Every arc except the one to ``key``."""
        return VGroup(*[a for k, a in self.by_key.items() if k != key])


def pair_links(
    row: ReadingRow, color: str, width: float = 1.5, opacity: float = 0.55, max_rise: float = MAX_RISE
) -> VGroup:
    """One thin curve for every pair of words: everything linked to everything, path length 1."""
    n = len(row.tokens)
    links = VGroup(*[CubicBezier(*link_points(row, i, j, max_rise)) for i in range(n) for j in range(i + 1, n)])
    return links.set_stroke(color, width * row.unit, opacity).set_fill(opacity=0)


def plain_link(row: ReadingRow, i: int, j: int, max_rise: float = MAX_RISE) -> CubicBezier:
    """An unstyled curve from word ``i`` to word ``j``, the same shape an arc between them takes."""
    return CubicBezier(*link_points(row, i, j, max_rise)).set_fill(opacity=0)
