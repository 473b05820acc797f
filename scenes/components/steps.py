"""Animated steps shared by the chapters that multiply matrices: spell out one entry, then fill the rest."""

from __future__ import annotations

from manim import DOWN, RIGHT, Create, FadeIn, LaggedStart, Scene, VGroup, config

from scenes.components.layout import fit
from scenes.components.matrix import MatrixGrid
from scenes.components.product import dot_expression
from scenes.components.text import fmt, label
from scenes.components.theme import Theme
from scenes.components.transitions import Fade

__all__ = ["entry_expression", "fill_cells", "place_below", "spell_first_entry"]


def entry_expression(a: list[float], b: list[float], a_dec: int, b_dec: int, total: float, total_dec: int,
                     max_terms: int = 4) -> str:
    """``a·b`` written out; with more than ``max_terms`` terms, the first two and the last with "⋯" between.

    >>> entry_expression([0.5, 0.25, 0.25], [1.0, 2.0, 4.0], 2, 1, 2.0, 2, max_terms=2)
    '0.50×1.0 + 0.25×2.0 + ⋯ + 0.25×4.0 = 2.00'
    """
    if len(a) <= max_terms:
        return dot_expression(a, b, a_dec, b_dec, total, total_dec)
    head = dot_expression(a[:2], b[:2], a_dec, b_dec, 0.0, total_dec).rsplit(" = ", 1)[0]
    tail = dot_expression(a[-1:], b[-1:], a_dec, b_dec, 0.0, total_dec).rsplit(" = ", 1)[0]
    return f"{head} + ⋯ + {tail} = {fmt(total, total_dec)}"


def place_below(mob, anchor, buff: float = 0.3):
    """Put ``mob`` under ``anchor``, shrunk to the frame's width and slid sideways to stay inside it."""
    fit(mob).next_to(anchor, DOWN, buff=buff).set_x(anchor.get_x())
    half = config.frame_width * 0.48
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


def spell_first_entry(scene, left: MatrixGrid, top: MatrixGrid, out: MatrixGrid, theme: Theme, color: str,
                      hold: float = 2.0, max_terms: int = 4) -> VGroup:
    """Frame row 0 of ``left`` and column 0 of ``top``, write their dot product, and show ``out[0, 0]``.

    Uses the full rows of the data (also the elided middle), so the sum is the one on screen; more than
    ``max_terms`` terms are elided with "⋯". Returns the expression line so the caller can fade it with
    whatever else it clears.
    """
    a, b = list(left.values[0]), list(top.values[:, 0])
    text = entry_expression(a, b, left.decimals, top.decimals, float(out.values[0, 0]), out.decimals, max_terms)
    line = place_below(label(text, theme, 24, color=color, mono=True), VGroup(left, out))
    boxes = VGroup(left.row_box(0, theme.accent), top.col_box(0, theme.accent))
    scene.play(Create(out.brackets), Fade(out.title), Create(boxes))
    scene.play(Fade(line))
    scene.play(FadeIn(out.cell(0, 0), scale=1.4))
    scene.wait(hold)
    scene.play(Fade(boxes, fade_in=False), Fade(line, fade_in=False))
    return line
