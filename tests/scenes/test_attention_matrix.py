"""The attention-matrix chapter: every cell colour and number is the trace's, every caption is computed."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Text

from attention_core import ExplainerError
from attention_core.patterns import PATTERN_KINDS
from scenes import get_chapter
from scenes.components.heatmap import Heatmap
from scenes.components.legend import WeightLegend
from scenes.components.text import fmt
from scenes.components.theme import weight_color
from scenes.strings import STRINGS, text
from tests.scene_probe import build_chapter, decimals_on_screen, family, formatted, texts

CHAPTER = get_chapter("attention-matrix")
SIXTEEN = "The little cat in the garden chased a yellow butterfly and then suddenly stopped near me"
CASES = {
    "default": (None, "zh", (16, 9)),
    "16-tokens": (SIXTEEN, "en", (16, 9)),
    "portrait": ("我爱吃苹果", "zh", (9, 16)),
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
    assert CHAPTER.make_trace(None, None).trace.n == 12
    assert CHAPTER.make_trace(SIXTEEN, None).trace.n == 16


def test_every_cell_colour_and_number_is_the_trace(rendered):
    data, _, shown, _ = rendered
    weights = data.trace.weights
    heats = _heatmaps(shown)
    assert heats, "no heatmap on screen"
    for heat in heats:
        assert heat.key == "weights" and heat.values.shape == weights.shape
        want = [[weight_color(w).to_hex() for w in row] for row in weights]
        assert heat.cell_colors() == want
        if heat.has_numbers:
            assert heat.number_texts() == [[fmt(float(w), 2) for w in row] for row in weights]
    stray = decimals_on_screen(shown) - formatted(weights.ravel(), (2,)) - {"0.5"}
    assert not stray, f"numbers on screen the trace does not hold: {sorted(stray)}"


def test_numbers_while_they_fit_colour_only_beyond(rendered):
    data, _, shown, frame = rendered
    heat = _heatmaps(shown)[0]
    if data.trace.n == 16:
        assert not heat.has_numbers
    if data.trace.n <= 12 and frame[0] > frame[1]:
        assert heat.has_numbers


def test_both_axes_are_labelled_and_stated(rendered):
    data, scene, shown, _ = rendered
    heat = _heatmaps(shown)[0]
    for group in (heat.row_labels, heat.col_labels):
        assert [m.text.replace("\n", "") for m in group] == list(data.tokens)
    on_screen = set(texts(shown))  # Text.text drops spaces
    assert {scene.t("am.rows").replace(" ", ""), scene.t("am.cols").replace(" ", "")} <= on_screen
    assert any(isinstance(m, WeightLegend) for m in family(shown))


def test_the_sweep_names_each_rows_strongest_key(rendered):
    data, scene, _, _ = rendered
    log = [t for _, t in scene.caption.log]
    tokens, lang = data.tokens, scene.lang
    expected = []
    for r in data.rows:
        w = fmt(r.weight, 2)
        if r.kind == "spread":
            expected.append(text(lang, "am.row_spread", q=tokens[r.query], w=w))
        elif r.kind == "tie":
            assert all(abs(data.trace.weights[r.query, j] - r.weight) < 0.005 for j in r.best)
            names = [text(lang, "am.quote", k=tokens[j]) for j in r.best[:3]]
            keys = text(lang, "am.tie_join").join(names) + (text(lang, "am.more") if len(r.best) > 3 else "")
            expected.append(text(lang, "am.row_tie", q=tokens[r.query], keys=keys, w=w))
        else:
            assert r.best[0] == data.trace.strongest_key(r.query)
            expected.append(text(lang, "am.row", q=tokens[r.query], k=tokens[r.best[0]], w=w))
    positions = [log.index(c) for c in expected]
    assert positions == sorted(positions), "rows are read in order"


def test_patterns_are_stated_only_where_the_data_shows_them(rendered):
    data, scene, _, _ = rendered
    captions = " ".join(t for _, t in scene.caption.log)
    prefixes = {k: STRINGS[scene.lang][f"am.pat_{k}"].split("「")[0].split('"')[0] for k in PATTERN_KINDS}
    shown_kinds = {k for k, prefix in prefixes.items() if any(t.startswith(prefix) for _, t in scene.caption.log)}
    assert shown_kinds == set(data.examples())
    for kind, r in data.examples().items():
        best = data.tokens[r.best[0]]
        line = text(scene.lang, f"am.pat_{kind}", q=data.tokens[r.query], k=best, w=fmt(r.weight, 2),
                    gap=r.distance - 1)
        assert line in captions
        if kind == "far":
            assert r.distance >= 3 and int(np.argmax(data.trace.weights[r.query])) == r.best[0]


def test_nothing_is_cut_off(rendered):
    _, _, shown, (fw, fh) = rendered
    for m in family(shown):
        if isinstance(m, Text) and len(m.points):
            assert abs(m.get_x()) + m.width / 2 <= fw / 2 + 1e-3, m.text
            assert abs(m.get_y()) + m.height / 2 <= fh / 2 + 1e-3, m.text


def test_sentences_out_of_range_fail_with_one_line():
    with pytest.raises(ExplainerError, match="needs 2 to 16"):
        CHAPTER.make_trace(SIXTEEN + " and then slept", None)
    with pytest.raises(ExplainerError, match="needs 2 to 16"):
        CHAPTER.make_trace("猫", None)
