"""Chapter 9, real-model: a trained model's pieces, all its heads for this sentence, a few of them up close, and the
focus word's row layer by layer."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Create, FadeIn, Group, Line, VGroup

from scenes.components.base import ChapterScene
from scenes.components.gallery import ColorGrid, HeadGallery
from scenes.components.heatmap import Heatmap
from scenes.components.layout import fit, frame_box, is_portrait
from scenes.components.reading_row import caption_top
from scenes.components.text import label
from scenes.components.tokens import TokenRow
from scenes.components.transitions import Fade, curtain
from scenes.strings import text

__all__ = ["ShowRealHeads"]


class ShowRealHeads(ChapterScene):
    """Words → pieces; the gallery of every head; the heads whose patterns the data shows; the layers."""

    title_key = "rm.title"

    def construct(self) -> None:
        self.words_view, self.special = self.data.views()
        self._beat_title()
        self.state_window()
        if self.data.has_claim("auto_focus"):
            self.state("auto_focus", "auto_focus", hold=2.0)
        self._beat_pieces()
        gallery = self._beat_gallery()
        self._beat_heads(gallery)
        self._beat_layers()
        self.state("gallery", "rm.close", hold=3.0)
        curtain(self, self.theme)

    def source_line(self):
        """The model and its size (every head is shown here, so no single layer or head)."""
        v = self.data.claim("gallery").values
        bits = self.t("source.bits") if v["quantized"] else ""
        words = self.t("rm.source", model=v["model"], bits=bits, layers=v["layers"], heads=v["heads"])
        return fit(label(words, self.theme, 22, color=self.theme.muted), width=frame_box()[0], height=0.4)

    def _area(self) -> tuple[float, float]:
        return self.title_mob.get_bottom()[1] - 0.3, caption_top()

    # -- beats ---------------------------------------------------------------------------------------------
    def _beat_pieces(self) -> None:
        """The sentence's words above, the model's pieces below, a line from each piece to the word(s) it is in."""
        a, th = self.data.attention, self.theme
        words = TokenRow(a.words, th, 28)
        pieces = TokenRow(tuple(p.text for p in a.pieces), th, 24)
        for k, p in enumerate(a.pieces):
            if p.special:
                pieces.words[k].set_color(th.muted)
        group = VGroup(words, pieces).arrange(DOWN, buff=1.3)
        links = VGroup(*[Line(pieces.boxes[i].get_top(), words.boxes[w].get_bottom(), stroke_width=2.5)
                         .set_stroke(th.accent, opacity=0.35 + 0.65 * float(a.membership[i, w]))
                         for i in range(len(a.pieces)) for w in range(len(a.words)) if a.membership[i, w] > 0])
        group.add(links)
        top, bottom = self._area()
        fit(group, width=frame_box()[0], height=top - bottom).move_to(UP * (top + bottom) / 2)
        self.play(FadeIn(words, lag_ratio=0.1), run_time=1.0)
        self.play(FadeIn(pieces, lag_ratio=0.05), Create(links, lag_ratio=0.05), run_time=1.5)
        claim = self.data.claim("pieces")
        sep = "、" if self.lang == "zh" else "; "
        split = sep.join(f"{_quote(w, self.lang)} = {p}" for w, p in zip(claim.values["split"],
                                                                          claim.values["split_pieces"], strict=True))
        self.state("pieces", "rm.pieces", hold=3.5, split_list=split)
        self.play(Fade(group, fade_in=False))

    def _beat_gallery(self) -> HeadGallery:
        """Every head at once, centred; it then steps aside (landscape) or up (portrait) for the zoomed heads."""
        top, bottom = self._area()
        width = frame_box()[0] if is_portrait() else frame_box()[0] * 0.48
        height = (top - bottom) * (0.5 if is_portrait() else 1.0)
        gallery = HeadGallery(self.words_view, self.theme, width, height, self.t("rm.axis.layer"),
                              self.t("rm.axis.head"))  # fmt: skip
        gallery.move_to([0, (top + bottom) / 2, 0])
        self.play(FadeIn(gallery), run_time=1.5)
        self.state("gallery", "rm.gallery", hold=3.5)
        if is_portrait():
            self.play(gallery.animate.move_to([0, top - gallery.height / 2, 0]), run_time=0.8)
        else:
            self.play(gallery.animate.move_to([-frame_box()[0] / 2 + gallery.width / 2, (top + bottom) / 2, 0]),
                      run_time=0.8)  # fmt: skip
        return gallery

    def _beat_heads(self, gallery: HeadGallery) -> None:
        """Each head the data singles out: framed in the gallery, then its word heatmap beside it."""
        top, bottom = self._area()
        title_room = 0.45
        if is_portrait():
            upper = gallery.get_bottom()[1] - 0.2 - title_room
            box = (frame_box()[0], upper - bottom)
            centre = [0, (upper + bottom) / 2, 0]
        else:
            left = gallery.get_right()[0] + 0.3
            box = (frame_box()[0] / 2 - left, top - title_room - bottom)
            centre = [(left + frame_box()[0] / 2) / 2, (top - title_room + bottom) / 2, 0]
        names = " ".join(p.text for p in self.data.attention.pieces if p.special)
        shown = Group()
        for claim in (c for c in self.data.claims if c.kind == "head_pattern"):
            layer, head = claim.evidence["layer_index"], claim.evidence["head_index"]
            frame = gallery.head_box(layer, head, self.theme.accent)
            heat = Heatmap(self.words_view[layer, head], self.data.tokens, self.theme, *box,
                           special=self.special[layer, head], special_label=names)  # fmt: skip
            heat.move_to(centre)
            title = label(text(self.lang, "rm.head_title", layer=claim.values["layer"], head=claim.values["head"]),
                          self.theme, 22, color=self.theme.accent).next_to(heat, UP, buff=0.1)  # fmt: skip
            anims = [Fade(m, fade_in=False) for m in shown]
            self.play(Create(frame), *anims, run_time=0.6)
            self.play(Fade(heat), Fade(title), run_time=0.8)
            self.state(claim.topic, "rm.head", hold=3.5)
            if claim.values["pattern"] == "focus_link":
                self.mark_poster()
            shown = Group(frame, heat, title)
        self.play(Fade(Group(gallery, shown), fade_in=False))

    def _beat_layers(self) -> None:
        """The focus word's row in every layer (mean of the layer's heads), with its special-token share."""
        rows = self.data.layer_rows()
        cols = [*self.data.tokens, " ".join(p.text for p in self.data.attention.pieces if p.special)]
        grid = ColorGrid(rows, [text(self.lang, "rm.layer", k=k + 1) for k in range(len(rows))], cols, self.theme)
        focus = label(text(self.lang, "rm.focus_row", word=self.data.tokens[self.data.focus]), self.theme, 24)
        group = VGroup(focus, grid).arrange(DOWN, buff=0.3)
        top, bottom = self._area()
        fit(group, width=frame_box()[0], height=top - bottom, grow=1.4).move_to(UP * (top + bottom) / 2)
        self.play(Fade(focus), FadeIn(grid.row_labels), FadeIn(grid.col_labels))
        self.play(FadeIn(grid.cells, lag_ratio=0.01, shift=0.1 * RIGHT), run_time=1.5)
        self.state("layers", "rm.layers", hold=4.0)
        self.play(Fade(group, fade_in=False))


def _quote(word: str, lang: str) -> str:
    return f"「{word}」" if lang == "zh" else f'"{word}"'
