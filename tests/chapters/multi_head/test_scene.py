"""multi-head shows exactly its trace: every cell of every matrix (each head, the concatenation, W_O, the masked
head), every decimal on screen, and the masked scores as −∞ with weights of exactly 0 above the diagonal."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import get_chapter
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.text import fmt
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, stated_numbers

CHAPTER = get_chapter("multi-head")
CASES = {
    "default": (None, "zh", (16, 9)),
    "en-9x16": ("The animal did not cross the street because it was too tired.", "en", (9, 16)),
    "two": ("dog cat", "en", (16, 9)),
}
SHOWN = {
    "Q",
    "K",
    "V",
    "head1.scores",
    "head1.scaled_scores",
    "head1.weights",
    "head2.weights",
    "head1.output",
    "head2.output",
    "concat",
    "W_o",
    "output",
    "masked1.scaled_scores",
    "masked1.weights",
}


def array(trace, key: str) -> np.ndarray:
    """The trace array a grid's key names: "head2.weights" is head 2's weights, "masked1.…" the masked head 1."""
    if "." not in key:
        return getattr(trace, key)
    where, name = key.split(".")
    heads = trace.masked if where.startswith("masked") else trace.heads
    return getattr(heads[int(where[-1]) - 1], name)


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = CASES[request.param]
    return build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("mh"), aspect, draw=False)


def test_every_matrix_cell_is_the_trace(rendered):
    data, _, shown = rendered
    grids = [m for m in family(shown) if isinstance(m, MatrixGrid)]
    assert {g.key for g in grids} >= SHOWN, f"never shown: {SHOWN - {g.key for g in grids}}"
    for grid in grids:
        expected = array(data.trace, grid.key)
        assert grid.full_shape == expected.shape, grid.key
        want = [[fmt(float(v), grid.decimals) for v in row] for row in grid.shown_values()]
        assert grid.cell_texts() == want, grid.key
        np.testing.assert_array_equal(grid.values, expected)


def test_the_mask_is_shown_as_it_is(rendered):
    data, _, shown = rendered
    n = data.trace.n
    for grid in (m for m in family(shown) if isinstance(m, MatrixGrid) and m.key.startswith("masked1.")):
        texts = grid.cell_texts()
        above = {texts[i][j] for i in range(n) for j in range(i + 1, n)}
        assert above <= ({"−∞"} if grid.key.endswith("scaled_scores") else {"0.00"}), (grid.key, above)
    assert (np.triu(data.trace.masked[0].weights, 1) == 0).all()


def test_every_decimal_on_screen_comes_from_the_trace(rendered):
    data, scene, shown = rendered
    tr = data.trace
    arrays = [tr.X, tr.Q, tr.K, tr.V, tr.W_o, tr.concat, tr.output]
    for head in (*tr.heads, *tr.masked):
        arrays += [head.scores, head.scaled_scores, head.weights, head.output, head.row_sums]
    allowed = set().union(*(formatted(np.asarray(a)[np.isfinite(a)]) for a in arrays))
    allowed |= {fmt(np.sqrt(tr.d_head), 3), "0.5"} | stated_numbers(scene)  # the divisor, the legend tick
    stray = decimals_on_screen(shown) - allowed
    assert not stray, f"numbers on screen that the trace does not hold: {sorted(stray)}"
