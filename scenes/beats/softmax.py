"""Beats several chapters share: the scores divided by √d_k in place, and softmax turning scores into weights row by
row. Formula, worked-example and multi-head call them with their own grids, layout and captions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    AnimationGroup,
    Create,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
)

from scenes.beats.steps import divide_text
from scenes.diagrams.legend import WeightLegend
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.layout import is_portrait
from scenes.kit.text import label
from scenes.kit.transitions import Fade

__all__ = ["scale_in_place", "softmax_in_place"]

Grid = Callable[..., MatrixGrid]  # (key, values, **MatrixGrid options) -> a grid with the chapter's labels
Place = Callable[[VGroup], VGroup]  # fits and positions a group in the chapter's free area


def scale_in_place(
    scene,
    scores: MatrixGrid,
    grid: Grid,
    tr,
    topic: str,
    key: str,
    place: Place,
    below_in_portrait: bool = True,
    titles: tuple[str, str] = ("QKᵀ", "QKᵀ/√d_k"),
) -> tuple[MatrixGrid, VGroup]:
    """``scores`` (on screen) grows into QKᵀ with both token axes; "÷ √d_k" appears beside it (below in portrait)
    and each row turns into the scaled row in place. Caption ``key`` states claim ``topic`` (the scale claim).
    Returns the scaled grid and the divisor label, both still on screen.

    ``tr`` is an :class:`~attention_core.AttentionTrace` (``scores``, ``scaled_scores``, ``n``).
    """
    th = scene.theme
    big = grid("scores", tr.scores, title=titles[0])
    scaled = grid("scaled_scores", tr.scaled_scores, title=titles[1], cell_w=big.cell_w)
    divide = label(divide_text(scene.data.claim(topic)), th, 30, color=th.accent)
    scaled.shift(big.cells.get_center() - scaled.cells.get_center())
    divide.next_to(big.brackets, DOWN if is_portrait() and below_in_portrait else RIGHT, buff=0.35)
    place(VGroup(big, scaled, divide))
    scene.play(ReplacementTransform(scores, big))
    scene.state(topic, key)
    scene.play(FadeIn(divide, shift=0.2 * LEFT))
    swaps = [AnimationGroup(Fade(big.row(i), fade_in=False), Fade(scaled.row(i))) for i in range(big.shape[0])]
    scene.play(Fade(big.title, fade_in=False), Fade(scaled.title), LaggedStart(*swaps, lag_ratio=0.25))
    scene.discard(big)
    scene.settle(scaled)
    return scaled, divide


def softmax_in_place(
    scene,
    scaled: MatrixGrid | None,
    grid: Grid,
    scaled_values,
    weights,
    sums: Sequence[str],
    place: Place,
    intro: Callable[[], None] | None = None,
    each_row: Callable[[int], None] | None = None,
    title: str = "softmax(QKᵀ/√d_k)",
    source_title: str = "QKᵀ/√d_k",
) -> tuple[MatrixGrid, VGroup]:
    """The scaled scores (``scaled`` on screen, or faded in when None) become a heat-coloured grid of ``weights``,
    row by row, each row's sum in a "Σ" column (``sums[r]``: the written sum of row r, from a claim) and a colour
    legend.
    ``intro()`` (a caption, usually) runs once the scores are in place.

    Without ``each_row`` the rows turn in one lagged sweep; with it, one row at a time inside a frame and
    ``each_row(i)`` after row ``i``. Returns the weights grid and the Σ labels with the legend, still on screen.
    """
    th = scene.theme
    target = grid("scaled_scores", scaled_values, title=source_title)
    heat = grid("weights", weights, heat=True, title=title, cell_w=target.cell_w)
    for numbers in (target.cells, heat.cells):  # over the colour that grows in behind them, whatever the order
        numbers.set_z_index(1)
    sigma = _sum_column(heat, sums, th)
    legend = WeightLegend(th, scene.t("legend")).next_to(heat.brackets, DOWN, buff=0.3)
    target.shift(heat.cells.get_center() - target.cells.get_center())
    place(VGroup(heat, sigma, legend, target))
    scene.play(ReplacementTransform(scaled, target) if scaled is not None else Fade(target))
    if intro is not None:
        intro()
    n = heat.shape[1]

    def turn(i: int) -> AnimationGroup:
        """Row i's scores become its weights where they stand: each number turns into the next, the colour fills
        in behind it from the left (the written numbers are the trace's, before and after)."""
        background = VGroup(*heat.backgrounds[i * n : (i + 1) * n])
        return AnimationGroup(
            Fade(target.row(i), fade_in=False),
            GrowFromEdge(background, LEFT),
            *[TransformFromCopy(a, b) for a, b in zip(target.row(i), heat.row(i), strict=True)],
        )

    if each_row is None:
        scene.play(
            Fade(target.title, fade_in=False),
            Fade(heat.title),
            Fade(target.dots, fade_in=False),
            Fade(heat.dots),
            LaggedStart(*[turn(i) for i in range(heat.shape[0])], lag_ratio=0.3),
            run_time=2.5,
        )
        scene.discard(target)
        scene.settle(heat)
        scene.play(
            Fade(legend),
            Fade(sigma.head),
            LaggedStart(*[FadeIn(s, shift=0.2 * LEFT) for s in sigma.sums], lag_ratio=0.2),
        )
        return heat, VGroup(sigma, legend)
    scene.play(Fade(legend), Fade(sigma.head))
    for i in range(heat.shape[0]):
        box = target.row_box(i, th.accent)
        scene.play(Create(box), run_time=0.3)
        scene.play(turn(i), FadeIn(sigma.sums[i], shift=0.2 * LEFT), run_time=0.7)
        each_row(i)
        scene.play(Fade(box, fade_in=False), run_time=0.2)
    scene.play(Fade(target.title, fade_in=False), Fade(heat.title))
    scene.discard(target)
    scene.settle(heat)
    return heat, VGroup(sigma, legend)


def _sum_column(heat: MatrixGrid, sums: Sequence[str], theme) -> VGroup:
    """A column headed "Σ" right of ``heat``: each shown row's written sum (``sums[r]``) level with the row;
    ``.head`` and ``.sums`` name the parts."""
    size = 24 * heat.cell_h / 0.5  # the grid's own type size
    column = VGroup(
        *[
            label(sums[r], theme, size, mono=True)
            .next_to(heat.brackets, RIGHT, buff=0.3)
            .set_y(heat.cell(i, 0).get_y())
            for i, r in enumerate(heat.row_index)
        ]
    )
    head = label("Σ", theme, size, color=theme.muted).move_to(column).set_y(heat.brackets.get_top()[1] + 0.25)
    group = VGroup(head, column)
    group.head, group.sums = head, column
    return group
