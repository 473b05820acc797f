"""Bar charts of a few numbers from the data: each bar carries its value, written, and a category label."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Rectangle, Text, VGroup

from scenes.kit.text import fmt, label
from scenes.kit.theme import Theme

__all__ = ["BarChart"]


class BarChart(VGroup):
    """``values (m,)`` as bars scaled so ``max_value`` is ``length`` long, on a common baseline.

    Vertical bars (default) stand on a baseline with the category label under each; ``horizontal`` bars grow to
    the right with the label on the left. ``key`` names the data the values come from (tests read them back);
    :meth:`value_texts` are the numbers written at the bars' ends with ``decimals`` digits. With ``tracks`` each bar
    also has an outline of its full length (``max_value``) in ``.tracks``, to show before the values grow in.
    """

    def __init__(
        self,
        values,
        categories: list[str],
        theme: Theme,
        *,
        key: str,
        color: str,
        max_value: float | None = None,
        length: float = 2.5,
        thickness: float = 0.55,
        gap: float = 0.3,
        decimals: int = 2,
        horizontal: bool = False,
        font_size: float = 20,
        tracks: bool = False,
    ) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.key, self.decimals = key, decimals
        top = max_value if max_value is not None else float(self.values.max())
        grow, across = (RIGHT, DOWN) if horizontal else (UP, RIGHT)
        self.bars, self.numbers, self.labels, self.tracks = VGroup(), VGroup(), VGroup(), VGroup()
        for k, v in enumerate(self.values):
            size = max(length * float(v) / top, 0.02)
            bar = Rectangle(
                width=size if horizontal else thickness, height=thickness if horizontal else size, stroke_width=0
            ).set_fill(color, 1)
            base = across * k * (thickness + gap)
            bar.move_to(base + grow * size / 2)
            self.bars.add(bar)
            if tracks:  # the empty full-scale bar, outlined: where the value will stand against its maximum
                track = Rectangle(
                    width=length if horizontal else thickness, height=thickness if horizontal else length
                )
                self.tracks.add(track.set_stroke(theme.muted, 1.5, 0.6).move_to(base + grow * length / 2))
            self.numbers.add(
                label(fmt(float(v), decimals), theme, font_size, mono=True).next_to(bar, grow, buff=0.08)
            )
            self.labels.add(label(categories[k], theme, font_size).next_to(base, -grow, buff=0.12))
        if horizontal:
            for lab in self.labels:
                lab.align_to(self.bars, LEFT).shift(LEFT * (lab.width + 0.12))
        self.add(self.tracks, self.bars, self.numbers, self.labels)

    def value_texts(self) -> list[str]:
        """The numbers written on the bars, in order."""
        return [t.text for t in self.numbers]

    def number(self, k: int) -> Text:
        """The number written on bar ``k``."""
        return self.numbers[k]
