"""Cheap whole-frame transitions: a frame full of numbers fades out without copying every Text in it."""

from __future__ import annotations

from manim import FadeIn, Rectangle, Scene, config

from scenes.components.theme import Theme

__all__ = ["curtain"]


def curtain(scene: Scene, theme: Theme, run_time: float = 1.0) -> None:
    """Fade the whole frame to the background colour, then clear it.

    FadeOut of a group copies every mobject in it (about 20 ms per Text); fading one opaque rectangle in over
    everything looks the same and copies one mobject.
    """
    cover = Rectangle(width=config.frame_width + 1, height=config.frame_height + 1, stroke_width=0)
    cover.set_fill(theme.background, 1)
    scene.play(FadeIn(cover), run_time=run_time)
    scene.clear()
