"""self-attention-idea: path lengths from the sentence, the whole matrix in one step, 它's row from the trace."""

from __future__ import annotations

import numpy as np
import pytest
from manim import FadeIn

from scenes import ChapterInput, get_chapter
from scenes.kit.theme import THEMES, weight_color
from scenes.kit.transitions import Fade
from scenes.self_attention_idea.weight_squares import WeightSquares
from tests.scene_probe import decimals_on_screen, family, formatted, stated_numbers, texts
from tests.scenes.recall_checks import (
    build_with_arc_snapshots,
    check_arcs_follow_the_weights,
    check_the_focus_row_is_stated,
)

CHAPTER = get_chapter("self-attention-idea")
CASES = [(None, "zh", (9, 16)), ("The quick brown fox jumps over the lazy dog because it was bored", "en", (16, 9))]


@pytest.fixture(scope="module", params=CASES, ids=["default-9x16", "new-en"])
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = request.param
    reading = CHAPTER.data(sentence, None)
    data = ChapterInput(reading, lang, THEMES["dark"])
    plays: list[list] = []

    class Recording(CHAPTER.scene_class):
        def play(self, *animations, **kwargs):
            plays.append(list(animations))
            super().play(*animations, **kwargs)

    scene, shown, snaps = build_with_arc_snapshots(Recording, data, tmp_path_factory.mktemp("s"), aspect)
    return reading, scene, shown, snaps, plays


def test_it_row_is_strongest_on_the_kitten_for_the_article_sentence(rendered):
    reading, scene, _, snaps, _ = rendered
    check_arcs_follow_the_weights(reading, scene, snaps)
    check_the_focus_row_is_stated(reading, scene, "sa.best")
    if "".join(reading.sentence_tokens) == "小猫在花园里追蝴蝶,然后它停下了":
        assert reading.claim("focus_row").words == ("它", "小猫")


def test_whole_weight_matrix_appears_in_one_animation(rendered):
    reading, _, shown, _, plays = rendered
    grid = next(m for m in family(shown) if isinstance(m, WeightSquares))
    np.testing.assert_array_equal(grid.values, reading.attention.weights)
    n = reading.attention.n
    for k, square in enumerate(grid.squares):
        assert square.get_fill_color().to_hex() == weight_color(reading.attention.weights[k // n, k % n]).to_hex()
    fades_in = [a for anims in plays for a in anims if isinstance(a, FadeIn) or (isinstance(a, Fade) and a.fade_in)]
    one_step = [a for a in fades_in if a.mobject is grid.squares]
    assert len(one_step) == 1


def test_path_lengths_come_from_the_sentence(rendered):
    reading, scene, _, _, _ = rendered
    steps = str(reading.attention.n - 1)
    assert any(steps in t and reading.tokens[0] in t and reading.tokens[-1] in t for _, t in scene.caption.log)


def test_every_decimal_on_screen_comes_from_the_trace(rendered):
    reading, scene, shown, _, _ = rendered
    allowed = formatted(reading.attention.weights[reading.focus], (2,)) | {"0.5"} | stated_numbers(scene)  # legend
    stray = decimals_on_screen(shown) - allowed
    assert not stray, f"numbers on screen that the trace does not hold: {sorted(stray)}"
    assert set(reading.tokens) <= set(texts(shown))
