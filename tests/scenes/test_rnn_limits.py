"""rnn-limits: hidden states, the retention curve and the gradient curves on screen are the computed ones."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core.rnn_limits import RETENTION_STEP
from scenes import get_chapter
from scenes.components.matrix import MatrixGrid
from scenes.components.plot import scientific
from scenes.components.text import fmt
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, texts

CHAPTER = get_chapter("rnn-limits")
CASES = [(None, "zh", (16, 9)), ("the cat sat on the warm mat today", "en", (9, 16))]


@pytest.fixture(scope="module", params=CASES, ids=["default", "new-en-9x16"])
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = request.param
    return build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("s"), aspect)


def test_hidden_states_on_screen_are_the_rnn_run(rendered):
    demo, _, shown = rendered
    grids = {g.key: g for g in family(shown) if isinstance(g, MatrixGrid)}
    assert set(grids) == {f"H[{t}]" for t in range(len(demo.tokens))}
    for t, h in enumerate(demo.run.H):
        assert [c.text for c in grids[f"H[{t}]"].cells] == [fmt(float(v), 2) for v in h]


def test_step_counter_reaches_n(rendered):
    demo, scene, shown = rendered
    n = len(demo.tokens)
    assert scene.t("rnn.counter", t=n, n=n).replace(" ", "") in texts(shown)  # Text.text drops spaces
    assert set(demo.tokens) <= set(texts(shown))


def test_retention_curve_plots_the_measured_points(rendered):
    demo, scene, _ = rendered
    curve, decay = scene.decay_curve, demo.decay
    np.testing.assert_array_equal(curve.xs, decay.steps)
    np.testing.assert_array_equal(curve.values, decay.retention)
    xs, ys = scene.decay_plot.read_back(curve)
    np.testing.assert_allclose(xs, decay.steps, atol=1e-6)
    np.testing.assert_allclose(ys, decay.retention, atol=1e-6)


def test_gradient_curves_plot_the_norms_on_a_log_axis(rendered):
    demo, scene, _ = rendered
    g = demo.gradients
    assert scene.grad_plot.log and len(scene.grad_curves) == len(g.scales)
    for curve, norms in zip(scene.grad_curves, g.norms, strict=True):
        xs, ys = scene.grad_plot.read_back(curve)
        np.testing.assert_allclose(xs, g.steps, atol=1e-6)
        np.testing.assert_allclose(np.log10(ys), np.log10(norms), atol=1e-6)


def test_measured_value_is_shown_beside_the_articles_claim(rendered):
    demo, scene, _ = rendered
    ours = f"{fmt(100 * demo.decay.at(RETENTION_STEP), 1)}%"
    line = next(t for _, t in scene.caption.log if ours in t)
    assert str(RETENTION_STEP) in line and "20%" in line


def test_every_decimal_on_screen_comes_from_the_data(rendered):
    demo, _, shown = rendered
    g = demo.gradients
    allowed = formatted(demo.run.H.ravel(), (2,)) | {fmt(100 * demo.decay.at(RETENTION_STEP), 1)}
    allowed |= {scientific(float(v)).split("×")[0] for v in g.norms[:, -1]} | formatted(g.scales, (1,))
    stray = decimals_on_screen(shown) - allowed
    assert not stray, f"numbers on screen that the data do not hold: {sorted(stray)}"
