"""Chapter 5, formula: softmax(QKᵀ/√d_k)V built term by term, each step with the numbers of the trace."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    MoveToTarget,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
)

from attention_core import highlighted
from scenes.beats.softmax import scale_in_place, softmax_in_place
from scenes.beats.steps import fill_cells, flow_weights, spell_first_entry
from scenes.diagrams.bars import BarChart
from scenes.diagrams.matrix import MatrixGrid
from scenes.diagrams.product import place_product
from scenes.formula.formula_card import PARTS, AttentionFormula
from scenes.formula.spec import SPEC
from scenes.kit.base import ChapterScene
from scenes.kit.layout import fit, fit_area, frame_box, free_area, is_portrait, safe_rect
from scenes.kit.text import fmt, label
from scenes.kit.transitions import Fade, curtain

__all__ = ["BuildAttentionFormula"]


class BuildAttentionFormula(ChapterScene):
    """The formula appears whole, then each term lights up while its step runs on the trace's numbers."""

    def construct(self) -> None:
        self.tr = self.data.trace
        self.slots = 5 if is_portrait() else 7  # rows/columns shown of an n×n matrix before "⋯" takes over
        self.focus_box = VGroup()
        self._beat_formula()
        scores = self._beat_scores()
        self._beat_scale(scores)
        self._beat_why_spread()
        self._beat_why_saturation()
        weights = self._beat_softmax()
        self._beat_weighted_sum(weights)
        self._beat_summary()

    # -- helpers -------------------------------------------------------------------------------------------
    def _grid(self, key: str, values: np.ndarray, **kw) -> MatrixGrid:
        kw.setdefault("max_rows", self.slots)
        kw.setdefault("max_cols", self.slots)
        return MatrixGrid(values, self.theme, key=key, decimals=SPEC.decimals, **kw)

    def _labelled(self, key: str, values: np.ndarray, **kw) -> MatrixGrid:
        return self._grid(key, values, row_labels=self.tr.tokens, col_labels=self.tr.tokens, **kw)

    def _fit(self, group, room_below: float = 0.7, grow: float | None = None):
        """Fit ``group`` between the formula and the caption band, leaving ``room_below`` for an expression."""
        return fit_area(group, self._top(), room_below, grow)

    def _top(self) -> float:
        """The top of the room under the formula."""
        return self.formula.get_bottom()[1] - 0.3

    def _focus(self, name: str | None) -> None:
        """Frame the formula's term of step ``name`` (None: no frame)."""
        new = self.formula.frame(name, self.theme.accent) if name else VGroup()
        anims = [Fade(m) for m in new] + [Fade(m, fade_in=False) for m in self.focus_box]
        if anims:
            self.play(*anims, run_time=0.5)
        self.focus_box = new

    # -- beats ---------------------------------------------------------------------------------------------
    def _beat_formula(self) -> None:
        room = 0.3  # the frames around the formula's terms reach past it
        self.formula = fit(AttentionFormula(self.theme), width=frame_box()[0] - room).move_to(0.6 * UP)
        self.play(
            LaggedStart(*[FadeIn(p, shift=0.15 * UP) for p in self.formula.pieces()], lag_ratio=0.3), run_time=2.0
        )
        self.say("f.whole", hold=1.2)
        for name in PARTS:
            self._focus(name)
            self.say(f"f.part_{name}", hold=1.1)
        self._focus(None)
        self.formula.generate_target()
        self.formula.target.scale(0.65 if not is_portrait() else 1.0)
        self.formula.target.move_to([0, safe_rect().top - 0.15 - self.formula.target.height / 2, 0])
        self.play(MoveToTarget(self.formula))

    def _beat_scores(self) -> MatrixGrid:
        tr, th = self.tr, self.theme
        q = self._grid("Q", tr.Q, color=th.q, row_labels=tr.tokens, title="Q")
        kt = self._grid("K.T", tr.K.T, color=th.k, col_labels=tr.tokens, title="Kᵀ")
        scores = self._grid("scores", tr.scores, title="QKᵀ")
        self._fit(place_product(q, kt, scores, area=free_area(self._top(), 0.7)))
        self._focus("scores")
        self.play(Fade(q), Fade(kt), run_time=0.7)
        self.state("shape", "f.scores", hold=1.5)
        entry = self.state("first_entry:scores", "f.one_row", tok=tr.tokens[0])
        spell_first_entry(self, q, kt, scores, th, th.text, entry.values["expression"], hold=1.5)
        row_box, col_box = q.row_box(0, th.accent), kt.col_box(0, th.accent)
        self.play(Fade(row_box), Fade(col_box), run_time=0.3)
        for j in range(1, scores.shape[1]):
            self.play(col_box.animate.move_to(kt.col(j)), Fade(scores.cell(0, j)), run_time=0.4)
        self.play(Fade(row_box, fade_in=False), Fade(col_box, fade_in=False), run_time=0.3)
        self.state("shape", "f.all_rows")
        self._fill_rows(scores, start=1)
        self.wait(0.5)
        self.play(Fade(q, fade_in=False), Fade(kt, fade_in=False), run_time=0.6)
        return scores

    def _fill_rows(self, grid: MatrixGrid, start: int) -> None:
        rows = [grid.row(i) for i in range(start, grid.shape[0])]
        self.play(LaggedStart(*[Fade(r) for r in rows], lag_ratio=0.2), Fade(grid.dots))
        self.settle(grid)

    def _beat_scale(self, scores: MatrixGrid) -> None:
        """The scores, with both token axes, are divided by √d_k in place."""
        self._focus("scale")
        place = lambda group: self._fit(group, room_below=0.2)  # noqa: E731
        scaled, divide = scale_in_place(self, scores, self._labelled, self.tr, "scale", "f.scale", place)
        self.wait(1.0)
        self.play(Fade(scaled, fade_in=False), Fade(divide, fade_in=False))

    def _beat_why_spread(self) -> None:
        """Measured: the spread of q·k grows like √d_k; divided by √d_k it stays near 1."""
        th, sd = self.theme, self.data.scaling
        cats = [f"d_k = {int(d)}" for d in sd.d_ks]
        spread = dict(max_value=float(sd.std_dot.max()), length=3.2, thickness=0.8, gap=1.0, decimals=1)
        chart = BarChart(sd.std_dot, cats, th, key="scaling.std_dot", color=th.k, **spread)
        roots = VGroup(
            *[
                label(f"√{int(d)} = {fmt(r, 0 if float(r).is_integer() else 1)}", th, 20, color=th.muted).next_to(
                    lab, DOWN, buff=0.12
                )
                for d, r, lab in zip(sd.d_ks, self.data.sqrt_d_ks, chart.labels, strict=True)
            ]
        )
        title = label(self.t("f.std"), th, 26).next_to(chart, UP, buff=0.35)
        self._fit(VGroup(title, chart, roots), room_below=0.1, grow=1.25)
        self.say("f.why", hold=1.0)
        self.play(Fade(title), Fade(chart.labels), Fade(roots))
        self.play(*[GrowFromEdge(b, DOWN) for b in chart.bars], Fade(chart.numbers), run_time=1.5)
        self.state("spread", "f.spread", hold=2.5)
        flat = BarChart(sd.std_scaled, cats, th, key="scaling.std_scaled", color=th.q, **spread)
        flat.scale(chart.bars[0].width / 0.8)
        flat.shift(chart.bars[0].get_bottom() - flat.bars[0].get_bottom())
        self.settle(chart)
        self.play(ReplacementTransform(chart.bars, flat.bars), ReplacementTransform(chart.numbers, flat.numbers))
        self.discard(chart)
        self.add(flat)  # the same labels, now under the scaled bars
        self.state("spread", "f.spread_scaled", hold=2.0)
        self.play(Fade(VGroup(title, roots, flat), fade_in=False))

    def _beat_why_saturation(self) -> None:
        """At d_k = 64, softmax of the raw scores is nearly one-hot; of the scaled scores it is not."""
        th, sd = self.theme, self.data.scaling
        d = sd.d_k_big
        charts = VGroup()
        for key, weights, scores, arg in (
            ("scaling.weights_unscaled", sd.weights_unscaled, sd.scores, "q·k"),
            ("scaling.weights_scaled", sd.weights_scaled, self.data.big_scaled_scores, f"q·k/√{d}"),
        ):
            name = self.t("f.unscaled" if arg == "q·k" else "f.scaled", arg=arg)
            chart = BarChart(
                weights,
                [fmt(s, 1) for s in scores],
                th,
                key=key,
                color=th.accent,
                max_value=1.0,
                length=2.6,
                thickness=0.55,
                gap=0.4,
                decimals=2,
                font_size=18,
            )
            chart.add(label(name, th, 22).next_to(chart, UP, buff=0.3))
            chart.add(label(arg, th, 18, color=th.muted).next_to(chart.labels, LEFT, buff=0.25))
            charts.add(chart)
        if is_portrait():
            charts.arrange(DOWN, buff=0.8)
        else:
            charts.arrange(RIGHT, buff=1.0, aligned_edge=DOWN)
        self._fit(charts, room_below=0.1, grow=1.0)
        self.play(Fade(charts[0]))
        self.state("saturation", "f.saturate", hold=2.5)
        self.play(Fade(charts[1]))
        self.state("saturation", "f.saturate_scaled", hold=2.5)
        self.play(Fade(charts, fade_in=False))

    def _beat_softmax(self) -> MatrixGrid:
        """Each row of the scaled scores turns, in place, into weights; each row sums to 1."""
        tr = self.tr
        self._focus("softmax")
        sums = [fmt(float(s), SPEC.decimals) for s in tr.row_sums]
        weights, extras = softmax_in_place(
            self,
            None,
            self._labelled,
            tr.scaled_scores,
            tr.weights,
            sums,
            lambda g: self._fit(g, room_below=0.1),
            intro=lambda: self.state("positive", "f.softmax"),
        )
        self.state("row_sums", "f.row_sums", hold=2.0)
        self.mark_poster()
        self.play(Fade(extras, fade_in=False))
        return weights

    def _beat_weighted_sum(self, weights: MatrixGrid) -> None:
        tr, th = self.tr, self.theme
        left = self._labelled("weights", tr.weights, heat=True, title="softmax(QKᵀ/√d_k)")
        v = self._grid("V", tr.V, color=th.v, title="V")
        out = self._grid("output", tr.output, title="output")
        if is_portrait():
            group = place_product(left, v, out)
        else:
            signs = VGroup(label("·", th, 40), label("=", th, 36))
            group = VGroup(left, signs[0], v, signs[1], out).arrange(RIGHT, buff=0.35)
            VGroup(left, signs[0]).shift(0.8 * LEFT)  # room for the weights that flow onto V's rows
            for mob in (v, out, *signs):
                mob.shift((left.cells.get_y() - (mob.cells if isinstance(mob, MatrixGrid) else mob).get_y()) * UP)
        self._fit(group)
        self._focus("weighted")
        self.play(ReplacementTransform(weights, left))
        self.play(*[Fade(m) for m in group if m is not left and m is not out])
        self.state("shape", "f.weighted", hold=1.5)
        row = self.data.claim("row:0")
        hidden = [k for k in highlighted(row) if k not in left.col_index]
        self.state("row:0", "f.first_output" + (".hidden" if hidden else ""), tok=tr.tokens[0])
        flowing = flow_weights(self, left, v, row=0)
        entry = self.data.claim("first_entry:output")
        self.state("first_entry:output", "f.output_entry", hold=0.5)
        spell_first_entry(self, left, v, out, th, th.text, entry.values["expression"], hold=1.5)
        fill_cells(self, out)
        self.play(Fade(flowing, fade_in=False))
        self.wait(1.0)

    def _beat_summary(self) -> None:
        self._focus(None)
        frame = SurroundingRectangle(self.formula, color=self.theme.accent, buff=0.15, corner_radius=0.08)
        self.play(Create(frame))
        self.say("f.summary", hold=2.5)
        curtain(self, self.theme)
