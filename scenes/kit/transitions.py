"""Cheap whole-frame transitions: a frame full of numbers fades out without copying every Text in it."""

from __future__ import annotations

from manim import Animation, FadeIn, Mobject, Rectangle, Scene, VMobject, config

from scenes.kit.theme import Theme

__all__ = ["Fade", "curtain"]


def curtain(scene: Scene, theme: Theme, run_time: float = 1.0) -> None:
    """Fade the whole frame to the background colour, then clear it.

    FadeOut of a group copies every mobject in it (about 20 ms per Text); fading one opaque rectangle in over
    everything looks the same and copies one mobject.
    """
    cover = Rectangle(width=config.frame_width + 1, height=config.frame_height + 1, stroke_width=0)
    cover.set_fill(theme.background, 1)
    scene.play(FadeIn(cover), run_time=run_time)
    scene.clear()


class Fade(Animation):
    """Fade ``mobject`` in (or out) by scaling its own opacities, restored afterwards.

    Manim's FadeIn/FadeOut are Transforms: each copies the mobject two or three times and aligns their points
    (about 60 ms for a caption, far more for a matrix). This scales the alpha channels in place: no copies.
    Opacities a mobject already had (a dimmed arc at 0.3) are kept as the end point of a fade in.
    """

    def __init__(self, mobject: Mobject, fade_in: bool = True, **kwargs) -> None:
        self.fade_in = fade_in
        super().__init__(mobject, introducer=fade_in, remover=not fade_in, **kwargs)

    def begin(self) -> None:
        self._alphas = [
            (m, m.fill_rgbas[:, 3].copy(), m.stroke_rgbas[:, 3].copy())
            for m in self.mobject.get_family()
            if isinstance(m, VMobject) and len(m.fill_rgbas) and len(m.stroke_rgbas)
        ]
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        return self.mobject  # nothing to interpolate from: opacities are scaled in place

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        level = t if self.fade_in else 1.0 - t
        for mob, fill, stroke in self._alphas:
            mob.fill_rgbas[:, 3] = fill * level
            mob.stroke_rgbas[:, 3] = stroke * level

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        for mob, fill, stroke in self._alphas:  # a faded-out mobject keeps its look for later use
            mob.fill_rgbas[:, 3] = fill
            mob.stroke_rgbas[:, 3] = stroke
