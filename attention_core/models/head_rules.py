"""Reading every head of a model at once, by stated rules: which word a head's row favours, which heads are sinks,
which head agrees with an expected link, which head shows the most varied patterns.

Every comparison is made on the weights **as written** (two decimals, :mod:`attention_core.claims.display`): a row's
strongest word is the one whose written weight is larger than every other candidate's; when two share the largest
written weight the row has no single strongest word (a tie is never counted as agreement).

* **sink** (:func:`sink_of`): one word is the strongest word (itself included) of at least :data:`SINK_SHARE` of
  the rows other than its own; such a head shows one column, whatever the row (needs 3 words or more).
* **focus link** (chapters 1 and 3 without an expectation): among the heads that are not sinks, the one in which
  the focus word gives the largest weight to one word not next to it (any other word when all are next to it).
* **expect** (the article's links, or ``--expect``): the heads in which an expected word is the focus word's
  strongest word among the words it can look at agree; the strongest of them (the largest weight on that word) is
  shown. When none agrees, the head where an expected word ranks highest (then weighs most) is shown, with its rank.
* **varied** (chapter 7): among the heads that are not sinks, the one whose rows show the most kinds of pattern
  (:func:`row_pattern`), then the most different strongest words, then the most weight on the words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from attention_core.claims.display import WEIGHT_DECIMALS

__all__ = [
    "row_patterns",
    "sinks",
    "strongest_all",
    "FAR",
    "PATTERN_KINDS",
    "SINK_SHARE",
    "STANDS_OUT",
    "ExpectSurvey",
    "candidates",
    "expect_survey",
    "focus_link_head",
    "row_pattern",
    "sink_of",
    "strongest",
    "varied_head",
    "written",
]

SINK_SHARE = 2 / 3  # a word that is the strongest of two thirds of the other rows makes the head a sink
FAR = 3  # a key at least this many positions away is "far" (two or more words in between)
STANDS_OUT = 2.0  # a pattern's top weight is at least this many times an even share of the whole row (1/n)
PATTERN_KINDS = ("self", "neighbour", "far")


def written(a) -> np.ndarray:
    """Weights as a viewer reads them (two decimals, as :func:`attention_core.fmt` writes them), as floats.

    Vectorised; the values within float noise of a rounding edge are written one by one, as ``fmt`` does.

    >>> written([0.125, 0.135, 0.3349, 0.005]).tolist()
    [0.12, 0.14, 0.33, 0.01]
    """
    a = np.asarray(a, dtype=float)
    scale = 10.0**WEIGHT_DECIMALS
    out = np.round(a * scale) / scale
    scaled = a * scale
    edge = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for index in zip(*np.nonzero(edge), strict=True):
        out[index] = float(f"{a[index]:.{WEIGHT_DECIMALS}f}")
    return out


def strongest_all(words: np.ndarray, keys: Sequence[int] | None = None) -> np.ndarray:
    """``(..., m)`` int: every row's strongest key of ``words (..., m, n)`` among ``keys`` (default: all), as
    :func:`strongest` decides; -1 where the row's top written weight is shared.

    >>> strongest_all(np.array([[0.1, 0.304, 0.301], [0.5, 0.2, 0.3]])).tolist()
    [-1, 0]
    """
    keys = list(range(words.shape[-1])) if keys is None else list(keys)
    shown = written(words[..., keys])
    top = shown.max(axis=-1, keepdims=True)
    unique = (shown == top).sum(axis=-1) == 1
    return np.where(unique, np.array(keys)[shown.argmax(axis=-1)], -1)


def strongest(row: Sequence[float], keys: Sequence[int]) -> int | None:
    """The key whose written weight in ``row`` is larger than every other key's; None on a written tie.

    >>> strongest([0.1, 0.304, 0.301], [0, 1, 2]), strongest([0.1, 0.304, 0.4], [0, 1])
    (None, 1)
    """
    if not len(keys):
        return None
    shown = written([row[k] for k in keys])
    top = shown.max()
    tops = [k for k, s in zip(keys, shown, strict=True) if s == top]
    return tops[0] if len(tops) == 1 else None


def candidates(m: int, query: int) -> list[int]:
    """The words row ``query`` of ``m`` words may be linked to: not itself, not a neighbour (unless none is left).

    >>> candidates(5, 2), candidates(3, 1)
    ([0, 4], [0, 2])
    """
    far = [k for k in range(m) if abs(k - query) >= 2]
    return far or [k for k in range(m) if k != query]


def sink_of(matrix: np.ndarray) -> tuple[int, int, int] | None:
    """``(word, rows it leads, rows)`` when ``matrix (m, m)`` is a sink (module docstring), else None.

    >>> sink_of(np.array([[0.1, 0.8, 0.1], [0.2, 0.5, 0.3], [0.1, 0.7, 0.2]]))
    (1, 2, 2)
    """
    m = matrix.shape[0]
    if m < 3:
        return None
    tops = strongest_all(matrix)
    led = Counter(int(k) for i, k in enumerate(tops) if k >= 0 and k != i)
    for word, count in led.most_common():
        if count >= SINK_SHARE * (m - 1):
            return word, count, m - 1
    return None


def sinks(words: np.ndarray) -> np.ndarray:
    """``(L, H)`` bool: which heads of ``words (L, H, m, m)`` are sinks."""
    m = words.shape[-1]
    if m < 3:
        return np.zeros(words.shape[:2], dtype=bool)
    tops = strongest_all(words)  # (L, H, m)
    rows = np.arange(m)
    led = np.stack([((tops == j) & (rows != j)).sum(axis=-1) for j in range(m)], axis=-1)  # (L, H, m)
    return led.max(axis=-1) >= SINK_SHARE * (m - 1)


def focus_link_head(words: np.ndarray, focus: int) -> tuple[int, int, bool]:
    """``(layer, head, every head is a sink)``: the focus-link rule over ``words (L, H, m, m)`` (first on a tie)."""
    keys = candidates(words.shape[-1], focus)
    link = words[:, :, focus, keys].max(axis=-1)  # (L, H)
    is_sink = sinks(words)
    all_sinks = bool(is_sink.all())
    if not all_sinks:
        link = np.where(is_sink, -np.inf, link)
    layer, head = np.unravel_index(int(np.argmax(link)), link.shape)
    return int(layer), int(head), all_sinks


def row_pattern(row: np.ndarray, query: int, special: float = 0.0) -> str | None:
    """The pattern row ``query`` shows, if its strongest word (written, alone) stands out: at least
    :data:`STANDS_OUT` times an even share of the whole row, 1/n (what goes to special tokens counts in the row).

    >>> row_pattern(np.array([0.1, 0.1, 0.1, 0.7]), 0), row_pattern(np.array([0.7, 0.1, 0.1, 0.1]), 0)
    ('far', 'self')
    >>> row_pattern(np.array([0.01, 0.0, 0.0]), 0, special=0.99)  # nearly all of it went to special tokens
    """
    return row_patterns(row[None], special=np.array([special]), queries=np.array([query]))[0]


def row_patterns(words: np.ndarray, special: np.ndarray, queries: np.ndarray | None = None) -> np.ndarray:
    """:func:`row_pattern` of every row of ``words (..., n, n)`` (``special (..., n)``; row i asks for word i unless
    ``queries`` says otherwise): an object array of pattern names or None."""
    n = words.shape[-1]
    top = strongest_all(words)  # (..., rows)
    query = np.arange(words.shape[-2]) if queries is None else queries
    weight = np.take_along_axis(words, np.maximum(top, 0)[..., None], axis=-1)[..., 0]
    stands = (top >= 0) & (weight * n >= STANDS_OUT * (words.sum(axis=-1) + special))
    distance = np.abs(top - query)
    kind = np.where(distance == 0, "self", np.where(distance == 1, "neighbour", np.where(distance >= FAR, "far", "")))
    return np.where(stands & (kind != ""), kind, None).astype(object)


def varied_head(words: np.ndarray, special: np.ndarray) -> dict:
    """The varied rule over ``words (L, H, n, n)`` and ``special (L, H, n)``: the chosen head with what decided it
    (its pattern kinds, its different strongest words) and how many heads are sinks."""
    n_layers, n_heads, n, _ = words.shape
    is_sink = sinks(words)
    all_sinks = bool(is_sink.all())
    patterns = row_patterns(words, special)  # (L, H, n)
    tops = strongest_all(words)  # (L, H, n)
    best, best_key = (0, 0), None
    for layer in range(n_layers):
        for head in range(n_heads):
            kinds = set(patterns[layer, head]) - {None}
            distinct = len(set(tops[layer, head].tolist()) - {-1})
            if all_sinks:  # the least sink-like: its sink word leads the fewest rows
                first = -sink_of(words[layer, head])[1]
            else:
                first = 0 if is_sink[layer, head] else 1
            key = (first, len(kinds), distinct, float(words[layer, head].sum()))
            if best_key is None or key > best_key:
                best, best_key = (layer, head), key
    layer, head = best
    kinds = set(patterns[layer, head]) - {None}
    sink = sink_of(words[layer, head])
    return {
        "layer": layer,
        "head": head,
        "kinds": [k for k in PATTERN_KINDS if k in kinds],
        "distinct": len(set(tops[layer, head].tolist()) - {-1}),
        "rows": n,
        "sinks": int(is_sink.sum()),
        "all_sinks": all_sinks,
        "sink_rows": None if sink is None else sink[1],
    }


@dataclass(frozen=True)
class ExpectSurvey:
    """How every head reads the focus row against the expected words.

    ``agree`` heads have an expected word as their strongest candidate; ``layer``/``head`` is the head shown,
    ``key`` the expected word it is about, ``rank`` its rank there (1 when it agrees), ``ahead`` the candidates
    with a larger written weight, ``level`` the other candidates with the same written weight (a tie: never
    agreement); ``instead`` the words the other heads most often favour (several when they are
    favoured by as many heads) and in how many heads each (``instead_heads``), ``tied`` the heads with no single
    strongest word.
    """

    agree: int
    heads: int
    layer: int
    head: int
    key: int
    rank: int
    ahead: tuple[int, ...]
    level: tuple[int, ...]
    instead: tuple[int, ...]
    instead_heads: int
    tied: int


def expect_survey(words: np.ndarray, focus: int, keys: Sequence[int], expected: Sequence[int]) -> ExpectSurvey:
    """The expect rule (module docstring) over ``words (L, H, m, m)``: the focus row's ``keys`` (the words it can
    look at), ``expected`` among them."""
    n_layers, n_heads = words.shape[:2]
    agreeing: list[tuple[float, int, int, int]] = []
    ranked: list[tuple[int, float, int, int, int]] = []
    instead: Counter = Counter()
    tied = 0
    for layer in range(n_layers):
        for head in range(n_heads):
            row = words[layer, head, focus]
            top = strongest(row, keys)
            if top is not None and top in expected:
                agreeing.append((float(row[top]), -layer, -head, top))
                continue
            if top is None:
                tied += 1
            else:
                instead[top] += 1
            shown = dict(zip(keys, written([row[k] for k in keys]), strict=True))
            for k in expected:
                rank = 1 + sum(shown[j] > shown[k] for j in keys)
                ranked.append((-rank, float(row[k]), -layer, -head, k))
    if agreeing:
        w, layer, head, key = max(agreeing)
        rank = 1
    else:
        rank, w, layer, head, key = max(ranked)
        rank = -rank
    layer, head = -layer, -head
    shown = dict(zip(keys, written([words[layer, head, focus, k] for k in keys]), strict=True))
    ahead = tuple(sorted((j for j in keys if shown[j] > shown[key]), key=lambda j: -shown[j]))
    most = max(instead.values(), default=0)
    return ExpectSurvey(
        agree=len(agreeing),
        heads=n_layers * n_heads,
        layer=int(layer),
        head=int(head),
        key=int(key),
        rank=int(rank),
        ahead=ahead,
        level=tuple(j for j in keys if j != key and shown[j] == shown[key]),
        instead=tuple(sorted(int(k) for k, c in instead.items() if c == most)),
        instead_heads=int(most),
        tied=tied,
    )
