"""Core numerics against a naive loop implementation, plus properties that must hold for any input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from attention_core import AttentionTrace, ExplainerError, attention_trace, embed_tokens, sentence_trace, softmax
from scenes import CHAPTERS


def naive_attention(x, w_q, w_k, w_v):
    """softmax(QKᵀ/√d_k)V with Python loops only: the reference the NumPy core must match."""
    n, d_model = len(x), len(x[0])
    d_k = len(w_q[0])

    def project(w):
        return [[sum(x[i][m] * w[m][j] for m in range(d_model)) for j in range(d_k)] for i in range(n)]

    q, k, v = project(w_q), project(w_k), project(w_v)
    scores = [[sum(q[i][c] * k[j][c] for c in range(d_k)) for j in range(n)] for i in range(n)]
    scaled = [[s / math.sqrt(d_k) for s in row] for row in scores]
    weights = []
    for row in scaled:
        top = max(row)
        e = [math.exp(s - top) for s in row]
        weights.append([val / sum(e) for val in e])
    out = [[sum(weights[i][j] * v[j][c] for j in range(n)) for c in range(d_k)] for i in range(n)]
    return {"Q": q, "K": k, "V": v, "scores": scores, "scaled_scores": scaled, "weights": weights, "output": out}


finite = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


@st.composite
def attention_inputs(draw):
    n = draw(st.integers(1, 6))
    d_model = draw(st.integers(1, 5))
    d_k = draw(st.integers(1, 5))
    x = draw(arrays(float, (n, d_model), elements=finite))
    ws = [draw(arrays(float, (d_model, d_k), elements=finite)) for _ in range(3)]
    return x, ws


@settings(max_examples=60, deadline=None)
@given(attention_inputs())
def test_matches_naive_loops(inputs):
    x, (w_q, w_k, w_v) = inputs
    tr = attention_trace(tuple(f"t{i}" for i in range(len(x))), x, w_q, w_k, w_v)
    ref = naive_attention(x.tolist(), w_q.tolist(), w_k.tolist(), w_v.tolist())
    for key, expected in ref.items():
        np.testing.assert_allclose(getattr(tr, key), np.array(expected), rtol=1e-9, atol=1e-9, err_msg=key)
    n, d_k = len(x), w_q.shape[1]
    assert tr.Q.shape == tr.K.shape == tr.V.shape == tr.output.shape == (n, d_k)
    assert tr.scores.shape == tr.weights.shape == (n, n)
    assert tr.d_k == d_k


@settings(max_examples=80, deadline=None)
@given(arrays(float, st.tuples(st.integers(1, 6), st.integers(1, 8)), elements=st.floats(-500, 500)), finite)
def test_softmax_rows_sum_to_one_and_ignore_a_constant_shift(scores, shift):
    w = softmax(scores)
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(softmax(scores + shift * 100), w, atol=1e-9)


def test_softmax_is_stable_for_huge_scores():
    w = softmax(np.array([[1e4, 0.0, -1e4]]))
    assert np.all(np.isfinite(w)) and w[0, 0] == pytest.approx(1.0)


def test_embeddings_are_per_word_and_deterministic():
    a = embed_tokens(("猫", "坐在", "垫子"), 4, seed=3)
    b = embed_tokens(("垫子", "狗", "猫"), 4, seed=3)
    np.testing.assert_array_equal(a[0], b[2])
    np.testing.assert_array_equal(a[2], b[0])
    assert not np.array_equal(a[0], embed_tokens(("猫",), 4, seed=4)[0])


def test_same_sentence_gives_the_same_trace():
    t1, t2 = sentence_trace("The cat sat on the mat."), sentence_trace("The cat sat on the mat.")
    assert t1.to_json() == t2.to_json()


def test_worked_example_preset_is_the_article_s():
    tr = CHAPTERS["worked-example"].whole_trace()
    assert tr.tokens == ("猫", "坐在", "垫子", "上")
    assert tr.X[0].tolist() == [1.0, 0.5]
    assert tr.d_k == 2 and tr.W_q.shape == (2, 2)
    for key in ("X", "W_q", "W_k", "W_v"):  # one decimal each: short numbers that can be checked by hand
        arr = getattr(tr, key)
        np.testing.assert_array_equal(arr, np.round(arr, 1))
    np.testing.assert_allclose(tr.Q, np.round(tr.Q, 2), atol=1e-12)  # hence Q has at most two decimals


def test_worked_example_takes_other_sentences_with_seeded_two_d_inputs():
    tr = CHAPTERS["worked-example"].whole_trace("The cat sat on the mat")
    assert tr.n == 6 and tr.X.shape == (6, 2)
    np.testing.assert_array_equal(tr.X, np.round(tr.X, 1))
    assert (
        CHAPTERS["worked-example"].whole_trace(" ".join(f"w{i}" for i in range(32))).n == 32
    )  # the full-sentence trace
    with pytest.raises(ExplainerError, match="the limit is 32"):
        CHAPTERS["worked-example"].whole_trace(" ".join(f"w{i}" for i in range(33)))


def test_trace_is_read_only_and_round_trips_through_json():
    tr = CHAPTERS["worked-example"].whole_trace()
    with pytest.raises(ValueError):
        tr.weights[0, 0] = 1.0
    back = AttentionTrace.from_json(tr.to_json())
    assert back.tokens == tr.tokens and back.d_k == tr.d_k
    for key in ("X", "W_q", "Q", "scores", "weights", "output"):
        np.testing.assert_array_equal(getattr(back, key), getattr(tr, key))
