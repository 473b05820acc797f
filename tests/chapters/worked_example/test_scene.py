"""The worked-example chapter shows exactly the trace: every matrix cell, every decimal in a caption."""

from __future__ import annotations

import numpy as np
import pytest

from attention_core import ARRAY_KEYS
from scenes import get_chapter
from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.text import fmt
from scenes.worked_example.data import worked_example_trace
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, stated_numbers, texts

CHAPTER = get_chapter("worked-example")


def _array(trace, key: str) -> np.ndarray:
    return getattr(trace, key[:-2]).T if key.endswith(".T") else getattr(trace, key)


CASES = [(None, "zh"), ("The cat sat on the warm mat", "en"), (" ".join(f"w{i}" for i in range(13)), "en")]


@pytest.fixture(scope="module", params=CASES, ids=["default", "new", "window"])
def rendered(request, tmp_path_factory):
    sentence, lang = request.param
    drawn = request.param is CASES[0]  # one build draws its frames (a drawing error fails it); the others need none
    data, scene, shown = build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("s"), draw=drawn)
    return data.trace, scene, shown


def test_every_matrix_cell_equals_the_trace(rendered):
    trace, _, shown = rendered
    grids = [m for m in family(shown) if isinstance(m, MatrixGrid)]
    keys = {g.key for g in grids}
    assert set(ARRAY_KEYS) <= keys | {"K"}, f"matrices never shown: {set(ARRAY_KEYS) - keys}"
    for grid in grids:
        expected = _array(trace, grid.key)
        assert grid.shape == expected.shape, grid.key
        want = [[fmt(float(v), grid.decimals) for v in row] for row in expected]
        assert grid.cell_texts() == want, grid.key


def test_every_decimal_on_screen_comes_from_the_trace(rendered):
    trace, scene, shown = rendered
    allowed = set().union(*(formatted(_array(trace, k).ravel()) for k in ARRAY_KEYS))
    allowed |= formatted(trace.weights.sum(axis=1)) | {fmt(np.sqrt(trace.d_k), 3)} | {"0.5"}  # legend tick
    allowed |= stated_numbers(scene)
    stray = decimals_on_screen(shown) - allowed
    assert not stray, f"numbers on screen that the trace does not hold: {sorted(stray)}"


def test_tokens_and_captions_follow_the_sentence(rendered):
    trace, scene, shown = rendered
    on_screen = set(texts(shown))
    assert set(trace.tokens) <= on_screen
    final = scene.caption.log[-1][1]
    assert scene.stated[-1].topic == "row:0" and fmt(trace.weights[0].max(), 2) in final
    assert all(t for _, t in scene.caption.log)


def test_caption_language_follows_lang(rendered):
    trace, scene, _ = rendered
    captions = " ".join(t for _, t in scene.caption.log)
    has_cjk_words = any("\u4e00" <= c <= "\u9fff" for c in captions.replace("".join(trace.tokens), ""))
    assert has_cjk_words == (scene.lang == "zh")


def test_caption_names_x1_from_the_trace(rendered):
    trace, scene, _ = rendered
    x1 = ", ".join(fmt(float(v), 1) for v in trace.X[0])
    assert any(f"[{x1}]" in t for _, t in scene.caption.log)
    if trace.tokens == worked_example_trace().tokens:
        assert x1 == "1.0, 0.5"
