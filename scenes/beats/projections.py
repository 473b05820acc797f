"""The X·W_Q, X·W_K, X·W_V beat shared by the chapters that project words into queries, keys and values."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol, runtime_checkable

import numpy as np
from manim import Create, ReplacementTransform, VGroup

from attention_core import AttentionTrace
from scenes.beats.steps import fill_cells
from scenes.diagrams.matrix import MatrixGrid
from scenes.diagrams.product import place_product
from scenes.kit.transitions import Fade

__all__ = ["ProjectionBeat", "ProjectionHost"]


@runtime_checkable
class ProjectionHost(Protocol):
    """What a scene using :class:`ProjectionBeat` provides (checked when the beat runs)."""

    def _grid(self, key: str, values: np.ndarray, decimals: int = ..., **kw) -> MatrixGrid:
        """A grid of ``values`` from the trace array ``key`` in the chapter's style."""

    def _fit_product(self, group: VGroup) -> VGroup:
        """Fit and place a product layout (X, W, result) in the chapter's free area; return it."""

    def _show_first_entry(self, x: MatrixGrid, w: MatrixGrid, out: MatrixGrid, color: str) -> None:
        """Spell out out[0, 0] as the dot product of x's row 0 and w's column 0, then fill ``out``."""


class ProjectionBeat:
    """Mixin for a ChapterScene that is a :class:`ProjectionHost`: show Q, K and V as matrix products on paper,
    X on the left, W above. Variants set the class attributes (read-only: shared by every instance)."""

    in_decimals = 1  # X and the W matrices: inputs with one decimal each
    project_caption = ""  # caption key, formatted with name, d and d_k
    project_hold = 0.0
    result_hold = 1.5
    w_grid_options: Mapping[str, object] = MappingProxyType({})  # extra MatrixGrid options for the W matrices

    def project(self, x: MatrixGrid, tr: AttentionTrace) -> VGroup:
        """Multiply ``x`` (on screen) by W_Q, W_K, W_V in turn; return X, the last W and V, still on screen."""
        if not isinstance(self, ProjectionHost):
            raise TypeError(f"{type(self).__name__} uses ProjectionBeat but is not a ProjectionHost")
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
