"""The RNN kernel: retention decays below one; gradients through tanh stay under the linear bound."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import gradient_norms, retention_curve


@pytest.mark.parametrize("scale", [0.5, 0.9, 0.99])
def test_retention_decays_monotonically_below_one(scale):
    curve = retention_curve(steps=120, scale=scale, n_seeds=3)
    assert curve.at(1) == 1.0
    assert np.all(np.diff(curve.retention) <= 0)


def test_gradients_are_measured_through_tanh_and_stay_under_the_linear_bound():
    g = gradient_norms()
    assert np.all(g.norms <= g.bounds * (1 + 1e-9))
    assert g.norms[0, -1] < 1e-2 and g.norms[-1, -1] > 1e2  # 0.8 vanishes, 4.0 explodes
    assert g.norms[1, -1] < 1 < g.bounds[1, -1]  # 1.2: the linear bound explodes, the tanh RNN does not
