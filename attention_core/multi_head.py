"""Chapter 8, multi-head: h heads on column slices of Q, K, V, their outputs side by side, W_O, and the causal mask.

With ``d_model`` = 4 and h = 2 every number fits on screen: head ``h`` takes columns ``h·d_head … (h+1)·d_head − 1``
of Q = X·W_Q, K = X·W_K and V = X·W_V (d_head = d_model / h = 2), runs softmax(Q_h K_hᵀ / √d_head) V_h, and the
heads' outputs are concatenated (n × d_model) and multiplied by W_O. The causal mask (a decoder reading left to
right) sets the scores above the diagonal to −∞ before softmax, so word i gives weight only to words 0..i; the
chapter reads the row of head 1 the mask changes most (of the rows between the first and the last, the one that gave
later words the most weight).
X is chapter 4's (the same seeded embeddings); W_Q, W_K, W_V, W_O are seeded and rounded to one decimal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.arrays import freeze_arrays
from attention_core.attention import embed_tokens
from attention_core.chapter import ChapterData, Window, auto_focus_claim, check_sentence, window_for
from attention_core.claims import Claim, _positions, first_entry, read_row, row_sum_claim, scale_claim
from attention_core.display import WEIGHT_DECIMALS, fmt
from attention_core.focus import choose_focus, find_focus
from attention_core.trace import AttentionTrace, attention_trace

__all__ = [
    "MAX_MULTI_HEAD_TOKENS",
    "MULTI_HEAD_SENTENCE",
    "MultiHeadData",
    "MultiHeadTrace",
    "multi_head_trace",
    "multi_head_data",
]

MULTI_HEAD_SENTENCE = "我爱吃苹果"
MAX_MULTI_HEAD_TOKENS = 6  # two n×n heads side by side with their numbers
D_MODEL, HEADS = 4, 2
IN_DEC = 1  # X and the W matrices: one decimal each
WEIGHT_SEED = 8  # W_Q, W_K, W_V, W_O (X uses seed 0, as chapter 4)


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


def weight_matrices(d_model: int, seed: int = WEIGHT_SEED, decimals: int = IN_DEC) -> tuple[np.ndarray, ...]:
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


@dataclass(frozen=True, eq=False)
class MultiHeadData(ChapterData):
    """Chapter 8: the multi-head trace of the words shown, and the word whose rows the captions read."""

    trace: MultiHeadTrace
    window: Window
    sentence_tokens: tuple[str, ...]
    focus: int
    focus_rule: str | None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown."""
        return self.trace.tokens

    def arrays(self) -> dict:
        """The whole sentence's words, the focus word and every array of the trace."""
        return {
            "sentence_tokens": list(self.sentence_tokens),
            "focus": self.focus,
            "focus_rule": self.focus_rule,
            "trace": self.trace.to_dict(),
        }

    def make_claims(self) -> Iterable[Claim]:
        tr, f, base = self.trace, self.focus, self.window.start
        if self.window.partial:
            yield self.window.claim(self.tokens)
        if self.focus_rule is not None:
            yield auto_focus_claim(self.tokens[f], self.focus_rule, base + f + 1, self.sentence_tokens)
        yield Claim(
            "shape",
            "shape",
            (),
            {"n": tr.n, "d_model": tr.X.shape[1], "heads": tr.h, "d_head": tr.d_head},
            {"X": list(tr.X.shape)},
        )
        yield Claim(
            "split",
            "head_split",
            (),
            {
                "cols": [f"{s.start + 1}–{s.stop}" for s in map(tr.cols, range(tr.h))],
                "heads": tr.h,
                "d_head": tr.d_head,
            },
            {},
        )
        one = tr.heads[0]  # head 1 is worked through: its scores scaled, then softmax
        yield scale_claim("scale", one.scores, one.scaled_scores, one.d_k)
        yield row_sum_claim("head_sums", one.weights)
        for k, head in enumerate(tr.heads):
            c = read_row(f"head:{k + 1}", tr.tokens, head.weights[f], f, range(tr.n), base=base)
            yield Claim(c.topic, c.kind, c.words, {**c.values, "head": k + 1}, c.evidence)
        yield _heads_differ(tr, f, base)
        yield Claim(
            "concat",
            "shape",
            (),
            {"n": tr.n, "d_model": tr.X.shape[1], "d_head": tr.d_head, "heads": tr.h},
            {"concat": list(tr.concat.shape)},
        )
        yield first_entry("first_entry:output", tr.concat, tr.W_o, tr.output, WEIGHT_DECIMALS, IN_DEC)
        m = tr.masked[0]
        hidden = tr.n * (tr.n - 1) // 2
        yield Claim(
            "mask",
            "mask",
            (),
            {
                "n": tr.n,
                "masked": hidden,
                "cells": tr.n * tr.n,
                "head": 1,
                "first_w": fmt(float(m.weights[0, 0]), WEIGHT_DECIMALS),
            },
            {"zero_above": bool((np.triu(m.weights, 1) == 0).all())},
        )
        sums = row_sum_claim("mask_sums", m.weights)
        yield Claim("mask_sums", sums.kind, (), {**sums.values, "head": 1}, sums.evidence)
        if tr.n >= 3:  # row 0 keeps only itself (the mask claim says so), the last row sees every word
            future = np.triu(tr.heads[0].weights, 1).sum(axis=1)  # what each row gave later words before the mask
            i = max(range(1, tr.n - 1), key=lambda r: future[r])
            c = read_row("mask_row", tr.tokens, m.weights[i], i, range(i + 1), others="earlier", base=base)
            taken = fmt(float(future[i]), WEIGHT_DECIMALS)
            yield Claim(c.topic, c.kind, c.words, {**c.values, "head": 1, "row": i, "taken": taken}, c.evidence)


def _heads_differ(tr: MultiHeadTrace, f: int, base: int) -> Claim:
    """Where the heads' rows for word ``f`` differ most (first of equal gaps): the key and each head's weight to it
    (the gap itself is not stated: the difference of the two written weights may not be its rounding)."""
    a, b = tr.heads[0].weights[f], tr.heads[1].weights[f]
    k = int(np.argmax(np.abs(a - b)))
    values = {
        "key": k,
        "self": k == f,
        "head1_w": fmt(float(a[k]), WEIGHT_DECIMALS),
        "head2_w": fmt(float(b[k]), WEIGHT_DECIMALS),
        "word_at": _positions(tr.tokens, [f, k], base),
    }
    return Claim(
        "heads_differ",
        "heads_differ",
        (tr.tokens[f], tr.tokens[k]),
        values,
        {"row_1": a.tolist(), "row_2": b.tolist()},
    )


def multi_head_data(sentence: str | None = None, focus: str | None = None) -> MultiHeadData:
    """Chapter 8's data: the words of ``sentence`` (a window of :data:`MAX_MULTI_HEAD_TOKENS` around the focus word
    of a longer one), two heads, W_O and the causal mask.

    >>> d = multi_head_data()
    >>> d.tokens, d.trace.h, d.trace.d_head, d.trace.concat.shape, d.claim("mask").values["masked"]
    (('我', '爱', '吃', '苹果'), 2, 2, (4, 4), 6)
    """
    sentence = MULTI_HEAD_SENTENCE if sentence is None else sentence
    tokens = check_sentence(sentence)
    index, rule = (find_focus(tokens, focus), None) if focus else choose_focus(tokens)
    window = window_for(len(tokens), MAX_MULTI_HEAD_TOKENS, index, look_back=True)
    shown = tokens[window.start : window.stop]
    x = embed_tokens(shown, D_MODEL, 0, IN_DEC)
    trace = multi_head_trace(shown, x, *weight_matrices(D_MODEL), HEADS)
    return MultiHeadData(trace, window, tokens, index - window.start, rule)
