"""A matrix of numbers from the trace: one Text per cell, brackets, optional token labels and heat colours."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, Rectangle, SurroundingRectangle, Text, VGroup

from scenes.components.text import fmt, label, number
from scenes.components.theme import Theme, ink_on, weight_color

__all__ = ["MatrixGrid"]


class MatrixGrid(VGroup):
    """``values (rows, cols)`` drawn as a bracketed grid.

    ``key`` names the trace array the numbers come from (tests read every cell back against it). ``heat`` fills
    each cell with its attention-weight colour. ``row_labels`` / ``col_labels`` are literal token texts.
    """

    def __init__(
        self,
        values: np.ndarray,
        theme: Theme,
        *,
        key: str,
        decimals: int = 2,
        color: str | None = None,
        heat: bool = False,
        row_labels: tuple[str, ...] | None = None,
        col_labels: tuple[str, ...] | None = None,
        title: str | None = None,
        cell_w: float | None = None,
        cell_h: float = 0.5,
        font_size: float = 24,
    ) -> None:
        super().__init__()
        self.values = np.asarray(values)
        self.key = key
        self.decimals = decimals
        self.theme = theme
        rows, cols = self.values.shape
        ink = color or theme.text
        widest = max((len(fmt(float(v), decimals)) for v in self.values.ravel()), default=1)
        cell_w = cell_w or max(0.95, 0.205 * widest + 0.2)  # room for "−0.25" without crowding
        self.backgrounds = VGroup()
        self.cells = VGroup()
        for i in range(rows):
            for j in range(cols):
                pos = (j - (cols - 1) / 2) * cell_w * RIGHT + ((rows - 1) / 2 - i) * cell_h * UP
                v = float(self.values[i, j])
                fill = weight_color(v) if heat else None
                cell = number(v, decimals, theme, font_size, ink_on(fill) if heat else ink).move_to(pos)
                if cell.width > cell_w * 0.92:
                    cell.scale_to_fit_width(cell_w * 0.92)
                self.cells.add(cell)
                if heat:
                    self.backgrounds.add(
                        Rectangle(width=cell_w * 0.96, height=cell_h * 0.92, stroke_width=0)
                        .set_fill(fill, 1).move_to(pos)
                    )  # fmt: skip
        self.shape = (rows, cols)
        self.cell_w = cell_w
        body = Rectangle(width=cols * cell_w, height=rows * cell_h)
        self.brackets = _brackets(body, ink if color else theme.muted)
        self.add(self.backgrounds, self.cells, self.brackets)
        self.row_labels = VGroup(*[label(t, theme, font_size * 0.95).next_to(body, LEFT, buff=0.3)
                                   .set_y(self.cell(i, 0).get_y()) for i, t in enumerate(row_labels or ())])
        self.col_labels = VGroup(*[label(t, theme, font_size * 0.95).next_to(body, UP, buff=0.2)
                                   .set_x(self.cell(0, j).get_x()) for j, t in enumerate(col_labels or ())])
        for group in (self.row_labels, self.col_labels):
            for lab in group:
                lab.scale_to_fit_width(min(lab.width, 1.6 if group is self.row_labels else cell_w * 0.95))
        self.add(self.row_labels, self.col_labels)
        self.title = label(title, theme, font_size * 1.15, color=ink) if title else VGroup()
        if title:
            self.title.next_to(VGroup(body, self.col_labels), UP, buff=0.2)
            self.add(self.title)

    def cell(self, i: int, j: int) -> Text:
        """The number at row ``i``, column ``j``."""
        return self.cells[i * self.shape[1] + j]

    def row(self, i: int) -> VGroup:
        """The numbers of row ``i``."""
        return VGroup(*[self.cell(i, j) for j in range(self.shape[1])])

    def col(self, j: int) -> VGroup:
        """The numbers of column ``j``."""
        return VGroup(*[self.cell(i, j) for i in range(self.shape[0])])

    def row_box(self, i: int, color: str) -> SurroundingRectangle:
        """A frame around row ``i`` (labels excluded)."""
        return SurroundingRectangle(self.row(i), color=color, buff=0.08, corner_radius=0.06)

    def col_box(self, j: int, color: str) -> SurroundingRectangle:
        """A frame around column ``j``."""
        return SurroundingRectangle(self.col(j), color=color, buff=0.08, corner_radius=0.06)

    def cell_texts(self) -> list[list[str]]:
        """The strings on screen, row by row (what a viewer reads)."""
        return [[self.cell(i, j).text for j in range(self.shape[1])] for i in range(self.shape[0])]


def _brackets(body: Rectangle, color: str) -> VGroup:
    """Square brackets hugging ``body``."""
    pad, tick = 0.08, 0.12
    groups = VGroup()
    for side, sign in ((LEFT, 1), (RIGHT, -1)):
        top = body.get_corner(UP + side) + side * pad + UP * pad
        bottom = body.get_corner(DOWN + side) + side * pad + DOWN * pad
        groups.add(VGroup(Line(top, bottom), Line(top, top + sign * tick * RIGHT),
                          Line(bottom, bottom + sign * tick * RIGHT)).set_stroke(color, 2.5))
    return groups
