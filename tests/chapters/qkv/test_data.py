"""Chapter 4's data: X projected with one-decimal inputs; the library analogy in both languages."""

from __future__ import annotations

import numpy as np

from scenes.qkv.data import qkv_data


def test_qkv_data_projects_x_with_one_decimal_inputs():
    d = qkv_data()
    tr = d.trace
    assert tr.tokens == ("我", "爱", "吃", "苹果") and tr.X.shape == (4, 4) and tr.d_k == 3
    assert np.allclose(tr.X, np.round(tr.X, 1)) and np.allclose(tr.W_q, np.round(tr.W_q, 1))
    assert np.allclose(tr.Q, tr.X @ tr.W_q) and np.allclose(tr.V, tr.X @ tr.W_v)
    for lang, best in (("zh", "深度学习入门"), ("en", "Deep Learning Basics")):
        lib = d.library(lang)
        assert d.claim(f"lib_best:{lang}").words == (best,)
        assert np.allclose(lib.reading, lib.weights @ lib.contents)
