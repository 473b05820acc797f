"""The attention trace: every intermediate array of one sentence, frozen, with a JSON round trip."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

import numpy as np

from attention_core.errors import ExplainerError
from attention_core.json_text import json_text
from attention_core.kernel.arrays import freeze_arrays
from attention_core.kernel.attention import embed_tokens, projection_matrices, softmax
from attention_core.language.tokenize import detect_language, tokenize

__all__ = ["ARRAY_KEYS", "AttentionTrace", "attention_trace", "sentence_trace", "tokens_trace"]

ARRAY_KEYS = ("X", "W_q", "W_k", "W_v", "Q", "K", "V", "scores", "scaled_scores", "weights", "output")


@dataclass(frozen=True, eq=False)
class AttentionTrace:
    """One pass of scaled dot-product attention over a sentence; all arrays are read-only.

    Shapes: ``X (n, d_model)``; ``W_q, W_k, W_v (d_model, d_k)``; ``Q, K, V (n, d_k)``;
    ``scores, scaled_scores, weights (n, n)`` with rows = queries and columns = keys; ``output (n, d_k)``.
    """

    tokens: tuple[str, ...]
    X: np.ndarray
    W_q: np.ndarray
    W_k: np.ndarray
    W_v: np.ndarray
    Q: np.ndarray
    K: np.ndarray
    V: np.ndarray
    scores: np.ndarray
    scaled_scores: np.ndarray
    weights: np.ndarray
    output: np.ndarray
    d_k: int
    sentence: str = ""
    lang: str = "zh"
    seed: int = 0
    meta: dict = field(default_factory=dict)
    causal: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", tuple(self.tokens))
        freeze_arrays(self, *ARRAY_KEYS)

    @property
    def n(self) -> int:
        """Number of tokens (rows of every per-token matrix)."""
        return len(self.tokens)

    @property
    def sqrt_d_k(self) -> float:
        """√d_k, the divisor of the scores."""
        return float(np.sqrt(self.d_k))

    @property
    def row_sums(self) -> np.ndarray:
        """Sum of each row of the weights, shape ``(n,)`` (1 up to rounding: softmax)."""
        return self.weights.sum(axis=1)

    def to_dict(self) -> dict:
        """Plain lists and numbers, ready for ``json.dumps`` (a masked score, -inf, becomes None)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["tokens"] = list(self.tokens)
        for key in ARRAY_KEYS:
            out[key] = [[v if np.isfinite(v) else None for v in row] for row in out[key].tolist()]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """The trace as JSON (UTF-8 text, Chinese kept readable; with an ``indent``, one matrix row a line)."""
        return json_text(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, data: dict) -> AttentionTrace:
        """Inverse of :meth:`to_dict`."""
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        for key in ARRAY_KEYS:  # None marks a masked (-inf) score
            kwargs[key] = [[-np.inf if v is None else v for v in row] for row in kwargs[key]]
        return cls(**kwargs)

    @classmethod
    def from_json(cls, text: str) -> AttentionTrace:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))


def attention_trace(
    tokens: tuple[str, ...],
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    causal: bool = False,
    **info,
) -> AttentionTrace:
    """Run softmax(QKᵀ/√d_k)V on ``x (n, d_model)`` and keep every intermediate array.

    ``causal`` masks the future: token i attends only to tokens 0..i, as a reader who has not yet seen the rest
    (masked entries of ``scaled_scores`` are -inf, their weights exactly 0).

    >>> t = attention_trace(("a", "b"), np.eye(2), np.eye(2), np.eye(2), np.eye(2))
    >>> t.scaled_scores.round(3).tolist(), t.weights.sum(axis=1).round(6).tolist()
    ([[0.707, 0.0], [0.0, 0.707]], [1.0, 1.0])
    """
    x = np.asarray(x, dtype=float)
    if x.shape != (len(tokens), w_q.shape[0]):
        raise ExplainerError(f"X has shape {x.shape}, expected ({len(tokens)}, {w_q.shape[0]})")
    q, k, v = x @ w_q, x @ w_k, x @ w_v  # (n, d_model) @ (d_model, d_k) -> (n, d_k)
    d_k = q.shape[1]
    scores = q @ k.T  # (n, d_k) @ (d_k, n) -> (n, n): rows are queries, columns keys
    scaled = scores / np.sqrt(d_k)
    if causal:  # the future is masked just before softmax: its weights come out exactly 0
        scaled = np.where(np.tri(len(tokens), dtype=bool), scaled, -np.inf)
    weights = softmax(scaled, axis=-1)  # (n, n), each row sums to 1
    return AttentionTrace(
        tokens=tuple(tokens),
        X=x,
        W_q=w_q,
        W_k=w_k,
        W_v=w_v,
        Q=q,
        K=k,
        V=v,
        scores=scores,
        scaled_scores=scaled,
        weights=weights,
        output=weights @ v,  # (n, n) @ (n, d_k) -> (n, d_k)
        d_k=d_k,
        causal=causal,
        **info,
    )


def tokens_trace(
    tokens: tuple[str, ...], d_model: int = 4, d_k: int = 4, seed: int = 0, decimals: int | None = None, **info
) -> AttentionTrace:
    """Run attention on seeded embeddings of ``tokens`` (see :func:`embed_tokens`); ``info`` is kept on the trace.

    ``decimals`` rounds X and the W matrices so every input on screen is short.

    >>> t = tokens_trace(("The", "cat"), d_model=2, d_k=2, decimals=1)
    >>> t.X.shape, bool(np.array_equal(t.X, np.round(t.X, 1)))
    ((2, 2), True)
    """
    x = embed_tokens(tokens, d_model, seed, decimals)
    w_q, w_k, w_v = projection_matrices(d_model, d_k, seed, decimals)
    return attention_trace(tokens, x, w_q, w_k, w_v, seed=seed, **info)


def sentence_trace(
    sentence: str,
    lang: str | None = None,
    d_model: int = 4,
    d_k: int = 4,
    seed: int = 0,
    decimals: int | None = None,
) -> AttentionTrace:
    """Tokenize ``sentence`` and run :func:`tokens_trace` on all of its tokens.

    >>> t = sentence_trace("The cat sat.", d_model=2, d_k=2, decimals=1)
    >>> t.tokens, t.X.shape, t.weights.shape
    (('The', 'cat', 'sat', '.'), (4, 2), (4, 4))
    """
    tokens = tokenize(sentence, lang)
    lang = lang or detect_language(sentence)
    return tokens_trace(tokens, d_model, d_k, seed, decimals, sentence=sentence, lang=lang)
