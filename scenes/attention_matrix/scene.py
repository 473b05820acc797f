"""Chapter 7, attention-matrix: the seq_len × seq_len weights as a heatmap, read row by row."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    FadeIn,
    ReplacementTransform,
    VGroup,
)

from attention_core import Claim, highlighted
from scenes.diagrams.heatmap import Heatmap
from scenes.diagrams.legend import WeightLegend
from scenes.kit.base import ChapterScene
from scenes.kit.layout import caption_top, fit, frame_box, is_portrait, safe_rect
from scenes.kit.text import label
from scenes.kit.transitions import Fade, curtain

__all__ = ["ReadAttentionMatrix"]


class ReadAttentionMatrix(ChapterScene):
    """The heatmap with both token axes, a legend, a row-by-row sweep and the patterns the data shows."""

    def construct(self) -> None:
        self.tr = self.data.attention
        heat, axes, panel = self._layout()
        self.state_window()
        self._beat_matrix(heat, axes, panel)
        self._beat_axes(heat, panel)
        self._beat_colour(panel)
        self._beat_sweep(heat)
        self._beat_patterns(heat)
        self._beat_summary()

    # -- layout --------------------------------------------------------------------------------------------
    def _panel(self) -> VGroup:
        th = self.theme
        title = label(self.t("am.title"), th, 32)
        source = self.source_line()
        if source is not None:
            title = VGroup(title, source.scale_to_fit_width(min(source.width, 3.6))).arrange(
                DOWN, aligned_edge=LEFT, buff=0.1
            )
        rows, cols = label(self.t("am.rows"), th, 24, color=th.q), label(self.t("am.cols"), th, 24, color=th.k)
        panel = VGroup(title, rows, cols, WeightLegend(th, self.t("legend"), width=2.8))
        panel.title, panel.rows, panel.cols, panel.legend = panel
        panel.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        panel.legend.shift(0.15 * DOWN)
        return panel

    def _layout(self) -> tuple[Heatmap, VGroup, VGroup]:
        """The heatmap and the panel (title, axis names, legend) side by side in 16:9, stacked in 9:16, filling
        the room between the safe area's top and the caption band."""
        tr, th = self.tr, self.theme
        room = 0.2  # the frames around a row or a cell reach a little past the heatmap
        top, bottom = safe_rect().top - room, caption_top() + room
        fw, fh = frame_box()[0] - 2 * room, top - bottom
        panel = self._panel()
        if is_portrait():
            box_w, box_h = fw, min(fw + 0.8, fh - panel.height - 0.6)
        else:
            box_w, box_h = fw - panel.width - 1.4, fh
        special = tr.special if tr.model != "lexicon" else None
        names = tr.source.get("special_names", "")
        heat = Heatmap(tr.weights, tr.tokens, th, box_w, box_h, special=special, special_label=names)
        axes = VGroup(
            label(self.t("am.axis_keys"), th, 18, color=th.k), label(self.t("am.axis_queries"), th, 18, color=th.q)
        ).arrange(DOWN, aligned_edge=RIGHT, buff=0.1)
        axes.align_to(heat.row_labels, RIGHT).align_to(heat.col_labels, DOWN)
        whole = VGroup(VGroup(heat, axes), panel).arrange(DOWN if is_portrait() else RIGHT, buff=0.5)
        fit(whole, width=fw, height=fh).move_to([0, (top + bottom) / 2, 0])
        return heat, axes, panel

    # -- beats ---------------------------------------------------------------------------------------------
    def _beat_matrix(self, heat: Heatmap, axes: VGroup, panel: VGroup) -> None:
        self.play(FadeIn(panel.title, shift=0.2 * DOWN))
        self.play(FadeIn(heat.row_labels, lag_ratio=0.1), FadeIn(heat.col_labels, lag_ratio=0.1), Fade(axes))
        if self.data.has_claim("auto_focus"):
            self.state("auto_focus", "auto_focus.head", hold=1.5)
        self.state_source()
        self.state("matrix_size", "am.intro")
        self.play(FadeIn(heat.cells, lag_ratio=0.04), run_time=2.0)
        if len(heat.special_cells):
            self.play(Fade(heat.special_cells), Fade(heat.special_label))
            self.say("am.special", hold=2.0, names=self.tr.source["special_names"])
        if heat.has_numbers:
            self.play(*[Fade(m) for m in (heat.numbers, heat.special_numbers) if len(m)], run_time=0.8)
        self.settle(heat)
        self.wait(1.5)

    def _beat_axes(self, heat: Heatmap, panel: VGroup) -> None:
        th = self.theme
        row = heat.row_frame(0, th.q)
        self.play(Create(row), FadeIn(panel.rows, shift=0.2 * LEFT))
        self.say("am.axis_rows", hold=2.0)
        col = heat.col_frame(0, th.k)
        self.play(ReplacementTransform(row, col), FadeIn(panel.cols, shift=0.2 * LEFT))
        self.say("am.axis_cols", hold=2.0)
        self.play(Fade(col, fade_in=False))

    def _beat_colour(self, panel: VGroup) -> None:
        self.play(Fade(panel.legend))
        self.say("am.color.special" if len(self.tr.special) and self.tr.model != "lexicon" else "am.color", hold=2.5)
        self.mark_poster()
        if not any(isinstance(m, Heatmap) and m.has_numbers for m in self.mobjects):
            self.say("am.colour_only", hold=2.0)

    def _beat_sweep(self, heat: Heatmap) -> None:
        """Every row in turn: frame the row, box what its reading names, say what the row reads."""
        th, n = self.theme, self.tr.n
        per_row = min(24.0, max(10.0, 1.6 * n)) / n  # the sweep takes 10-24 s whatever the length
        self.say("am.sweep", hold=1.0)
        rows = self.data.rows()
        frame, boxes = heat.row_frame(0, th.text), self._boxes(heat, rows[0])
        self.play(Create(frame), *[Create(m) for m in boxes], run_time=0.5)
        for reading in rows:
            i = reading.values["query"]
            if i:
                new_boxes = self._boxes(heat, reading)
                swap = [Fade(m, fade_in=False) for m in boxes] + [Fade(m) for m in new_boxes]
                self.play(frame.animate.move_to(heat.row_frame(i, th.text)), *swap, run_time=0.35)
                boxes = new_boxes
            self.state(reading.topic, "am.row", hold=max(0.3, per_row - 0.85))
        self.play(Fade(frame, fade_in=False), *[Fade(m, fade_in=False) for m in boxes])

    def _beat_patterns(self, heat: Heatmap) -> None:
        """Each pattern the data shows, on the row that shows it most clearly."""
        examples = self.data.examples()
        if not examples:
            return
        self.say("am.patterns", hold=1.0)
        for claim in examples:
            boxes = VGroup(
                heat.row_frame(claim.values["query"], self.theme.accent), self._boxes(heat, claim, self.theme.accent)
            )
            self.play(Create(boxes), run_time=0.5)
            self.state(claim.topic, "am.pattern", hold=2.5)
            self.play(Fade(boxes, fade_in=False), run_time=0.4)

    def _beat_summary(self) -> None:
        self.say("am.summary", hold=3.0)
        curtain(self, self.theme)

    # -- helpers -------------------------------------------------------------------------------------------
    def _boxes(self, heat: Heatmap, reading: Claim, color: str | None = None) -> VGroup:
        """Frames on the cells a row reading names: its strongest key(s), or the query itself; none when even."""
        v = reading.values
        kind = v.get("reading", reading.kind)
        keys = (v["query"],) if kind == "self" else highlighted(Claim(reading.topic, kind, values=v))
        return VGroup(*[heat.cell_frame(v["query"], j, color or self.theme.accent) for j in keys])
