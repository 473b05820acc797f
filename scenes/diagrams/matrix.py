"""A matrix of numbers from the trace: one Text per cell, brackets, optional token labels and heat colours."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, Rectangle, SurroundingRectangle, Text, VGroup

from scenes.kit.layout import is_portrait
from scenes.kit.text import fmt, label, number
from scenes.kit.theme import Theme, ink_on, weight_color

__all__ = ["MatrixGrid"]

DIGIT_W = 0.165  # width of one character of a number at font size 24 (measured: "−0.52" is 0.82 wide)
PAD, PAD_PORTRAIT = 0.25, 0.16  # space between neighbouring numbers; 9:16 is narrow: the width limits type size


class MatrixGrid(VGroup):
    """``values (rows, cols)`` drawn as a bracketed grid.

    ``key`` names the trace array the numbers come from (tests read every cell back against it). ``heat`` fills
    each cell with its attention-weight colour. ``row_labels`` / ``col_labels`` are literal token texts.

    ``max_rows`` / ``max_cols`` cap the slots a large matrix takes: the middle rows (columns) are then replaced by
    one row of "⋮" (column of "⋯"). Cell ``(i, j)`` on screen shows ``values[row_index[i], col_index[j]]``;
    ``shape`` is the shape on screen and ``full_shape`` the matrix's.
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
        max_rows: int | None = None,
        max_cols: int | None = None,
    ) -> None:
        super().__init__()
        self.values = np.asarray(values)
        self.key = key
        self.decimals = decimals
        self.theme = theme
        self._choose_slots(max_rows, max_cols)
        ink = color or theme.text
        widest = max((len(fmt(float(v), decimals)) for v in self.values.ravel()), default=1)
        self.cell_w = cell_w or max(
            0.8 * font_size / 24, DIGIT_W * font_size / 24 * widest + (PAD_PORTRAIT if is_portrait() else PAD)
        )
        self.cell_h = cell_h
        self._add_cells(ink, heat, font_size)
        self._add_frame(ink, theme.muted if color is None else ink, font_size)
        self._add_labels(row_labels, col_labels, font_size)
        self._add_title(title, ink, font_size)

    # -- the named steps of building a grid --------------------------------------------------------------------
    def _choose_slots(self, max_rows: int | None, max_cols: int | None) -> None:
        """Which rows and columns are shown (the rest elided) and the slot each takes."""
        self.full_shape = self.values.shape
        self.row_index = _shown(self.full_shape[0], max_rows)
        self.col_index = _shown(self.full_shape[1], max_cols)
        self.shape = (len(self.row_index), len(self.col_index))
        self._row_slot, self._col_slot = _slots(self.row_index), _slots(self.col_index)

    def _at(self, r: float, c: float) -> np.ndarray:
        """The centre of slot (r, c), the grid centred on the origin."""
        slots_r, slots_c = self._row_slot[-1] + 1, self._col_slot[-1] + 1
        return (c - (slots_c - 1) / 2) * self.cell_w * RIGHT + ((slots_r - 1) / 2 - r) * self.cell_h * UP

    def _add_cells(self, ink: str, heat: bool, font_size: float) -> None:
        """One Text per shown value (and a heat-coloured square behind it with ``heat``)."""
        self.backgrounds = VGroup()
        self.cells = VGroup()
        blank = Rectangle(width=self.cell_w * 0.96, height=self.cell_h * 0.92, stroke_width=0)  # copied: 10× cheaper
        for i, row in enumerate(self.row_index):
            for j, col in enumerate(self.col_index):
                pos = self._at(self._row_slot[i], self._col_slot[j])
                v = float(self.values[row, col])
                fill = weight_color(v) if heat else None
                cell = number(v, self.decimals, self.theme, font_size, ink_on(fill) if heat else ink).move_to(pos)
                if cell.width > self.cell_w * 0.92:
                    cell.scale_to_fit_width(self.cell_w * 0.92)
                self.cells.add(cell)
                if heat:
                    self.backgrounds.add(blank.copy().set_fill(fill, 1).move_to(pos))

    def _add_frame(self, ink: str, bracket_color: str, font_size: float) -> None:
        """The brackets around every slot and the dots in the elided ones."""
        slots_r, slots_c = self._row_slot[-1] + 1, self._col_slot[-1] + 1
        self._body = Rectangle(width=slots_c * self.cell_w, height=slots_r * self.cell_h)
        self.brackets = _brackets(self._body, bracket_color)
        self.dots = _dots(self._row_slot, self._col_slot, self._at, self.theme, font_size, ink)
        self.add(self.backgrounds, self.cells, self.dots, self.brackets)

    def _add_labels(self, row_labels, col_labels, font_size: float) -> None:
        """Token labels left of the rows and above the columns ("⋮"/"⋯" where rows or columns are elided)."""
        theme, body = self.theme, self._body
        rows = [row_labels[r] for r in self.row_index] if row_labels else []
        cols = [col_labels[c] for c in self.col_index] if col_labels else []
        self.row_labels = VGroup(
            *[
                label(t, theme, font_size * 0.95)
                .next_to(body, LEFT, buff=0.15 if is_portrait() else 0.3)
                .set_y(self._at(slot, 0)[1])
                for slot, t in _elide(rows, self._row_slot, "⋮")
            ]
        )
        self.col_labels = VGroup(
            *[
                label(t, theme, font_size * 0.95).next_to(body, UP, buff=0.2).set_x(self._at(0, slot)[0])
                for slot, t in _elide(cols, self._col_slot, "⋯")
            ]
        )
        for group, widest in ((self.row_labels, 1.6), (self.col_labels, self.cell_w * 0.95)):
            for lab in group:
                lab.scale_to_fit_width(min(lab.width, widest))
        self.add(self.row_labels, self.col_labels)

    def _add_title(self, title: str | None, ink: str, font_size: float) -> None:
        """The matrix's name above it (and above the column labels)."""
        self.title = label(title, self.theme, font_size * 1.15, color=ink) if title else VGroup()
        if title:
            self.title.next_to(VGroup(self._body, self.col_labels), UP, buff=0.2)
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

    @property
    def elided(self) -> bool:
        """True when some rows or columns are replaced by dots."""
        return self.shape != self.full_shape

    def shown_values(self) -> np.ndarray:
        """The values of the cells on screen, ``shape``: ``values`` without the elided rows and columns."""
        return self.values[np.ix_(self.row_index, self.col_index)]


def _shown(n: int, max_slots: int | None) -> tuple[int, ...]:
    """Indices shown of ``n`` rows in at most ``max_slots`` slots (one of them the dots): two thirds first, the
    rest last.

    >>> _shown(4, 7), _shown(16, 7)
    ((0, 1, 2, 3), (0, 1, 2, 3, 14, 15))
    """
    if max_slots is None or n <= max_slots:
        return tuple(range(n))
    shown = max(max_slots - 1, 2)
    tail = max(1, shown // 3)
    return tuple(range(shown - tail)) + tuple(range(n - tail, n))


def _slots(index: tuple[int, ...]) -> list[int]:
    """Slot of each shown index: after a gap in ``index`` everything moves down one slot (the dots' slot)."""
    gap = next((k for k in range(1, len(index)) if index[k] != index[k - 1] + 1), len(index))
    return [k if k < gap else k + 1 for k in range(len(index))]


def _elide(texts: list[str], slots: list[int], mark: str) -> list[tuple[int, str]]:
    """(slot, text) of each label, with ``mark`` in the dots' slot if there is one."""
    out = list(zip(slots, texts, strict=False))
    gaps = [s for s in range(slots[-1] + 1) if s not in slots] if texts else []
    return out + [(s, mark) for s in gaps]


def _dots(row_slot: list[int], col_slot: list[int], at, theme: Theme, size: float, ink: str) -> VGroup:
    """ "⋮" under each shown column in the row gap, "⋯" in each shown row in the column gap, "⋱" where both meet."""
    dots = VGroup()
    gap_r = [s for s in range(row_slot[-1] + 1) if s not in row_slot]
    gap_c = [s for s in range(col_slot[-1] + 1) if s not in col_slot]
    marks = [(r, c, "⋮") for r in gap_r for c in col_slot] + [(r, c, "⋯") for c in gap_c for r in row_slot]
    marks += [(r, c, "⋱") for r in gap_r for c in gap_c]
    for r, c, mark in marks:
        dots.add(label(mark, theme, size, color=ink).move_to(at(r, c)))
    return dots


def _brackets(body: Rectangle, color: str) -> VGroup:
    """Square brackets hugging ``body``."""
    pad, tick = 0.08, 0.12
    groups = VGroup()
    for side, sign in ((LEFT, 1), (RIGHT, -1)):
        top = body.get_corner(UP + side) + side * pad + UP * pad
        bottom = body.get_corner(DOWN + side) + side * pad + DOWN * pad
        groups.add(
            VGroup(
                Line(top, bottom), Line(top, top + sign * tick * RIGHT), Line(bottom, bottom + sign * tick * RIGHT)
            ).set_stroke(color, 2.5)
        )
    return groups
