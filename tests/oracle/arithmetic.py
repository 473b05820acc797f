"""Arithmetic a chapter spells out, re-done from the numbers as written: row sums (exact ``Decimal`` sums of the
written weights), positive weights and the smallest as written, one entry of a matrix product written term by term,
and the scaled scores divided by √d_k and rounded half up."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from attention_core import Claim
from tests.oracle.written import (
    MINUS,
    D,
    close_to,
    divided_half_up,
    fmt_dec,
    half_up,
    hundredths,
    parse_magnitude,
    written,
)


def check_row_sum(claim: Claim, weights: np.ndarray) -> list[str]:
    """``row_sum`` (or the sum half of ``softmax_row``) of the rows of ``weights``."""
    sums = [sum((D(written(w)) for w in row), Decimal(0)) for row in np.atleast_2d(weights)]
    v, p = claim.values, []
    want = {
        "sum": "1.00",
        "shown_low": fmt_dec(min(sums), 2),
        "shown_high": fmt_dec(max(sums), 2),
        "rounded": any(s != 1 for s in sums),
    }
    for k, w in want.items():
        if v.get(k) != w:
            p.append(f"{claim.topic}: {k} {v.get(k)} != {w}")
    return p


def check_positive(claim: Claim, weights: np.ndarray) -> list[str]:
    w = np.asarray(weights, dtype=float)
    v, p = claim.values, []
    low = float(w.min())
    want = {"positive": bool((w > 0).all()), "min_shown": written(low), "shows_zero": written(low) == "0.00"}
    for k, x in want.items():
        if v.get(k) != x:
            p.append(f"{claim.topic}: {k} {v.get(k)} != {x}")
    if "min" in v:
        if not close_to(v["min"], low):
            p.append(f"{claim.topic}: min {v['min']} is not the minimum {low!r} as written")
        if want["positive"] and parse_magnitude(v["min"])[0] <= 0:
            p.append(f"{claim.topic}: min {v['min']} hides a positive minimum {low!r}")
    return p


def term(a: str, b: str) -> str:
    wrap = lambda s: f"({s})" if s.startswith(MINUS) else s  # noqa: E731
    return f"{wrap(a)}×{wrap(b)}"


def check_dot(claim: Claim, a, b, a_dec: int, b_dec: int, true: float, max_terms: int) -> list[str]:
    """Entry (0,0) spelled out: ``a`` (row of the left factor) · ``b`` (column of the right), written."""
    A = [written(x, a_dec) for x in a]
    B = [written(x, b_dec) for x in b]
    exact = sum((D(x) * D(y) for x, y in zip(A, B, strict=True)), Decimal(0))
    result = written(true, 2)
    relation = "=" if half_up(exact, 2) == D(result) else "≈"
    terms = [term(x, y) for x, y in zip(A, B, strict=True)]
    if len(terms) > max_terms:
        terms = [terms[0], terms[1], "⋯", terms[-1]]
    want = {
        "result": result,
        "relation": relation,
        "from_shown": fmt_dec(exact, a_dec + b_dec),
        "expression": " + ".join(terms) + f" {relation} {result}",
        "terms": len(A),
        "elided": len(A) > max_terms,
    }
    v = claim.values
    return [f"{claim.topic}: {k} {v.get(k)!r} != {w!r}" for k, w in want.items() if v.get(k) != w]


def check_scale(claim: Claim, scores: np.ndarray, scaled: np.ndarray, d_k: int) -> list[str]:
    root = math.isqrt(d_k)
    exact_root = root * root == d_k
    divisor = str(root) if exact_root else f"{math.sqrt(d_k):.3f}"
    off = sum(
        divided_half_up(hundredths(written(s)), divisor) != hundredths(written(t))
        for s, t in zip(np.ravel(scores), np.ravel(scaled), strict=True)
    )
    want = {
        "d_k": d_k,
        "divisor": divisor,
        "exact_root": exact_root,
        "cells": int(np.size(scores)),
        "cells_off": int(off),
    }
    v = claim.values
    return [f"{claim.topic}: {k} {v.get(k)!r} != {w!r}" for k, w in want.items() if v.get(k) != w]
