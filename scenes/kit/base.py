"""The base of every chapter scene: it receives its data, sets the theme and owns the caption."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DOWN, FadeIn, Scene, VGroup

from attention_core import ChapterData, Claim
from scenes.kit.caption import Caption
from scenes.kit.layout import camera_shift, fit, frame_box, safe_rect
from scenes.kit.text import label
from scenes.kit.theme import Theme
from scenes.strings import claim_text, text
from scenes.strings.claims import claim_fields

__all__ = ["ChapterInput", "ChapterScene"]


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
        if attention.model == "lexicon":
            words = self.t("source.lexicon")
        else:
            v = self.data.claim("view").values
            bits = self.t("source.bits") if v["quantized"] else ""
            key = {"head": "source.model", "mean": "source.mean", "rollout": "source.rollout"}[v["view"]]
            one = v["view"] == "mean" and v["first_layer"] == v["last_layer"]
            words = self.t(key + (".one" if one else ""), **{**v, "bits": bits})
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
            self.say("reads_to_focus", hold=1.5, w0=claim_fields(row, self.lang)["w0"])
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
        """Show narrating caption ``key`` and keep the frame still for ``hold`` seconds so it can be read."""
        self.caption.say(self.t(key, **values))
        if hold:
            self.wait(hold)

    def state(self, topic: str, key: str, hold: float = 0.0, exact_key: bool = False, **extra: object) -> Claim:
        """Show caption ``key`` made from the data's claim about ``topic``; return the claim."""
        claim = self.data.claim(topic)
        self.caption.say(claim_text(self.lang, key, claim, exact_key, **extra))
        self.stated.append(claim)
        if hold:
            self.wait(hold)
        return claim

    def state_window(self, hold: float = 2.5) -> None:
        """When the chapter shows a window of a long sentence, say which words, before anything else."""
        if self.data.has_claim("window"):
            self.state("window", "window", hold=hold)
