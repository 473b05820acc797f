"""real-model: the gallery is every head of the data, each zoomed head is the claim's (group exemplars, the focus
link, the view asked for), the layer means and the rollout are the data's, captions are its claims."""

from __future__ import annotations

import numpy as np
import pytest
from manim import ImageMobject

from scenes import get_chapter
from scenes.diagrams.heatmap import Heatmap
from scenes.kit.theme import weight_rgb
from scenes.real_model.gallery import ColorGrid, HeadGallery
from scenes.strings import claim_text
from tests.scene_probe import build_chapter, family, texts

CHAPTER = get_chapter("real-model")
CASES = {
    "default": (None, "zh", (16, 9)),
    "en-9x16": ("The animal did not cross the street because it was too tired.", "en", (9, 16)),
    "minilm": ("The cat sat on the mat because it was tired", "en", (16, 9)),
    "rollout": ("The cat sat on the mat because it was tired", "en", (9, 16)),
}
OPTIONS = {"minilm": {"model": "minilm"}, "rollout": {"head": "rollout"}}


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def rendered(request, tmp_path_factory):
    sentence, lang, aspect = CASES[request.param]
    if request.param in OPTIONS:
        from scenes import ChapterInput
        from scenes.kit.theme import THEMES
        from tests.scene_probe import build_scene

        data = CHAPTER.data(sentence, None, **OPTIONS[request.param])
        scene, shown = build_scene(
            CHAPTER.scene_class,
            ChapterInput(data, lang, THEMES["dark"]),
            tmp_path_factory.mktemp("rm"),
            aspect,
            draw=False,
        )
        return data, scene, shown
    return build_chapter(CHAPTER.id, sentence, lang, tmp_path_factory.mktemp("rm"), aspect, draw=False)


def test_the_gallery_is_every_head_of_the_data(rendered):
    data, _, shown = rendered
    gallery = next(m for m in family(shown) if isinstance(m, HeadGallery))
    words, _ = data.views()
    assert gallery.shape == words.shape[:2]
    image = next(m for m in family(shown) if isinstance(m, ImageMobject))
    pixels = np.asarray(image.pixel_array)[:, :, :3]
    n = words.shape[-1]
    tile = n * 6 + 4
    for layer, head in ((0, 0), (words.shape[0] - 1, words.shape[1] - 1)):
        y, x = layer * tile + 3, head * tile + 3  # inside the first cell of that head
        assert pixels[y, x].tolist() == weight_rgb(words[layer, head, 0, 0]).tolist()


def test_each_zoomed_head_shows_that_head(rendered):
    data, _, shown = rendered
    words, special = data.views()
    heats = list(dict.fromkeys(m for m in family(shown) if isinstance(m, Heatmap)))
    claims = [c for c in data.claims if c.kind in ("head_group", "head_pattern")]
    assert len(heats) == len(claims) + (data.chosen is not None) >= 2
    for heat, claim in zip(heats, claims, strict=False):
        layer, head = claim.evidence["layer_index"], claim.evidence["head_index"]
        np.testing.assert_array_equal(heat.values, words[layer, head])
        np.testing.assert_array_equal(heat.special, special[layer, head])
    if data.chosen is not None:  # the view asked for, last
        m = words.shape[-1]
        np.testing.assert_array_equal(heats[-1].values, data.chosen.weights[:m, :m])
        np.testing.assert_array_equal(heats[-1].special, data.chosen.special[:m])


def test_the_layer_means_mean_rows_and_rollout_are_the_data(rendered):
    data, _, shown = rendered
    strips = [m for m in family(shown) if isinstance(m, HeadGallery)]
    means = data.layer_means()[0]
    strip = next(g for g in strips if g.shape[0] * g.shape[1] == means.shape[0] and g.shape != words_shape(data))
    pixels = np.asarray(strip.image.pixel_array)[:, :, :3]
    tile = means.shape[-1] * 6 + 4
    cols = strip.shape[1]
    for k in (0, means.shape[0] - 1):
        y, x = (k // cols) * tile + 3, (k % cols) * tile + 3
        assert pixels[y, x].tolist() == weight_rgb(means[k, 0, 0]).tolist()
    grids = list(dict.fromkeys(m for m in family(shown) if isinstance(m, ColorGrid)))
    np.testing.assert_array_equal(grids[0].values, data.layer_rows())
    np.testing.assert_array_equal(grids[1].values, data.rollout_rows())


def words_shape(data) -> tuple[int, int]:
    return data.views()[0].shape[:2]


def test_captions_are_the_claims_and_the_model_is_named(rendered):
    data, scene, shown = rendered
    log = [t for _, t in scene.caption.log]
    for claim in data.claims:
        if claim.kind == "head_pattern":
            assert claim_text(scene.lang, "rm.head", claim) in log
        if claim.kind == "head_group":
            assert claim_text(scene.lang, "rm.group", claim) in log
    assert {c.topic for c in scene.stated} == {c.topic for c in data.claims}
    name = data.claim("gallery").values["model"]
    assert any(name in t for t in texts(shown))
    if data.attention.quantized:
        assert any("4-bit" in t or "4位" in t for t in texts(shown))
