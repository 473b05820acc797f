"""Chapter data for 1-3: focus words, their strongest keys, validation, JSON, and the RNN measures."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attention_core import (
    AttentionTrace,
    ExplainerError,
    gradient_norms,
    intuition_trace,
    retention_curve,
    rnn_limits_demo,
    self_attention_trace,
)


def test_article_sentence_stops_at_tingxia_and_recalls_the_kitten():
    r = intuition_trace()
    assert (r.focus_word, r.auto_focus, r.trace.causal) == ("停下", False, True)
    assert r.tokens[r.strongest()] == "小猫"
    assert np.all(r.trace.weights[r.focus, r.focus + 1:] == 0)  # the reader has not seen the later words


def test_it_attends_most_to_the_kitten_seeing_every_word():
    r = self_attention_trace()
    assert (r.focus_word, r.tokens[r.strongest()], r.trace.causal) == ("它", "小猫", False)
    assert r.looked_at() == tuple(j for j in range(r.trace.n) if j != r.focus)


@pytest.mark.parametrize("make", [intuition_trace, self_attention_trace])
def test_new_sentence_chooses_its_focus_and_says_so(make):
    r = make("The dog chased the ball and then it stopped")
    assert (r.focus_word, r.auto_focus) == ("it", True)
    assert r.tokens[r.strongest()] == "dog"
    given_focus = make("The dog chased the ball and then it stopped", "ball")
    assert (given_focus.focus_word, given_focus.auto_focus) == ("ball", False)


def test_strongest_is_the_largest_weight_among_the_words_looked_at():
    r = intuition_trace("我昨天在公园里看见一只狗")
    keys = r.looked_at()
    assert keys == tuple(range(r.focus))
    assert r.weight(r.strongest()) == max(r.weight(k) for k in keys)


@pytest.mark.parametrize(
    "sentence, focus, message",
    [
        ("小猫在花园里追蝴蝶", "小狗", "is not in the sentence"),
        ("小猫在花园里追蝴蝶", "小猫", "first word"),
        (" ".join(f"w{i}" for i in range(17)), None, "at most 16"),
    ],
)
def test_bad_reading_input_is_one_clear_line(sentence, focus, message):
    for make in (intuition_trace, self_attention_trace):
        with pytest.raises(ExplainerError, match=message) as err:
            make(sentence, focus)
        assert "\n" not in str(err.value)


def test_reading_json_holds_the_trace_and_the_focus():
    r = intuition_trace()
    data = json.loads(r.to_json())
    assert (data["focus_word"], data["strongest_word"]) == ("停下", "小猫")
    back = AttentionTrace.from_dict(data["trace"])
    np.testing.assert_allclose(back.weights, r.trace.weights)


@pytest.mark.parametrize("scale", [0.5, 0.9, 0.99])
def test_retention_decays_monotonically_below_one(scale):
    curve = retention_curve(steps=120, scale=scale, n_seeds=3)
    assert curve.at(1) == 1.0
    assert np.all(np.diff(curve.retention) <= 0)


@settings(max_examples=15, deadline=None)
@given(st.floats(0.3, 0.95), st.integers(0, 50))
def test_gradients_vanish_below_one(scale, seed):
    norms = gradient_norms(steps=60, scales=(scale,), d_hidden=8, seed=seed).norms[0]
    assert norms[-1] < norms[29] < norms[9] and norms[-1] < 0.2


@settings(max_examples=15, deadline=None)
@given(st.floats(1.1, 1.6), st.integers(0, 50))
def test_gradients_explode_above_one(scale, seed):
    norms = gradient_norms(steps=60, scales=(scale,), d_hidden=8, seed=seed).norms[0]
    assert norms[-1] > norms[29] > norms[9] and norms[-1] > 10


def test_rnn_demo_measures_and_claim():
    demo = rnn_limits_demo()
    assert demo.tokens == ("我", "爱", "吃", "苹果") and demo.run.H.shape == (4, 3)
    assert demo.decay.steps[-1] >= 200
    assert demo.retention_at_claim() == pytest.approx(0.073, abs=0.005)  # ours, against the article's ~20%
    data = json.loads(demo.to_json())
    assert data["decay"]["measured"] == demo.retention_at_claim() and data["decay"]["article_claim"] == 0.2
    assert data["run"]["H"] == demo.run.H.tolist()


@pytest.mark.parametrize("sentence", ["我", "one two three four five six seven eight nine"])
def test_rnn_sentence_length_is_checked(sentence):
    with pytest.raises(ExplainerError, match="2 to 8 words"):
        rnn_limits_demo(sentence)
