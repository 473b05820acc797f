"""The seq_len × seq_len attention weights as a heatmap: token labels on both axes, numbers while they fit.

Cells are plain Rectangles (cheap to draw at 16 × 16); each weight is written as one Text only when the cell is
large enough for the number to be legible at 480p, otherwise colour alone carries it (the legend reads it).
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, PI, RIGHT, UP, Rectangle, Text, VGroup

from scenes.kit.text import fmt, label
from scenes.kit.theme import Theme, ink_on, weight_color

__all__ = ["Heatmap", "NUMBER_MIN_FONT"]

NUMBER_MIN_FONT = 15.5  # below this a number is not legible at 480p: colour only
_NUM_W, _NUM_H = 0.02637, 0.0102  # width of "0.00" and height of a digit per font-size unit (measured)
_LABEL_GAP = 0.12


class Heatmap(VGroup):
    """``weights (n, n)`` (rows = queries, columns = keys) fitted into ``width`` × ``height`` scene units.

    ``key`` names the trace array, ``decimals`` the digits written. ``numbers`` forces numbers on or off;
    by default they are written when they fit at a legible size (see :data:`NUMBER_MIN_FONT`). ``special (n,)``,
    when given, is each row's share going to a model's special tokens, drawn as one more column set apart at
    the right and labelled ``special_label``: with it every row adds up to 1.
    """

    def __init__(
        self,
        weights: np.ndarray,
        tokens: tuple[str, ...],
        theme: Theme,
        width: float,
        height: float,
        *,
        key: str = "weights",
        decimals: int = 2,
        numbers: bool | None = None,
        font_size: float = 18,
        special: np.ndarray | None = None,
        special_label: str = "",
    ) -> None:
        super().__init__()
        self.values = np.asarray(weights, dtype=float)
        self.tokens, self.key, self.decimals, self.theme = tuple(tokens), key, decimals, theme
        self.special = None if special is None else np.asarray(special, dtype=float)
        n = len(self.tokens)
        extra = 0 if self.special is None else 1.3  # the special column and its gap, in columns
        self.row_labels = VGroup(*[_capped(label(t, theme, font_size), 1.8, 10) for t in self.tokens])
        row_w = max(m.width for m in self.row_labels) + _LABEL_GAP
        self.col_labels, cell_w, cell_h = _columns(
            self.tokens, theme, font_size, (width - row_w) * n / (n + extra), height, n
        )
        self.cell_w, self.cell_h = cell_w, cell_h
        _scaled_all(self.row_labels, 10, cell_h * 1.1)
        num_font = min(20.0, 0.8 * cell_w / _NUM_W, 0.45 * cell_h / _NUM_H)
        self.has_numbers = num_font >= NUMBER_MIN_FONT if numbers is None else numbers
        self.cells, self.numbers = VGroup(), VGroup()
        blank = _blank_cell(cell_w, cell_h)
        for i in range(n):
            for j in range(n):
                pos = (j - (n - 1) / 2) * cell_w * RIGHT + ((n - 1) / 2 - i) * cell_h * UP
                fill = weight_color(self.values[i, j])
                self.cells.add(blank.copy().set_fill(fill, 1).move_to(pos))
                if self.has_numbers:
                    text = fmt(float(self.values[i, j]), decimals)
                    self.numbers.add(label(text, theme, num_font, color=ink_on(fill), mono=True).move_to(pos))
        body = Rectangle(width=n * cell_w, height=n * cell_h)
        for i, lab in enumerate(self.row_labels):
            lab.next_to(body, LEFT, buff=_LABEL_GAP).set_y(self.cell(i, 0).get_y())
        for j, lab in enumerate(self.col_labels):
            lab.next_to(body, UP, buff=_LABEL_GAP * 0.8).set_x(self.cell(0, j).get_x())
        self.add(self.cells, self.numbers, self.row_labels, self.col_labels)
        self.special_cells, self.special_numbers, self.special_label = VGroup(), VGroup(), VGroup()
        if self.special is not None:
            self._special_column(special_label, num_font, font_size)

    def _special_column(self, text: str, num_font: float, font_size: float) -> None:
        """Each row's special-token share, one column set apart at the right, with its label over it."""
        x = self.cell(0, self.n - 1).get_x() + 1.3 * self.cell_w
        numbers = VGroup()
        blank = _blank_cell(self.cell_w, self.cell_h)
        for i, share in enumerate(self.special):
            fill = weight_color(share)
            cell = blank.copy().set_fill(fill, 1)
            self.special_cells.add(cell.move_to([x, self.cell(i, 0).get_y(), 0]))
            if self.has_numbers:
                numbers.add(
                    label(
                        fmt(float(share), self.decimals), self.theme, num_font, color=ink_on(fill), mono=True
                    ).move_to(cell)
                )
        self.special_label = (
            _turned(text, self.theme, font_size * 0.9)
            if self.col_labels[0].height > self.cell_h
            else label(text, self.theme, font_size * 0.9)
        )
        _scaled_all(VGroup(self.special_label), 1.2 * self.cell_w, max(m.height for m in self.col_labels))
        self.special_label.set_color(self.theme.muted).next_to(self.special_cells[0], UP, buff=_LABEL_GAP * 0.8)
        self.special_numbers = numbers
        self.add(self.special_cells, numbers, self.special_label)

    @property
    def n(self) -> int:
        """Number of tokens."""
        return len(self.tokens)

    def cell(self, i: int, j: int) -> Rectangle:
        """The coloured cell of query ``i`` and key ``j``."""
        return self.cells[i * self.n + j]

    def number(self, i: int, j: int) -> Text:
        """The number written in cell ``(i, j)`` (only when :attr:`has_numbers`)."""
        return self.numbers[i * self.n + j]

    def row(self, i: int) -> VGroup:
        """The cells (and numbers) of query ``i``."""
        cells = [self.cell(i, j) for j in range(self.n)]
        nums = [self.number(i, j) for j in range(self.n)] if self.has_numbers else []
        return VGroup(*cells, *nums)

    def row_frame(self, i: int, color: str) -> Rectangle:
        """An outline around row ``i`` and its label (the same width for every row, so it can slide)."""
        last = self.special_cells[i] if len(self.special_cells) else self.cell(i, self.n - 1)
        left, right = self.row_labels.get_left()[0] - 0.08, last.get_right()[0] + 0.06
        frame = Rectangle(width=right - left, height=self.cell_h * 1.08).set_stroke(color, 3)
        return frame.move_to([(left + right) / 2, self.cell(i, 0).get_y(), 0])

    def col_frame(self, j: int, color: str) -> Rectangle:
        """An outline around column ``j`` and its label."""
        group = VGroup(self.col_labels[j], self.cell(self.n - 1, j))
        return Rectangle(width=self.cell_w * 1.06, height=group.height + 0.16).move_to(group).set_stroke(color, 3)

    def cell_frame(self, i: int, j: int, color: str) -> Rectangle:
        """A thick outline around cell ``(i, j)``."""
        return Rectangle(width=self.cell_w, height=self.cell_h).move_to(self.cell(i, j)).set_stroke(color, 4)

    def cell_colors(self) -> list[list[str]]:
        """Fill colour of every cell as hex, row by row (what tests compare with the weight scale)."""
        return [[self.cell(i, j).get_fill_color().to_hex() for j in range(self.n)] for i in range(self.n)]

    def number_texts(self) -> list[list[str]]:
        """The numbers on screen, row by row (empty when colour alone is shown)."""
        if not self.has_numbers:
            return []
        return [[self.number(i, j).text for j in range(self.n)] for i in range(self.n)]


def _capped(mob: Text, max_w: float, max_h: float) -> Text:
    if mob.width > max_w or mob.height > max_h:
        mob.scale(min(max_w / mob.width, max_h / mob.height))
    return mob


def _is_cjk(token: str) -> bool:
    return all(ord(c) > 0x2E80 for c in token)


def _turned(token: str, theme: Theme, size: float) -> Text:
    """A key label for a narrow column: Chinese stacked top to bottom, Latin turned to read upwards."""
    if _is_cjk(token):
        return label("\n".join(token), theme, size)
    return label(token, theme, size).rotate(PI / 2)


def _scaled_all(labels: VGroup, max_w: float, max_h: float) -> VGroup:
    """Scale every label by one common factor so the widest and the tallest fit: one type size per axis."""
    factor = min(1.0, max_w / max(m.width for m in labels), max_h / max(m.height for m in labels))
    for mob in labels:
        mob.scale(factor)
    return labels


def _cells(width: float, height: float, labels_h: float, n: int) -> tuple[float, float]:
    """Cell width and height: as large as the box allows, never taller than wide nor wider than 1.8× tall."""
    cell_h = min((height - labels_h - _LABEL_GAP) / n, 1.0)
    cell_w = min(width / n, 1.8 * cell_h)
    return cell_w, min(cell_h, cell_w)


def _columns(
    tokens: tuple[str, ...], theme: Theme, size: float, width: float, height: float, n: int
) -> tuple[VGroup, float, float]:
    """Column labels and the cell size they leave.

    Labels stay horizontal while the widest fits its column at no less than 80 % of ``size``; otherwise all of
    them turn (Chinese stacked, Latin rotated), so one axis never mixes orientations or sizes.
    """
    flat = VGroup(*[label(t, theme, size) for t in tokens])
    cell_w, cell_h = _cells(width, height, flat.height, n)
    if max(m.width for m in flat) <= 0.95 * cell_w / 0.8:
        return _scaled_all(flat, 0.95 * cell_w, 10), cell_w, cell_h
    turned = _scaled_all(VGroup(*[_turned(t, theme, size) for t in tokens]), 10, 1.3)
    cell_w, cell_h = _cells(width, height, max(m.height for m in turned), n)
    return _scaled_all(turned, 0.95 * cell_w, 10), cell_w, cell_h


def _blank_cell(cell_w: float, cell_h: float) -> Rectangle:
    """A cell's rectangle, to be copied for every cell: a copy takes 0.09 ms, a new Rectangle 0.85 ms (Manim makes
    its points, colours and style anew), and a copy moved into place has a new one's points, bit for bit."""
    return Rectangle(width=cell_w * 0.94, height=cell_h * 0.92, stroke_width=0)
