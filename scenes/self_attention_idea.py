"""Chapter 3, self-attention-idea: every word linked to every word, all rows at once, weights from content."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Create, Dot, FadeIn, Group, MoveAlongPath, VGroup

from scenes.components.arcs import pair_links, plain_link
from scenes.components.base import ChapterScene
from scenes.components.layout import fit, frame_box, is_portrait
from scenes.components.legend import WeightLegend
from scenes.components.reading_row import ReadingRow, caption_top, fit_between
from scenes.components.recall import DECIMALS, RecallView
from scenes.components.text import fmt, label
from scenes.components.transitions import Fade
from scenes.components.weight_squares import WeightSquares

__all__ = ["ConnectEveryWord"]


class ConnectEveryWord(ChapterScene):
    """RNN path of n−1 steps vs direct links; the whole weight matrix in one step; one word's row, weighted."""

    chapter_id = "self-attention-idea"
    title_key = "sa.title"

    def construct(self) -> None:
        self._beat_title()
        self._beat_rnn_path()
        self._beat_direct_links()
        self._beat_parallel()
        self._beat_dynamic()
        self._beat_close()

    def _new_row(self) -> ReadingRow:
        """The words, placed with every pair link (kept as ``self.links``) between the path labels and captions."""
        row = ReadingRow(self.trace.tokens, self.theme, size=34 if is_portrait() else 32)
        self.links = pair_links(row, self.theme.text, width=1.5, opacity=0.45)
        top = self.title_mob.get_bottom()[1] - (1.6 if is_portrait() else 1.0)
        fit_between(VGroup(row, self.links), top, caption_top())
        return row

    def _path_label(self, key: str, color: str, **values: object):
        mob = fit(label(self.t(key, **values), self.theme, 28, color=color), height=0.6)
        return mob.next_to(self.title_mob, DOWN, buff=0.3)

    def _beat_rnn_path(self) -> None:
        """A dot hops word to word as an RNN would carry information: n−1 steps from first to last."""
        tr, th = self.trace, self.theme
        n = len(tr.tokens)
        self.row = self._new_row()
        self.play(FadeIn(self.row, lag_ratio=0.1), run_time=1.2)
        hops = VGroup(*[plain_link(self.row, i, i + 1) for i in range(n - 1)]).set_stroke(th.muted, 3)
        self.say("sa.chain", first=tr.tokens[0], last=tr.tokens[-1], steps=n - 1)
        dot = Dot(self.row.top(0), radius=0.09, color=th.accent)
        self.play(Fade(dot), Create(hops), run_time=1.0)
        for hop in hops:
            self.play(MoveAlongPath(dot, hop), run_time=0.35)
        self.rnn_label = self._path_label("sa.path_rnn", th.muted, steps=n - 1)
        self.play(Fade(self.rnn_label), Fade(dot, fade_in=False))
        self.wait(1.0)
        self.play(Fade(hops, fade_in=False))

    def _beat_direct_links(self) -> None:
        th, n = self.theme, len(self.trace.tokens)
        links = self.links
        longest = plain_link(self.row, 0, n - 1).set_stroke(th.accent, 5)
        attn_label = self._path_label("sa.path_attn", th.accent)
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
        tr, th = self.trace.trace, self.theme
        grid = WeightSquares(tr.weights, tr.tokens, th)
        legend = WeightLegend(th, self.t("legend"))
        block = VGroup(grid, legend)
        if is_portrait():
            legend.next_to(grid, DOWN, buff=0.4)
        else:
            legend.next_to(grid, RIGHT, buff=0.6)
        top, bottom = self.title_mob.get_bottom()[1] - 0.3, caption_top()
        fit(block, width=frame_box()[0], height=top - bottom, grow=1.3).move_to(UP * (top + bottom) / 2)
        self.say("sa.parallel", n=tr.n)
        self.play(Fade(grid.row_labels), Fade(grid.col_labels), Fade(legend))
        self.play(Fade(grid.squares), run_time=1.2)  # one step: all rows together
        self.wait(2.5)
        self.say("sa.rows", hold=3.0)
        box = grid.row_box(self.trace.focus, th.accent)
        self.play(Create(box))
        if self.trace.auto_focus:
            self.say("sa.auto_focus", word=self.trace.focus_word)
        self.wait(2.5)
        self.play(Fade(VGroup(grid, legend, box), fade_in=False))

    def _beat_dynamic(self) -> None:
        r = self.trace
        self.row = ReadingRow(r.tokens, self.theme, size=34 if is_portrait() else 32)
        self.recall = RecallView(self.row, r, self.theme)
        fit_between(VGroup(self.row, self.recall), self.title_mob.get_bottom()[1] - 0.3, caption_top())
        self.play(Fade(self.row))
        self.play(self.recall.mark_focus())
        self.say("sa.focus", word=r.focus_word)
        self.play(self.recall.animate_in(), run_time=2.5)
        self.settle(self.recall)
        self.wait(2.0)
        best = r.strongest()
        self.play(*self.recall.highlight(), run_time=1.2)
        self.say("sa.best", word=r.focus_word, best=r.tokens[best], w=fmt(r.weight(best), DECIMALS))
        self.mark_poster()
        self.wait(4.0)

    def _beat_close(self) -> None:
        self.say("sa.close", hold=3.5)
        self.play(Fade(Group(*self.mobjects), fade_in=False))

