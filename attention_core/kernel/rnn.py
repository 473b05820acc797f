"""A small NumPy RNN, to show what recurrence cannot do: work in parallel, remember far back, train stably.

All three demonstrations use h_t = tanh(W_h h_{t-1} + W_x x_t) with weights from ``np.random.default_rng(seed)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from attention_core.kernel.arrays import freeze_arrays
from attention_core.kernel.attention import embed_tokens

__all__ = [
    "DecayCurve",
    "GradientCurves",
    "RnnRun",
    "gradient_norms",
    "retention_curve",
    "retention_family",
    "rnn_run",
    "scale_for_retention",
]


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


def rnn_run(tokens: tuple[str, ...], d_hidden: int = 3, d_in: int = 4, seed: int = 0) -> RnnRun:
    """Run the RNN over ``tokens`` one at a time (the only way it can run).

    >>> run = rnn_run(("我", "爱", "吃", "苹果"))
    >>> run.tokens, run.H.shape
    (('我', '爱', '吃', '苹果'), (4, 3))
    """
    rng = np.random.default_rng(seed)
    w_x = rng.standard_normal((d_hidden, d_in)) / np.sqrt(d_in)
    w_h = _recurrent_matrix(d_hidden, 0.9, rng)
    x = embed_tokens(tokens, d_in, seed)
    h, states = np.zeros(d_hidden), []
    for x_t in x:
        h = np.tanh(w_h @ h + w_x @ x_t)
        states.append(h)
    return RnnRun(tokens, x, np.array(states))


@dataclass(frozen=True, eq=False)
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


@lru_cache(maxsize=8)
def retention_family(
    scales: tuple[float, ...] = (0.98, 0.99, 0.995, 1.0), steps: int = 240
) -> tuple[DecayCurve, ...]:
    """:func:`retention_curve` for each recurrent scale: how much survives depends on that knob.

    >>> [round(c.at(200), 3) for c in retention_family((0.98, 1.0), steps=200)]
    [0.012, 0.357]
    """
    return tuple(retention_curve(steps=steps, scale=s) for s in scales)


@lru_cache(maxsize=8)
def scale_for_retention(target: float, at: int, low: float = 0.9, high: float = 1.0, iterations: int = 14) -> float:
    """The recurrent scale whose mean retention after ``at`` steps is ``target`` (bisection; it grows with scale).

    >>> round(scale_for_retention(0.20, 200), 3)
    0.996
    """
    for _ in range(iterations):
        mid = (low + high) / 2
        if retention_curve(steps=at, scale=mid).at(at) < target:
            low = mid
        else:
            high = mid
    return (low + high) / 2


@dataclass(frozen=True)
class GradientCurves:
    """``norms[k][t-1]`` = ‖∂h_t/∂h_0‖₂ in a running tanh RNN whose W_h has spectral radius ``scales[k]``.

    Geometric mean over ``n_seeds`` networks. ``bounds[k][t-1]`` = ‖(W_hᵀ)ᵗ‖₂, the same product without the
    tanh derivative: the linear bound the real gradient stays under.
    """

    steps: np.ndarray
    scales: tuple[float, ...]
    norms: np.ndarray  # (len(scales), T)
    bounds: np.ndarray  # (len(scales), T)
    n_seeds: int

    def __post_init__(self) -> None:
        freeze_arrays(self, "steps", "norms", "bounds")


@lru_cache(maxsize=8)
def gradient_norms(
    steps: int = 50,
    scales: tuple[float, ...] = (0.8, 1.2, 4.0),
    d_hidden: int = 16,
    n_seeds: int = 16,
    noise: float = 0.5,
    warmup: int = 20,
    seed: int = 0,
) -> GradientCurves:
    """How a gradient's size changes going back t steps through a tanh RNN: ‖∂h_t/∂h_0‖₂, measured.

    Backpropagation multiplies by the Jacobian diag(1 − h_s²) W_h once per step back. Each of ``n_seeds``
    networks (W_h Gaussian with spectral radius ``scale``, inputs x_t ~ N(0, noise²)) first runs ``warmup``
    steps; then the Jacobian product is followed for ``steps`` steps. Below 1 it vanishes; tanh saturation holds
    a scale just above 1 back, and only a much larger scale explodes.

    >>> g = gradient_norms()
    >>> bool(g.norms[0, -1] < 1e-2), bool(g.norms[2, -1] > 1e2), bool((g.norms <= g.bounds * 1.0001).all())
    (True, True, True)
    """
    curves, bounds = [], []
    for scale in scales:
        logs, bound = [], []
        for s in range(n_seeds):
            rng = np.random.default_rng(seed + s)
            w_h = _recurrent_matrix(d_hidden, scale, rng)
            w_x = rng.standard_normal((d_hidden, d_hidden)) / np.sqrt(d_hidden)
            h = np.zeros(d_hidden)
            for _ in range(warmup):
                h = np.tanh(w_h @ h + w_x @ rng.normal(0, noise, d_hidden))
            jac, power, norms, linear = np.eye(d_hidden), np.eye(d_hidden), [], []
            for _ in range(steps):
                h = np.tanh(w_h @ h + w_x @ rng.normal(0, noise, d_hidden))
                jac = ((1 - h**2)[:, None] * w_h) @ jac
                power = w_h @ power
                norms.append(np.linalg.norm(jac, 2))
                linear.append(np.linalg.norm(power, 2))
            logs.append(np.log(norms))
            bound.append(np.log(linear))
        curves.append(np.exp(np.mean(logs, axis=0)))
        bounds.append(np.exp(np.mean(bound, axis=0)))
    return GradientCurves(np.arange(1, steps + 1), tuple(scales), np.array(curves), np.array(bounds), n_seeds)
