"""A BERT / XLM-R encoder forward pass in NumPy, keeping every layer's attention weights.

Post-LayerNorm, as both models were trained: embeddings (word + position + type 0) -> LayerNorm; then per layer
``x = LN(x + attention(x))`` and ``x = LN(x + FFN(x))`` with exact GELU (through erf). Attention is the same
softmax(QKᵀ/√d_k)V the other chapters show, once per head on a 32-wide slice of Q, K and V.
"""

from __future__ import annotations

import math

import numpy as np

from attention_core.kernel.attention import softmax
from attention_core.models.erf import erf32
from attention_core.models.model_files import EncoderWeights

__all__ = ["encode", "gelu", "layer_norm"]

_ERF = np.vectorize(math.erf, otypes=[np.float64])


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x·Φ(x) = x/2 · (1 + erf(x/√2)).

    >>> [round(float(v), 4) for v in gelu(np.array([-1.0, 0.0, 1.0]))]
    [-0.1587, 0.0, 0.8413]
    """
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _erf(x: np.ndarray) -> np.ndarray:
    """erf elementwise, as the standard library's rounds it: float32 (the encoder's, a few hundred thousand values a
    sentence) by :func:`erf32`, other types one ``math.erf`` call per value (NumPy has no erf)."""
    return erf32(x) if x.dtype == np.float32 else _ERF(x).astype(x.dtype)


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis (biased variance, as torch)."""
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def encode(weights: EncoderWeights, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Run the encoder on token ``ids (n,)``; return ``(hidden (n, H), attentions (layers, heads, n, n))``.

    ``attentions[l, h, i, j]`` is how much token i attends to token j in head h of layer l (rows sum to 1).
    """
    ids = np.asarray(ids, dtype=int)
    n, heads = len(ids), weights.heads
    x = weights.word(ids) + weights.position[:n] + weights.token_type  # (n, H)
    x = layer_norm(x.astype(np.float32), weights.emb_ln_w, weights.emb_ln_b, weights.eps)
    d_k = x.shape[1] // heads
    maps = []
    for ly in weights.layers:
        q = (x @ ly.q_w.T + ly.q_b).reshape(n, heads, d_k).transpose(1, 0, 2)  # (heads, n, d_k)
        k = (x @ ly.k_w.T + ly.k_b).reshape(n, heads, d_k).transpose(1, 0, 2)
        v = (x @ ly.v_w.T + ly.v_b).reshape(n, heads, d_k).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / np.float32(math.sqrt(d_k))  # (heads, n, n)
        weights_ = softmax(scores.astype(np.float64), axis=-1).astype(np.float32)
        maps.append(weights_)
        context = (weights_ @ v).transpose(1, 0, 2).reshape(n, heads * d_k)  # (n, H)
        x = layer_norm(x + context @ ly.o_w.T + ly.o_b, ly.ln1_w, ly.ln1_b, weights.eps)
        inner = gelu(x @ ly.i_w.T + ly.i_b)  # (n, FF)
        x = layer_norm(x + inner @ ly.f_w.T + ly.f_b, ly.ln2_w, ly.ln2_b, weights.eps)
    return x, np.stack(maps)
