"""Build a chapter scene at tiny resolution and record every mobject it ever put on screen."""

from __future__ import annotations

import re

from manim import Mobject, Text, tempconfig

from pipeline.scene_runner import TEXT_CACHE
from scenes.kit import manim_speedups
from scenes.kit.text import fmt, share_text_cache

DECIMAL = re.compile(r"−?\d+\.\d+")


def build_scene(scene_cls, data, tmp_path, aspect=(16, 9), draw=True, shots=None) -> tuple[object, list[Mobject]]:
    """Run ``construct`` with animations skipped (no frames written); return the scene and all it showed.

    ``draw=False`` also skips drawing the still frame Manim renders at each play and wait (no pixels are kept
    either way), which makes a build of a chapter with many static mobjects about a third faster (worked-example:
    6.4 s drawn, 4.2 s not). ``shots``, a list, receives a :func:`tests.layout_checks.snapshot` of the screen after
    every caption change.
    """
    shown: list[Mobject] = []

    class Probe(scene_cls):
        def setup(self):
            super().setup()
            if not draw:
                self.renderer.update_frame = lambda *args, **kwargs: None
            if shots is not None:
                from tests.layout_checks import snapshot

                say = self.caption.say

                def say_and_measure(text: str, run_time: float = 0.5, **kwargs) -> None:
                    say(text, run_time, **kwargs)
                    shots.append(snapshot(self, text))

                self.caption.say = say_and_measure

        def add(self, *mobjects):
            shown.extend(mobjects)
            return super().add(*mobjects)

        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            shown.extend(self.mobjects)

    w, h = aspect
    cfg = {
        "pixel_width": 16 * w,
        "pixel_height": 16 * h,
        "frame_rate": 5,
        "frame_height": 8.0 if w >= h else 8.0 * h / w,
        "frame_width": 8.0 * w / h if w >= h else 8.0,
        "media_dir": str(tmp_path),
        "write_to_movie": False,
        "save_last_frame": False,
        "skip_animations": True,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "ERROR",
    }
    share_text_cache(TEXT_CACHE)  # the texts renders built (pickled), as a render reads them
    manim_speedups.install()  # and drawn as a render draws them
    with tempconfig(cfg):
        scene = Probe(data)
        scene.render()
    return scene, shown


def family(mobjects: list[Mobject]) -> list[Mobject]:
    """Every mobject and submobject, each once."""
    seen: dict[int, Mobject] = {}
    for m in mobjects:
        for sub in m.get_family():
            seen.setdefault(id(sub), sub)
    return list(seen.values())


def texts(mobjects: list[Mobject]) -> list[str]:
    """The strings of every Text shown."""
    return [m.text for m in family(mobjects) if isinstance(m, Text)]


def decimals_on_screen(mobjects: list[Mobject]) -> set[str]:
    """Every decimal number written anywhere on screen (cells, captions, expressions)."""
    return {n for t in texts(mobjects) for n in DECIMAL.findall(t)}


def formatted(values, decimals=(1, 2)) -> set[str]:
    """``values`` written as the scene writes numbers."""
    return {fmt(float(v), d) for v in values for d in decimals}


def stated_numbers(scene) -> set[str]:
    """Every decimal the scene's stated claims hold (sums of the written numbers, a weight written 0.00…).

    Claims are checked against the data by their own tests; here they only vouch for the numbers they state.
    """
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            found.update(DECIMAL.findall(value.replace("-", "−")))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    for claim in scene.stated:
        walk(claim.values)
    return found


__all__ = ["build_scene", "decimals_on_screen", "family", "formatted", "stated_numbers", "texts"]


def build_chapter(
    chapter_id: str, sentence: str | None, lang: str, tmp_path, aspect=(16, 9), draw: bool = True, shots=None
):
    """Compute the chapter's data for ``sentence`` and build its scene; return (data, scene, shown)."""
    from scenes import ChapterInput, get_chapter
    from scenes.kit.theme import THEMES

    chapter = get_chapter(chapter_id)
    data = chapter.data(sentence, None)
    chapter_input = ChapterInput(data, lang, THEMES["dark"])
    scene, shown = build_scene(chapter.scene_class, chapter_input, tmp_path, aspect, draw, shots)
    return data, scene, shown
