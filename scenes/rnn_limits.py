"""Chapter 2, rnn-limits: an RNN works one step at a time, forgets the first word, and trains unstably."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Group,
    GrowArrow,
    VGroup,
)

from attention_core.rnn_limits import ARTICLE_RETENTION_CLAIM as CLAIM
from attention_core.rnn_limits import RETENTION_STEP
from scenes.components.arcs import MAX_RISE, plain_link
from scenes.components.base import ChapterScene
from scenes.components.layout import fit, frame_box, is_portrait
from scenes.components.plot import DataPlot, power_of_ten, scientific
from scenes.components.reading_row import ReadingRow, caption_top
from scenes.components.rnn_chain import RnnChain
from scenes.components.text import fmt, label
from scenes.components.transitions import Fade

__all__ = ["ShowRecurrenceLimits", "percent"]

VANISH_COLOR = "#A78BFA"  # violet: the curve below 1 (the accent colour marks the one above 1)


def percent(value: float) -> str:
    """A share as the scene writes it: one decimal and a percent sign.

    >>> percent(0.07274)
    '7.3%'
    """
    return f"{fmt(100 * value, 1)}%"


class ShowRecurrenceLimits(ChapterScene):
    """(a) one step per word with the hidden state handed on; (b) retention curve; (c) gradients on a log axis."""

    chapter_id = "rnn-limits"
    title_key = "rnn.title"

    def construct(self) -> None:
        self._beat_title()
        self._beat_sequential()
        self._beat_long_sentence()
        self._beat_decay()
        self._beat_gradients()
        self._beat_close()

    def _area(self, top_gap: float = 0.3) -> tuple[float, float]:
        """(top, bottom) heights free between the title and the caption band."""
        return self.title_mob.get_bottom()[1] - top_gap, caption_top()

    def _counter(self, t: int, n: int):
        mob = label(self.t("rnn.counter", t=t, n=n), self.theme, 28, color=self.theme.accent)
        return mob.next_to(self.title_mob, DOWN, buff=0.25)

    def _beat_sequential(self) -> None:
        """Word t enters cell t, which waits for h_{t-1}; h_t appears with its numbers; the counter ticks."""
        run = self.trace.run
        n = len(run.tokens)
        chain = RnnChain(run.tokens, run.H, self.theme, is_portrait())
        top, bottom = self._area(1.0)
        fit(chain, height=top - bottom, grow=1.2).move_to(UP * (top + bottom) / 2)
        self.chain = chain
        self.play(FadeIn(chain.words, lag_ratio=0.15), FadeIn(chain.cells, lag_ratio=0.15))
        self.say("rnn.seq", n=n)
        counter = self._counter(0, n)
        self.play(Fade(counter))
        for t in range(n):
            new = self._counter(t + 1, n)
            anims = [GrowArrow(chain.inputs[t]), Fade(counter, fade_in=False), Fade(new)]
            if t:
                anims.append(GrowArrow(chain.handoffs[t - 1]))
            self.play(*anims, run_time=0.6)
            box = chain.cells[t][0]
            self.play(box.animate.set_fill(self.theme.accent, 0.45), run_time=0.4)  # this cell is working
            self.play(FadeIn(chain.states[t], shift=0.15 * (RIGHT if is_portrait() else DOWN)),
                      box.animate.set_fill(self.theme.panel, 1), run_time=0.6)  # fmt: skip
            counter = new
            if t == 0:
                self.say("rnn.wait")
            self.wait(0.6 if t else 1.5)
        self.say("rnn.done", hold=2.5, n=n)
        self.play(Fade(VGroup(chain, counter), fade_in=False))

    def _beat_long_sentence(self) -> None:
        """The first word of a long sentence is n−1 hops from the last."""
        tokens = self.trace.long_tokens
        row = ReadingRow(tokens, self.theme, size=32)
        row.center_between(*self._area(0.3), MAX_RISE)
        span = plain_link(row, 0, len(tokens) - 1).set_stroke(self.theme.accent, 4)
        self.play(FadeIn(row, lag_ratio=0.08), run_time=1.5)
        self.say("rnn.long", first=tokens[0], last=tokens[-1], steps=len(tokens) - 1)
        self.play(Create(span), run_time=1.2)
        self.wait(2.5)
        self.play(Fade(VGroup(row, span), fade_in=False))

    def _retention_plot(self) -> DataPlot:
        steps = int(self.trace.decay.steps[-1])
        xticks = {float(x): str(x) for x in range(0, steps + 1, 40)}
        yticks = {v: f"{int(v * 100)}%" for v in (0.0, 0.25, 0.5, 0.75, 1.0)}
        plot = DataPlot(self.theme, (0, steps, 20), (0, 1, 0.25), xticks, yticks, self.t("rnn.x_steps"),
                        self.t("rnn.y_retention"), *_plot_size())  # fmt: skip
        top, bottom = self._area(0.3)
        return fit(plot, height=top - bottom).move_to(UP * (top + bottom) / 2)

    def _beat_decay(self) -> None:
        """Measured retention over 240 steps; the value at step 200 beside the article's claim."""
        decay, th = self.trace.decay, self.theme
        plot = self.decay_plot = self._retention_plot()
        self.say("rnn.decay", seeds=decay.n_seeds)
        self.play(Fade(plot))
        self.decay_curve = plot.curve(decay.steps, decay.retention, th.text, 4)
        self.play(Create(self.decay_curve), run_time=2.5)
        ours = decay.at(RETENTION_STEP)
        end = float(decay.steps[-1])
        claim = DashedLine(plot.point(0, CLAIM), plot.point(end, CLAIM), color=th.muted, stroke_width=2.5)
        dot = Dot(plot.point(RETENTION_STEP, ours), radius=0.08, color=th.accent)
        drop = DashedLine(plot.point(RETENTION_STEP, 0), dot.get_center(), color=th.accent, stroke_width=2.5)
        ours_text = label(self.t("rnn.ours", t=RETENTION_STEP, ours=percent(ours)), th, 22, color=th.accent)
        claim_text = label(self.t("rnn.claim"), th, 22, color=th.muted)
        notes = VGroup(ours_text, claim_text).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        notes.scale(min(1.0, 0.65 * plot.axes.width / notes.width))  # in the empty upper right of the plot
        notes.next_to(plot.point(end, 0.95), DOWN + LEFT, buff=0).shift(0.1 * LEFT)
        self.play(Create(drop), FadeIn(dot, scale=1.5), Fade(ours_text))
        self.play(Create(claim), Fade(claim_text))
        self.say("rnn.measured", t=RETENTION_STEP, ours=percent(ours))
        self.mark_poster()
        self.wait(4.5)
        self.play(Fade(VGroup(plot, self.decay_curve, claim, claim_text, dot, drop, ours_text), fade_in=False))

    def _gradient_plot(self) -> DataPlot:
        g = self.trace.gradients
        lo = 2 * int(np.floor(np.log10(g.norms.min()) / 2))  # even powers of ten: the ticks read 10⁻⁶ ... 10⁶
        hi = 2 * int(np.ceil(np.log10(g.norms.max()) / 2))
        steps = int(g.steps[-1])
        xticks = {float(x): str(x) for x in range(0, steps + 1, 10)}
        yticks = {10.0**k: power_of_ten(k) for k in range(lo, hi + 1, 2)}
        plot = DataPlot(self.theme, (0, steps, 5), (lo, hi, 1), xticks, yticks, self.t("rnn.x_back"),
                        self.t("rnn.y_grad"), *_plot_size(), log=True)  # fmt: skip
        top, bottom = self._area(0.3)
        return fit(plot, height=top - bottom).move_to(UP * (top + bottom) / 2)

    def _beat_gradients(self) -> None:
        """Gradient norm through T steps back, for a scale below 1 and one above, on a log axis."""
        g, th = self.trace.gradients, self.theme
        plot = self.grad_plot = self._gradient_plot()
        self.say("rnn.grad")
        self.play(Fade(plot))
        self.grad_curves = []
        steps = int(g.steps[-1])
        for k, scale in enumerate(g.scales):
            color = VANISH_COLOR if scale < 1 else th.accent
            curve = plot.curve(g.steps, g.norms[k], color, 4)
            name = label(self.t("rnn.scale", s=fmt(scale, 1)), th, 22, color=color)
            name.next_to(curve.get_end(), RIGHT if not is_portrait() else UP, buff=0.12)
            if name.get_right()[0] > frame_box()[0] / 2:
                name.next_to(curve.get_end(), UP + LEFT, buff=0.1)
            self.play(Create(curve), run_time=2.0)
            self.play(Fade(name))
            key = "rnn.vanish" if scale < 1 else "rnn.explode"
            self.say(key, hold=4.0, s=fmt(scale, 1), T=steps, g=scientific(float(g.norms[k, -1])))
            self.grad_curves.append(curve)

    def _beat_close(self) -> None:
        self.say("rnn.close", hold=4.0)
        self.play(Fade(Group(*self.mobjects), fade_in=False))


def _plot_size() -> tuple[float, float]:
    """Axes width and height: wide in 16:9, tall in 9:16, room left for tick labels and curve names."""
    return (5.6, 6.0) if is_portrait() else (8.5, 4.2)
