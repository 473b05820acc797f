"""A small NumPy RNN, to show what recurrence cannot do: work in parallel, remember far back, train stably.

All three demonstrations use h_t = tanh(W_h h_{t-1} + W_x x_t) with weights from ``np.random.default_rng(seed)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from attention_core.arrays import freeze_arrays
from attention_core.attention import embed_tokens
from attention_core.tokenize import tokenize

__all__ = ["DecayCurve", "GradientCurves", "RnnRun", "gradient_norms", "retention_curve", "rnn_run"]



def _recurrent_matrix(d: int, scale: float, rng: np.random.Generator) -> np.ndarray:
    """A Gaussian ``(d, d)`` matrix rescaled so its spectral radius is exactly ``scale``."""
    w = rng.standard_normal((d, d))
    return w * (scale / np.max(np.abs(np.linalg.eigvals(w))))


@dataclass(frozen=True)
class RnnRun:
    """One pass over a sentence: ``X (n, d_in)``, hidden states ``H (n, d_hidden)``; step t needs H[t-1]."""

    tokens: tuple[str, ...]
    X: np.ndarray
    H: np.ndarray

    def __post_init__(self) -> None:
        freeze_arrays(self, "X", "H")


def rnn_run(sentence: str, d_hidden: int = 3, d_in: int = 4, seed: int = 0) -> RnnRun:
    """Run the RNN over ``sentence`` one token at a time (the only way it can run).

    >>> run = rnn_run("我爱吃苹果")
    >>> run.tokens, run.H.shape
    (('我', '爱', '吃', '苹果'), (4, 3))
    """
    tokens = tokenize(sentence)
    rng = np.random.default_rng(seed)
    w_x = rng.standard_normal((d_hidden, d_in)) / np.sqrt(d_in)
    w_h = _recurrent_matrix(d_hidden, 0.9, rng)
    x = embed_tokens(tokens, d_in, seed)
    h, states = np.zeros(d_hidden), []
    for x_t in x:
        h = np.tanh(w_h @ h + w_x @ x_t)
        states.append(h)
    return RnnRun(tokens, x, np.array(states))


@dataclass(frozen=True)
class DecayCurve:
    """``retention[t-1]`` = mean over seeds of ‖∂h_t/∂x_1‖_F / ‖∂h_1/∂x_1‖_F, for t = 1..T (``steps``)."""

    steps: np.ndarray
    retention: np.ndarray
    scale: float
    d_hidden: int
    n_seeds: int

    def __post_init__(self) -> None:
        freeze_arrays(self, "steps", "retention")

    def at(self, t: int) -> float:
        """Retention after ``t`` steps."""
        return float(self.retention[t - 1])


def retention_curve(
    steps: int = 240, scale: float = 0.99, d_hidden: int = 16, n_seeds: int = 8, seed: int = 0, noise: float = 0.01
) -> DecayCurve:
    """How much of the first token still reaches the hidden state after t steps.

    The measure is the size of the Jacobian ∂h_t/∂x_1 (how much h_t would move if the first input moved),
    relative to its size at t = 1, averaged over ``n_seeds`` random networks whose recurrent matrix has
    spectral radius ``scale`` and small random inputs x_t ~ N(0, noise²). Each step multiplies the Jacobian by
    diag(1 - h_t²) W_h, whose norm is below 1 here, so the curve falls steadily.

    >>> c = retention_curve(steps=50, n_seeds=2)
    >>> c.at(1), bool(c.at(50) < c.at(10) < 1.0)
    (1.0, True)
    """
    curves = []
    for s in range(n_seeds):
        rng = np.random.default_rng(seed + s)
        w_h = _orthogonal(d_hidden, rng) * scale
        w_x = rng.standard_normal((d_hidden, d_hidden)) / np.sqrt(d_hidden)
        h = np.tanh(w_x @ rng.normal(0, noise, d_hidden))
        jac = (1 - h**2)[:, None] * w_x
        first = np.linalg.norm(jac)
        ratios = [1.0]
        for _ in range(steps - 1):
            h = np.tanh(w_h @ h + w_x @ rng.normal(0, noise, d_hidden))
            jac = (1 - h**2)[:, None] * (w_h @ jac)
            ratios.append(np.linalg.norm(jac) / first)
        curves.append(ratios)
    return DecayCurve(np.arange(1, steps + 1), np.mean(curves, axis=0), scale, d_hidden, n_seeds)


def _orthogonal(d: int, rng: np.random.Generator) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.sign(np.diag(r))


@dataclass(frozen=True)
class GradientCurves:
    """``norms[k][t-1]`` = ‖∂h_t/∂h_0‖ through the recurrent matrix of spectral radius ``scales[k]``."""

    steps: np.ndarray
    scales: tuple[float, ...]
    norms: np.ndarray  # (len(scales), T)

    def __post_init__(self) -> None:
        freeze_arrays(self, "steps", "norms")


def gradient_norms(
    steps: int = 50, scales: tuple[float, ...] = (0.8, 1.2), d_hidden: int = 16, seed: int = 0
) -> GradientCurves:
    """Gradient norm after t backward steps: ‖(W_hᵀ)^t‖₂ for W_h of spectral radius ``scale``.

    This is the recurrent factor of backpropagation through time (the tanh derivative, at most 1, is left out:
    it can only shrink the gradient further). Below 1 it vanishes geometrically, above 1 it explodes.

    >>> g = gradient_norms(steps=30)
    >>> bool(g.norms[0, -1] < 1e-2 < 1e2 < g.norms[1, -1])
    True
    """
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((d_hidden, d_hidden))
    base /= np.max(np.abs(np.linalg.eigvals(base)))
    rows = []
    for scale in scales:
        w_t = (base * scale).T
        product, norms = np.eye(d_hidden), []
        for _ in range(steps):
            product = w_t @ product
            norms.append(np.linalg.norm(product, 2))
        rows.append(norms)
    return GradientCurves(np.arange(1, steps + 1), tuple(scales), np.array(rows))
