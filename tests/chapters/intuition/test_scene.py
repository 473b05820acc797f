"""The intuition chapter: the focus word's arcs are its computed weights; captions say what the numbers say."""

from __future__ import annotations

import pytest

from scenes import ChapterInput, get_chapter
from scenes.kit.theme import THEMES
from tests.scene_probe import decimals_on_screen, formatted, stated_numbers, texts
from tests.scenes.recall_checks import (
    build_with_arc_snapshots,
    check_arcs_follow_the_weights,
    check_the_focus_row_is_stated,
)

CHAPTER = get_chapter("intuition")
CASES = [
    (None, "zh", (16, 9)),
    ("我昨天在公园里看见一只小狗，它很开心", "zh", (9, 16)),
    ("The dog chased the ball in the park and then it stopped", "en", (16, 9)),
    ("Don't stop", "en", (16, 9)),
    (" ".join(f"w{i}" for i in range(20)) + " and then it stopped", "en", (9, 16)),
]


@pytest.fixture(scope="module", params=CASES, ids=["default", "new-zh-9x16", "new-en", "self", "window-9x16"])
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = request.param
    reading = CHAPTER.data(sentence, None)
    data = ChapterInput(reading, lang, THEMES["dark"])
    scene, shown, snaps = build_with_arc_snapshots(CHAPTER.scene_class, data, tmp_path_factory.mktemp("s"), aspect)
    return reading, scene, shown, snaps


def test_arcs_width_and_opacity_are_the_weights(rendered):
    reading, scene, _, snaps = rendered
    check_arcs_follow_the_weights(reading, scene, snaps)
    assert all(k < reading.focus for k in scene.recall.fan.by_key)  # causal: only earlier words


def test_caption_says_what_the_focus_row_says(rendered):
    reading, scene, _, _ = rendered
    check_the_focus_row_is_stated(reading, scene, "in.best")
    article = "".join(reading.sentence_tokens) == "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
    if article and reading.attention.model == "lexicon":
        assert reading.claim("focus_row").words == ("停下", "小猫")


def test_every_decimal_on_screen_comes_from_the_trace(rendered):
    reading, scene, shown, _ = rendered
    row = formatted(reading.attention.weights[reading.focus], (2,))
    stray = decimals_on_screen(shown) - row - stated_numbers(scene)
    assert not stray, f"numbers on screen that the trace does not hold: {sorted(stray)}"


def test_every_word_is_shown_and_an_automatic_focus_is_announced(rendered):
    reading, scene, shown, _ = rendered
    assert set(reading.tokens) <= set(texts(shown))
    announced = any("自动" in t or "was chosen" in t for _, t in scene.caption.log)
    assert announced == reading.auto_focus
    assert any(c.topic == "window" for c in scene.stated) == reading.window.partial


def test_everything_stays_inside_the_frame(rendered):
    _, scene, _, _ = rendered
    half_w, half_h = scene.camera.frame_width / 2, scene.camera.frame_height / 2
    for mob in (scene.row, scene.recall, scene.title_mob):
        assert -half_w <= mob.get_left()[0] and mob.get_right()[0] <= half_w
        assert -half_h <= mob.get_bottom()[1] and mob.get_top()[1] <= half_h
    assert scene.recall.get_bottom()[1] > scene.caption.current.get_top()[1]  # clear of the caption band
