"""A row (or column) of token boxes: the words of the example sentence, as literal text."""

from __future__ import annotations

from manim import RIGHT, RoundedRectangle, VGroup

from scenes.kit.text import label
from scenes.kit.theme import Theme

__all__ = ["TokenRow"]


class TokenRow(VGroup):
    """Boxes holding ``tokens``; ``direction`` RIGHT for a row, DOWN for a column."""

    def __init__(self, tokens: tuple[str, ...], theme: Theme, size: float = 30, direction=RIGHT, buff=0.18) -> None:
        super().__init__()
        self.tokens = tuple(tokens)
        self.words = VGroup(*[label(t, theme, size) for t in self.tokens])
        self.boxes = VGroup()
        height = max(w.height for w in self.words) + 0.3
        for w in self.words:
            box = RoundedRectangle(width=max(w.width + 0.3, height), height=height, corner_radius=0.1)
            box.set_stroke(theme.muted, 2).set_fill(theme.panel, 1)
            self.boxes.add(box)
        self.boxes.arrange(direction, buff=buff)
        for w, box in zip(self.words, self.boxes, strict=True):
            w.move_to(box)
        self.add(self.boxes, self.words)

    def item(self, i: int) -> VGroup:
        """Box and word ``i`` together."""
        return VGroup(self.boxes[i], self.words[i])
