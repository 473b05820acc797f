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
    ManimColor,
    VGroup,
    interpolate_color,
)

from scenes.diagrams.arcs import MAX_RISE, plain_link
from scenes.diagrams.reading_row import ReadingRow
from scenes.kit.base import ByLang, ChapterScene
from scenes.kit.layout import caption_top, fit, frame_box, is_portrait
from scenes.kit.text import label
from scenes.kit.transitions import Fade
from scenes.rnn_limits.data import ARTICLE_RETENTION_CLAIM as CLAIM
from scenes.rnn_limits.data import RETENTION_STEP
from scenes.rnn_limits.plot import DataPlot, power_of_ten, spread_labels
from scenes.rnn_limits.rnn_chain import RnnChain
from scenes.strings import LIST_SEP, text

__all__ = ["ShowRecurrenceLimits"]

VANISH_COLOR = "#A78BFA"  # violet: a curve that vanishes (the accent colour marks one that explodes)


class ShowRecurrenceLimits(ChapterScene):
    """(a) one step per word with the hidden state handed on; (b) retention curve; (c) gradients on a log axis."""

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
        """Word t enters cell t, which waits for h_{t-1}; h_t appears with its numbers; the counter ticks.

        A long sentence is stepped through for its first words, fast-forwarded (the counter still ticks every
        step) and finished on its last word.
        """
        data = self.data
        n, steps = len(data.tokens), data.shown_steps
        chain = RnnChain(
            [data.tokens[t] for t in steps],
            data.run.H[list(steps)],
            self.theme,
            is_portrait(),
            numbers=[t + 1 for t in steps],
        )
        top, bottom = self._area(1.0)
        fit(chain, height=top - bottom, grow=None).move_to(UP * (top + bottom) / 2)
        self.chain = chain
        slots = VGroup(*[VGroup(h.brackets, h.title) for h in chain.states])  # each h_t's place, still empty
        self.play(
            FadeIn(chain.words, lag_ratio=0.15), FadeIn(chain.cells, lag_ratio=0.15), Fade(chain.gaps), Fade(slots)
        )
        self.state("rnn_steps", "rnn.seq")
        self.counter = self._counter(0, n)
        self.play(Fade(self.counter))
        for k, t in enumerate(steps):
            if k and t != steps[k - 1] + 1:
                self._fast_forward(steps[k - 1] + 1, t, n)
            self._step(k, t, n)
            if k == 0:
                self.say("rnn.wait")
            self.wait(0.6 if k else 1.5)
        self.state("rnn_steps", "rnn.done", hold=2.5)
        self.play(Fade(VGroup(chain, self.counter), fade_in=False))

    def _step(self, k: int, t: int, n: int) -> None:
        """Cell ``k`` on screen (word ``t``) takes its input and the previous state, and writes h_t."""
        chain, new = self.chain, self._counter(t + 1, n)
        anims = [GrowArrow(chain.inputs[k]), Fade(self.counter, fade_in=False), Fade(new)]
        if k:
            anims.append(GrowArrow(chain.handoffs[k - 1]))
        self.play(*anims, run_time=0.6)
        box = chain.cells[k][0]
        self.play(box.animate.set_fill(self.theme.accent, 0.45), run_time=0.4)  # this cell is working
        self.play(
            FadeIn(chain.states[k].cells, shift=0.15 * (RIGHT if is_portrait() else DOWN)),
            box.animate.set_fill(self.theme.panel, 1),
            run_time=0.6,
        )
        self.counter = new

    def _fast_forward(self, first: int, stop: int, n: int) -> None:
        """Steps ``first``..``stop - 1`` are not drawn; the counter runs through them one by one."""
        self.state("fast_forward", "rnn.fast_forward")
        tick = min(0.15, 2.0 / (stop - first))
        for t in range(first, stop):
            new = self._counter(t + 1, n)
            self.play(Fade(self.counter, fade_in=False), Fade(new), run_time=tick)
            self.counter = new

    def _beat_long_sentence(self) -> None:
        """The first word of a long sentence is n−1 hops from the last."""
        tokens = self.data.long_tokens
        row = ReadingRow(tokens, self.theme, size=32)
        row.center_between(*self._area(0.3), MAX_RISE)
        span = plain_link(row, 0, len(tokens) - 1).set_stroke(self.theme.accent, 4)
        self.play(FadeIn(row, lag_ratio=0.08), run_time=1.5)
        self.state("long_path", "rnn.long")
        self.play(Create(span), run_time=1.2)
        self.wait(2.5)
        self.play(Fade(VGroup(row, span), fade_in=False))

    def _retention_plot(self) -> DataPlot:
        steps = int(self.data.decay[0].steps[-1])
        xticks = {float(x): str(x) for x in range(0, steps + 1, 40)}
        yticks = {v: f"{int(v * 100)}%" for v in (0.0, 0.25, 0.5, 0.75, 1.0)}
        plot = DataPlot(
            self.theme,
            (0, steps, 20),
            (0, 1, 0.25),
            xticks,
            yticks,
            self.t("rnn.x_steps"),
            self.t("rnn.y_retention"),
            *_plot_size(),
        )
        top, bottom = self._area(0.3)
        room = 1.5  # right of the plot: the curves' names ("scale 0.995") stand at their ends
        fit(plot, width=frame_box()[0] - room, height=top - bottom)
        return plot.move_to([-room / 2, (top + bottom) / 2, 0])

    def _beat_decay(self) -> None:
        """Measured retention over 240 steps for several recurrent scales, read off at step 200, beside the
        article's claim and the scale that would give it."""
        decay, th = self.data.decay, self.theme
        claim = self.data.claim("retention")
        plot = self.decay_plot = self._retention_plot()
        self.say("rnn.decay", seeds=decay[0].n_seeds)
        self.play(Fade(plot))
        curves, names, dots = self._retention_curves(plot, claim)
        self.play(*[Create(c) for c in curves], Fade(names), run_time=2.5)
        drop = DashedLine(
            plot.point(RETENTION_STEP, 0), plot.point(RETENTION_STEP, 1), color=th.muted, stroke_width=2
        )
        self.play(Create(drop), FadeIn(dots, scale=1.5))
        said = claim.values["points"]
        points = ByLang(lambda lang: LIST_SEP[lang].join(text(lang, "rnn.point", **point) for point in said))
        self.state("retention", "rnn.family", hold=3.0, points=points)
        end = float(decay[0].steps[-1])
        line = DashedLine(plot.point(0, CLAIM), plot.point(end, CLAIM), color=th.accent, stroke_width=2.5)
        note = label(self.t("rnn.claim", article=claim.values["article"]), th, 20, color=th.accent)
        note.next_to(plot.point(end, CLAIM), UP + LEFT, buff=0.1)
        self.play(Create(line), Fade(note))
        self.state("retention", "rnn.article", hold=4.0)
        self.mark_poster()
        self.play(Fade(VGroup(plot, *curves, names, dots, drop, line, note), fade_in=False))

    def _retention_curves(self, plot: DataPlot, claim) -> tuple[list, VGroup, VGroup]:
        """One curve per recurrent scale (muted to accent as the scale grows), named at its end, a dot at step 200."""
        decay, th = self.data.decay, self.theme
        ramp = [k / max(len(decay) - 1, 1) for k in range(len(decay))]
        colors = [interpolate_color(ManimColor(th.muted), ManimColor(th.accent), t) for t in ramp]
        self.decay_curves = [plot.curve(c.steps, c.retention, col, 3.5) for c, col in zip(decay, colors, strict=True)]
        points = claim.values["points"]
        names = VGroup(
            *[
                label(self.t("rnn.curve", s=point["scale"]), th, 20, color=col).next_to(
                    curve.get_end(), RIGHT, buff=0.1
                )
                for point, curve, col in zip(points, self.decay_curves, colors, strict=True)
            ]
        )
        dots = VGroup(
            *[
                Dot(plot.point(RETENTION_STEP, c.at(RETENTION_STEP)), radius=0.06, color=col)
                for c, col in zip(decay, colors, strict=True)
            ]
        )
        return self.decay_curves, spread_labels(names, 0.05), dots

    def _gradient_plot(self) -> DataPlot:
        g = self.data.gradients
        lo = 2 * int(np.floor(np.log10(g.norms.min()) / 2))  # even powers of ten: the ticks read 10⁻⁶ ... 10⁶
        hi = 2 * int(np.ceil(np.log10(g.norms.max()) / 2))
        steps = int(g.steps[-1])
        xticks = {float(x): str(x) for x in range(0, steps + 1, 10)}
        yticks = {10.0**k: power_of_ten(k) for k in range(lo, hi + 1, 2)}
        plot = DataPlot(
            self.theme,
            (0, steps, 5),
            (lo, hi, 1),
            xticks,
            yticks,
            self.t("rnn.x_back"),
            self.t("rnn.y_grad"),
            *_plot_size(),
            log=True,
        )
        top, bottom = self._area(0.3)
        return fit(plot, height=top - bottom).move_to(UP * (top + bottom) / 2)

    def _beat_gradients(self) -> None:
        """Gradient norm through T steps back, measured through tanh, for a scale below 1 and two above."""
        g, th = self.data.gradients, self.theme
        plot = self.grad_plot = self._gradient_plot()
        self.say("rnn.grad", hold=1.5)
        self.play(Fade(plot))
        self.grad_curves = []
        for k in range(len(g.scales)):
            claim = self.data.claim(f"gradient:{k}")
            color = {"vanishing": VANISH_COLOR, "exploding": th.accent}.get(claim.values["trend"], th.text)
            curve = plot.curve(g.steps, g.norms[k], color, 4)
            name = label(self.t("rnn.scale", s=claim.values["scale"]), th, 22, color=color)
            name.next_to(curve.get_end(), RIGHT if not is_portrait() else UP, buff=0.12)
            if name.get_right()[0] > frame_box()[0] / 2:
                name.next_to(curve.get_end(), UP + LEFT, buff=0.1)
            self.play(Create(curve), run_time=2.0)
            self.play(Fade(name))
            self.state(f"gradient:{k}", "rnn.gradient", hold=4.0)
            self.grad_curves.append(curve)

    def _beat_close(self) -> None:
        self.say("rnn.close", hold=4.0)
        self.play(Fade(Group(*self.mobjects), fade_in=False))


def _plot_size() -> tuple[float, float]:
    """Axes width and height: wide in 16:9, tall in 9:16, room left for tick labels and curve names."""
    return (5.6, 6.0) if is_portrait() else (8.5, 4.2)
