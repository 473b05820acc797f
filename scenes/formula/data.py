"""Chapter 5, formula: softmax(QKᵀ/√d_k)V in four steps on chapter 4's small trace
(:mod:`attention_core.chapter.small`), and the measured demonstration of why the scores are divided by √d_k."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter.base import TraceData, window_for
from attention_core.chapter.small import floats, small_trace
from attention_core.claims.claim import Claim, first_entry, positive_claim, read_row, row_sum_claim, scale_claim
from attention_core.claims.display import fmt
from attention_core.kernel.scaling import ScalingDemo, scaling_demo
from scenes.formula.spec import SPEC

__all__ = ["FormulaData", "formula_data"]


@dataclass(frozen=True, eq=False)
class FormulaData(TraceData):
    """Chapter 5: the trace the formula is evaluated on, and the measured demonstration of why ÷√d_k."""

    scaling: ScalingDemo

    @property
    def sqrt_d_ks(self) -> np.ndarray:
        """``(m,)``: √d_k for each measured d_k, what the spread of q·k should be close to."""
        return np.sqrt(self.scaling.d_ks)

    @property
    def big_scaled_scores(self) -> np.ndarray:
        """``(n_keys,)``: the d_k = 64 demonstration's scores divided by √64, as softmax sees them once scaled."""
        return self.scaling.scores / np.sqrt(self.scaling.d_k_big)

    def arrays(self) -> dict:
        """The measured scaling demonstration and the attention trace."""
        scaling = {
            **self.scaling.to_dict(),
            "sqrt_d_ks": floats(self.sqrt_d_ks),
            "scaled_scores": floats(self.big_scaled_scores),
        }
        return {"scaling": scaling, "trace": self.trace.to_dict()}

    def make_claims(self) -> Iterable[Claim]:
        tr, sd = self.trace, self.scaling
        yield Claim("shape", "shape", (), {"n": tr.n, "d_k": tr.d_k}, {"scores": list(tr.scores.shape)})
        yield first_entry("first_entry:scores", tr.Q, tr.K.T, tr.scores, SPEC.decimals, SPEC.decimals)
        yield scale_claim("scale", tr.scores, tr.scaled_scores, tr.d_k)
        yield Claim(
            "spread",
            "spread",
            (),
            {
                "samples": sd.n_samples,
                "d_big": int(sd.d_ks[-1]),
                "s_big": fmt(float(sd.std_dot[-1]), 1),
                "ratios": [fmt(float(r), 1) for r in sd.std_dot / self.sqrt_d_ks],
                "scaled": [fmt(float(s), 1) for s in sd.std_scaled],
            },
            {"std_dot": floats(sd.std_dot)},
        )
        top_u, top_s = float(sd.weights_unscaled.max()), float(sd.weights_scaled.max())
        yield Claim(
            "saturation",
            "saturation",
            (),
            {
                "d": sd.d_k_big,
                "top_score": fmt(float(sd.scores.max()), 1),
                "w_unscaled": fmt(top_u, 2),
                "w_scaled": fmt(top_s, 2),
                "sqrt": fmt(sd.sqrt_d_k_big, 0),
                "one_hot": top_u >= 0.9,
                "spread_out": top_s < 0.9,
            },
            {"weights_unscaled": floats(sd.weights_unscaled), "weights_scaled": floats(sd.weights_scaled)},
        )
        yield positive_claim("positive", tr.weights)
        yield row_sum_claim("row_sums", tr.weights)
        yield first_entry("first_entry:output", tr.weights, tr.V, tr.output, SPEC.decimals, SPEC.decimals)
        yield read_row("row:0", tr.tokens, tr.weights[0], 0, range(tr.n))


def formula_data(sentence: str | None = None, focus: str | None = None) -> FormulaData:
    """Chapter 5's data: the same trace as chapter 4, and :func:`scaling_demo` (``focus``: not used).

    >>> d = formula_data()
    >>> d.trace.d_k, [round(float(s), 1) for s in d.scaling.std_dot], d.claim("saturation").values["one_hot"]
    (3, [2.0, 4.0, 8.1, 16.0], True)
    """
    trace = small_trace(SPEC.sentence if sentence is None else sentence)
    return FormulaData(trace, window_for(trace.n, trace.n), scaling_demo())
