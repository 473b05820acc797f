"""The attention-matrix chapter: every cell colour and number is the trace's, every caption is computed."""

from __future__ import annotations

import pytest
from manim import Text

from scenes import get_chapter
from scenes.diagrams.heatmap import Heatmap
from scenes.diagrams.legend import WeightLegend
from scenes.kit.text import fmt
from scenes.kit.theme import weight_color
from scenes.strings import claim_text
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, stated_numbers, texts

CHAPTER = get_chapter("attention-matrix")
SIXTEEN = "The little cat in the garden chased a yellow butterfly and then suddenly stopped near me"
CASES = {
    "default": (None, "zh", (16, 9)),
    "16-tokens": (SIXTEEN, "en", (16, 9)),
    "portrait": ("我爱吃苹果", "zh", (9, 16)),
    "window": (" ".join(f"w{i}" for i in range(24)), "en", (16, 9)),
}


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = CASES[request.param]
    data, scene, shown = build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("am"), aspect, draw=False)
    w, h = aspect
    frame = (8.0 * w / h, 8.0) if w >= h else (8.0, 8.0 * h / w)
    return data, scene, shown, frame


def _heatmaps(shown) -> list[Heatmap]:
    return [m for m in family(shown) if isinstance(m, Heatmap)]


def test_the_default_sentence_and_16_tokens_build():
    assert CHAPTER.data(None, None).attention.n == 12
    assert CHAPTER.data(SIXTEEN, None).attention.n == 16


def test_every_cell_colour_and_number_is_the_trace(rendered):
    data, scene, shown, _ = rendered
    weights = data.attention.weights
    heats = _heatmaps(shown)
    assert heats, "no heatmap on screen"
    for heat in heats:
        assert heat.key == "weights" and heat.values.shape == weights.shape
        want = [[weight_color(w).to_hex() for w in row] for row in weights]
        assert heat.cell_colors() == want
        if heat.has_numbers:
            assert heat.number_texts() == [[fmt(float(w), 2) for w in row] for row in weights]
    stray = decimals_on_screen(shown) - formatted(weights.ravel(), (2,)) - {"0.5"} - stated_numbers(scene)
    assert not stray, f"numbers on screen the trace does not hold: {sorted(stray)}"


def test_numbers_while_they_fit_colour_only_beyond(rendered):
    data, _, shown, frame = rendered
    heat = _heatmaps(shown)[0]
    if data.attention.n == 16:
        assert not heat.has_numbers
    if data.attention.n <= 12 and frame[0] > frame[1]:
        assert heat.has_numbers


def test_both_axes_are_labelled_and_stated(rendered):
    data, scene, shown, _ = rendered
    heat = _heatmaps(shown)[0]
    for group in (heat.row_labels, heat.col_labels):
        assert [m.text.replace("\n", "") for m in group] == list(data.tokens)
    on_screen = set(texts(shown))  # Text.text drops spaces
    assert {scene.t("am.rows").replace(" ", ""), scene.t("am.cols").replace(" ", "")} <= on_screen
    assert any(isinstance(m, WeightLegend) for m in family(shown))


def test_the_sweep_reads_every_row_in_order_from_its_claim(rendered):
    data, scene, _, _ = rendered
    log = [t for _, t in scene.caption.log]
    rows = data.rows()
    positions = [log.index(claim_text(scene.lang, "am.row", r)) for r in rows]
    assert positions == sorted(positions), "rows are read in order"
    assert [c.topic for c in scene.stated if c.topic.startswith("row:")] == [r.topic for r in rows]


def test_patterns_are_stated_only_where_the_data_shows_them(rendered):
    data, scene, _, _ = rendered
    log = [t for _, t in scene.caption.log]
    stated = [c for c in scene.stated if c.kind == "pattern"]
    assert stated == list(data.examples())
    for claim in stated:
        assert claim_text(scene.lang, "am.pattern", claim) in log
        assert claim.values["reading"] == data.claim(f"row:{claim.values['query']}").kind


def test_nothing_is_cut_off(rendered):
    _, _, shown, (fw, fh) = rendered
    for m in family(shown):
        if isinstance(m, Text) and len(m.points):
            assert abs(m.get_x()) + m.width / 2 <= fw / 2 + 1e-3, m.text
            assert abs(m.get_y()) + m.height / 2 <= fh / 2 + 1e-3, m.text
