"""The qkv chapter: the library's bars and contents and every matrix product come from attention_core."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import highlighted, library_demo
from scenes import get_chapter
from scenes.diagrams.bars import BarChart
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.text import fmt
from scenes.kit.theme import THEMES
from scenes.strings import claim_text
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, stated_numbers, texts

CHAPTER = get_chapter("qkv")
SIXTEEN = "那只在花园里追逐蝴蝶的小猫突然停下了脚步，然后走了"
CASES = {"default": (None, "zh", (16, 9)), "16-tokens-portrait": (SIXTEEN, "en", (9, 16))}


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = CASES[request.param]
    return build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("q"), aspect, draw=False)


def _array(data, key: str, lang: str) -> np.ndarray:
    if key.startswith("library."):
        values = getattr(data.library(lang), key.split(".", 1)[1])
        return np.atleast_2d(values) if key != "library.weights" else values
    return getattr(data.trace, key)


def test_the_16_token_sentence_has_16_tokens():
    assert CHAPTER.data(SIXTEEN, None).trace.n == 16


def test_every_matrix_cell_equals_the_data(rendered):
    data, scene, shown = rendered
    grids = [m for m in family(shown) if isinstance(m, MatrixGrid)]
    keys = {g.key for g in grids}
    assert {"X", "W_q", "W_k", "W_v", "Q", "K", "V", "library.contents", "library.reading"} <= keys
    for grid in grids:
        full = _array(data, grid.key, scene.lang)
        assert grid.full_shape == full.shape, grid.key
        want = [[fmt(float(full[i, j]), grid.decimals) for j in grid.col_index] for i in grid.row_index]
        assert grid.cell_texts() == want, grid.key
        assert grid.row_index[-1] == full.shape[0] - 1  # the last row is always shown: elided, never cut
    if data.trace.n == 16:
        assert all(g.elided for g in grids if g.key in ("X", "Q", "K", "V"))


def test_the_library_bars_and_captions_are_computed(rendered):
    data, scene, shown = rendered
    lib = data.library(scene.lang)
    assert lib.query == library_demo(scene.lang).query
    charts = [c for c in family(shown) if isinstance(c, BarChart)]
    assert charts and all(c.key == "library.weights" for c in charts)
    assert charts[0].value_texts() == [fmt(float(w), 2) for w in lib.weights]
    assert [t.text for t in charts[0].labels] == [t.replace(" ", "").replace("\n", "") for t in lib.titles]
    best = data.claim(f"lib_best:{scene.lang}")
    assert best.words == ("深度学习入门" if scene.lang == "zh" else "Deep Learning Basics",)
    assert highlighted(best) == (int(np.argmax(lib.weights)),)
    log = [t for _, t in scene.caption.log]
    assert claim_text(scene.lang, "qkv.lib_weights", best) in log
    top = int(np.argmax(lib.reading))
    assert any(fmt(lib.reading[top], 2) in t and lib.topics[top] in t for t in log)


def test_qkv_colours_are_fixed(rendered):
    _, _, shown = rendered
    theme = THEMES["dark"]
    colours = {"Q": theme.q, "K": theme.k, "V": theme.v, "W_q": theme.q, "W_k": theme.k, "W_v": theme.v}
    for grid in (m for m in family(shown) if isinstance(m, MatrixGrid) and m.key in colours):
        assert grid.cell(0, 0).get_color().to_hex().upper() == colours[grid.key].upper(), grid.key


def test_every_decimal_on_screen_comes_from_the_data(rendered):
    data, scene, shown = rendered
    lib = data.library(scene.lang)
    arrays = [getattr(data.trace, k) for k in ("X", "W_q", "W_k", "W_v", "Q", "K", "V")]
    arrays += [lib.weights, lib.contents, lib.reading]
    allowed = set().union(*(formatted(np.ravel(a)) for a in arrays))
    stray = decimals_on_screen(shown) - allowed - stated_numbers(scene)
    assert not stray, f"numbers on screen that the data does not hold: {sorted(stray)}"
    x = next(m for m in family(shown) if isinstance(m, MatrixGrid) and m.key == "X")
    assert {data.tokens[i] for i in x.row_index} <= set(texts(shown))  # the words of every row shown
