"""The X·W_Q, X·W_K, X·W_V beat shared by the chapters that project words into queries, keys and values."""

from __future__ import annotations

from manim import Create, ReplacementTransform, VGroup

from attention_core import AttentionTrace
from scenes.components.matrix import MatrixGrid
from scenes.components.product import place_product
from scenes.components.steps import fill_cells
from scenes.components.transitions import Fade

__all__ = ["ProjectionBeat"]


class ProjectionBeat:
    """Mixin for a ChapterScene: show Q, K and V as matrix products on paper, X on the left, W above.

    The scene provides ``_grid(key, values, decimals, **kw)``, ``_fit_product(layout)`` and
    ``_show_first_entry(x, w, out, color)`` (how it spells out Q[0, 0]); variants set the class attributes.
    """

    in_decimals = 1  # X and the W matrices: inputs with one decimal each
    project_caption = ""  # caption key, formatted with name, d and d_k
    project_hold = 0.0
    result_hold = 1.5
    w_grid_options: dict = {}

    def project(self, x: MatrixGrid, tr: AttentionTrace) -> VGroup:
        """Multiply ``x`` (on screen) by W_Q, W_K, W_V in turn; return X, the last W and V, still on screen."""
        th = self.theme
        w_prev = out_prev = None
        for name, w_key, color in (("Q", "W_q", th.q), ("K", "W_k", th.k), ("V", "W_v", th.v)):
            w = self._grid(
                w_key, getattr(tr, w_key), self.in_decimals, color=color, title=f"W_{name}", **self.w_grid_options
            )
            out = self._grid(name, getattr(tr, name), color=color, title=name)
            fresh = self._grid("X", tr.X, self.in_decimals, row_labels=tr.tokens, title="X")  # w's cell size
            x_target, w, out = self._fit_product(place_product(fresh, w, out))
            if w_prev is None:
                self.play(ReplacementTransform(x, x_target))
                x = x_target
                self.play(Fade(w))
            else:
                self.play(Fade(out_prev, fade_in=False), ReplacementTransform(w_prev, w))
            self.say(self.project_caption, hold=self.project_hold, name=name, d=tr.X.shape[1], d_k=tr.d_k)
            if name == "Q":
                self._show_first_entry(x, w, out, color)
            else:
                self.play(Create(out.brackets), Fade(out.title))
                fill_cells(self, out, skip_first=False)
            self.wait(self.result_hold)
            w_prev, out_prev = w, out
        return VGroup(x, w_prev, out_prev)
