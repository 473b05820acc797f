"""Animated steps shared by the chapters that multiply matrices: spell out one entry, then fill the rest."""

from __future__ import annotations

from manim import DOWN, RIGHT, Create, FadeIn, LaggedStart, Scene, VGroup

from attention_core import Claim
from scenes.components.layout import fit, frame_box
from scenes.components.matrix import MatrixGrid
from scenes.components.text import label
from scenes.components.theme import Theme
from scenes.components.transitions import Fade

__all__ = ["divide_text", "fill_cells", "place_below", "spell_first_entry"]


def divide_text(scale: Claim) -> str:
    """The divisor beside a matrix being scaled, from the scale claim: "÷ √2 ≈ 1.414" or "÷ √4 = 2"."""
    v = scale.values
    return f"÷ √{v['d_k']} {'=' if v['exact_root'] else '≈'} {v['divisor']}"


def place_below(mob, anchor, buff: float = 0.3):
    """Put ``mob`` under ``anchor``, shrunk to the frame's width and slid sideways to stay inside it."""
    fit(mob).next_to(anchor, DOWN, buff=buff).set_x(anchor.get_x())
    half = frame_box()[0] / 2
    if mob.get_right()[0] > half:
        mob.shift(RIGHT * (half - mob.get_right()[0]))
    if mob.get_left()[0] < -half:
        mob.shift(RIGHT * (-half - mob.get_left()[0]))
    return mob


def fill_cells(scene: Scene, grid: MatrixGrid, skip_first: bool = True, lag: float = 0.08) -> None:
    """Fade in the numbers of ``grid`` (all but the first if ``skip_first``) and its dots, then settle it."""
    rest = [c for k, c in enumerate(grid.cells) if k or not skip_first]
    anims = [LaggedStart(*[Fade(c) for c in rest], lag_ratio=lag)] if rest else []
    if len(grid.dots):
        anims.append(Fade(grid.dots))
    if anims:
        scene.play(*anims)
    scene.settle(grid)


def spell_first_entry(
    scene,
    left: MatrixGrid,
    top: MatrixGrid,
    out: MatrixGrid,
    theme: Theme,
    color: str,
    expression: str,
    hold: float = 2.0,
) -> VGroup:
    """Frame row 0 of ``left`` and column 0 of ``top``, write their dot product, and show ``out[0, 0]``.

    ``expression`` is the dot-product claim's spelled-out text (the written terms, "=" or "≈", the result).
    Returns the expression line so the caller can fade it with whatever else it clears.
    """
    line = place_below(label(expression, theme, 24, color=color, mono=True), VGroup(left, out))
    boxes = VGroup(left.row_box(0, theme.accent), top.col_box(0, theme.accent))
    scene.play(Create(out.brackets), Fade(out.title), Create(boxes))
    scene.play(Fade(line))
    scene.play(FadeIn(out.cell(0, 0), scale=1.4))
    scene.wait(hold)
    scene.play(Fade(boxes, fade_in=False), Fade(line, fade_in=False))
    return line
