"""Attention(Q, K, V) = softmax(QKᵀ / √d_k) V built from Text pieces (no LaTeX), so each term can light up."""

from __future__ import annotations

from manim import DOWN, RIGHT, Line, SurroundingRectangle, Text, VGroup

from scenes.kit.text import CachedText
from scenes.kit.theme import FONT, Theme

__all__ = ["AttentionFormula"]

PARTS = ("scores", "scale", "softmax", "weighted")


class AttentionFormula(VGroup):
    """The formula as pieces: :meth:`part` gives the term of one step (``"scores"`` = QKᵀ, ``"scale"`` = ÷√d_k,
    ``"softmax"`` = softmax( ), ``"weighted"`` = V). Q, K and V keep their colours everywhere."""

    def __init__(self, theme: Theme, size: float = 40) -> None:
        super().__init__()
        self.theme = theme
        qkv = {"Q": theme.q, "K": theme.k, "V": theme.v}

        def piece(s: str, colors: dict | None = None) -> Text:
            return CachedText(s, font=FONT, font_size=size, color=theme.text, t2c=colors or {})

        self.lhs = piece("Attention(Q, K, V) =", qkv)
        self.open, self.close = piece("softmax("), piece(")")
        self.qk = piece("QKᵀ", {"Q": theme.q, "K": theme.k})
        self.sqrt = piece("√d_k")
        self.bar = Line(stroke_width=3, color=theme.text).set_length(max(self.qk.width, self.sqrt.width) + 0.15)
        self.fraction = VGroup(self.qk, self.bar, self.sqrt).arrange(DOWN, buff=0.1)
        self.v = piece("V", {"V": theme.v})
        self.add(self.lhs, self.open, self.fraction, self.close, self.v)
        self.arrange(RIGHT, buff=0.12)
        for mob in (self.lhs, self.open, self.close, self.v):
            mob.set_y(self.bar.get_y())

    def part(self, name: str) -> VGroup:
        """The pieces of step ``name`` (one of ``scores``, ``scale``, ``softmax``, ``weighted``)."""
        return {
            "scores": VGroup(self.qk),
            "scale": VGroup(self.bar, self.sqrt),
            "softmax": VGroup(self.open, self.close),
            "weighted": VGroup(self.v),
        }[name]

    def pieces(self) -> list:
        """Every piece, left to right, in the order they are written."""
        return [self.lhs, self.open, self.qk, self.bar, self.sqrt, self.close, self.v]

    def frame(self, name: str, color: str) -> VGroup:
        """Outlines around the pieces of step ``name`` (softmax's two brackets are framed separately)."""
        return VGroup(
            *[
                SurroundingRectangle(p, color=color, buff=0.08, corner_radius=0.06)
                for p in (self.part(name) if name == "softmax" else [self.part(name)])
            ]
        )
