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

from attention_core.models.head_rules import SINK_SHARE, strongest_all

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


def _tests(words: np.ndarray, special: np.ndarray, focus: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """For every group but ``other``: ``(passes (L, H) bool, score (L, H))``, how clearly each head shows it."""
    n = words.shape[-1]
    tops = strongest_all(words)  # (L, H, n): each row's strongest word, -1 on a written tie
    rows = np.arange(n)
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    before = (tops[..., 1:] == rows[:-1]).sum(axis=-1)
    out["previous"] = (before >= ROW_SHARE * (n - 1), words[..., rows[1:], rows[:-1]].mean(axis=-1))
    after = (tops[..., :-1] == rows[1:]).sum(axis=-1)
    out["next"] = (after >= ROW_SHARE * (n - 1), words[..., rows[:-1], rows[1:]].mean(axis=-1))
    own = (tops == rows).sum(axis=-1)
    out["self"] = (own >= ROW_SHARE * n, words[..., rows, rows].mean(axis=-1))
    led = np.stack([((tops == j) & (rows != j)).sum(axis=-1) for j in range(n)], axis=-1)  # (L, H, n)
    word = led.argmax(axis=-1)
    column = np.take_along_axis(words.mean(axis=-2), word[..., None], axis=-1)[..., 0]
    out["sink"] = (led.max(axis=-1) >= ROW_SHARE * (n - 1), column)
    out["special"] = (special.mean(axis=-1) >= SPECIAL_AT_LEAST, special.mean(axis=-1))
    share = words / np.maximum(1.0 - special, 1e-12)[..., None]
    top_share = share.max(axis=(-2, -1))
    out["broad"] = (top_share <= 2.0 / n, -top_share)
    others = [j for j in range(n) if j != focus]
    k = strongest_all(words[..., focus, :], others)  # (L, H)
    link = np.take_along_axis(words[..., focus, :], np.maximum(k, 0)[..., None], axis=-1)[..., 0]
    out["focus"] = ((k >= 0) & (np.abs(k - focus) >= 2) & (link * n >= 2.0), link)
    return out


def head_groups(words: np.ndarray, special: np.ndarray, focus: int) -> Grouping:
    """Every head of ``words (L, H, n, n)`` with ``special (L, H, n)`` in its group (module docstring)."""
    tests = _tests(words, special, focus)
    group = np.full(words.shape[:2], GROUPS.index("other"))
    free = np.ones(words.shape[:2], dtype=bool)
    best: dict = {}
    for k, name in enumerate(GROUPS[:-1]):
        passes, score = tests[name]
        members = passes & free
        group[members] = k
        free &= ~members
        if members.any():
            flat = np.where(members, score, -np.inf)
            layer, head = np.unravel_index(int(np.argmax(flat)), flat.shape)  # the first on a tie
            best[name] = (int(layer), int(head), float(flat[layer, head]))
    return Grouping(group, best)


def group_claims(grouping: Grouping, n: int, tokens: tuple[str, ...], focus: int, base: int = 0) -> list:
    """The ``groups`` claim (every group's count, the thresholds) and one ``group:<name>`` claim per group with a
    head in it (its count and exemplar; ``other`` has none)."""
    from attention_core.claims.claim import Claim, word_positions
    from attention_core.claims.display import WEIGHT_DECIMALS, fmt

    layers, heads = grouping.group.shape
    counts = {name: grouping.count(name) for name in GROUPS}
    thresholds = {
        "row_share": "2/3",
        "special": fmt(SPECIAL_AT_LEAST, WEIGHT_DECIMALS),
        "even_top": fmt(2.0 / n, WEIGHT_DECIMALS),
    }
    thresholds["word_at"] = word_positions(tokens, [focus], base)  # the focus word, with its position if repeated
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
