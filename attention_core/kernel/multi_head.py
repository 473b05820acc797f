"""Multi-head attention: h heads on column slices of Q, K, V, their outputs side by side, W_O, and the causal mask.

Head ``h`` takes columns ``h·d_head … (h+1)·d_head − 1`` of Q = X·W_Q, K = X·W_K and V = X·W_V (d_head = d_model / h),
runs softmax(Q_h K_hᵀ / √d_head) V_h, and the heads' outputs are concatenated (n × d_model) and multiplied by W_O.
The causal mask (a decoder reading left to right) sets the scores above the diagonal to −∞ before softmax, so word i
gives weight only to words 0..i.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from attention_core.kernel.arrays import freeze_arrays
from attention_core.kernel.trace import AttentionTrace, attention_trace

__all__ = ["WEIGHT_SEED", "MultiHeadTrace", "multi_head_trace", "weight_matrices"]

WEIGHT_SEED = 8  # W_Q, W_K, W_V, W_O (chapter 8's X uses seed 0, as chapter 4)


@dataclass(frozen=True, eq=False)
class MultiHeadTrace:
    """Every array of multi-head attention over ``tokens``.

    Shapes: ``X (n, d_model)``; ``W_q, W_k, W_v, W_o (d_model, d_model)``; ``heads[h]`` and ``masked[h]`` are the
    :class:`AttentionTrace` of head h (without and with the causal mask) on columns ``cols(h)`` of the projections:
    their ``Q, K, V, output`` are ``(n, d_head)``, ``scores, scaled_scores, weights`` ``(n, n)``;
    ``concat (n, d_model)`` = the heads' outputs side by side; ``output (n, d_model)`` = ``concat @ W_o``.
    """

    tokens: tuple[str, ...]
    X: np.ndarray
    W_q: np.ndarray
    W_k: np.ndarray
    W_v: np.ndarray
    W_o: np.ndarray
    heads: tuple[AttentionTrace, ...]
    masked: tuple[AttentionTrace, ...]
    concat: np.ndarray
    output: np.ndarray

    def __post_init__(self) -> None:
        freeze_arrays(self, "X", "W_q", "W_k", "W_v", "W_o", "concat", "output")

    @property
    def n(self) -> int:
        """Number of tokens."""
        return len(self.tokens)

    @property
    def h(self) -> int:
        """Number of heads."""
        return len(self.heads)

    @property
    def d_head(self) -> int:
        """Columns per head: d_model / h."""
        return self.X.shape[1] // self.h

    def cols(self, head: int) -> slice:
        """The columns of Q, K, V (and of ``concat``) that belong to ``head``."""
        return slice(head * self.d_head, (head + 1) * self.d_head)

    @property
    def Q(self) -> np.ndarray:  # noqa: N802 (the paper's name)
        """``(n, d_model)``: X·W_Q, every head's queries side by side."""
        return self.X @ self.W_q

    @property
    def K(self) -> np.ndarray:  # noqa: N802
        """``(n, d_model)``: X·W_K."""
        return self.X @ self.W_k

    @property
    def V(self) -> np.ndarray:  # noqa: N802
        """``(n, d_model)``: X·W_V."""
        return self.X @ self.W_v

    def to_dict(self) -> dict:
        """Plain lists (a masked score, −inf, becomes None)."""
        mats = {k: getattr(self, k).tolist() for k in ("X", "W_q", "W_k", "W_v", "W_o", "Q", "K", "V")}
        return {
            "tokens": list(self.tokens),
            **mats,
            "heads": [t.to_dict() for t in self.heads],
            "masked": [t.to_dict() for t in self.masked],
            "concat": self.concat.tolist(),
            "output": self.output.tolist(),
        }


def weight_matrices(d_model: int, seed: int = WEIGHT_SEED, decimals: int = 1) -> tuple[np.ndarray, ...]:
    """W_Q, W_K, W_V, W_O, each ``(d_model, d_model)`` with entries ~ N(0, 1/d_model), rounded to ``decimals``.

    >>> [w.shape for w in weight_matrices(4)]
    [(4, 4), (4, 4), (4, 4), (4, 4)]
    """
    rng = np.random.default_rng(seed)
    return tuple(np.round(rng.standard_normal((d_model, d_model)) / np.sqrt(d_model), decimals) for _ in range(4))


def multi_head_trace(
    tokens: tuple[str, ...],
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    h: int,
) -> MultiHeadTrace:
    """Multi-head attention of ``x (n, d_model)`` with ``h`` heads: each head is scaled dot-product attention on its
    slice of the columns of X·W_Q, X·W_K, X·W_V (computed as X times the slice of W, the same numbers), with and
    without the causal mask; the unmasked heads' outputs are concatenated and multiplied by ``w_o``.

    >>> t = multi_head_trace(("a", "b"), np.eye(2, 4), np.eye(4), np.eye(4), np.eye(4), np.eye(4), 2)
    >>> t.d_head, t.concat.shape, t.masked[0].weights[0].tolist()
    (2, (2, 4), [1.0, 0.0])
    """
    d_model = x.shape[1]
    if d_model % h:
        raise ValueError(f"d_model {d_model} is not a multiple of {h} heads")
    d_head = d_model // h
    parts = [slice(k * d_head, (k + 1) * d_head) for k in range(h)]
    heads = tuple(attention_trace(tokens, x, w_q[:, s], w_k[:, s], w_v[:, s]) for s in parts)
    masked = tuple(attention_trace(tokens, x, w_q[:, s], w_k[:, s], w_v[:, s], causal=True) for s in parts)
    concat = np.concatenate([t.output for t in heads], axis=1)  # (n, h·d_head) = (n, d_model)
    return MultiHeadTrace(tuple(tokens), x, w_q, w_k, w_v, w_o, heads, masked, concat, concat @ w_o)
