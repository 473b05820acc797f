"""The arithmetic checks reject false arithmetic: a dot product's relation, result or elided terms; a row sum's
rounding note or bounds; the smallest weight shown."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from scenes import get_chapter
from tests.chapters.falsify import (
    changed,
)
from tests.oracle.arithmetic import check_dot, check_positive, check_row_sum
from tests.oracle.written import divided_half_up, hundredths, written


def test_dot_product_verifier_rejects_false_arithmetic():
    d = get_chapter("formula").data("the cat sat on the mat and then it ran away")
    tr = d.trace
    entry = d.claim("first_entry:output")
    args = (tr.weights[0], tr.V[:, 0], 2, 2, tr.output[0, 0], 4)
    assert entry.values["elided"] and not check_dot(entry, *args)
    flipped = "≈" if entry.values["relation"] == "=" else "="
    expression = entry.values["expression"].replace(f" {entry.values['relation']} ", f" {flipped} ")
    assert check_dot(changed(entry, relation=flipped, expression=expression), *args)
    assert check_dot(changed(entry, result="0.99"), *args)
    assert check_dot(changed(entry, expression=entry.values["expression"].replace("⋯ + ", "")), *args)
    scores = d.claim("first_entry:scores")
    assert not check_dot(scores, tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 4)
    assert check_dot(changed(scores, from_shown="1.2345"), tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 4)


def test_row_sum_verifier_rejects_false_sums():
    d = get_chapter("formula").data(" ".join("abcdefghijklm"))
    sums = d.claim("row_sums")
    assert sums.values["rounded"] and not check_row_sum(sums, d.trace.weights)
    assert check_row_sum(changed(sums, rounded=False), d.trace.weights)
    assert check_row_sum(changed(sums, shown_high="1.00"), d.trace.weights)
    positive = d.claim("positive")
    assert not check_positive(positive, d.trace.weights)
    assert check_positive(changed(positive, shows_zero=not positive.values["shows_zero"]), d.trace.weights)
    row = get_chapter("worked-example").data().claim("softmax:0")
    w = get_chapter("worked-example").data().trace.weights[0:1]
    assert not check_row_sum(row, w)
    assert check_row_sum(changed(row, shown_low="0.99", rounded=True), w)


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(
    st.integers(-(10**6), 10**6),
    st.one_of(st.integers(1, 20).map(str), st.integers(1, 20).map(lambda k: f"{math.sqrt(k):.3f}")),
)
def test_the_whole_number_division_rounds_as_exact_fractions(h, divisor):
    """check_scale's integer rounding is Decimal's ROUND_HALF_UP of the exact quotient (ties included)."""
    exact = Fraction(h, 100) / Fraction(Decimal(divisor))
    n = math.floor(abs(exact) * 100 + Fraction(1, 2))
    assert divided_half_up(h, divisor) == (-n if exact < 0 else n)
    assert hundredths(written(h / 100)) == h
