"""Chapter 5's data: the ÷√d_k demonstration is measured."""

from __future__ import annotations

import numpy as np

from scenes.formula.data import formula_data


def test_scaling_figures_are_measured():
    d = formula_data()
    sd = d.scaling
    assert np.allclose(sd.std_dot, d.sqrt_d_ks, rtol=0.05)
    assert np.allclose(d.big_scaled_scores, sd.scores / 8.0)
    assert sd.weights_unscaled.max() > 0.99 > 0.8 > sd.weights_scaled.max()
