"""Intuition's oracle bites: the special share beside a reading, an even row relative to what the row gives the words,
self_share's values (and the matrix's chosen focus, checked by its oracle)."""

from __future__ import annotations

import dataclasses

from scenes import get_chapter
from tests.chapters import oracle
from tests.chapters.falsify import (
    changed,
    with_claim,
)
from tests.oracle.captions import caption_problems
from tests.oracle.readings import check_reading, expected_reading
from tests.oracle.written import written

INTUITION, MATRIX = oracle("intuition"), oracle("attention-matrix")


def test_model_reading_verifiers_reject_false_claims():
    """The special share beside a reading (more than any word, most of the row), "even" relative to what the row
    gives the words, self_share's special values and the matrix's chosen focus."""
    d = get_chapter("intuition").data()  # e5-small
    row = d.claim("focus_row")
    share = float(d.attention.special[d.focus])
    args = (d.tokens, d.attention.weights[d.focus], d.focus, d.keys())
    assert row.values["special"] == written(share) and not check_reading(row, *args, special=share)
    assert check_reading(changed(row, special=None), *args, special=share)
    assert check_reading(row, *args, special=0.0)
    assert caption_problems(changed(row, special=None), "in.best", d.tokens) == []
    # even: relative to the words' total (0.3 each of 0.9 is even; 0.2 of 0.8 is not)
    assert expected_reading([0.3, 0.3, 0.3], 0, range(3))["kind"] == "even"
    assert expected_reading([0.3, 0.3, 0.2], 0, range(3))["kind"] != "even"
    sentence = get_chapter("intuition").default_sentence
    share_claim = d.claim("self_share")
    assert share_claim.values["special"] and not share_claim.values["rounded"]
    ok = INTUITION.check_reading_chapter(d, sentence, "停下", d.sentence_tokens, "e5-small")
    assert not ok, ok
    for bad in (
        changed(share_claim, rounded=True),
        changed(share_claim, special=None),
        changed(share_claim, words_total="1.00"),
        changed(share_claim, special_names="<s> </s>"),  # the bare "▁" before the Chinese text is outside too
    ):
        assert INTUITION.check_reading_chapter(with_claim(d, bad), sentence, "停下", d.sentence_tokens, "e5-small"), (
            bad.values
        )
    m = get_chapter("attention-matrix").data("the cat saw a dog and then it ran", None, None, None, ("dog",))
    auto = m.claim("auto_focus")
    st_ = m.sentence_tokens
    assert auto.values["rule"] == "pronoun" and not MATRIX.check_matrix_focus(m, st_, None, "e5-small", ("dog",))
    for bad in (
        changed(auto, position=auto.values["position"] + 1),
        changed(auto, rule="content"),
        changed(auto, marks="punctuation"),
        dataclasses.replace(auto, words=("ran",)),
    ):
        assert MATRIX.check_matrix_focus(with_claim(m, bad), st_, None, "e5-small", ("dog",)), bad
    assert MATRIX.check_matrix_focus(m, st_, None, "e5-small")  # without an expectation the matrix has no focus
