"""Chapter 9's claims about the layers: the mean of each layer's heads, where the focus word looks layer by layer,
and attention rollout through the layers, each at word level (:mod:`attention_core.models.model_attention`).

* ``layer_means``: in the first and in the last layer (the mean over its heads, every row averaged), how much a
  word keeps for itself, gives its neighbours (the words just before and after), the farther words and the special
  tokens; the four add to 1 (the note says when the written numbers do not);
* ``layers`` (``layer_trend``): the word the focus word gives most in the first and in the last third of the
  layers (mean over heads), every word that ties for it as written;
* ``rollout``: the focus word's row of attention rollout through every layer: what it keeps for itself, the
  other word it traces back to most (every word that ties as written), and the special tokens' share.
"""

from __future__ import annotations

import numpy as np

from attention_core.claims.claim import Claim, word_positions
from attention_core.claims.display import WEIGHT_DECIMALS, fmt, sum_shown
from attention_core.models.head_rules import written

__all__ = ["layer_claim", "layer_means_claim", "rollout_claim", "shares"]


def shares(words: np.ndarray, special: np.ndarray) -> np.ndarray:
    """``(4,)``: what a row of ``words (n, n)`` gives itself, its neighbours, the farther words and the special
    tokens (``special (n,)``), averaged over the rows."""
    n = words.shape[0]
    diag = np.array([words[i, i] for i in range(n)])
    near = np.array([sum(words[i, j] for j in (i - 1, i + 1) if 0 <= j < n) for i in range(n)])
    far = words.sum(axis=1) - diag - near
    return np.array([diag.mean(), near.mean(), far.mean(), special.mean()])


def layer_means_claim(means: np.ndarray, special: np.ndarray) -> Claim:
    """From ``means (L, n, n)`` (each layer's mean over heads) and ``special (L, n)``: the shares of the first and
    of the last layer."""
    layers = means.shape[0]
    values: dict = {"layers": layers}
    evidence: dict = {}
    for part, k in (("first", 0), ("last", layers - 1)):
        s = shares(means[k], special[k])
        values.update({f"{part}_{name}": fmt(float(x), WEIGHT_DECIMALS) for name, x in zip(_SHARES, s, strict=True)})
        values[f"{part}_rounded"] = sum_shown(s, WEIGHT_DECIMALS) != 1
        values[f"{part}_shown_sum"] = fmt(float(sum_shown(s, WEIGHT_DECIMALS)), WEIGHT_DECIMALS)
        evidence[part] = s.tolist()
    return Claim("layer_means", "layer_means", (), values, evidence)


_SHARES = ("self", "near", "far", "special")


def _top_words(row: np.ndarray, keys: list[int]) -> list[int]:
    """The keys whose written weight in ``row`` (one per key) equals the largest written weight."""
    shown = written(row)
    return [k for k, s in zip(keys, shown, strict=True) if s == shown.max()]


def layer_claim(rows: np.ndarray, tokens: tuple[str, ...], focus: int, base: int) -> Claim:
    """Where the focus word looks in the first and in the last third of the layers (``rows (L, n + 1)``, mean over
    heads, last column the special share): the word it gives most, or every word that ties for most as written."""
    layers = rows.shape[0]
    third = max(1, layers // 3)
    keys = [k for k in range(len(tokens)) if k != focus]
    early, late = rows[:third, keys].mean(axis=0), rows[-third:, keys].mean(axis=0)
    e, lt = _top_words(early, keys), _top_words(late, keys)
    values = {
        "early": [tokens[k] for k in e],
        "early_at": word_positions(tokens, e, base),
        "early_w": fmt(float(early.max()), WEIGHT_DECIMALS),
        "late": [tokens[k] for k in lt],
        "late_at": word_positions(tokens, lt, base),
        "late_w": fmt(float(late.max()), WEIGHT_DECIMALS),
        "third": third,
        "layers": layers,
        "same": e == lt,
        "focus_at": word_positions(tokens, [focus], base)[0],
    }
    return Claim(
        "layers",
        "layer_trend",
        (tokens[focus],),
        values,
        {"early": early.tolist(), "late": late.tolist(), "keys": keys, "early_keys": e, "late_keys": lt},
    )


def rollout_claim(rows: np.ndarray, tokens: tuple[str, ...], focus: int, base: int) -> Claim:
    """The focus word's rollout row after the last layer (``rows (L, n + 1)``: its rollout row after each layer,
    last column the special share): itself, the other word(s) it traces back to most, the special tokens."""
    last = rows[-1]
    keys = [k for k in range(len(tokens)) if k != focus]
    top = _top_words(last[keys], keys)
    values = {
        "layers": rows.shape[0],
        "self": fmt(float(last[focus]), WEIGHT_DECIMALS),
        "top": [tokens[k] for k in top],
        "top_at": word_positions(tokens, top, base),
        "top_w": fmt(float(last[top[0]]), WEIGHT_DECIMALS),
        "special": fmt(float(last[-1]), WEIGHT_DECIMALS),
        "focus_at": word_positions(tokens, [focus], base)[0],
    }
    evidence = {"row": last.tolist(), "top_keys": top}
    return Claim("rollout", "rollout", (tokens[focus], *(tokens[k] for k in top)), values, evidence)
