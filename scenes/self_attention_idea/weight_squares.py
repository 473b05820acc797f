"""The whole attention-weight matrix as coloured squares (no numbers): few mobjects, readable at any n."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Square, SurroundingRectangle, VGroup

from scenes.kit.text import label
from scenes.kit.theme import Theme, weight_color

__all__ = ["WeightSquares"]


class WeightSquares(VGroup):
    """``weights (n, n)``, rows = queries, columns = keys, each square coloured by :func:`weight_color`.

    ``values`` keeps the matrix so tests can compare each square's colour with it. ``special (n,)``, when given,
    is each row's share going to a model's special tokens: one more column of squares, set apart at the right.
    """

    def __init__(
        self,
        weights: np.ndarray,
        tokens: tuple[str, ...],
        theme: Theme,
        cell: float = 0.5,
        special: np.ndarray | None = None,
        special_label: str = "",
    ) -> None:
        super().__init__()
        self.values = np.asarray(weights, dtype=float)
        n = len(tokens)
        self.squares = VGroup()
        blank = Square(cell * 0.94, stroke_width=0)  # copied for every square: 10× cheaper than a new one
        for i in range(n):
            for j in range(n):
                sq = blank.copy().set_fill(weight_color(self.values[i, j]), 1)
                self.squares.add(sq.move_to((j - (n - 1) / 2) * cell * RIGHT + ((n - 1) / 2 - i) * cell * UP))
        self.rows = VGroup(*[VGroup(*self.squares[i * n : (i + 1) * n]) for i in range(n)])
        size = 20
        self.row_labels = VGroup(
            *[_fit(label(t, theme, size), 1.4).next_to(self.rows[i], LEFT, buff=0.15) for i, t in enumerate(tokens)]
        )
        heads = [_fit(label(t, theme, size), 1.4) for t in tokens]
        turn = max(h.width for h in heads) > cell * 0.9  # all upright or all turned, never mixed
        self.col_labels = VGroup(
            *[(h.rotate(-np.pi / 2) if turn else h).next_to(self.squares[j], UP, 0.15) for j, h in enumerate(heads)]
        )
        self.add(self.squares, self.row_labels, self.col_labels)
        self.special = VGroup()
        if special is not None:
            x = self.squares[n - 1].get_x() + 1.3 * cell
            for i, share in enumerate(np.asarray(special, dtype=float)):
                sq = blank.copy().set_fill(weight_color(share), 1)
                self.special.add(sq.move_to([x, self.rows[i].get_y(), 0]))
                self.rows[i].add(sq)
            head = _fit(label(special_label, theme, 16, color=theme.muted), 1.4)
            head = (head.rotate(-np.pi / 2) if turn else head).next_to(self.special[0], UP, 0.15)
            self.special.add(head)
            self.add(self.special)

    def row_box(self, i: int, color: str) -> SurroundingRectangle:
        """A frame around query row ``i`` and its label."""
        return SurroundingRectangle(VGroup(self.rows[i], self.row_labels[i]), color=color, buff=0.06)

    def below(self) -> np.ndarray:
        """A point just under the grid (for a legend)."""
        return self.squares.get_bottom() + 0.2 * DOWN


def _fit(mob, width: float):
    if mob.width > width:
        mob.scale_to_fit_width(width)
    return mob
