"""erf32 gives, for every float32, the float32 that ``math.erf`` rounds to (the encoder's GELU depends on it), and
the forward pass it serves is the one the model reference fixes (``test_models.py``)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from attention_core.models import erf
from attention_core.models.encoder import gelu


def stdlib(x: np.ndarray) -> np.ndarray:
    """float32 ``x`` through ``math.erf`` one value at a time, rounded to float32 (the encoder's old way)."""
    return np.array([math.erf(v) for v in x.astype(np.float64).ravel().tolist()]).astype(np.float32).reshape(x.shape)


def test_the_fit_is_far_closer_to_math_erf_than_the_slack_it_relies_on():
    """erf64 is within _SLACK / 20 (relative) of math.erf over [-7, 7] at every scale, tiny values included:
    without that, a value near a float32 halfway point could round the other way unseen."""
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(-2 * s, 2 * s, 20_000) for s in (1e-30, 1e-6, 1e-2, 0.3, 1, 2, 3.5)])
    edges = np.arange(0, 7.01, erf._WIDTH)  # every piece's ends and a hair either side
    x = np.concatenate([x, edges, np.nextafter(edges, 0), np.nextafter(edges, 9), -edges])
    ref = np.array([math.erf(v) for v in x.tolist()])
    rel = np.abs(erf.erf64(x) - ref) / np.maximum(np.abs(ref), np.finfo(float).tiny)
    assert rel.max() < erf._SLACK / 20, rel.max()


def test_every_float32_of_a_dense_window_rounds_as_math_erf():
    """Four million consecutive float32 values from 0.7 (without the slack, 3 of them round the other way)."""
    start = np.float32(0.7).view(np.int32)
    x = np.arange(start, start + 4_000_000, dtype=np.int32).view(np.float32)
    assert np.array_equal(erf.erf32(x), stdlib(x))


@pytest.mark.parametrize(
    "value",
    [0.0, -0.0, 1e-45, -1e-45, 1e-38, 5.999999, 6.0, 6.0000005, 1e30, -1e30, np.inf, -np.inf, np.nan],
)
def test_special_values_are_math_erfs(value):
    x = np.array([value], dtype=np.float32)
    got, want = erf.erf32(x), stdlib(x)
    assert np.array_equal(got, want, equal_nan=True) and np.signbit(got[0]) == np.signbit(want[0])


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    hnp.arrays(
        np.float32,
        hnp.array_shapes(min_dims=1, max_dims=3, max_side=40),
        elements=st.floats(-10, 10, width=32),
    )
)
def test_any_float32_array_is_math_erfs_in_its_shape(x):
    assert np.array_equal(erf.erf32(x), stdlib(x))


def test_gelu_keeps_float32_and_float64_as_they_were():
    x32 = np.random.default_rng(1).standard_normal((8, 1536)).astype(np.float32) * 3
    want = 0.5 * x32 * (1.0 + stdlib(x32 / math.sqrt(2.0)))
    assert gelu(x32).dtype == np.float32 and np.array_equal(gelu(x32), want)
    x64 = np.array([-1.0, 0.0, 1.0])
    assert np.array_equal(gelu(x64), 0.5 * x64 * (1.0 + np.array([math.erf(v / math.sqrt(2.0)) for v in x64])))
