"""Chapter 8, multi-head: Q, K, V cut into heads by columns; head 1 worked through, head 2 beside it; the heads'
outputs concatenated and mixed by W_O; then the causal mask on head 1."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, Create, FadeIn, LaggedStart, ReplacementTransform, SurroundingRectangle, VGroup

from scenes.beats.softmax import scale_in_place, softmax_in_place
from scenes.beats.steps import fill_cells, spell_first_entry
from scenes.diagrams.matrix import MatrixGrid
from scenes.diagrams.product import place_product
from scenes.kit.base import ChapterScene
from scenes.kit.layout import fit_area, free_area, is_portrait
from scenes.kit.text import fmt, label
from scenes.kit.transitions import Fade, curtain
from scenes.multi_head.spec import SPEC

__all__ = ["ShowMultiHead"]


class ShowMultiHead(ChapterScene):
    """Heads on column slices → head 1's weights, head 2's beside them → concat · W_O → the causal mask."""

    title_key = "mh.title"

    def construct(self) -> None:
        self.tr = self.data.trace
        self.head_colors = (self.theme.accent, self.theme.v)
        self._beat_title()
        self.state_window()
        if self.data.has_claim("auto_focus"):
            self.state("auto_focus", "auto_focus", hold=2.0)
        self.say("mh.intro", hold=2.0)
        self._beat_split()
        weights = self._beat_head_one()
        self._beat_two_heads(weights)
        self._beat_mask(self._beat_concat())
        self.say("mh.summary", hold=3.0)
        curtain(self, self.theme)

    # -- helpers -------------------------------------------------------------------------------------------
    def _grid(self, key: str, values: np.ndarray, decimals: int = SPEC.decimals, **kw) -> MatrixGrid:
        return MatrixGrid(values, self.theme, key=key, decimals=decimals, **kw)

    def _labelled(self, prefix: str):
        """A grid maker for the shared beats: token labels on both axes, keys named ``prefix.<array>``."""
        tokens = self.tr.tokens
        return lambda key, values, **kw: self._grid(
            f"{prefix}.{key}", values, row_labels=tokens, col_labels=tokens, **kw
        )

    def _place(self, group, room_below: float = 0.0):
        """Fit ``group`` below the title, keeping room for a third caption line (this chapter's captions about
        rounding run long) and ``room_below`` more."""
        return fit_area(group, self.title_mob.get_bottom()[1] - 0.3, room_below, lines=3)

    def _head_box(self, grid: MatrixGrid, head: int) -> SurroundingRectangle:
        """A frame around the columns of ``grid`` that belong to ``head`` (0-based)."""
        cols = range(grid.shape[1])[self.tr.cols(head)]
        cells = VGroup(*[grid.cell(i, j) for i in range(grid.shape[0]) for j in cols])
        return SurroundingRectangle(cells, color=self.head_colors[head], buff=0.06, corner_radius=0.06)

    # -- beats ---------------------------------------------------------------------------------------------
    def _beat_split(self) -> None:
        """Q, K and V (n × d_model) side by side; each head's columns framed in its colour."""
        tr, th = self.tr, self.theme
        grids = VGroup(
            *[
                self._grid(name, values, color=color, title=name, row_labels=tr.tokens if k == 0 else None)
                for k, (name, values, color) in enumerate((("Q", tr.Q, th.q), ("K", tr.K, th.k), ("V", tr.V, th.v)))
            ]
        )
        grids.arrange(DOWN if is_portrait() else RIGHT, buff=0.6)
        self._place(grids, room_below=0.45)  # the head tags go under the last grid
        self.play(LaggedStart(*[Fade(g) for g in grids], lag_ratio=0.3), run_time=1.5)
        self.state("shape", "mh.shape", hold=1.5)
        boxes = VGroup(*[self._head_box(g, h) for g in grids for h in range(tr.h)])
        tags = VGroup(
            *[
                label(self.t("mh.head_tag", head=h + 1), th, 20, color=self.head_colors[h]).next_to(
                    self._head_box(grids[-1], h), DOWN, buff=0.1
                )
                for h in range(tr.h)
            ]
        )
        self.play(Create(boxes, lag_ratio=0.1), FadeIn(tags), run_time=1.2)
        self.state("split", "mh.split", hold=3.0)
        self.play(Fade(VGroup(grids, boxes, tags), fade_in=False))

    def _beat_head_one(self) -> MatrixGrid:
        """Head 1's scores, divided by √d_head and turned into weights by the shared beats."""
        one = self.tr.heads[0]
        make = self._labelled("head1")
        scores = make("scores", one.scores, title="Q₁K₁ᵀ")
        self._place(scores)
        self.play(Fade(scores))
        titles = ("Q₁K₁ᵀ", "Q₁K₁ᵀ/√d_k")
        scaled, divide = scale_in_place(self, scores, make, one, "scale", "we.scale", self._place, titles=titles)
        self.wait(1.0)
        self.play(Fade(divide, fade_in=False))
        sums = [fmt(float(s), SPEC.decimals) for s in one.row_sums]
        head = self.t("mh.head_tag", head=1)
        weights, extras = softmax_in_place(
            self, scaled, make, one.scaled_scores, one.weights, sums, self._place, title=head, source_title=titles[1]
        )
        self.state("head_sums", "mh.head_sums", hold=1.5)
        self.play(Fade(extras, fade_in=False))
        return weights

    def _beat_two_heads(self, weights: MatrixGrid) -> None:
        """Head 2's weights beside head 1's; the focus word's row read in each, then where they differ most."""
        tr, th, f = self.tr, self.theme, self.data.focus
        grids = VGroup(
            *[
                self._labelled(f"head{h + 1}")(
                    "weights", tr.heads[h].weights, heat=True, title=self.t("mh.head_tag", head=h + 1)
                )
                for h in range(tr.h)
            ]
        )
        for h, g in enumerate(grids):
            g.title.set_color(self.head_colors[h])
        grids.arrange(DOWN if is_portrait() else RIGHT, buff=0.8)
        self._place(grids)
        self.play(ReplacementTransform(weights, grids[0]), Fade(grids[1]), run_time=1.2)
        rows = []
        for h, g in enumerate(grids):
            box = g.row_box(f, self.head_colors[h])
            self.play(Create(box), run_time=0.4)
            self.state(f"head:{h + 1}", "mh.head", hold=2.5)
            rows.append(box)
        key = self.data.claim("heads_differ").values["key"]
        cells = VGroup(*[SurroundingRectangle(g.cell(f, key), color=th.text, buff=0.05) for g in grids])
        self.play(Create(cells), run_time=0.5)
        self.state("heads_differ", "mh.differ", hold=3.0)
        self.play(Fade(VGroup(grids, cells, *rows), fade_in=False))

    def _beat_concat(self) -> VGroup:
        """The heads' outputs side by side make the concatenation; times W_O gives the layer's output (left on
        screen, returned)."""
        tr, th = self.tr, self.theme
        parts = VGroup(
            *[
                self._grid(
                    f"head{h + 1}.output",
                    tr.heads[h].output,
                    color=self.head_colors[h],
                    title=self.t("mh.head_out", head=h + 1),
                    row_labels=tr.tokens if h == 0 else None,
                )
                for h in range(tr.h)
            ]
        ).arrange(RIGHT, buff=0.5)
        self._place(parts)
        self.play(LaggedStart(*[Fade(p) for p in parts], lag_ratio=0.3))
        solo = self._grid("concat", tr.concat, row_labels=tr.tokens, title="concat")  # alone, as large as it fits
        self._place(solo)
        bands = VGroup(*[self._head_box(solo, h) for h in range(tr.h)])
        self.play(
            *[
                ReplacementTransform(
                    p.cells, VGroup(*[solo.cell(i, j) for i in range(tr.n) for j in range(solo.shape[1])[tr.cols(h)]])
                )
                for h, p in enumerate(parts)
            ],
            *[Fade(VGroup(p.brackets, p.title, p.row_labels), fade_in=False) for p in parts],
            Fade(VGroup(solo.brackets, solo.title, solo.row_labels)),
            Create(bands),
            run_time=1.5,
        )
        self.settle(solo)
        self.state("concat", "mh.concat", hold=2.0)
        concat = self._grid("concat", tr.concat, row_labels=tr.tokens, title="concat")
        w_o = self._grid(
            "W_o", tr.W_o, SPEC.in_decimals, title="W_O", cell_w=concat.cell_w
        )  # place_product: one cell size
        out = self._grid("output", tr.output, title="output", cell_w=concat.cell_w)
        top = self.title_mob.get_bottom()[1] - 0.3
        group = self._place(place_product(concat, w_o, out, area=free_area(top, 0.6, lines=3)), room_below=0.6)
        self.play(ReplacementTransform(solo, concat), Fade(w_o), Fade(bands, fade_in=False))
        entry = self.data.claim("first_entry:output")
        self.state("first_entry:output", "mh.w_o", hold=0.5)
        spell_first_entry(self, concat, w_o, out, th, th.text, entry.values["expression"], hold=1.5)
        fill_cells(self, out)
        self.wait(1.0)
        self.say("mh.real_sizes", hold=3.0)
        return group

    def _beat_mask(self, before: VGroup) -> None:
        """Head 1's scaled scores with −∞ above the diagonal (``before`` leaves as they come); softmax gives exact
        zeros there, rows still sum to 1. The weights stay for the closing caption."""
        m, th = self.tr.masked[0], self.theme
        make = self._labelled("masked1")
        masked = "mask(Q₁K₁ᵀ/√d_k)"
        scores = make("scaled_scores", m.scaled_scores, title=masked)
        self._place(scores)
        self.play(Fade(before, fade_in=False), Fade(scores))
        self.say("mh.mask_intro", hold=2.0)
        hidden = VGroup(*[scores.cell(i, j) for i in range(m.n) for j in range(i + 1, m.n)])
        self.play(*[c.animate.set_color(th.accent) for c in hidden], run_time=0.6)
        self.state("mask", "mh.mask", hold=2.5)
        sums = [fmt(float(s), SPEC.decimals) for s in m.row_sums]
        weights, extras = softmax_in_place(
            self,
            scores,
            make,
            m.scaled_scores,
            m.weights,
            sums,
            self._place,
            title=f"softmax({masked})",
            source_title=masked,
        )
        self.state("mask_sums", "mh.mask_sums", hold=2.0)
        self.mark_poster()
        if self.data.has_claim("mask_row"):
            row = self.data.claim("mask_row").values["row"]
            box = weights.row_box(row, th.accent)
            self.play(Create(box), run_time=0.4)
            self.state("mask_row", "mh.mask_row", hold=3.0)
