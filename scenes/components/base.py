"""The base of every chapter scene: it receives its data, sets the theme and owns the caption."""

from __future__ import annotations

from dataclasses import dataclass

from manim import DOWN, UP, FadeIn, Scene

from attention_core import AttentionTrace
from scenes.components.caption import Caption
from scenes.components.layout import fit
from scenes.components.text import label
from scenes.components.theme import Theme
from scenes.strings import text

__all__ = ["ChapterInput", "ChapterScene"]


@dataclass(frozen=True)
class ChapterInput:
    """What a chapter shows: a trace computed by attention_core, the caption language and the theme."""

    trace: AttentionTrace
    lang: str
    theme: Theme


class ChapterScene(Scene):
    """A chapter: ``construct`` is a handful of ``_beat_*`` calls; captions come from ``scenes.strings``."""

    chapter_id = ""
    title_key = ""  # caption key of the chapter title shown at the top

    def __init__(self, data: ChapterInput, **kwargs) -> None:
        self.data = data
        self.trace = data.trace
        self.theme = data.theme
        self.lang = data.lang
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = self.theme.background
        self.caption = Caption(self, self.theme)
        self.poster_time: float | None = None

    def _beat_title(self) -> None:
        """The chapter title at the top edge, shrunk to fit a narrow (9:16) frame."""
        self.title_mob = fit(label(self.t(self.title_key), self.theme, 34), height=0.8).to_edge(UP, buff=0.3)
        self.play(FadeIn(self.title_mob, shift=0.2 * DOWN))

    def mark_poster(self) -> None:
        """Remember this moment as the chapter's representative frame (poster and PNG output)."""
        self.poster_time = self.renderer.time

    def t(self, key: str, **values: object) -> str:
        """Caption text ``key`` in this chapter's language."""
        return text(self.lang, key, **values)

    def settle(self, mob) -> None:
        """Swap the pieces of ``mob`` that were animated in one by one for ``mob`` itself, so it moves as one."""
        self.discard(mob)
        self.add(mob)

    def discard(self, mob) -> None:
        """Take ``mob`` off screen with every piece of it, even pieces a partial FadeOut left standing alone."""
        self.remove(*mob.get_family())

    def say(self, key: str, hold: float = 0.0, **values: object) -> None:
        """Show caption ``key`` and keep the frame still for ``hold`` seconds so it can be read."""
        self.caption.say(self.t(key, **values))
        if hold:
            self.wait(hold)
