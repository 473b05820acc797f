"""Scaled dot-product attention, step by step: the numbers every chapter shows."""

from __future__ import annotations

import hashlib

import numpy as np

__all__ = ["embed_tokens", "projection_matrices", "softmax"]


def softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along ``axis`` (the row maximum is subtracted first).

    >>> softmax(np.array([[0.0, 0.0], [1000.0, 1000.0]])).tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """
    shifted = scores - np.max(scores, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def _word_seed(word: str, seed: int, d_model: int) -> int:
    """A stable 64-bit seed for one word (Python's ``hash`` changes per process, blake2b does not)."""
    digest = hashlib.blake2b(f"{seed}\x00{d_model}\x00{word.casefold()}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def embed_tokens(tokens: tuple[str, ...], d_model: int, seed: int = 0, decimals: int | None = None) -> np.ndarray:
    """Embed each token as a seeded normal vector, shape ``(n_tokens, d_model)``.

    The vector depends only on the word (case-folded), ``seed`` and ``d_model``, never on the rest of the sentence,
    so the same word has the same embedding in every example. ``decimals`` rounds the entries (short numbers on
    screen).

    >>> a = embed_tokens(("猫", "坐"), 4)
    >>> b = embed_tokens(("狗", "猫"), 4)
    >>> bool(np.array_equal(a[0], b[1]))
    True
    """
    rows = [np.random.default_rng(_word_seed(t, seed, d_model)).standard_normal(d_model) for t in tokens]
    x = np.array(rows, dtype=float).reshape(len(tokens), d_model)
    return np.round(x, decimals) if decimals is not None else x


def projection_matrices(
    d_model: int, d_k: int, seed: int = 0, decimals: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """W_Q, W_K, W_V from ``np.random.default_rng(seed)``, each ``(d_model, d_k)``, entries ~ N(0, 1/d_model).

    >>> w_q, w_k, w_v = projection_matrices(4, 3, seed=1)
    >>> w_q.shape, bool(np.array_equal(w_q, projection_matrices(4, 3, seed=1)[0]))
    ((4, 3), True)
    """
    rng = np.random.default_rng(seed)
    mats = tuple(rng.standard_normal((d_model, d_k)) / np.sqrt(d_model) for _ in range(3))
    if decimals is not None:
        mats = tuple(np.round(m, decimals) for m in mats)
    return mats  # type: ignore[return-value]
