"""The formula chapter: every matrix cell, bar and figure of the scaling demonstration comes from attention_core."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import ARRAY_KEYS
from scenes import get_chapter
from scenes.diagrams.bars import BarChart
from scenes.diagrams.matrix import MatrixGrid
from scenes.formula.formula_card import AttentionFormula
from scenes.kit.text import fmt
from scenes.kit.theme import THEMES
from scenes.strings import claim_text
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, stated_numbers

CHAPTER = get_chapter("formula")
SIXTEEN = "The little cat in the garden chased a yellow butterfly and then suddenly stopped near me"
CASES = {
    "default-portrait": (None, "zh", (9, 16)),
    "16-tokens": (SIXTEEN, "en", (16, 9)),
    "32-tokens": (" ".join(f"w{i}" for i in range(32)), "en", (16, 9)),
}


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = CASES[request.param]
    return build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("f"), aspect, draw=False)


def _array(data, key: str) -> np.ndarray:
    if key.startswith("scaling."):
        return getattr(data.scaling, key.split(".", 1)[1])
    return getattr(data.trace, key[:-2]).T if key.endswith(".T") else getattr(data.trace, key)


def test_every_matrix_cell_equals_the_trace(rendered):
    data, _, shown = rendered
    grids = [m for m in family(shown) if isinstance(m, MatrixGrid)]
    keys = {g.key for g in grids}
    assert {"Q", "K.T", "V", "scores", "scaled_scores", "weights", "output"} <= keys
    for grid in grids:
        full = _array(data, grid.key)
        assert grid.full_shape == full.shape, grid.key
        rows, cols = grid.row_index, grid.col_index
        assert rows[0] == 0 and rows[-1] == full.shape[0] - 1 and list(rows) == sorted(set(rows))
        assert cols[0] == 0 and cols[-1] == full.shape[1] - 1 and list(cols) == sorted(set(cols))
        want = [[fmt(float(full[i, j]), grid.decimals) for j in cols] for i in rows]
        assert grid.cell_texts() == want, grid.key
        assert bool(len(grid.dots)) == grid.elided, grid.key


def test_large_matrices_are_elided_never_cut(rendered):
    data, _, shown = rendered
    grids = [m for m in family(shown) if isinstance(m, MatrixGrid) and m.key == "scores"]
    assert all(g.elided == (data.trace.n > 7) or g.shape[0] < data.trace.n for g in grids)
    if data.trace.n >= 16:
        assert all(g.elided and g.shape[0] <= 6 for g in grids)


def test_the_scaling_demonstration_is_measured(rendered):
    data, scene, shown = rendered
    sd = data.scaling
    assert np.allclose(sd.std_dot, np.sqrt(sd.d_ks), rtol=0.05)  # spread of q·k ≈ √d_k, measured
    assert np.allclose(sd.std_scaled, 1.0, atol=0.05)
    assert sd.weights_unscaled.max() > 0.99 and sd.weights_scaled.max() < 0.8  # one-hot vs spread
    charts = {c.key: c for c in family(shown) if isinstance(c, BarChart)}
    assert set(charts) == {
        "scaling.std_dot",
        "scaling.std_scaled",
        "scaling.weights_unscaled",
        "scaling.weights_scaled",
    }
    for key, chart in charts.items():
        values = _array(data, key)
        assert chart.value_texts() == [fmt(float(v), chart.decimals) for v in values], key
    captions = " ".join(t for _, t in scene.caption.log)
    assert fmt(float(sd.std_dot[-1]), 1) in captions and fmt(float(sd.weights_unscaled.max()), 2) in captions
    assert fmt(float(sd.weights_scaled.max()), 2) in captions


def test_every_decimal_on_screen_comes_from_the_data(rendered):
    data, scene, shown = rendered
    tr, sd = data.trace, data.scaling
    allowed = set().union(*(formatted(getattr(tr, k).ravel()) for k in ARRAY_KEYS))
    for arr in (
        sd.std_dot,
        sd.std_scaled,
        sd.scores,
        sd.weights_unscaled,
        sd.weights_scaled,
        data.big_scaled_scores,
        tr.weights.sum(axis=1),
    ):
        allowed |= formatted(np.ravel(arr))
    stray = decimals_on_screen(shown) - allowed - {"0.5"} - stated_numbers(scene)  # legend tick
    assert not stray, f"numbers on screen that the data does not hold: {sorted(stray)}"


def test_the_formula_is_built_from_text_and_names_the_data(rendered):
    data, scene, shown = rendered
    assert any(isinstance(m, AttentionFormula) for m in family(shown))
    row = data.claim("row:0")
    keys = ("f.first_output", "f.first_output.hidden")
    lines = {claim_text(scene.lang, key, row, tok=data.tokens[0]) for key in keys}
    assert lines & {t for _, t in scene.caption.log}


def test_bar_lengths_are_proportional_to_the_values():
    sd = CHAPTER.data(None, None).scaling
    chart = BarChart(
        sd.std_dot,
        ["a", "b", "c", "d"],
        THEMES["dark"],
        key="scaling.std_dot",
        color="#FFFFFF",
        max_value=float(sd.std_dot.max()),
        length=3.0,
    )
    heights = np.array([b.height for b in chart.bars])
    assert np.allclose(heights, 3.0 * sd.std_dot / sd.std_dot.max())
