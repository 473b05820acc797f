"""Chapter 1, intuition: reading a sentence, the focus word looks back at the earlier words, weighted."""

from __future__ import annotations

from manim import DOWN, FadeIn, Group, LaggedStart, Rectangle, ReplacementTransform, VGroup

from attention_core import highlighted
from scenes.diagrams.reading_row import ReadingRow, fit_between
from scenes.diagrams.recall import RecallView
from scenes.kit.base import ChapterScene
from scenes.kit.layout import caption_top, is_portrait
from scenes.kit.transitions import Fade

__all__ = ["ShowSelectiveRecall"]

UNREAD = 0.25  # opacity of the words not read yet: the sentence is there, the reader has not reached them


class ShowSelectiveRecall(ChapterScene):
    """The sentence is read word by word; at the focus word, arcs weighted by its (causal) attention go back."""

    title_key = "in.title"

    def construct(self) -> None:
        self._beat_title()
        self.state_window()
        self._beat_read()
        self._beat_pause()
        self._beat_arcs()
        self._beat_strongest()
        self._beat_close()

    def _beat_read(self) -> None:
        """The sentence stands dimmed, not yet read; word by word a cursor reads it up to the focus word."""
        r = self.data
        self.row = ReadingRow(r.tokens, self.theme, size=34 if is_portrait() else 32)
        self.recall = RecallView(self.row, r, self.theme)  # built now so words and arcs are placed together
        fit_between(VGroup(self.row, self.recall), self.title_mob.get_bottom()[1] - 0.3, caption_top())
        self.unread = {i: self.row.item(i).copy().set_opacity(UNREAD) for i in range(len(r.tokens))}
        self.play(FadeIn(VGroup(*self.unread.values()), lag_ratio=0.05), run_time=0.8)
        self.say("in.read")
        cursor = self._cursor(0)
        self.play(self._read(0), Fade(cursor), run_time=0.5)
        for i in range(1, r.focus + 1):
            self.play(cursor.animate.move_to(self._cursor(i)), self._read(i), run_time=0.4)
        self.play(Fade(cursor, fade_in=False), run_time=0.3)

    def _read(self, i: int) -> ReplacementTransform:
        """Word ``i`` turns from unread (dimmed) to read."""
        return ReplacementTransform(self.unread.pop(i), self.row.item(i))

    def _cursor(self, i: int) -> Rectangle:
        box = self.row.boxes[i]
        bar = Rectangle(width=box.width, height=0.07 * self.row.unit, stroke_width=0)
        return bar.set_fill(self.theme.accent, 1).next_to(box, DOWN, buff=0.06 * self.row.unit)

    def _beat_pause(self) -> None:
        r = self.data
        if r.auto_focus:
            self.state("auto_focus", "auto_focus", hold=2.5)
        self.play(self.recall.mark_focus())
        self.say("in.pause", hold=3.0, word=r.focus_word)
        self.state_source()

    def _beat_arcs(self) -> None:
        r = self.data
        self.say("in.arcs.window" if r.window.partial else "in.arcs", word=r.focus_word)
        self.play(self.recall.animate_in(), run_time=2.5)
        self.settle(self.recall)
        self.wait(3.0)
        self.state("self_share", "in.self_share", hold=2.5)

    def _beat_strongest(self) -> None:
        """Light what the focus row says: its strongest word, the tied words, or itself and the runners-up."""
        row = self.data.claim("focus_row")
        lit = self.recall.highlight(highlighted(row), own=row.kind == "self")
        if lit:
            self.play(*lit, run_time=1.2)
        self.state("focus_row", "in.best")
        self.mark_poster()
        self.wait(3.5)

    def _beat_close(self) -> None:
        """The rest of the sentence is read; the recall stays in view under the closing line."""
        rest = [self._read(i) for i in range(self.data.focus + 1, len(self.data.tokens))]
        if rest:
            self.play(LaggedStart(*rest, lag_ratio=0.2), run_time=1.0)
        self.say("in.close", hold=4.5)
        self.play(Fade(Group(*self.mobjects), fade_in=False))
