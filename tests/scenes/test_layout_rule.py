"""The layout rule's parts on their own (scenes/kit/layout.py, caption.py, product.py): no scene is built."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Text, tempconfig

from scenes.diagrams.matrix import MatrixGrid
from scenes.diagrams.product import place_product
from scenes.kit.caption import MIN_SIZE, Caption
from scenes.kit.layout import (
    MAX_NUMBER,
    caption_bottom,
    caption_lines,
    caption_top,
    fit_area,
    frame_box,
    overlay_rects,
    safe_rect,
)
from scenes.kit.text import wrap
from scenes.kit.theme import THEMES

THEME = THEMES["dark"]
PORTRAIT = {"frame_height": 8.0 * 16 / 9, "frame_width": 8.0}
LANDSCAPE = {"frame_height": 8.0, "frame_width": 8.0 * 16 / 9}


def _numbers(mob) -> list[Text]:
    return [m for m in mob.get_family() if isinstance(m, Text) and any(c.isdigit() for c in m.text)]


@pytest.mark.parametrize("frame", [PORTRAIT, LANDSCAPE], ids=["9x16", "16x9"])
def test_the_safe_area_keeps_out_of_every_overlay(frame):
    with tempconfig(frame):
        safe = safe_rect()
        assert all(safe.overlap(zone) == 0 for zone in overlay_rects())
        assert caption_top() - caption_bottom() > 0 and caption_top() < safe.top


def test_a_small_matrix_grows_to_the_readable_maximum_and_no_further():
    with tempconfig(LANDSCAPE):
        grid = MatrixGrid(np.array([[0.5, -0.25], [1.0, 0.0]]), THEME, key="X")
        fit_area(grid, 3.0)
        tallest = max(m.height for m in _numbers(grid))
        assert tallest == pytest.approx(MAX_NUMBER, rel=1e-6)
        assert grid.height < 3.0 - caption_top()  # room was left: the readable maximum stopped it


def test_a_large_matrix_is_fitted_to_the_room():
    with tempconfig(PORTRAIT):
        grid = MatrixGrid(np.arange(64.0).reshape(8, 8) / 10, THEME, key="X")
        fit_area(grid, 4.0)
        assert grid.width == pytest.approx(frame_box()[0]) or grid.height == pytest.approx(4.0 - caption_top())
        assert max(m.height for m in _numbers(grid)) < MAX_NUMBER


def _product(n: int):
    rng = np.random.default_rng(0)
    q, kt = rng.normal(size=(n, 2)).round(2), rng.normal(size=(2, n)).round(2)
    tokens = tuple(f"w{i}" for i in range(n))
    return (
        MatrixGrid(q, THEME, key="Q", row_labels=tokens, title="Q"),
        MatrixGrid(kt, THEME, key="K.T", col_labels=tokens, title="Kᵀ"),
        MatrixGrid(q @ kt, THEME, key="scores", title="QKᵀ"),
    )


def test_a_wide_product_stacks_in_portrait_and_stays_on_paper_in_landscape():
    with tempconfig(PORTRAIT):
        left, top, result = _product(8)
        group = place_product(left, top, result, area=(frame_box()[0], 8.0))
        assert left.get_bottom()[1] > top.get_top()[1] and top.get_bottom()[1] > result.get_top()[1]  # stacked
        assert group.width < 1.1 * result.width
    with tempconfig(LANDSCAPE):
        left, top, result = _product(8)
        place_product(left, top, result, area=(frame_box()[0], 5.0))
        assert result.get_left()[0] > left.get_right()[0]  # beside its left factor, under its right one
        assert abs(result.cells.get_x() - top.cells.get_x()) < 1e-6


@pytest.mark.parametrize(("frame", "length"), [(PORTRAIT, 135), (LANDSCAPE, 175)], ids=["9x16", "16x9"])
def test_a_long_caption_is_set_smaller_to_stay_in_its_band(frame, length):
    words = "every query dotted with every key gives one score for each pair of words in the sentence " * 3
    text = words[:length].rsplit(" ", 1)[0]
    with tempconfig(frame):
        full = Caption(scene=None, theme=THEME, size=26)
        assert len(wrap(text, int(frame_box()[0] / 0.94 * 5.6)).split("\n")) > caption_lines()  # too long at 26
        mob = full.build(text)
        assert len(mob) <= caption_lines()
        assert mob.get_top()[1] <= caption_top() + 1e-6
        assert min(line.font_size for line in mob) >= MIN_SIZE - 1e-6
