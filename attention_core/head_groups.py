"""All of a model's heads together, for one sentence: each head put in one group by what it does, the mean of each
layer's heads, and attention rollout through the layers.

Groups (:func:`head_groups`), tested in this order, a head joining the first group whose test it passes; "strongest"
compares weights as written (:func:`attention_core.head_rules.strongest`), a row's own word included:

1. ``previous``: the word just before is the strongest of at least :data:`ROW_SHARE` of the rows that have one;
2. ``next``: the word just after is the strongest of at least :data:`ROW_SHARE` of the rows that have one;
3. ``self``: a row's own word is its strongest in at least :data:`ROW_SHARE` of the rows;
4. ``sink``: one word is the strongest of at least :data:`ROW_SHARE` of the other rows
   (:func:`attention_core.head_rules.sink_of`);
5. ``special``: on average its rows give at least :data:`SPECIAL_AT_LEAST` to the special tokens (and the pieces
   that cover no character), and it shows none of the patterns above among the words;
6. ``broad``: in every row no word gets more than twice an even share (2/n) of what the row gives the words;
7. ``focus``: the focus word's strongest other word is not next to it and gets at least 2/n of its row;
8. ``other``: the rest.

The patterns among the words come first: a head that sends most of its weight to the special tokens but still
favours the word before in most rows is a previous-word head.

Needs three words or more (with two, every word is the other's neighbour). Each group's exemplar is the head that
shows it most clearly (the largest mean weight on the group's target: special tokens, the word before, after,
itself, the sink word, the focus link; for ``broad`` the most even rows); ``other`` has none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from attention_core.head_rules import SINK_SHARE, sink_of, strongest

__all__ = ["GROUPS", "ROW_SHARE", "SPECIAL_AT_LEAST", "Grouping", "head_groups"]

GROUPS = ("previous", "next", "self", "sink", "special", "broad", "focus", "other")
ROW_SHARE = SINK_SHARE  # two thirds of the rows
SPECIAL_AT_LEAST = 0.5


@dataclass(frozen=True)
class Grouping:
    """``group (L, H)``: index into :data:`GROUPS` of every head; ``exemplars``: group -> (layer, head, score)."""

    group: np.ndarray
    exemplars: dict

    def count(self, name: str) -> int:
        """How many heads are in group ``name``."""
        return int((self.group == GROUPS.index(name)).sum())


def _led(w: np.ndarray, target) -> tuple[int, int]:
    """(rows whose strongest word is ``target(i)``, rows that have a target)."""
    n = w.shape[0]
    rows = [i for i in range(n) if target(i) is not None]
    return sum(strongest(w[i], range(n)) == target(i) for i in rows), len(rows)


def _test(name: str, w: np.ndarray, s: np.ndarray, focus: int) -> float | None:
    """How clearly head ``w (n, n)`` (special ``s (n,)``) shows group ``name``; None when it does not."""
    n = w.shape[0]
    if name == "special":
        return float(s.mean()) if s.mean() >= SPECIAL_AT_LEAST else None
    targets = {
        "previous": lambda i: i - 1 if i > 0 else None,
        "next": lambda i: i + 1 if i < n - 1 else None,
        "self": lambda i: i,
    }
    if name in targets:
        led, rows = _led(w, targets[name])
        if led < ROW_SHARE * rows:
            return None
        return float(np.mean([w[i, targets[name](i)] for i in range(n) if targets[name](i) is not None]))
    if name == "sink":
        sink = sink_of(w)
        return None if sink is None else float(w[:, sink[0]].mean())
    if name == "broad":
        share = w / np.maximum(1.0 - s, 1e-12)[:, None]
        return None if share.max() > 2.0 / n else -float(share.max())
    if name == "focus":
        k = strongest(w[focus], [j for j in range(n) if j != focus])
        if k is None or abs(k - focus) < 2 or w[focus, k] * n < 2.0:
            return None
        return float(w[focus, k])
    return 0.0


def head_groups(words: np.ndarray, special: np.ndarray, focus: int) -> Grouping:
    """Every head of ``words (L, H, n, n)`` with ``special (L, H, n)`` in its group (module docstring)."""
    layers, heads, n, _ = words.shape
    group = np.full((layers, heads), GROUPS.index("other"))
    best: dict = {}
    for layer in range(layers):
        for head in range(heads):
            for k, name in enumerate(GROUPS[:-1]):
                score = _test(name, words[layer, head], special[layer, head], focus)
                if score is not None:
                    group[layer, head] = k
                    if name not in best or score > best[name][2]:
                        best[name] = (layer, head, score)
                    break
    return Grouping(group, best)


def group_claims(grouping: Grouping, n: int, tokens: tuple[str, ...], focus: int) -> list:
    """The ``groups`` claim (every group's count, the thresholds) and one ``group:<name>`` claim per group with a
    head in it (its count and exemplar; ``other`` has none)."""
    from attention_core.claims import Claim
    from attention_core.display import WEIGHT_DECIMALS, fmt

    layers, heads = grouping.group.shape
    counts = {name: grouping.count(name) for name in GROUPS}
    thresholds = {
        "row_share": "2/3",
        "special": fmt(SPECIAL_AT_LEAST, WEIGHT_DECIMALS),
        "even_top": fmt(2.0 / n, WEIGHT_DECIMALS),
    }
    values = {"counts": counts, "total": layers * heads, "n": n, **thresholds}
    evidence = {"group": grouping.group.tolist(), "groups": list(GROUPS)}
    out = [Claim("groups", "head_groups", (tokens[focus],), values, evidence)]
    for name in GROUPS[:-1]:
        if name in grouping.exemplars:
            layer, head, score = grouping.exemplars[name]
            v = {"group": name, "count": counts[name], "total": layers * heads, "layer": layer + 1, "head": head + 1}
            v.update(thresholds)
            ev = {"layer_index": layer, "head_index": head, "score": score}
            out.append(Claim(f"group:{name}", "head_group", (tokens[focus],), v, ev))
    return out
