"""Chapter 3, self-attention-idea: every word linked to every word, all rows at once, weights from content."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Create, Dot, FadeIn, Group, MoveAlongPath, VGroup

from attention_core import highlighted
from scenes.diagrams.arcs import pair_links, plain_link
from scenes.diagrams.legend import WeightLegend
from scenes.diagrams.reading_row import ReadingRow, fit_between
from scenes.diagrams.recall import RecallView
from scenes.kit.base import ChapterScene
from scenes.kit.layout import caption_top, fit, frame_box, is_portrait
from scenes.kit.text import label
from scenes.kit.transitions import Fade
from scenes.self_attention_idea.weight_squares import WeightSquares
from scenes.strings import claim_text

__all__ = ["ConnectEveryWord"]

LINK_RISE = 0.45  # the pair links stay low: n(n−1)/2 of them only need to show that every pair is joined


class ConnectEveryWord(ChapterScene):
    """RNN path of n−1 steps vs direct links; the whole weight matrix in one step; one word's row, weighted."""

    title_key = "sa.title"

    def construct(self) -> None:
        self._beat_title()
        self.state_window()
        self._beat_rnn_path()
        self._beat_direct_links()
        self._beat_parallel()
        self._beat_dynamic()
        self._beat_close()

    def _new_row(self) -> ReadingRow:
        """The words, placed with every pair link (kept as ``self.links``) between the path labels and captions."""
        row = ReadingRow(self.data.tokens, self.theme, size=34 if is_portrait() else 28)  # 28: 16 words on one line
        self.links = pair_links(row, self.theme.text, width=1.5, opacity=0.45, max_rise=LINK_RISE)
        top = self.title_mob.get_bottom()[1] - (1.6 if is_portrait() else 0.9)
        fit_between(VGroup(row, self.links), top, caption_top())
        return row

    def _path_label(self, text: str, color: str):
        mob = fit(label(text, self.theme, 28, color=color), height=0.6)
        return mob.next_to(self.title_mob, DOWN, buff=0.3)

    def _beat_rnn_path(self) -> None:
        """A dot hops word to word as an RNN would carry information: n−1 steps from first to last."""
        th, n = self.theme, len(self.data.tokens)
        self.row = self._new_row()
        self.play(FadeIn(self.row, lag_ratio=0.1), run_time=1.2)
        hops = VGroup(*[plain_link(self.row, i, i + 1, LINK_RISE) for i in range(n - 1)]).set_stroke(th.muted, 3)
        path = self.state("rnn_path", "sa.chain")
        dot = Dot(self.row.top(0), radius=0.09, color=th.accent)
        self.play(Fade(dot), Create(hops), run_time=1.0)
        for hop in hops:
            self.play(MoveAlongPath(dot, hop), run_time=0.35 if n <= 10 else 3.5 / n)
        self.rnn_label = self._path_label(claim_text(self.lang, "sa.path_rnn", path), th.muted)
        self.play(Fade(self.rnn_label), Fade(dot, fade_in=False))
        self.wait(1.0)
        self.play(Fade(hops, fade_in=False))

    def _beat_direct_links(self) -> None:
        th, n = self.theme, len(self.data.tokens)
        links = self.links
        longest = plain_link(self.row, 0, n - 1, LINK_RISE).set_stroke(th.accent, 5)
        attn_label = self._path_label(self.t("sa.path_attn"), th.accent)
        labels = VGroup(self.rnn_label.copy(), attn_label)
        labels.arrange(DOWN if is_portrait() else RIGHT, buff=0.25 if is_portrait() else 1.2)
        fit(labels, height=1.3).next_to(self.title_mob, DOWN, buff=0.3)
        self.say("sa.pairs")
        self.play(Create(links, lag_ratio=0.03), self.rnn_label.animate.become(labels[0]), run_time=2.5)
        self.play(Create(longest), Fade(attn_label))
        self.wait(3.0)
        self.play(Fade(VGroup(links, longest, self.row, self.rnn_label, attn_label), fade_in=False))

    def _beat_parallel(self) -> None:
        """Every row of the weight matrix appears in the same single animation."""
        tr, th = self.data.attention, self.theme
        special = tr.special if tr.model != "lexicon" else None
        names = tr.source.get("special_names", "")
        grid = WeightSquares(tr.weights, tr.tokens, th, special=special, special_label=names)
        legend = WeightLegend(th, self.t("legend"))
        top, bottom = self.title_mob.get_bottom()[1] - 0.3, caption_top()
        room = 0.2  # the frame around a row reaches a little past the squares
        if is_portrait():  # the legend under the squares
            fit(grid, width=frame_box()[0] - room, height=top - bottom - legend.height - 0.4 - room, grow=None)
            legend.next_to(grid, DOWN, buff=0.4)
        else:  # the legend beside them, at its own size
            fit(grid, width=frame_box()[0] - legend.width - 0.6 - room, height=top - bottom - room, grow=None)
            legend.next_to(grid, RIGHT, buff=0.6)
        VGroup(grid, legend).move_to(UP * (top + bottom) / 2)
        self.state("matrix_size", "sa.parallel")
        self.play(Fade(grid.row_labels), Fade(grid.col_labels), Fade(legend))
        self.play(
            Fade(grid.squares), *([Fade(grid.special)] if len(grid.special) else []), run_time=1.2
        )  # one step: all rows together
        self.wait(2.5)
        self.say("sa.rows", hold=3.0)
        box = grid.row_box(self.data.focus, th.accent)
        self.play(Create(box))
        if self.data.auto_focus:
            self.state("auto_focus", "auto_focus")
        self.wait(2.5)
        self.play(Fade(VGroup(grid, legend, box), fade_in=False))

    def _beat_dynamic(self) -> None:
        r = self.data
        self.row = ReadingRow(r.tokens, self.theme, size=34 if is_portrait() else 32)
        self.recall = RecallView(self.row, r, self.theme)
        fit_between(VGroup(self.row, self.recall), self.title_mob.get_bottom()[1] - 0.3, caption_top())
        self.play(Fade(self.row))
        self.play(self.recall.mark_focus())
        self.state_source()
        self.state("matrix_size", "sa.focus", word=r.focus_word)
        self.play(self.recall.animate_in(), run_time=2.5)
        self.settle(self.recall)
        self.wait(2.0)
        row = r.claim("focus_row")
        lit = self.recall.highlight(highlighted(row), own=row.kind == "self")
        if lit:
            self.play(*lit, run_time=1.2)
        self.state("focus_row", "sa.best")
        self.mark_poster()
        self.wait(4.0)

    def _beat_close(self) -> None:
        self.say("sa.close", hold=3.5)
        self.play(Fade(Group(*self.mobjects), fade_in=False))
