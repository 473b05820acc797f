"""Animated steps shared by the chapters that multiply matrices: spell out one entry, then fill the rest."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, LaggedStart, ReplacementTransform, Scene, VGroup

from attention_core import Claim
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.layout import fit, frame_box
from scenes.kit.text import label
from scenes.kit.theme import Theme
from scenes.kit.transitions import Fade

__all__ = ["divide_text", "fill_cells", "flow_weights", "place_below", "spell_first_entry"]


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


def _result_glyphs(line, expression: str, cell) -> VGroup:
    """A copy of the glyphs of ``line`` that write its result (the expression's last word), to travel into
    ``cell``; when that word is not the cell's text, a copy of the cell at the end of the line."""
    result = expression.split()[-1] if expression.split() else ""
    glyphs = len(result.replace(" ", ""))
    if result == cell.text and 0 < glyphs <= len(line.submobjects):
        return VGroup(*[g.copy() for g in line.submobjects[-glyphs:]])
    return cell.copy().next_to(line, RIGHT, buff=0.2)


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
    """Frame row 0 of ``left`` and column 0 of ``top``, write their dot product, and move its result into
    ``out[0, 0]``: the number computed below travels up into its cell.

    ``expression`` is the dot-product claim's spelled-out text (the written terms, "=" or "≈", the result).
    Returns the expression line so the caller can fade it with whatever else it clears.
    """
    line = place_below(label(expression, theme, 24, color=color, mono=True), VGroup(left, out))
    boxes = VGroup(left.row_box(0, theme.accent), top.col_box(0, theme.accent))
    scene.play(Create(out.brackets), Fade(out.title), Create(boxes))
    scene.play(Fade(line))
    scene.play(ReplacementTransform(_result_glyphs(line, expression, out.cell(0, 0)), out.cell(0, 0)), run_time=0.8)
    scene.wait(hold)
    scene.play(Fade(boxes, fade_in=False), Fade(line, fade_in=False))
    return line


def flow_weights(scene: Scene, weights: MatrixGrid, v: MatrixGrid, row: int = 0, side=LEFT) -> VGroup:
    """Row ``row`` of ``weights`` flows onto the rows of ``v``: a copy of each weight travels beside (on ``side``
    of) the V row it multiplies, and each V row is drawn as strongly as its weight (the largest at full strength),
    so the weighted sum can be seen before it is written. Returns the travelled weights (still on screen); V's
    rows are restored to full strength."""
    cols = list(weights.col_index)
    shown = [j for j in range(v.shape[0]) if v.row_index[j] in cols]  # V rows whose weight is on screen
    w = {j: float(weights.values[weights.row_index[row], v.row_index[j]]) for j in shown}
    top = max(w.values(), default=1.0) or 1.0
    moved = VGroup(*[weights.cell(row, cols.index(v.row_index[j])).copy() for j in shown])
    beside = len(v.title) and v.brackets.get_bottom()[1] < v.title.get_y() < v.brackets.get_top()[1]
    anchor = VGroup(v.brackets, v.title) if beside else v.brackets  # past V's name when it stands beside V
    targets = [
        m.copy().set_color(weights.theme.text).scale(0.8).next_to(anchor, side, buff=0.15).set_y(v.cell(j, 0).get_y())
        for m, j in zip(moved, shown, strict=True)
    ]
    scene.play(
        LaggedStart(*[m.animate.become(t) for m, t in zip(moved, targets, strict=True)], lag_ratio=0.08),
        *[v.row(j).animate.set_opacity(0.25 + 0.75 * w[j] / top) for j in shown],
        run_time=1.2,
    )
    scene.wait(0.8)
    scene.play(*[v.row(j).animate.set_opacity(1.0) for j in shown], run_time=0.4)
    return moved
