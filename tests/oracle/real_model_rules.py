"""Chapter 9's rules re-derived from the raw token attention: every head's group, each group's exemplar, the shares
of the mean of a layer's heads, the focus word's rollout layer by layer.

Used by ``tests/chapters/real_model/`` (and by :mod:`tests.oracle.caption_templates` for the groups' order);
nothing here imports or imitates the product's head groups, views or real-model data. Word rows come from
:func:`tests.oracle.view_rules.word_views` (rule 1: a word's row is the mean of its pieces' rows by characters;
special pieces and pieces covering no character are outside, their share special), and "strongest" compares weights
as written (two decimals): the word strictly ahead of every other word of the row, the row's own word included
(:func:`tests.oracle.view_rules.strongest_keys`); a written tie has none.
"""

from __future__ import annotations

import numpy as np

from tests.oracle import view_rules as vr

__all__ = [
    "EDGE",
    "GROUPS",
    "ROW_SHARE",
    "SPECIAL_MIN",
    "group_scores",
    "head_groups",
    "layer_shares",
    "rollout_rows",
]

GROUPS = ("previous", "next", "self", "sink", "special", "broad", "focus", "other")
ROW_SHARE = "2/3"
SPECIAL_MIN = 0.5
EDGE = 1e-9  # a weight this close to a threshold: float noise decides, either side is honest


def _group_tests(words, special, written, focus: int, slack: float) -> list[np.ndarray]:
    """Each group's test over every head ``(layers, heads)`` (the last, other, passes always); ``slack`` moves the
    float thresholds (special share, 2/n) by that much in the heads' favour (negative: against them)."""
    n = words.shape[-1]
    tops = vr.strongest_keys(written)  # (layers, heads, rows): the word alone on top as written, or -1
    rows = np.arange(n)
    previous = (tops[..., 1:] == rows[1:] - 1).sum(axis=-1)
    following = (tops[..., :-1] == rows[:-1] + 1).sum(axis=-1)
    own = (tops == rows).sum(axis=-1)
    sink = vr.sink_leads(written) >= 0
    share = special.mean(axis=-1)
    ratio = words / np.maximum(1.0 - special, 1e-300)[..., None]  # what a row gives each word, of what it gives words
    others = [k for k in range(n) if k != focus]
    fav = vr.strongest_keys(written[..., focus, :], others)  # (layers, heads): the focus row's favourite other word
    fav_w = np.take_along_axis(words[..., focus, :], np.maximum(fav, 0)[..., None], axis=-1)[..., 0]
    far = (fav >= 0) & (np.abs(fav - focus) >= 2) & (fav_w * n >= 2 - slack)
    return [
        3 * previous >= 2 * (n - 1),
        3 * following >= 2 * (n - 1),
        3 * own >= 2 * n,
        sink,
        share >= SPECIAL_MIN - slack,
        (ratio * n <= 2 + slack).all(axis=(-1, -2)),
        far,
        np.ones(share.shape, dtype=bool),
    ]


def _first(tests: list[np.ndarray]) -> np.ndarray:
    """The index of the first test each head passes."""
    return np.argmax(np.stack(tests, axis=-1), axis=-1)


def head_groups(words, special, written, focus: int) -> dict:
    """Every head's group (an index into :data:`GROUPS`, the first whose test it passes), and ``loose``: the group
    it would get with every float threshold moved by :data:`EDGE` (a head whose two groups differ sits on an edge,
    and either is honest)."""
    words, special = np.asarray(words, dtype=float), np.asarray(special, dtype=float)
    strict = _first(_group_tests(words, special, written, focus, -EDGE))
    loose = _first(_group_tests(words, special, written, focus, EDGE))
    return {"group": strict, "loose": loose}


def group_scores(words, special, written, focus: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each group's exemplar score of every head, as (low, high) ``(layers, heads)`` arrays: equal except for a sink
    head whose sink word (the word leading the most other rows) is one of several tied ones."""
    words, special = np.asarray(words, dtype=float), np.asarray(special, dtype=float)
    n = words.shape[-1]
    idx = np.arange(n)
    tops = vr.strongest_keys(written)
    led = (tops[..., :, None] == idx).sum(axis=-2) - (tops == idx)  # (layers, heads, word): other rows it leads
    columns = words.mean(axis=-2)  # (layers, heads, word): the mean over rows of each column
    leading = led == led.max(axis=-1, keepdims=True)
    sink_low = np.where(leading, columns, np.inf).min(axis=-1)
    sink_high = np.where(leading, columns, -np.inf).max(axis=-1)
    ratio = words / np.maximum(1.0 - special, 1e-300)[..., None]
    others = [k for k in range(n) if k != focus]
    fav = vr.strongest_keys(written[..., focus, :], others)
    fav_w = np.take_along_axis(words[..., focus, :], np.maximum(fav, 0)[..., None], axis=-1)[..., 0]
    one = {
        "previous": words[..., idx[1:], idx[1:] - 1].mean(axis=-1),
        "next": words[..., idx[:-1], idx[:-1] + 1].mean(axis=-1),
        "self": words[..., idx, idx].mean(axis=-1),
        "special": special.mean(axis=-1),
        "broad": -ratio.max(axis=(-1, -2)),
        "focus": np.where(fav >= 0, fav_w, -np.inf),
    }
    out = {g: (s, s) for g, s in one.items()}
    out["sink"] = (sink_low, sink_high)
    return out


def layer_shares(token_attention, membership, outside, layer: int) -> dict:
    """The mean of layer ``layer``'s heads at word level (``M`` (words, words), ``S`` (words,)), and what a word keeps
    for itself, gives its neighbours (the words just before and after, where they exist), gives farther words and the
    special tokens, each a mean over the rows."""
    m, s = vr.word_views(np.asarray(token_attention[layer], dtype=float).mean(axis=0), membership, outside)
    n = m.shape[0]
    own = np.array([m[i, i] for i in range(n)])
    near = np.array([sum(m[i, j] for j in (i - 1, i + 1) if 0 <= j < n) for i in range(n)])
    far = m.sum(axis=1) - own - near
    return {"M": m, "S": s, "self": own.mean(), "near": near.mean(), "far": far.mean(), "special": s.mean()}


def rollout_rows(token_attention, membership, outside, focus: int) -> np.ndarray:
    """``(layers, words + 1)``: the focus word's row of attention rollout after 1, 2, … layers (each layer
    Â = ½·mean over its heads + ½·I, rows renormalised, multiplied from the first layer up), at word level, and its
    special share last."""
    a = np.asarray(token_attention, dtype=float)
    p = a.shape[-1]
    r = np.eye(p)
    out = []
    for layer in a:
        step = 0.5 * layer.mean(axis=0) + 0.5 * np.eye(p)
        r = (step / step.sum(axis=1, keepdims=True)) @ r
        w, s = vr.word_views(r, membership, outside)
        out.append([*w[focus], s[focus]])
    return np.array(out)
