"""A focus word looking back: its arcs and weights over a ReadingRow, then its strongest arc lit, others dimmed."""

from __future__ import annotations

from manim import Animation, Create, LaggedStart, SurroundingRectangle, VGroup

from attention_core import Reading
from scenes.diagrams.arcs import ArcFan
from scenes.diagrams.reading_row import ReadingRow
from scenes.kit.text import number
from scenes.kit.theme import Theme
from scenes.kit.transitions import Fade

__all__ = ["DIM", "RecallView"]

DIM = 0.3  # dimmed arcs keep this share of their opacity
DECIMALS = 2  # weights under the words


class RecallView(VGroup):
    """Arcs from ``reading.focus`` to every word it looks at, and each weight under its word.

    ``labels[key]`` is the weight under word ``key`` (the focus word's own weight is ``labels[focus]``).
    """

    def __init__(self, row: ReadingRow, reading: Reading, theme: Theme) -> None:
        super().__init__()
        self.row, self.reading, self.theme = row, reading, theme
        keys = reading.looked_at()
        self.fan = ArcFan(row, reading.focus, keys, [reading.weight(k) for k in keys], theme.text)
        size = (30 if row.column else 24) * row.unit  # a column leaves room left of the words
        self.labels = {
            k: row.place_label(
                k, number(reading.weight(k), DECIMALS, theme, size, theme.muted if k == reading.focus else theme.text)
            )
            for k in (*keys, reading.focus)
        }
        self.add(self.fan, *self.labels.values())

    def mark_focus(self) -> Animation:
        """Frame the focus word (where it stands now)."""
        self.focus_box = _box(self.row, self.reading.focus, self.theme.accent)
        return Create(self.focus_box)

    def animate_in(self) -> Animation:
        """Draw the arcs (nearest word first) with their weights."""
        keys = sorted(self.fan.by_key, key=lambda k: abs(k - self.reading.focus))
        return LaggedStart(
            *[Create(self.fan.by_key[k]) for k in keys], Fade(VGroup(*self.labels.values())), lag_ratio=0.12
        )

    def highlight(self, keys: tuple[int, ...], own: bool = False) -> list[Animation]:
        """Light the arcs to ``keys`` and their words in the accent colour (and the focus's own weight when
        ``own``); dim every other arc and weight. Nothing to light (an even row) dims nothing."""
        lit = {k for k in keys if k in self.fan.by_key}
        if not lit and not own:
            return []
        self.glow = VGroup(*[self.fan.by_key[k].copy().set_stroke(self.theme.accent, opacity=1.0) for k in lit])
        self.best_box = VGroup(*[_box(self.row, k, self.theme.accent) for k in lit])
        anims: list[Animation] = [Create(self.glow), Create(self.best_box)] if lit else []
        bright = lit | ({self.reading.focus} if own else set())
        anims += [self.labels[k].animate.set_color(self.theme.accent) for k in bright]
        for key, arc in self.fan.by_key.items():
            if key not in lit:
                anims.append(arc.animate.set_stroke(opacity=arc.get_stroke_opacity() * DIM))
        anims += [lab.animate.set_opacity(0.45) for key, lab in self.labels.items() if key not in bright]
        return anims


def _box(row: ReadingRow, i: int, color: str) -> SurroundingRectangle:
    return SurroundingRectangle(row.boxes[i], color=color, buff=0.05 * row.unit, corner_radius=0.1, stroke_width=4)
