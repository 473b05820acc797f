"""The base of every chapter scene: it receives its data, sets the theme and owns the caption."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manim import DOWN, FadeIn, Scene, VGroup

from attention_core import ChapterData, Claim
from scenes.kit.caption import Caption
from scenes.kit.layout import camera_shift, fit, frame_box, safe_rect
from scenes.kit.text import label
from scenes.kit.theme import Theme
from scenes.strings import LANGS, claim_text, source_text, text
from scenes.strings.claims import claim_fields

__all__ = ["ByLang", "ChapterInput", "ChapterScene"]


@dataclass(frozen=True)
class ByLang:
    """A caption value that depends on the language (a list joined by 、 or commas, a quoted word): ``make(lang)``."""

    make: Callable[[str], object]


def _in(lang: str, values: dict[str, object]) -> dict[str, object]:
    """``values`` with each :class:`ByLang` made for ``lang``."""
    return {k: v.make(lang) if isinstance(v, ByLang) else v for k, v in values.items()}


@dataclass(frozen=True)
class ChapterInput:
    """What a chapter shows: its data computed by attention_core, the caption language and the theme."""

    data: ChapterData
    lang: str
    theme: Theme


class ChapterScene(Scene):
    """A chapter: ``construct`` is a handful of ``_beat_*`` calls; captions come from ``scenes.strings``.

    A caption that states a fact about the data is made from one of the data's claims (:meth:`state`); the
    others (:meth:`say`) only narrate. ``stated`` lists the claims in the order the captions stated them.
    """

    title_key = ""  # caption key of the chapter title shown at the top

    def __init__(self, chapter: ChapterInput, **kwargs) -> None:
        self.data = chapter.data
        self.theme = chapter.theme
        self.lang = chapter.lang
        self.stated: list[Claim] = []
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = self.theme.background
        self.camera.frame_center = np.array([camera_shift(), 0.0, 0.0])  # 9:16: x = 0 is the safe area's middle
        self.caption = Caption(self, self.theme)
        self.poster_time: float | None = None

    def _beat_title(self) -> None:
        """The chapter title at the top edge, shrunk to fit a narrow (9:16) frame; under it, where the weights come
        from when the chapter shows word attention (model, layer, head, 4-bit; or the designed lexicon)."""
        title = fit(label(self.t(self.title_key), self.theme, 34), height=0.8)
        source = self.source_line()
        if source is not None:
            title = VGroup(title, source).arrange(DOWN, buff=0.12)
        self.title_mob = title.move_to([0, safe_rect().top - title.height / 2, 0])
        self.play(FadeIn(self.title_mob, shift=0.2 * DOWN))

    def source_line(self):
        """One muted line naming the source of the word attention, made from the data's head claim; None when
        the chapter has no word attention."""
        attention = getattr(self.data, "attention", None)
        if attention is None:
            return None
        view = None if attention.model == "lexicon" else self.data.claim("view").values
        words = source_text(self.lang, view)
        return fit(label(words, self.theme, 22, color=self.theme.muted), width=frame_box()[0], height=0.4)

    def state_source(self, hold: float = 2.0) -> None:
        """For a trained model's weights: which view and why; then, with an expected word, how many heads agree and
        what the others favour; else how the other heads differ (all from claims)."""
        attention = getattr(self.data, "attention", None)
        if attention is None or attention.model == "lexicon":
            return
        view = self.state("view", "view", hold=hold)
        if view.values["rule"] == "varied" and view.values["sinks"] and not view.values["all_sinks"]:
            self.state("view", "view.sinks", hold=hold, exact_key=True)
        if view.values["reads_to_focus"]:
            row = self.data.claim("focus_row")  # its asker is named with its position when the window repeats it
            self.say("reads_to_focus", hold=1.5, w0=ByLang(lambda lang: claim_fields(row, lang)["w0"]))
        if self.data.has_claim("expect"):
            expect = self.state("expect", "expect", hold=hold + 1.0)
            if expect.values["agree"] < expect.values["total_heads"]:
                others = "expect.others" if expect.values["instead"] else "expect.others.tied"
                self.state("expect", others, hold=hold, exact_key=True)
        elif self.data.has_claim("heads"):  # with one candidate word there is nothing for heads to differ on
            self.state("heads", "heads.agree", hold=hold)

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
        """Show narrating caption ``key`` and keep the frame still for ``hold`` seconds so it can be read.

        A value that depends on the language is a :class:`ByLang`; it is called for each language's subtitles."""
        self._caption(lambda lang: text(lang, key, **_in(lang, values)))
        if hold:
            self.wait(hold)

    def state(self, topic: str, key: str, hold: float = 0.0, exact_key: bool = False, **extra: object) -> Claim:
        """Show caption ``key`` made from the data's claim about ``topic``; return the claim."""
        claim = self.data.claim(topic)
        self._caption(lambda lang: claim_text(lang, key, claim, exact_key, **_in(lang, extra)))
        self.stated.append(claim)
        if hold:
            self.wait(hold)
        return claim

    def _caption(self, make: Callable[[str], str]) -> None:
        """Show ``make(lang)`` as the caption; log it in every other language for their subtitle tracks."""
        self.caption.say(make(self.lang), other={lang: make(lang) for lang in LANGS if lang != self.lang})

    def state_window(self, hold: float = 2.5) -> None:
        """When the chapter shows a window of a long sentence, say which words, before anything else."""
        if self.data.has_claim("window"):
            self.state("window", "window", hold=hold)
