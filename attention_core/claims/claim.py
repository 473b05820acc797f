"""Claims: every fact a caption states, as a record made from the data, with the evidence it was read from.

A scene never writes "X attends most to Y" itself: it asks the chapter's data for the claim about that row and
the caption is made from the claim (``scenes.strings.claims``). ``trace --chapter ID --json`` lists the claims,
so a video can be audited without watching it. The readers here are the only place that decides what a row of
weights *says*; they look at the numbers as written on screen (:mod:`.display`), so a tie is a tie
of the written numbers and a sum is what adding the written numbers gives.

Kinds of row readings (:func:`read_row`): ``strongest`` (one key stands out), ``tie`` (several keys share the top
written weight), ``self`` (the query's own weight is the top, alone), ``even`` (every weight within
:data:`EVEN_BAND` of an even share of what the row gives the words; for a trained model the rest of the row goes
to its special tokens). Other kinds are listed in the README.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np

from attention_core.claims.display import WEIGHT_DECIMALS, fmt, fmt_magnitude, round_written, shown, sum_shown
from attention_core.claims.kinds import KINDS

__all__ = [
    "EVEN_BAND",
    "READING_KINDS",
    "Claim",
    "dot_product",
    "first_entry",
    "highlighted",
    "positive_claim",
    "read_row",
    "row_sum_claim",
    "scale_claim",
    "word_positions",
]

EVEN_BAND = 0.15  # a row is "almost even" when every weight lies within ±15 % of 1/m (m keys)
READING_KINDS = ("strongest", "tie", "self", "even")


@dataclass(frozen=True, eq=False)
class Claim:
    """One fact a caption states.

    ``topic`` says what it is about (``"focus_row"``, ``"row:3"``, ``"first_entry:Q"``); ``kind`` what it
    says; ``words`` the words it names, in order; ``values`` the numbers and choices it states (numbers as
    written on screen); ``evidence`` what it was derived from (raw weights, indices, decimals).
    """

    topic: str
    kind: str
    words: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown claim kind {self.kind!r}: add it to attention_core.claims.kinds.KINDS")

    def to_dict(self) -> dict:
        """Plain values for ``json.dumps``."""
        return {
            "topic": self.topic,
            "kind": self.kind,
            "words": list(self.words),
            "values": dict(self.values),
            "evidence": dict(self.evidence),
        }


def _floats(a) -> list:
    return np.asarray(a, dtype=float).tolist()


def word_positions(tokens: Sequence[str], indices: Sequence[int], base: int) -> list[int | None]:
    """For each index, its 1-based position in the sentence when its word occurs more than once among ``tokens``
    (a caption then says which one: "the" (word 7)), else None. ``base`` is the sentence position of tokens[0]."""
    folded = [t.casefold() for t in tokens]
    return [base + i + 1 if folded.count(folded[i]) > 1 else None for i in indices]


def read_row(
    topic: str,
    tokens: Sequence[str],
    row: np.ndarray,
    query: int | None,
    keys: Sequence[int],
    decimals: int = WEIGHT_DECIMALS,
    others: str = "other",
    base: int = 0,
    special: float = 0.0,
) -> Claim:
    """What row ``query`` of the weights says about the keys it can see (``keys``, the query itself included).

    ``others`` names the keys other than the query in captions: ``"other"`` or ``"earlier"`` (a causal reader).
    ``query`` is None when the one asking is not among the keys (a library query against book titles).
    ``base`` is the sentence position of ``tokens[0]`` when they are a window of a longer sentence: a word the
    window holds twice is named with its position in the whole sentence (``named_at``, ``query_at``). ``special``
    is what the row gives a trained model's special tokens (stated beside the reading when there is any).

    >>> toks = ("the", "dog", "saw", "the", "cat", "it")
    >>> read_row("r", toks, np.array([0.1, 0.4, 0.05, 0.0, 0.4, 0.05]), 5, range(6)).kind
    'tie'
    >>> c = read_row("r", ("Don't", "stop"), np.array([0.21, 0.79]), 1, (0, 1), others="earlier")
    >>> c.kind, c.words, c.values["w"], c.values["w_next"]
    ('self', ('stop', "Don't"), '0.79', '0.21')
    >>> v = read_row("r", ("a", "b", "c"), np.full(3, 1 / 3), 0, (0, 1, 2)).values
    >>> v["count"], v["low"], v["high"]
    (3, '0.33', '0.33')
    """
    keys = tuple(int(k) for k in keys)
    weights = {k: float(row[k]) for k in keys}
    written = {k: shown(weights[k], decimals) for k in keys}
    evidence = {"query": query, "keys": list(keys), "weights": [weights[k] for k in keys], "decimals": decimals}
    asker = () if query is None else (tokens[query],)
    written_special = fmt(special, decimals)
    common = {
        "query": query,
        "query_at": None if query is None else word_positions(tokens, [query], base)[0],
        "special": written_special if special and shown(special, decimals) else None,
    }

    def claim(kind: str, named: list[int], **values: Any) -> Claim:
        values.update(common, named_at=word_positions(tokens, named, base))
        return Claim(topic, kind, (*asker, *[tokens[k] for k in named]), values, evidence)

    m, total = len(keys), sum(weights.values())  # total < 1 when special tokens take a share (a trained model)
    if m >= 2 and total > 0 and all(abs(w * m / total - 1) <= EVEN_BAND for w in weights.values()):
        low, high = min(keys, key=weights.get), max(keys, key=weights.get)
        return claim("even", [], count=m, low=fmt(weights[low], decimals), high=fmt(weights[high], decimals))
    top = max(written.values())
    tied = [k for k in keys if written[k] == top]
    if len(tied) > 1:
        return claim("tie", tied, w=fmt(weights[tied[0]], decimals), keys=tied, self_included=query in tied)
    best = tied[0]
    if best == query:
        rest = [k for k in keys if k != query]
        top_rest = max((written[k] for k in rest), default=None)
        runners = [k for k in rest if written[k] == top_rest]
        w_next = fmt(weights[runners[0]], decimals) if runners else None
        return claim(
            "self",
            runners,
            w=fmt(weights[query], decimals),
            next=runners,
            w_next=w_next,
            others=others,
            n_others=len(rest),
        )
    offset = None if query is None else best - query
    return claim("strongest", [best], w=fmt(weights[best], decimals), key=best, offset=offset)


def highlighted(claim: Claim) -> tuple[int, ...]:
    """The keys a scene lights up for a row reading: the strongest, the tied, the runners-up of a self reading."""
    return {
        "strongest": lambda v: (v["key"],),
        "tie": lambda v: tuple(v["keys"]),
        "self": lambda v: tuple(v["next"]),
        "even": lambda v: (),
    }[claim.kind](claim.values)


def row_sum_claim(topic: str, rows: np.ndarray, decimals: int = WEIGHT_DECIMALS) -> Claim:
    """Rows of softmax weights sum to 1; what the written numbers of each row add up to (rounding shows).

    >>> c = row_sum_claim("s", np.array([[1 / 3, 1 / 3, 1 / 3], [0.5, 0.5, 0.0]]))
    >>> c.values
    {'sum': '1.00', 'shown_low': '0.99', 'shown_high': '1.00', 'rounded': True}
    """
    rows = np.atleast_2d(np.asarray(rows, dtype=float))
    sums = [sum_shown(r, decimals) for r in rows]
    exact = rows.sum(axis=1)
    values = {
        "sum": fmt(float(exact.mean()), decimals),
        "shown_low": fmt(float(min(sums)), decimals),
        "shown_high": fmt(float(max(sums)), decimals),
        "rounded": any(s != 1 for s in sums),
    }
    return Claim(topic, "row_sum", (), values, {"exact_sums": _floats(exact), "shown_sums": [str(s) for s in sums]})


def positive_claim(topic: str, weights: np.ndarray, decimals: int = WEIGHT_DECIMALS) -> Claim:
    """Every softmax weight is positive; if the smallest is written as 0.00, say what it really is.

    >>> positive_claim("p", np.array([[0.998, 0.002], [0.5, 0.5]])).values
    {'positive': True, 'min': '0.002', 'min_shown': '0.00', 'shows_zero': True}
    """
    w = np.asarray(weights, dtype=float)
    low = float(w.min())
    values = {
        "positive": bool(low > 0),
        "min": fmt_magnitude(low),
        "min_shown": fmt(low, decimals),
        "shows_zero": shown(low, decimals) == 0,
    }
    argmin = [int(i) for i in np.unravel_index(w.argmin(), w.shape)]
    return Claim(topic, "positive", (), values, {"min": low, "argmin": argmin})


def first_entry(
    topic: str,
    left: np.ndarray,
    right: np.ndarray,
    result: np.ndarray,
    left_dec: int,
    right_dec: int,
    max_terms: int = 4,
) -> Claim:
    """The spelled-out entry (0, 0) of ``left @ right`` (written with two decimals): row 0 of ``left`` dotted with
    column 0 of ``right``. Chapters 4, 5, 6 and multi-head spell it out."""
    return dot_product(
        topic, left[0], right[:, 0], left_dec, right_dec, float(result[0, 0]), WEIGHT_DECIMALS, max_terms
    )


def dot_product(
    topic: str,
    a: Sequence[float],
    b: Sequence[float],
    a_dec: int,
    b_dec: int,
    exact: float,
    out_dec: int,
    max_terms: int = 4,
) -> Claim:
    """A spelled-out dot product: its terms as written, and whether the written result follows from them.

    ``relation`` is ``"="`` when the written terms, multiplied and added, round (half up) to the written result;
    otherwise ``"≈"`` and ``from_shown`` holds what the written terms give. More than ``max_terms`` terms are
    written as the first two, "⋯" and the last (``elided``).

    >>> c = dot_product("o", [0.55, 0.09, 0.25, 0.11], [0.8, 0.48, 0.6, 0.48], 2, 2, 0.6849, 2)
    >>> c.values["expression"], c.values["from_shown"]
    ('0.55×0.80 + 0.09×0.48 + 0.25×0.60 + 0.11×0.48 ≈ 0.68', '0.6860')
    >>> dot_product("q", [1.0, 0.5], [2.0, 0.2], 1, 1, 2.1, 2).values["relation"]
    '='
    """
    a_w = [shown(x, a_dec) for x in a]
    b_w = [shown(y, b_dec) for y in b]
    total = sum((x * y for x, y in zip(a_w, b_w, strict=True)), Decimal(0))
    result = fmt(exact, out_dec)
    relation = "=" if round_written(total, out_dec) == result else "≈"
    terms = [f"{_paren(x, a_dec)}×{_paren(y, b_dec)}" for x, y in zip(a, b, strict=True)]
    elided = len(terms) > max_terms
    written = [*terms[:2], "⋯", terms[-1]] if elided else terms
    values = {
        "expression": f"{' + '.join(written)} {relation} {result}",
        "relation": relation,
        "result": result,
        "from_shown": fmt(float(total), a_dec + b_dec),
        "terms": len(terms),
        "elided": elided,
    }
    evidence = {
        "a": _floats(a),
        "b": _floats(b),
        "a_decimals": a_dec,
        "b_decimals": b_dec,
        "exact": float(exact),
        "decimals": out_dec,
    }
    return Claim(topic, "dot_product", (), values, evidence)


def _paren(value: float, decimals: int) -> str:
    s = fmt(value, decimals)
    return f"({s})" if s.startswith("−") else s


def scale_claim(
    topic: str, scores: np.ndarray, scaled: np.ndarray, d_k: int, decimals: int = WEIGHT_DECIMALS
) -> Claim:
    """Dividing by √d_k: the divisor as written (3 decimals) and in how many cells dividing the written score by
    it gives another written result than the cell shows (rounding of the scores).

    >>> c = scale_claim("s", np.array([[2.1, 0.49]]), np.array([[2.1, 0.49]]) / np.sqrt(2), 2)
    >>> c.values["divisor"], c.values["cells"], c.values["cells_off"]  # 2.10 / 1.414 = 1.485 but 2.1 / √2 = 1.4849
    ('1.414', 2, 1)
    """
    divisor = shown(float(np.sqrt(d_k)), 3)
    off = []
    for (i, j), s in np.ndenumerate(np.asarray(scores, dtype=float)):
        mine = round_written(shown(s, decimals) / divisor, decimals)
        if mine != fmt(float(scaled[i, j]), decimals):
            off.append([int(i), int(j)])
    exact = d_k**0.5 == int(d_k**0.5)
    values = {
        "d_k": int(d_k),
        "divisor": fmt(float(divisor), 0 if exact else 3),
        "exact_root": exact,
        "cells": int(np.size(scores)),
        "cells_off": len(off),
    }
    return Claim(topic, "scale", (), values, {"off_cells": off, "sqrt_d_k": float(np.sqrt(d_k))})
