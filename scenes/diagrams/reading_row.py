"""The words of a sentence in one or more centred lines, with room under each word for a number."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, VGroup

from scenes.diagrams.tokens import TokenRow
from scenes.kit.layout import frame_box, is_portrait, readable_grow
from scenes.kit.theme import Theme

__all__ = ["ReadingRow", "fit_between", "split_lines"]

LABEL_ZONE = 0.55  # height kept free under every word for its weight label (scene units, before scaling)
LINE_GAP = 1.5  # between a line's label zone and the next line: room for the arcs that cross it
MIN_SCALE = 0.8  # below this the words get too small at 480p: wrap to another line instead


def split_lines(widths: list[float], lines: int, buff: float) -> list[list[int]]:
    """Split word ``widths`` into ``lines`` consecutive runs of about equal width.

    >>> split_lines([1, 1, 1, 1], 2, 0.0)
    [[0, 1], [2, 3]]
    >>> split_lines([3, 1, 1, 1], 2, 0.0)
    [[0], [1, 2, 3]]
    """
    total = sum(widths) + buff * (len(widths) - 1)
    out: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        remaining_lines = lines - len(out)
        if out[-1] and used + w / 2 > total * len(out) / lines and remaining_lines > 0:
            out.append([])
        out[-1].append(i)
        used += w + buff
    return out


class ReadingRow(VGroup):
    """``tokens`` as boxes wrapped into as few lines as keep them at least :data:`MIN_SCALE` of full size.

    In 9:16 (or with ``column=True``) the words stand in one left-aligned column instead.

    ``line_of[i]`` is the line of word ``i`` (0 = top); ``unit`` is the scale applied, so labels sized
    ``22 * unit`` stay in proportion. Fits ``width`` (default: the usable frame width of 16:9 or 9:16).
    """

    def __init__(
        self,
        tokens: tuple[str, ...],
        theme: Theme,
        size: float = 30,
        width: float | None = None,
        max_lines: int = 2,
        buff: float = 0.18,
        column: bool | None = None,
    ) -> None:
        super().__init__()
        row = TokenRow(tokens, theme, size, buff=buff)
        self.tokens, self.boxes, self.words = row.tokens, row.boxes, row.words
        self.column = is_portrait() if column is None else column
        if self.column:
            self._stack(buff)
            return
        width = width or frame_box()[0]
        widths = [b.width for b in self.boxes]
        natural = sum(widths) + buff * (len(widths) - 1)
        count = next((k for k in range(1, max_lines) if natural / k <= width / MIN_SCALE), max_lines)
        count = min(count, len(tokens))
        self.lines = split_lines(widths, count, buff)
        self.line_of = tuple(k for k, line in enumerate(self.lines) for _ in line)
        pitch = self.boxes[0].height + LABEL_ZONE + LINE_GAP
        for k, line in enumerate(self.lines):
            VGroup(*[self.boxes[i] for i in line]).arrange(RIGHT, buff=buff).move_to(-k * pitch * UP)
        for w, box in zip(self.words, self.boxes, strict=True):
            w.move_to(box)
        self.add(self.boxes, self.words)
        widest = max(VGroup(*[self.boxes[i] for i in line]).width for line in self.lines)
        self.unit = min(1.0, width / widest)
        self.scale(self.unit)

    def _stack(self, buff: float) -> None:
        """Column layout (9:16): one word a line, left-aligned; arcs bulge to the right, labels sit left."""
        self.lines = [[i] for i in range(len(self.tokens))]
        self.line_of = tuple(range(len(self.tokens)))
        self.boxes.arrange(DOWN, buff=buff, aligned_edge=LEFT)
        for w, box in zip(self.words, self.boxes, strict=True):
            w.move_to(box)
        self.add(self.boxes, self.words)
        self.unit = 1.0

    @property
    def label_zone(self) -> float:
        """Height of the free zone under each word, at the current scale."""
        return LABEL_ZONE * self.unit

    def item(self, i: int) -> VGroup:
        """Box and word ``i`` together."""
        return VGroup(self.boxes[i], self.words[i])

    def top(self, i: int) -> np.ndarray:
        """Top centre of word ``i``'s box."""
        return self.boxes[i].get_top()

    def bottom(self, i: int) -> np.ndarray:
        """Below word ``i``'s label zone: where arcs from a lower line attach."""
        return self.boxes[i].get_bottom() + self.label_zone * DOWN

    def place_label(self, i: int, mob: VGroup) -> VGroup:
        """Put ``mob`` in the label zone under word ``i`` (left of it in a column), shrunk if wider than the box."""
        if self.column:
            return mob.next_to(self.boxes[i], LEFT, buff=0.15 * self.unit).set_x(self.get_left()[0] - 0.5)
        if mob.width > self.boxes[i].width * 1.1:
            mob.scale_to_fit_width(self.boxes[i].width * 1.1)
        return mob.next_to(self.boxes[i], DOWN, buff=0.08 * self.unit)

    def headroom(self, i: int) -> float:
        """How high an arc above word ``i`` may rise without reaching the line above (inf on the top line)."""
        line = self.line_of[i]
        return math.inf if line == 0 else 0.8 * LINE_GAP * self.unit

    def center_between(self, top: float, bottom: float, rise: float) -> ReadingRow:
        """Centre the words, the ``rise`` of their arcs and their labels between two heights (shrinking to fit).

        In a row the arcs rise above and labels hang below; in a column the arcs bulge right and labels sit left.
        """
        if self.column:
            if self.height > top - bottom:
                self.unit *= (top - bottom) / self.height
                self.scale((top - bottom) / self.height)
            left, right = self.get_left()[0] - 1.0 * self.unit, self.get_right()[0] + rise * self.unit
            return self.shift(UP * ((top + bottom) / 2 - self.get_y()) - RIGHT * (left + right) / 2)
        high, low = self.get_top()[1] + rise * self.unit, self.get_bottom()[1] - self.label_zone
        if high - low > top - bottom:
            factor = (top - bottom) / (high - low)
            self.unit *= factor
            self.scale(factor)
            high, low = self.get_top()[1] + rise * self.unit, self.get_bottom()[1] - self.label_zone
        return self.shift(UP * ((top + bottom) / 2 - (high + low) / 2))


def fit_between(group: VGroup, top: float, bottom: float) -> VGroup:
    """Centre ``group`` (words with their arcs and labels) between two heights, as large as the room and the
    frame's width allow, up to the readable maximum (:func:`~scenes.kit.layout.readable_grow`)."""
    factor = min((top - bottom) / group.height, frame_box()[0] / group.width, readable_grow(group))
    group.scale(factor)
    return group.move_to(UP * (top + bottom) / 2)
