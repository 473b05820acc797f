"""The data bundles of chapters 4, 5 and 7: shapes, JSON, validation and the pattern reading of a matrix."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attention_core import ExplainerError, attention_matrix_data, formula_data, qkv_data
from attention_core.patterns import PATTERN_KINDS, TIE_TOLERANCE, pattern_examples, read_row, read_rows


def test_qkv_data_projects_x_with_one_decimal_inputs():
    d = qkv_data()
    tr = d.trace
    assert tr.tokens == ("我", "爱", "吃", "苹果") and tr.X.shape == (4, 4) and tr.d_k == 3
    assert np.allclose(tr.X, np.round(tr.X, 1)) and np.allclose(tr.W_q, np.round(tr.W_q, 1))
    assert np.allclose(tr.Q, tr.X @ tr.W_q) and np.allclose(tr.V, tr.X @ tr.W_v)
    for lang, best in (("zh", "深度学习入门"), ("en", "Deep Learning Basics")):
        lib = d.library(lang)
        assert lib.titles[lib.best] == best
        assert np.allclose(lib.reading, lib.weights @ lib.contents)


def test_formula_uses_the_same_trace_as_qkv():
    assert np.array_equal(formula_data().trace.Q, qkv_data().trace.Q)
    s = "The cat sat on the mat"
    assert np.array_equal(formula_data(s).trace.weights, qkv_data(s).trace.weights)


def test_scaling_figures_are_measured():
    d = formula_data()
    sd = d.scaling
    assert np.allclose(sd.std_dot, d.sqrt_d_ks, rtol=0.05)
    assert np.allclose(d.big_scaled_scores, sd.scores / 8.0)
    assert sd.weights_unscaled.max() > 0.99 > 0.8 > sd.weights_scaled.max()


@pytest.mark.parametrize("make", [qkv_data, formula_data, attention_matrix_data])
def test_json_round_trip(make):
    d = make()
    back = json.loads(d.to_json())
    assert back["trace"]["tokens"] == list(d.tokens)
    assert json.loads(json.dumps(d.to_dict(), ensure_ascii=False)) == back


@pytest.mark.parametrize("make", [qkv_data, formula_data, attention_matrix_data])
def test_sentence_length_is_checked_before_rendering(make):
    assert len(make("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六").tokens) == 16
    with pytest.raises(ExplainerError, match="17 tokens; this chapter needs 2 to 16"):
        make("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七")
    with pytest.raises(ExplainerError, match="1 token;"):
        make("猫")


def test_the_default_matrix_reads_like_the_article():
    d = attention_matrix_data()
    tokens = d.tokens
    stop = d.rows[tokens.index("停下")]
    assert tokens[stop.best[0]] == "小猫" and stop.best == (d.trace.strongest_key(tokens.index("停下")),)
    assert set(d.examples()) <= set(PATTERN_KINDS) and "far" in d.examples()


stochastic = st.integers(2, 16).flatmap(
    lambda n: st.lists(st.lists(st.floats(0.01, 10.0), min_size=n, max_size=n), min_size=n, max_size=n)
)


@settings(max_examples=60, deadline=None)
@given(stochastic)
def test_row_readings_agree_with_the_weights(rows):
    w = np.array(rows)
    w = w / w.sum(axis=1, keepdims=True)
    readings = read_rows(w)
    for i, r in enumerate(readings):
        assert int(np.argmax(w[i])) in r.best and r.weight == pytest.approx(w[i].max())
        assert all(w[i, j] >= r.weight - TIE_TOLERANCE for j in r.best)
        if r.kind in ("self", "neighbour", "near", "far"):
            assert len(r.best) == 1
            assert r.kind == {0: "self", 1: "neighbour", 2: "near"}.get(r.distance, "far")
        assert r == read_row(w, i)
    for kind, example in pattern_examples(readings).items():
        assert example.kind == kind  # a pattern is stated only where a row shows it
    assert set(pattern_examples(readings)) == {r.kind for r in readings} & set(PATTERN_KINDS)
