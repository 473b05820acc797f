"""Axes with plain-Text tick labels (no LaTeX), a log-scale option, and curves that remember their data."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Axes, VGroup, VMobject

from scenes.kit.text import label
from scenes.kit.theme import Theme

__all__ = ["DataPlot", "PlotCurve", "power_of_ten", "scientific", "spread_labels"]

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(exponent: int) -> str:
    """A log-axis tick label written with superscript digits (plain text, no TeX).

    >>> power_of_ten(-4), power_of_ten(0), power_of_ten(3)
    ('10⁻⁴', '10⁰', '10³')
    """
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


def scientific(value: float) -> str:
    """A positive number as mantissa × power of ten, one decimal (plain text).

    >>> scientific(1.83e-05), scientific(11639.5), scientific(1.0)
    ('1.8×10⁻⁵', '1.2×10⁴', '1.0×10⁰')
    """
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}×{power_of_ten(int(exponent))}"


def spread_labels(labels: VGroup, gap: float) -> VGroup:
    """Move labels stacked at one x apart vertically, bottom up, so none overlaps the next by less than ``gap``."""
    ordered = sorted(labels, key=lambda m: m.get_y())
    for below, above in zip(ordered, ordered[1:], strict=False):
        lowest = below.get_top()[1] + gap
        if above.get_bottom()[1] < lowest:
            above.shift(UP * (lowest - above.get_bottom()[1]))
    return labels


class PlotCurve(VMobject):
    """A polyline through ``(xs, values)``; the data stay on the mobject so tests can compare them."""

    def __init__(self, xs: np.ndarray, values: np.ndarray, points: np.ndarray, color: str, width: float) -> None:
        super().__init__()
        self.xs = np.asarray(xs, dtype=float)
        self.values = np.asarray(values, dtype=float)
        self.set_points_as_corners(points)
        self.set_stroke(color, width).set_fill(opacity=0)


class DataPlot(VGroup):
    """Axes of ``width`` × ``height`` scene units over ``x_range`` and ``y_range`` (``(min, max, step)``).

    With ``log`` the y axis is in powers of ten: ``y_range`` holds exponents, ticks read 10⁻², 10⁰, ...
    ``x_ticks`` / ``y_ticks`` map data values to their tick text (data values, not exponents).
    """

    def __init__(
        self,
        theme: Theme,
        x_range: tuple[float, float, float],
        y_range: tuple[float, float, float],
        x_ticks: dict[float, str],
        y_ticks: dict[float, str],
        x_title: str,
        y_title: str,
        width: float = 8.0,
        height: float = 4.5,
        log: bool = False,
    ) -> None:
        super().__init__()
        self.log = log
        self.y0 = y_range[0]  # the axes run from 0 so the x axis sits at the bottom, even below zero or 10⁰
        self.axes = Axes(
            x_range=x_range,
            y_range=(0, y_range[1] - y_range[0], y_range[2]),
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"include_numbers": False, "color": theme.muted, "stroke_width": 2, "tick_size": 0.06},
        )
        size = 20
        self.x_labels = VGroup(
            *[
                label(t, theme, size, mono=True).next_to(self.point(x, self._y_low()), DOWN, 0.15)
                for x, t in x_ticks.items()
            ]
        )
        self.y_labels = VGroup(
            *[
                label(t, theme, size, mono=True).next_to(self.point(x_range[0], v), LEFT, 0.15)
                for v, t in y_ticks.items()
            ]
        )
        self.x_title = label(x_title, theme, 22, color=theme.muted).next_to(self.x_labels, DOWN, buff=0.15)
        self.y_title = label(y_title, theme, 22, color=theme.muted)
        self.y_title.next_to(self.axes.y_axis, UP, buff=0.2).align_to(self.y_labels, LEFT)
        self.add(self.axes, self.x_labels, self.y_labels, self.x_title, self.y_title)

    def _y_low(self) -> float:
        return 10.0**self.y0 if self.log else self.y0

    def to_axis(self, value: float | np.ndarray) -> np.ndarray:
        """Data value -> y coordinate on the axes (log10 on a log axis), measured from the bottom."""
        return (np.log10(value) if self.log else np.asarray(value, dtype=float)) - self.y0

    def point(self, x: float, value: float) -> np.ndarray:
        """The scene point of data ``(x, value)``."""
        return self.axes.c2p(x, float(self.to_axis(value)))

    def curve(self, xs: np.ndarray, values: np.ndarray, color: str, width: float = 4.0) -> PlotCurve:
        """A curve through the data points (not yet added to the plot)."""
        points = [self.point(float(x), float(v)) for x, v in zip(xs, values, strict=True)]
        return PlotCurve(xs, values, np.array(points), color, width)

    def read_back(self, curve: PlotCurve) -> tuple[np.ndarray, np.ndarray]:
        """The data a curve's drawn corners stand for, read off the axes (for tests)."""
        corners = np.vstack([curve.get_start_anchors(), curve.get_end()[None, :]])
        coords = np.array([self.axes.p2c(p) for p in corners])
        ys = coords[:, 1] + self.y0
        ys = 10.0**ys if self.log else ys
        return coords[:, 0], ys
