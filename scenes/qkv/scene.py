"""Chapter 4, qkv: the library analogy of query, key and value, then X·W_Q, X·W_K, X·W_V with real numbers."""

from __future__ import annotations

from types import MappingProxyType

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
    ReplacementTransform,
    RoundedRectangle,
    VGroup,
)

from attention_core import highlighted
from scenes.beats.projections import ProjectionBeat
from scenes.beats.steps import fill_cells, spell_first_entry
from scenes.diagrams.bars import BarChart
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.base import ByLang, ChapterScene
from scenes.kit.layout import fit_area, is_portrait
from scenes.kit.text import label, wrap
from scenes.kit.transitions import Fade, curtain
from scenes.qkv.spec import SPEC
from scenes.strings import LIST_SEP

__all__ = ["IntroduceQueryKeyValue"]


class IntroduceQueryKeyValue(ProjectionBeat, ChapterScene):
    """A library: the query against book titles (keys), weights as bars, contents (values) mixed by weight.
    Then the words: each x_i times W_Q, W_K, W_V gives q_i, k_i, v_i."""

    title_key = "qkv.title"
    project_caption = "qkv.project"
    project_hold = 1.5
    result_hold = 1.2
    w_grid_options = MappingProxyType({"max_rows": None})  # W has d_model rows: never elided

    def construct(self) -> None:
        self.tr = self.data.trace
        self.lib = self.data.library(self.lang)
        self.slots = 5 if is_portrait() else 7
        self._beat_title()
        self._beat_library()
        x = self._beat_words()
        self._beat_projections(x)
        self._beat_summary()

    # -- helpers -------------------------------------------------------------------------------------------
    def _fit(self, group, room_below: float = 0.0, grow: float | None = None):
        return fit_area(group, self.title_mob.get_bottom()[1] - 0.3, room_below, grow)

    def _grid(self, key: str, values: np.ndarray, decimals: int = SPEC.decimals, **kw) -> MatrixGrid:
        kw.setdefault("max_rows", self.slots)
        return MatrixGrid(values, self.theme, key=key, decimals=decimals, **kw)

    # -- beats ---------------------------------------------------------------------------------------------
    def _library_layout(self) -> VGroup:
        lib, th = self.lib, self.theme
        titles = [wrap(t, 16) if is_portrait() else t for t in lib.titles]  # 9:16 is narrow: two lines
        pitch = 0.8 if any("\n" in t for t in titles) else 0.5
        bars = BarChart(
            lib.weights,
            titles,
            th,
            key="library.weights",
            color=th.accent,
            max_value=1.0,
            length=2.4,
            thickness=0.36,
            gap=pitch - 0.36,
            horizontal=True,
            font_size=22,
            tracks=True,
        )
        bars.labels.set_color(th.k)
        contents = MatrixGrid(
            lib.contents,
            th,
            key="library.contents",
            decimals=1,
            color=th.v,
            cell_h=pitch,
            col_labels=tuple(wrap(t, 9) for t in lib.topics),
            font_size=22,
            cell_w=1.25,
            row_labels=tuple(titles) if is_portrait() else None,
        )
        contents.col_labels.set_color(th.v)
        contents.row_labels.set_color(th.k)
        if is_portrait():  # below the bars, each row named again
            contents.next_to(bars, DOWN, buff=0.6)
        else:  # beside the bars, row for row
            contents.next_to(bars, RIGHT, buff=0.9)
            contents.shift((bars.bars[0].get_y() - contents.cell(0, 0).get_y()) * UP)
        reading = MatrixGrid(
            lib.reading[None, :], th, key="library.reading", decimals=2, color=th.v, font_size=22, cell_w=1.25
        )
        reading.next_to(contents, DOWN, buff=0.45).set_x(contents.cells.get_x())
        reading_label = label(self.t("qkv.reading"), th, 22).next_to(reading, LEFT, buff=0.3)
        query = VGroup(
            RoundedRectangle(corner_radius=0.12, width=1, height=0.7).set_stroke(th.q, 3),
            label(self.t("qkv.query_card", query=lib.query), th, 26, color=th.q),
        )
        query[0].stretch_to_fit_width(query[1].width + 0.5)
        query.next_to(VGroup(bars, contents), UP, buff=0.5)
        group = VGroup(query, bars, contents, reading, reading_label)
        group.query, group.bars, group.contents, group.reading, group.reading_label = group
        return group

    def _beat_library(self) -> None:
        lib, th = self.lib, self.theme
        g = self._fit(self._library_layout())
        self.play(
            FadeIn(g.query, shift=0.2 * DOWN),
            LaggedStart(
                *[Fade(VGroup(t, r)) for t, r in zip(g.bars.labels, g.bars.tracks, strict=True)], lag_ratio=0.25
            ),
        )
        self.say("qkv.lib_query", hold=1.5, query=lib.query)
        self.play(g.bars.labels.animate.set_color(th.accent), run_time=0.4)
        self.say("qkv.lib_keys", hold=1.5)
        self.play(g.bars.labels.animate.set_color(th.k), run_time=0.4)
        matches = self.data.claim(f"lib_matches:{self.lang}").values["matches"]  # the shelf on screen, any language
        joined = ByLang(lambda lang: LIST_SEP[lang].join(matches))
        self.state(f"lib_matches:{self.lang}", "qkv.lib_match", hold=1.5, matches=joined)
        self.play(*[GrowFromEdge(b, LEFT) for b in g.bars.bars], Fade(g.bars.numbers), run_time=1.2)
        self.settle(g.bars)
        best = self.state(f"lib_best:{self.lang}", "qkv.lib_weights", hold=1.5)
        self.play(Fade(g.contents))
        self.say("qkv.lib_values", hold=2.0, k=len(lib.topics))
        box = VGroup(*[g.contents.row_box(k, th.accent) for k in highlighted(best)])
        self.play(Create(box), Fade(g.reading_label), Create(g.reading.brackets))
        self.play(
            LaggedStart(
                *[ReplacementTransform(g.contents.row(k).copy(), g.reading.cells) for k in range(len(lib.titles))],
                lag_ratio=0.3,
            ),
            run_time=2.0,
        )
        self.settle(g.reading)
        self.state(f"lib_reading:{self.lang}", "qkv.lib_reading", hold=2.5)
        self.say("qkv.lib_map", hold=2.5)
        self.play(Fade(VGroup(g, box), fade_in=False))

    def _beat_words(self) -> MatrixGrid:
        tr = self.tr
        x = self._grid("X", tr.X, SPEC.in_decimals, row_labels=tr.tokens, title="X")
        self._fit(x)
        self.play(Fade(x))
        self.state("shape", "qkv.words", hold=2.0)
        if x.elided:
            hidden = [i + 1 for i in range(tr.n) if i not in x.row_index]
            self.say("qkv.elided", hold=1.5, first=hidden[0], last=hidden[-1], n=tr.n)
        return x

    def _beat_projections(self, x: MatrixGrid) -> None:
        self.play(Fade(self.project(x, self.tr), fade_in=False))

    def _fit_product(self, layout: VGroup) -> VGroup:
        return self._fit(layout, room_below=0.7)

    def _show_first_entry(self, x: MatrixGrid, w: MatrixGrid, out: MatrixGrid, color: str) -> None:
        entry = self.state("first_entry:Q", "qkv.first_entry", tok=self.tr.tokens[0])
        spell_first_entry(self, x, w, out, self.theme, color, entry.values["expression"], hold=2.0)
        fill_cells(self, out)

    def _beat_summary(self) -> None:
        tr, th = self.tr, self.theme
        tall = is_portrait()  # 9:16: one above the other, each with its words
        grids = VGroup(
            *[
                self._grid(
                    name,
                    getattr(tr, name),
                    color=color,
                    title=name,
                    cell_w=None,
                    row_labels=tr.tokens if tall or name == "Q" else None,
                )
                for name, color in (("Q", th.q), ("K", th.k), ("V", th.v))
            ]
        )
        grids.arrange(DOWN if tall else RIGHT, buff=0.6, aligned_edge=RIGHT if tall else DOWN)
        self._fit(grids)
        self.play(LaggedStart(*[Fade(g) for g in grids], lag_ratio=0.4), run_time=2.0)
        self.mark_poster()
        self.say("qkv.summary", hold=3.0)
        curtain(self, self.theme)
