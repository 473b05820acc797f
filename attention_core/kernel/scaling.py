"""Why softmax(QKᵀ/√d_k): measured spread of q·k, and what softmax does to unscaled scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from attention_core.kernel.arrays import freeze_arrays
from attention_core.kernel.attention import softmax

__all__ = ["ScalingDemo", "scaling_demo"]


@dataclass(frozen=True, eq=False)
class ScalingDemo:
    """Measured figures for the ÷√d_k step.

    ``d_ks (m,)`` and ``std_dot (m,)``: standard deviation of q·k over ``n_samples`` pairs with N(0, 1) entries
    (it grows like √d_k); ``std_scaled (m,)``: the same after ÷√d_k (stays near 1). At ``d_k_big``, one query
    against ``n_keys`` keys: ``scores (n_keys,)`` unscaled, ``weights_unscaled`` and ``weights_scaled``.
    """

    d_ks: np.ndarray
    std_dot: np.ndarray
    std_scaled: np.ndarray
    d_k_big: int
    scores: np.ndarray
    weights_unscaled: np.ndarray
    weights_scaled: np.ndarray
    n_samples: int

    @property
    def sqrt_d_k_big(self) -> float:
        """√d_k for the saturation example (8 for d_k = 64)."""
        return float(np.sqrt(self.d_k_big))

    def __post_init__(self) -> None:
        freeze_arrays(self, *_ARRAYS)

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``."""
        arrays = {k: np.asarray(getattr(self, k), dtype=float).tolist() for k in _ARRAYS}
        return {"d_k_big": self.d_k_big, "n_samples": self.n_samples, **arrays}


_ARRAYS = ("d_ks", "std_dot", "std_scaled", "scores", "weights_unscaled", "weights_scaled")


@lru_cache(maxsize=4)
def scaling_demo(
    d_ks: tuple[int, ...] = (4, 16, 64, 256), d_k_big: int = 64, n_keys: int = 5, n_samples: int = 4000, seed: int = 0
) -> ScalingDemo:
    """Measure the spread of q·k per d_k, and softmax of one query's scores at ``d_k_big`` with and without ÷√d_k.

    >>> demo = scaling_demo()
    >>> [round(float(s / np.sqrt(d)), 1) for s, d in zip(demo.std_dot, demo.d_ks)]
    [1.0, 1.0, 1.0, 1.0]
    >>> bool(demo.weights_unscaled.max() > 0.9 > demo.weights_scaled.max())
    True
    """
    rng = np.random.default_rng(seed)
    stds = []
    for d in d_ks:
        q = rng.standard_normal((n_samples, d))
        k = rng.standard_normal((n_samples, d))
        stds.append(np.std(np.sum(q * k, axis=1)))
    std_dot = np.array(stds)
    q = rng.standard_normal(d_k_big)
    keys = rng.standard_normal((n_keys, d_k_big))
    scores = keys @ q
    return ScalingDemo(
        d_ks=np.array(d_ks),
        std_dot=std_dot,
        std_scaled=std_dot / np.sqrt(np.array(d_ks)),
        d_k_big=d_k_big,
        scores=scores,
        weights_unscaled=softmax(scores),
        weights_scaled=softmax(scores / np.sqrt(d_k_big)),
        n_samples=n_samples,
    )
