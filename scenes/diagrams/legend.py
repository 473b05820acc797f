"""The colour legend of the attention-weight scale (0 to 1, viridis)."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Rectangle, VGroup

from scenes.kit.text import label
from scenes.kit.theme import Theme, weight_color

__all__ = ["WeightLegend"]


class WeightLegend(VGroup):
    """A horizontal colour bar from 0 to 1 with tick labels and a title."""

    def __init__(self, theme: Theme, title: str, width: float = 3.0, height: float = 0.22, steps: int = 32) -> None:
        super().__init__()
        seg = width / steps
        self.bar = VGroup(
            *[
                Rectangle(width=seg, height=height, stroke_width=0).set_fill(weight_color((k + 0.5) / steps), 1)
                for k in range(steps)
            ]
        ).arrange(RIGHT, buff=0)
        ticks = VGroup(*[label(s, theme, 24, mono=True) for s in ("0", "0.5", "1")])
        for tick, frac in zip(ticks, (0.0, 0.5, 1.0), strict=True):
            tick.next_to(self.bar.get_left() + frac * width * RIGHT, DOWN, buff=0.1)
        self.title = label(title, theme, 22).next_to(self.bar, UP, buff=0.12)
        self.add(self.bar, ticks, self.title)
