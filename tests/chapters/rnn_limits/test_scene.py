"""rnn-limits: hidden states, the retention curve and the gradient curves on screen are the computed ones."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import get_chapter
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.text import fmt
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, stated_numbers, texts

CHAPTER = get_chapter("rnn-limits")
CASES = [
    (None, "zh", (16, 9)),
    ("the cat sat on the warm mat today", "en", (9, 16)),
    (" ".join(f"w{i}" for i in range(20)), "en", (16, 9)),
]


@pytest.fixture(scope="module", params=CASES, ids=["default", "new-en-9x16", "fast-forward"])
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = request.param
    drawn = request.param is CASES[0]  # one build draws its frames (a drawing error fails it); the others need none
    return build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("s"), aspect, draw=drawn)


def test_hidden_states_on_screen_are_the_rnn_run(rendered):
    demo, _, shown = rendered
    grids = {g.key: g for g in family(shown) if isinstance(g, MatrixGrid)}
    assert set(grids) == {f"H[{t}]" for t in demo.shown_steps}
    for t in demo.shown_steps:
        assert [c.text for c in grids[f"H[{t}]"].cells] == [fmt(float(v), 2) for v in demo.run.H[t]]


def test_step_counter_ticks_through_every_step(rendered):
    demo, scene, shown = rendered
    n = len(demo.tokens)
    on_screen = set(texts(shown))
    assert all(scene.t("rnn.counter", t=t, n=n).replace(" ", "") in on_screen for t in range(1, n + 1))
    assert {demo.tokens[t] for t in demo.shown_steps} <= on_screen
    assert any(c.topic == "fast_forward" for c in scene.stated) == (len(demo.shown_steps) < n)


def test_retention_curves_plot_the_measured_points(rendered):
    demo, scene, _ = rendered
    assert len(scene.decay_curves) == len(demo.decay) >= 4
    for curve, decay in zip(scene.decay_curves, demo.decay, strict=True):
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


def test_the_article_s_claim_is_placed_among_the_measurements(rendered):
    demo, scene, _ = rendered
    claim = demo.claim("retention")
    log = " ".join(t for _, t in scene.caption.log)
    for point in claim.values["points"]:
        assert point["retention"] in log and point["scale"] in log
    assert claim.values["article_scale"] in log and "20%" in log


def test_every_decimal_on_screen_comes_from_the_data(rendered):
    demo, scene, shown = rendered
    allowed = formatted(demo.run.H.ravel(), (2,)) | stated_numbers(scene)
    allowed |= {fmt(c.scale, 3).rstrip("0").rstrip(".") for c in demo.decay}
    stray = decimals_on_screen(shown) - allowed
    assert not stray, f"numbers on screen that the data do not hold: {sorted(stray)}"
