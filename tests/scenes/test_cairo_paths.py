"""Reused Cairo paths (scenes/kit/cairo_paths.py) draw exactly the pixels Manim's own paths draw, frame after
frame, while shapes stay, move and change."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Camera, Circle, Square, tempconfig

from scenes.kit import cairo_paths
from scenes.kit.text import label
from scenes.kit.theme import THEMES


def _frames(mobjects, steps) -> list[np.ndarray]:
    camera = Camera()
    out = []
    for step in steps:
        step(mobjects)
        camera.reset()
        camera.capture_mobjects(mobjects)
        out.append(camera.pixel_array.copy())
    return out


STEPS = [
    lambda m: None,
    lambda m: None,  # the same points: paths reused
    lambda m: m[1].shift([0.3, 0.1, 0]),  # one shape moves
    lambda m: m[0].set_opacity(0.4),  # a fade: points unchanged, colour changed
    lambda m: m[2].become(Square(side_length=0.5)),  # another shape, same object
    lambda m: None,
]


@pytest.fixture
def manims_paths(monkeypatch):
    monkeypatch.setattr(Camera, "set_cairo_context_path", cairo_paths._manims)


def _scene():
    return [label("小猫 0.25 cat", THEMES["dark"]), Circle(radius=1.0), Circle(radius=0.3).shift([1.5, 0, 0])]


def test_reused_paths_draw_what_manim_draws(manims_paths, monkeypatch):
    with tempconfig({"pixel_width": 320, "pixel_height": 180, "frame_rate": 5}):
        theirs = _frames(_scene(), STEPS)
        cairo_paths.reuse_paths()
        calls = []
        monkeypatch.setattr(cairo_paths, "_manims", lambda *a: calls.append(1) or manims(*a))
        ours = _frames(_scene(), STEPS)
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))
    assert len({a.tobytes() for a in theirs}) >= 3  # the steps did change the picture
    glyphs = len(_scene()[0].get_family())
    assert len(calls) < 2 * glyphs  # built on the first frame and for what changed, not every frame


manims = cairo_paths._manims
