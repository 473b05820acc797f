"""scenes/kit/drawing.py: the camera draws the same pixels as Manim's own drawing code."""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    BLUE,
    RED,
    YELLOW,
    Circle,
    DashedLine,
    Dot,
    ImageMobject,
    Rectangle,
    Text,
    VGroup,
    tempconfig,
)
from manim.camera.camera import Camera

from scenes.kit import drawing


def _shapes() -> list:
    """A shape of each kind the chapters draw: filled and stroked, a background stroke, text, a gradient, dashes,
    half-transparent fill, an image (not a VMobject) and a shape with neither fill nor stroke."""
    box = Rectangle(width=3, height=1.5).set_fill(BLUE, 0.6).set_stroke(YELLOW, 4)
    label = Text("注意 attention 0.35", font_size=30).set_stroke(RED, 3, background=True)
    ring = Circle(radius=1.2).set_color([RED, YELLOW, BLUE]).set_fill(opacity=0.3)  # a gradient
    dashes = DashedLine([-3, -1.5, 0], [3, -1.5, 0], color=YELLOW)
    image = ImageMobject(np.uint8([[[255, 0, 0, 255], [0, 255, 0, 128]]])).scale_to_fit_width(1).shift([2, 1, 0])
    bare = Rectangle(width=1, height=1, stroke_width=0, fill_opacity=0)
    return [box, label, ring, dashes, image, bare, VGroup(Dot([-2, 1, 0]), Dot([-1.5, 1, 0], color=RED))]


def _pixels() -> np.ndarray:
    camera = Camera()
    camera.capture_mobjects(_shapes())
    return camera.pixel_array.copy()


@pytest.mark.parametrize("size", [(160, 90), (96, 170)])
def test_the_same_pixels_as_manims_drawing(size) -> None:
    width, height = size
    with tempconfig({"pixel_width": width, "pixel_height": height, "frame_rate": 5}):
        drawing.uninstall()
        try:
            manims = _pixels()
        finally:
            drawing.install()
        ours = _pixels()
    assert np.count_nonzero(manims) > manims.size // 20  # something was drawn
    assert np.array_equal(ours, manims)
