"""Chapter 6, worked-example: every number of softmax(QKᵀ/√d_k)V for "猫 坐在 垫子 上", by hand."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    LaggedStart,
    ReplacementTransform,
    VGroup,
)

from scenes.beats.projections import ProjectionBeat
from scenes.beats.softmax import scale_in_place, softmax_in_place
from scenes.beats.steps import fill_cells, flow_weights, spell_first_entry
from scenes.diagrams.matrix import MatrixGrid
from scenes.diagrams.product import place_product
from scenes.kit.base import ChapterScene
from scenes.kit.layout import fit_area, free_area, is_portrait
from scenes.kit.text import label
from scenes.kit.transitions import Fade, curtain
from scenes.worked_example.spec import SPEC

__all__ = ["ShowWorkedExample"]


class ShowWorkedExample(ProjectionBeat, ChapterScene):
    """X → Q, K, V → QKᵀ → ÷√d_k → softmax → weights·V, with every intermediate number on screen."""

    title_key = "we.title"
    project_caption = "we.project"
    result_hold = 0.8

    def construct(self) -> None:
        self.trace = self.data.trace
        self._beat_title()
        self.state_window()
        x = self._beat_inputs()
        self._beat_projections(x)
        scores = self._beat_scores()
        scaled = self._beat_scale(scores)
        weights = self._beat_softmax(scaled)
        output = self._beat_weighted_sum(weights)
        self._beat_summary(output)

    # -- helpers -------------------------------------------------------------------------------------------
    def _grid(self, key: str, values: np.ndarray, decimals: int = SPEC.decimals, **kw) -> MatrixGrid:
        return MatrixGrid(values, self.theme, key=key, decimals=decimals, **kw)

    def _fit_product(self, group: VGroup, room_below: float = 0.0) -> VGroup:
        """Fit a product layout between the title and the caption band (``room_below`` kept free under it)."""
        return fit_area(group, self._top(), room_below)

    def _top(self) -> float:
        return self.title_mob.get_bottom()[1] - 0.3

    # -- beats ---------------------------------------------------------------------------------------------
    def _beat_inputs(self) -> MatrixGrid:
        tr = self.trace
        x = self._grid("X", tr.X, SPEC.in_decimals, row_labels=tr.tokens, title="X")
        self._fit_product(x)
        self.play(FadeIn(x.row_labels, lag_ratio=0.2), Create(x.brackets), Fade(x.title))
        self.play(LaggedStart(*[Fade(x.row(i)) for i in range(tr.n)], lag_ratio=0.3))
        self.settle(x)
        self.state("shape", "we.intro", hold=2.0, sentence=self.data.typed)
        box = x.row_box(0, self.theme.accent)
        self.play(Create(box))
        self.state("x1", "we.x1", hold=2.0, x1=", ".join(self.data.claim("x1").values["x1"]))
        self.play(Fade(box, fade_in=False))
        return x

    def _beat_projections(self, x: MatrixGrid) -> None:
        tr = self.trace
        shown = self.project(x, tr)
        self.state("shape", "we.qkv_done", hold=2.0)
        self.play(Fade(shown, fade_in=False))

    def _show_first_entry(self, left: MatrixGrid, top: MatrixGrid, out: MatrixGrid, color: str) -> None:
        """Spell out result[0, 0] as a dot product (every term: this chapter is checked by hand), then the rest."""
        entry = self.state(f"first_entry:{out.key}", "we.first_entry")
        spell_first_entry(self, left, top, out, self.theme, color, entry.values["expression"], hold=1.6)
        fill_cells(self, out)
        self.wait(1.0)

    def _beat_scores(self) -> MatrixGrid:
        tr, th = self.trace, self.theme
        q = self._grid("Q", tr.Q, color=th.q, row_labels=tr.tokens, title="Q")
        kt = self._grid("K.T", tr.K.T, color=th.k, col_labels=tr.tokens, title="Kᵀ")
        scores = self._grid("scores", tr.scores, title="QKᵀ")
        below = 0.5  # the spelled-out entry is written under the product
        self._fit_product(place_product(q, kt, scores, area=free_area(self._top(), below)), below)
        self.play(Fade(q), Fade(kt))
        self.state("shape", "we.scores")
        self._show_first_entry(q, kt, scores, th.text)
        self.play(Fade(q, fade_in=False), Fade(kt, fade_in=False))
        return scores

    def _labelled(self, key: str, values: np.ndarray, **kw) -> MatrixGrid:
        return self._grid(key, values, row_labels=self.trace.tokens, col_labels=self.trace.tokens, **kw)

    def _beat_scale(self, scores: MatrixGrid) -> MatrixGrid:
        """The scores, enlarged with both token axes, are divided by √d_k in place."""
        scaled, divide = scale_in_place(
            self, scores, self._labelled, self.trace, "scale", "we.scale", self._fit_product
        )
        self.wait(2.0)
        self.play(Fade(divide, fade_in=False))
        return scaled

    def _beat_softmax(self, scaled: MatrixGrid) -> MatrixGrid:
        """Each row of the scaled scores turns, in place, into a row of weights that sums to 1."""
        tr = self.trace
        sums = [self.data.claim(f"softmax:{i}").values["sum"] for i in range(tr.n)]

        def each_row(i: int) -> None:
            self.state(f"softmax:{i}", "we.softmax", hold=2.0 if i == 0 else 0.8 if tr.n <= 4 else 0.5)

        weights, extras = softmax_in_place(
            self, scaled, self._labelled, tr.scaled_scores, tr.weights, sums, self._fit_product, each_row=each_row
        )
        self.mark_poster()
        self.wait(1.0)
        self.play(Fade(extras, fade_in=False))
        return weights

    def _beat_weighted_sum(self, weights: MatrixGrid) -> MatrixGrid:
        """weights · V = output, side by side; the first output number spelled out."""
        tr, th = self.trace, self.theme
        left = self._grid(
            "weights", tr.weights, heat=True, row_labels=tr.tokens, col_labels=tr.tokens, title="softmax(QKᵀ/√d_k)"
        )
        v = self._grid("V", tr.V, color=th.v, title="V")
        out = self._grid("output", tr.output, title="output")
        signs = VGroup(label("·", th, 40), label("=", th, 36))
        right = VGroup(signs[0], v, signs[1], out).arrange(RIGHT, buff=0.35)
        signs[0].shift(0.8 * LEFT)  # room for the weights that flow onto V's rows
        if is_portrait():  # stacked: the weights above, "· V = output" below
            row = VGroup(left, right).arrange(DOWN, buff=0.5)
        else:
            row = VGroup(left, right).arrange(RIGHT, buff=0.35)
            for mob in right:
                mob.shift((left.cells.get_y() - getattr(mob, "cells", mob).get_y()) * UP)
        for mob in (signs[0], signs[1], out):
            mob.shift((v.cells.get_y() - getattr(mob, "cells", mob).get_y()) * UP)
        self._fit_product(row)
        self.play(ReplacementTransform(weights, left))
        self.play(Fade(signs), Fade(v))
        self.say("we.weighted", hold=1.0, tok=tr.tokens[0])
        flowing = flow_weights(self, left, v, row=0)
        self._show_first_entry(left, v, out, th.text)
        self.play(Fade(v, fade_in=False), Fade(signs, fade_in=False), Fade(flowing, fade_in=False))
        return out

    def _beat_summary(self, output: MatrixGrid) -> None:
        self.state("row:0", "we.summary", hold=3.0)
        curtain(self, self.theme)
