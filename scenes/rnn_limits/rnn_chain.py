"""An unrolled RNN: one cell per word, the hidden state h_t under (or beside) each cell, hand-off arrows."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, RoundedRectangle, VGroup

from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.text import label
from scenes.kit.theme import Theme

__all__ = ["RnnChain"]

DECIMALS = 2  # hidden-state numbers


class RnnChain(VGroup):
    """Word t feeds cell t, which also takes h_{t-1} from cell t-1 and writes h_t (the real numbers of ``H``).

    Landscape: the chain runs left to right, each h_t a column under its cell. Portrait: the chain runs
    downwards, each h_t a row beside its cell. ``numbers`` are the 1-based steps of the cells shown (default
    1..n); where they jump, a gap marked "⋯" stands for the steps not drawn. ``states[k]`` is a MatrixGrid with
    ``key = "H[t]"`` for step ``t`` (0-based).
    """

    def __init__(
        self, tokens: list[str], H: np.ndarray, theme: Theme, portrait: bool, numbers: list[int] | None = None
    ) -> None:
        super().__init__()
        n = len(tokens)
        numbers = numbers or list(range(1, n + 1))
        self.words = VGroup(*[_word_box(t, theme) for t in tokens])
        self.cells = VGroup(*[_cell(theme) for _ in range(n)])
        self.states = [
            MatrixGrid(
                h.reshape(1, -1) if portrait else h.reshape(-1, 1),
                theme,
                key=f"H[{t - 1}]",
                decimals=DECIMALS,
                title=f"h{_sub(t)}",
                font_size=24,
                cell_w=1.0,
                cell_h=0.45,
            )
            for t, h in zip(numbers, np.asarray(H), strict=True)
        ]
        widest = max(w.width for w in self.words)
        pitch = 1.5 if portrait else max(widest, 1.0) + 0.55
        along, across = (DOWN, RIGHT) if portrait else (RIGHT, DOWN)
        slots = [k + sum(1 for j in range(1, k + 1) if numbers[j] != numbers[j - 1] + 1) for k in range(n)]
        for t, slot in enumerate(slots):
            centre = (slot - (slots[-1]) / 2) * pitch * along
            self.cells[t].move_to(centre)
            self.words[t].move_to(centre - across * (1.0 + (widest / 2 if portrait else 0.35)))
            state = self.states[t]
            state.shift(centre + across * (2.1 if portrait else 1.75) - state.cells.get_center())
        self.inputs = VGroup(*[_arrow(w, c, theme) for w, c in zip(self.words, self.cells, strict=True)])
        self.handoffs = VGroup(*[_arrow(self.cells[t], self.cells[t + 1], theme) for t in range(n - 1)])
        self.gaps = VGroup(
            *[
                _gap(self.cells[k], self.cells[k + 1], theme, portrait, -across)
                for k in range(n - 1)
                if slots[k + 1] != slots[k] + 1
            ]
        )
        self.add(self.words, self.cells, self.inputs, self.handoffs, self.gaps, *self.states)


def _gap(before, after, theme: Theme, portrait: bool, side: np.ndarray):
    """ "⋯" beside the hand-off arrow between two cells that are not neighbours: the steps not drawn."""
    dots = label("⋯", theme, 36, color=theme.muted).rotate(-np.pi / 2 if portrait else 0)
    return dots.move_to((before.get_center() + after.get_center()) / 2 + 0.35 * side)


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _word_box(token: str, theme: Theme) -> VGroup:
    word = label(token, theme, 28)
    if word.width > 1.6:
        word.scale_to_fit_width(1.6)
    box = RoundedRectangle(width=max(word.width + 0.3, 0.7), height=0.7, corner_radius=0.1)
    box.set_stroke(theme.muted, 2).set_fill(theme.panel, 1)
    return VGroup(box, word.move_to(box))


def _cell(theme: Theme) -> VGroup:
    box = RoundedRectangle(width=0.9, height=0.7, corner_radius=0.12).set_stroke(theme.accent, 2.5)
    box.set_fill(theme.panel, 1)
    return VGroup(box, label("RNN", theme, 20).move_to(box))


def _arrow(src, dst, theme: Theme) -> Arrow:
    direction = dst.get_center() - src.get_center()
    side = RIGHT if abs(direction[0]) > abs(direction[1]) else DOWN
    if np.dot(direction, side) < 0:
        side = LEFT if side is RIGHT else UP
    return Arrow(
        src.get_critical_point(side),
        dst.get_critical_point(-side),
        buff=0.06,
        color=theme.muted,
        stroke_width=3,
        max_tip_length_to_length_ratio=0.3,
    )
