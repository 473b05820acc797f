"""Chapter 8's multi-head attention against an independent implementation with Python loops and ``math``.

The reference below slices the columns of Q = X·W_Q, K = X·W_K, V = X·W_V per head by index arithmetic, runs
softmax(Q_h K_hᵀ / √d_head) V_h with and without the causal mask, puts the heads' outputs side by side and
multiplies by W_O, on plain lists: it uses nothing from the project (the tests call ``multi_head_trace`` and,
for the chapter's own data, ``scenes.get_chapter``).

Tolerance: 1e-12 relative to the size of what an entry is computed from. Alongside every value the reference
carries ``mag``, the sum of the absolute values of the terms that made it (for a weight: the largest score of its
row, since a softmax weight moves by about ``w · δscore``), and two numbers agree when they differ by at most
``1e-12 · (1 + mag)``. Float rounding of either side is ~1e-16 · mag, so this leaves three orders of magnitude of
room for summation order and FMA, and none for a wrong column, a missing mask, a wrong scale or a wrong head.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from attention_core.kernel.multi_head import multi_head_trace
from scenes import get_chapter

TOL = 1e-12
HEADS_FOR = {2: (1, 2), 4: (1, 2, 4), 6: (1, 2), 8: (1, 2, 4)}  # h of {1, 2, 4} dividing d_model


# -- the reference -------------------------------------------------------------------------------------------
def matmul(a, b, mag_a=None, mag_b=None):
    """``a @ b`` with loops, and each entry's magnitude: the sum of |terms|, where a factor's own magnitude
    (an error scale carried from before) replaces its absolute value when given."""
    rows, inner, cols = len(a), len(b), len(b[0]) if b else 0
    mag_a = mag_a or [[abs(x) for x in row] for row in a]
    mag_b = mag_b or [[abs(x) for x in row] for row in b]
    out = [[math.fsum(a[i][m] * b[m][j] for m in range(inner)) for j in range(cols)] for i in range(rows)]
    mag = [[math.fsum(mag_a[i][m] * mag_b[m][j] for m in range(inner)) for j in range(cols)] for i in range(rows)]
    return out, mag


def columns(a, first: int, stop: int):
    return [[row[c] for c in range(first, stop)] for row in a]


def transpose(a):
    return [list(col) for col in zip(*a, strict=True)] if a else []


def one_head(q, k, v, mq, mk, mv, causal: bool) -> dict:
    """softmax(q kᵀ / √d) v for one head, every step kept, with magnitudes."""
    n, d = len(q), len(q[0])
    scores, m_scores = matmul(q, transpose(k), mq, transpose(mk))
    root = math.sqrt(d)
    scaled = [[s / root for s in row] for row in scores]
    m_scaled = [[s / root for s in row] for row in m_scores]
    weights, m_weights = [], []
    for i in range(n):
        seen = range(i + 1) if causal else range(n)
        if causal:
            scaled[i] = [scaled[i][j] if j <= i else -math.inf for j in range(n)]
        top = max(scaled[i][j] for j in seen)
        e = [math.exp(scaled[i][j] - top) if j in seen else 0.0 for j in range(n)]
        total = math.fsum(e)
        weights.append([x / total for x in e])
        m_weights.append([1 + max(m_scaled[i][j] for j in seen)] * n)  # the row's error scale
    # magnitude of an output: Σ_j (1 + row scale) · mag(v_j), which bounds both Σ_j |w_ij v_jc| (w ≤ 1) and the
    # weights' error scale times |v|
    out, m_out = matmul(weights, v, m_weights, mv)
    return {
        "Q": (q, mq),
        "K": (k, mk),
        "V": (v, mv),
        "scores": (scores, m_scores),
        "scaled_scores": (scaled, m_scaled),
        "weights": (weights, m_weights),
        "output": (out, m_out),
    }


def reference(x, w_q, w_k, w_v, w_o, h: int) -> dict:
    """Multi-head attention of lists ``x`` (n × d_model) with ``h`` heads, by loops."""
    d_model = len(x[0])
    d_head = d_model // h
    proj = {name: matmul(x, w) for name, w in (("Q", w_q), ("K", w_k), ("V", w_v))}
    heads, masked = [], []
    for head in range(h):
        first, stop = head * d_head, (head + 1) * d_head
        qkv = [columns(proj[name][0], first, stop) for name in "QKV"]
        mags = [columns(proj[name][1], first, stop) for name in "QKV"]
        heads.append(one_head(*qkv, *mags, causal=False))
        masked.append(one_head(*qkv, *mags, causal=True))
    concat = [[x for hd in heads for x in hd["output"][0][i]] for i in range(len(x))]
    m_concat = [[x for hd in heads for x in hd["output"][1][i]] for i in range(len(x))]
    output = matmul(concat, w_o, m_concat, None)
    return {"proj": proj, "heads": heads, "masked": masked, "concat": (concat, m_concat), "output": output}


def agree(name: str, got, want_mag) -> None:
    """Every entry of ``got`` (an array) within ``TOL · (1 + mag)`` of the reference; -inf where it has -inf."""
    want, mag = want_mag
    got = np.asarray(got, dtype=float)
    assert got.shape == (len(want), len(want[0]) if want else 0), f"{name}: shape {got.shape}"
    for i, row in enumerate(want):
        for j, w in enumerate(row):
            g = float(got[i, j])
            if math.isinf(w):
                assert g == w, f"{name}[{i},{j}] = {g!r}, expected {w}"
                continue
            assert abs(g - w) <= TOL * (1 + mag[i][j]), f"{name}[{i},{j}] = {g!r}, expected {w!r} (mag {mag[i][j]})"


# -- the property ---------------------------------------------------------------------------------------------
finite = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


@st.composite
def multi_head_inputs(draw):
    n = draw(st.integers(1, 8))
    d_model = draw(st.sampled_from(sorted(HEADS_FOR)))
    h = draw(st.sampled_from(HEADS_FOR[d_model]))
    x = draw(arrays(float, (n, d_model), elements=finite))
    ws = [draw(arrays(float, (d_model, d_model), elements=finite)) for _ in range(4)]
    return x, ws, h


SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(multi_head_inputs())
def test_multi_head_trace_matches_loops(inputs):
    x, (w_q, w_k, w_v, w_o), h = inputs
    n, d_model = x.shape
    d_head = d_model // h
    tr = multi_head_trace(tuple(f"t{i}" for i in range(n)), x, w_q, w_k, w_v, w_o, h)
    ref = reference(x.tolist(), w_q.tolist(), w_k.tolist(), w_v.tolist(), w_o.tolist(), h)
    assert (tr.n, tr.h, tr.d_head) == (n, h, d_head)
    assert len(tr.heads) == len(tr.masked) == h
    for name in "QKV":  # the properties: every head's projections side by side
        agree(name, getattr(tr, name), ref["proj"][name])
    for kind in ("heads", "masked"):
        for k in range(h):
            t, want = getattr(tr, kind)[k], ref[kind][k]
            assert t.d_k == d_head and t.causal == (kind == "masked")
            for key in ("Q", "K", "V", "scores", "scaled_scores", "weights", "output"):
                agree(f"{kind}[{k}].{key}", getattr(t, key), want[key])
    agree("concat", tr.concat, ref["concat"])
    agree("output", tr.output, ref["output"])
    for k in range(h):  # the concat holds each head's output exactly, in its columns
        assert np.array_equal(tr.concat[:, k * d_head : (k + 1) * d_head], tr.heads[k].output)
        assert tr.cols(k) == slice(k * d_head, (k + 1) * d_head)
    for kind in ("heads", "masked"):
        for k, t in enumerate(getattr(tr, kind)):
            for i in range(n):
                total = math.fsum(float(w) for w in t.weights[i])
                assert abs(total - 1) <= 1e-12, f"{kind}[{k}] row {i} sums to {total!r}"
    for k, m in enumerate(tr.masked):
        assert m.weights[0].tolist() == [1.0] + [0.0] * (n - 1), f"masked[{k}] row 0: {m.weights[0].tolist()}"
        for i in range(n):
            for j in range(n):
                if j > i:  # masked: −∞ before softmax, exactly 0 after
                    assert m.scaled_scores[i, j] == -math.inf and m.weights[i, j] == 0.0, (k, i, j)
                else:  # seen: the unmasked head's scaled score, and a weight ≥ 0 (a tiny one may underflow to 0)
                    assert m.scaled_scores[i, j] == tr.heads[k].scaled_scores[i, j], (k, i, j)
                    assert m.weights[i, j] >= 0.0
            assert np.array_equal(m.scores[i], tr.heads[k].scores[i])  # the mask acts after the scores


# -- fixed cases ------------------------------------------------------------------------------------------------
def test_heads_take_their_own_columns():
    """Head k sees only columns k·d_head … (k+1)·d_head − 1: a W whose other columns change leaves head k alone."""
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal((3, 4)), [rng.standard_normal((4, 4)) for _ in range(4)]
    a = multi_head_trace(("a", "b", "c"), x, *w, 2)
    changed = [m.copy() for m in w[:3]]
    for m in changed:
        m[:, 2:] += 1.0  # head 2's columns only
    b = multi_head_trace(("a", "b", "c"), x, *changed, w[3], 2)
    assert np.array_equal(a.heads[0].weights, b.heads[0].weights)
    assert not np.allclose(a.heads[1].weights, b.heads[1].weights)


def test_heads_must_divide_d_model():
    with pytest.raises(ValueError, match="not a multiple"):
        multi_head_trace(("a", "b"), np.ones((2, 6)), *[np.eye(6)] * 4, 4)


def test_chapter_default_is_two_heads_of_two_on_chapter_4_s_x():
    d = get_chapter("multi-head").data()
    tr = d.trace
    assert (tr.X.shape[1], tr.h, tr.d_head) == (4, 2, 2)
    assert tr.tokens == ("我", "爱", "吃", "苹果")
    np.testing.assert_array_equal(tr.X, get_chapter("qkv").data("我爱吃苹果").trace.X)
    ref = reference(tr.X.tolist(), tr.W_q.tolist(), tr.W_k.tolist(), tr.W_v.tolist(), tr.W_o.tolist(), tr.h)
    agree("output", tr.output, ref["output"])
    for k in range(tr.h):
        agree(f"masked[{k}].weights", tr.masked[k].weights, ref["masked"][k]["weights"])


@pytest.mark.parametrize("sentence", ["The cat sat on the mat", "小猫 狗 它 跑 了 花园里 蝴蝶"])
def test_chapter_x_is_chapter_4_s_x_for_other_sentences(sentence):
    d = get_chapter("multi-head").data(sentence)
    qkv = get_chapter("qkv").data(sentence).trace
    start, stop = d.window.start, d.window.stop
    np.testing.assert_array_equal(d.trace.X, qkv.X[start:stop])  # the same seeded word embeddings, per word
