"""Chapter 9, real-model: a trained model's pieces, all its heads for this sentence, a few of them up close, and the
focus word's row layer by layer."""

from __future__ import annotations

import math
import unicodedata

from manim import DOWN, RIGHT, UP, Create, FadeIn, Group, Line, VGroup

from scenes.components.base import ChapterScene
from scenes.components.gallery import ColorGrid, HeadGallery
from scenes.components.heatmap import Heatmap
from scenes.components.layout import caption_top, fit, frame_box, is_portrait
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
        pieces = self._beat_pieces()
        gallery = self._beat_gallery(pieces)
        self._beat_layers(self._beat_heads(gallery))
        self.state("gallery", "rm.close", hold=3.0)
        curtain(self, self.theme)

    def source_line(self):
        """The model and its size (every head is shown here, so no single layer or head)."""
        v = self.data.claim("gallery").values
        bits = self.t("source.bits") if v["quantized"] else ""
        words = self.t("rm.source", model=v["model"], bits=bits, layers=v["layers"], heads=v["heads"])
        return fit(label(words, self.theme, 22, color=self.theme.muted), width=frame_box()[0], height=0.4)

    def _area(self) -> tuple[float, float]:
        """Top and bottom of the diagram's room: below the title, above the caption (up to four lines in portrait)."""
        return self.title_mob.get_bottom()[1] - 0.3, caption_top(4 if is_portrait() else None)

    # -- beats ---------------------------------------------------------------------------------------------
    def _beat_pieces(self) -> VGroup:
        """The sentence's words above, the model's pieces below, a line from each piece to the word(s) it is in;
        as many such pairs of rows as it takes for the words to stay readable (a portrait frame needs several)."""
        a, th = self.data.attention, self.theme
        top, bottom = self._area()
        lines = VGroup()
        for words_at, pieces_at in _lines(a.membership, a.pieces, _word_widths(a), frame_box()[0] / 0.7):
            words = TokenRow(tuple(a.words[w] for w in words_at), th, 28)
            pieces = TokenRow(tuple(a.pieces[i].text for i in pieces_at), th, 24)
            for k, i in enumerate(pieces_at):
                if a.pieces[i].special:
                    pieces.words[k].set_color(th.muted)
            pair = VGroup(words, pieces).arrange(DOWN, buff=1.0)
            pair.add(
                VGroup(
                    *[
                        Line(pieces.boxes[k].get_top(), words.boxes[j].get_bottom(), stroke_width=2.5).set_stroke(
                            th.accent, opacity=0.35 + 0.65 * float(a.membership[i, w])
                        )
                        for k, i in enumerate(pieces_at)
                        for j, w in enumerate(words_at)
                        if a.membership[i, w] > 0
                    ]
                )
            )
            lines.add(pair)
        lines.arrange(DOWN, buff=0.6)
        fit(lines, width=frame_box()[0], height=top - bottom - 0.2, grow=None).move_to(UP * (top + bottom) / 2)
        self.play(*[FadeIn(pair[0], lag_ratio=0.1) for pair in lines], run_time=1.0)
        self.play(
            *[anim for pair in lines for anim in (FadeIn(pair[1], lag_ratio=0.05), Create(pair[2], lag_ratio=0.05))],
            run_time=1.5,
        )
        claim = self.data.claim("pieces")
        sep = "、" if self.lang == "zh" else "; "
        split = sep.join(
            f"{_quote(w, self.lang)} = {p}"
            for w, p in zip(claim.values["split"], claim.values["split_pieces"], strict=True)
        )
        self.state("pieces", "rm.pieces", hold=3.5, split_list=split)
        return lines

    def _beat_gallery(self, before: VGroup) -> HeadGallery:
        """Every head at once, centred, as ``before`` leaves; it then steps aside (landscape) or up (portrait) for
        the zoomed heads."""
        top, bottom = self._area()
        whole = self._gallery(frame_box()[0], top - bottom).move_to([0, (top + bottom) / 2, 0])
        self.play(Fade(before, fade_in=False), FadeIn(whole), run_time=1.5)
        self.state("gallery", "rm.gallery", hold=3.5)
        if is_portrait():  # it makes room for the zoomed heads: the top 45 % in portrait, the left 48 % in landscape
            gallery = self._gallery(frame_box()[0], 0.45 * (top - bottom))
            gallery.move_to([0, top - gallery.height / 2, 0])
        else:
            gallery = self._gallery(0.48 * frame_box()[0], top - bottom)
            gallery.move_to([-frame_box()[0] / 2 + gallery.width / 2, (top + bottom) / 2, 0])
        self.play(Fade(whole, fade_in=False), Fade(gallery), run_time=0.8)
        return gallery

    def _gallery(self, width: float, height: float) -> HeadGallery:
        return HeadGallery(
            self.words_view, self.theme, width, height, self.t("rm.axis.layer"), self.t("rm.axis.head")
        )

    def _beat_heads(self, gallery: HeadGallery) -> Group:
        """Each head the data singles out: framed in the gallery, then its word heatmap beside it; returns what is
        still on screen."""
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
            heat = Heatmap(
                self.words_view[layer, head],
                self.data.tokens,
                self.theme,
                *box,
                special=self.special[layer, head],
                special_label=names,
            )
            heat.move_to(centre)
            title = label(
                text(self.lang, "rm.head_title", layer=claim.values["layer"], head=claim.values["head"]),
                self.theme,
                22,
                color=self.theme.accent,
            ).next_to(heat, UP, buff=0.1)
            anims = [Fade(m, fade_in=False) for m in shown]
            self.play(Create(frame), *anims, run_time=0.6)
            self.play(Fade(heat), Fade(title), run_time=0.8)
            self.state(claim.topic, "rm.head", hold=3.5)
            if claim.values["pattern"] == "focus_link":
                self.mark_poster()
            shown = Group(frame, heat, title)
        return Group(gallery, shown)

    def _beat_layers(self, before: Group) -> None:
        """The focus word's row in every layer (mean of the layer's heads), with its special-token share; the words
        the claim names are framed over the first and the last third of the layers. ``before`` leaves as it comes;
        the grid stays for the closing caption."""
        rows = self.data.layer_rows()
        cols = [*self.data.tokens, " ".join(p.text for p in self.data.attention.pieces if p.special)]
        grid = ColorGrid(rows, [text(self.lang, "rm.layer", k=k + 1) for k in range(len(rows))], cols, self.theme)
        focus = label(text(self.lang, "rm.focus_row", word=self.data.tokens[self.data.focus]), self.theme, 24)
        group = VGroup(focus, grid).arrange(DOWN, buff=0.3)
        top, bottom = self._area()
        fit(group, width=frame_box()[0], height=top - bottom, grow=None).move_to(UP * (top + bottom) / 2)
        self.play(Fade(before, fade_in=False), Fade(focus), FadeIn(grid.row_labels), FadeIn(grid.col_labels))
        claim = self.state("layers", "rm.layers")
        self.play(FadeIn(grid.cells, lag_ratio=0.01, shift=0.1 * RIGHT), run_time=1.5)
        third, layers = claim.values["third"], claim.values["layers"]
        frames = VGroup(
            *[
                grid.frame(span, k, self.theme.accent)
                for part, span in (("early", range(third)), ("late", range(layers - third, layers)))
                for k in claim.evidence[f"{part}_keys"]
            ]
        )
        self.play(Create(frames), run_time=0.8)
        self.remove(focus, *grid.submobjects)
        self.add(group)  # one mobject again, for the curtain and for tests reading the grid back
        self.wait(3.0)


def _word_widths(a) -> list[float]:
    """About the width (scene units, before fitting) a word takes in its line: its box or its pieces' boxes."""

    def box(t: str) -> float:
        return 0.3 + 0.18 * sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in t)

    content = [i for i, p in enumerate(a.pieces) if not p.special]
    return [
        max(box(w), sum(box(a.pieces[i].text) + 0.18 for i in content if a.membership[i, k] > 0))
        for k, w in enumerate(a.words)
    ]


def _lines(membership, pieces, widths: list[float], width: float) -> list[tuple[list[int], list[int]]]:
    """Words cut into as few lines of about equal width as keep each near ``width``, only where no piece spans the
    cut; each line with the pieces in its words (special pieces go to the first and the last line). Layout only."""
    content = [i for i, p in enumerate(pieces) if not p.special]
    n = len(widths)
    joined = {w for i in content for w in range(n - 1) if membership[i, w] > 0 and membership[i, w + 1] > 0}
    count = math.ceil(sum(widths) / width)
    target = sum(widths) / count  # lines of about equal width
    cuts, run = [], 0.0
    for w in range(n):
        if run and run + widths[w] / 2 > target and (w - 1) not in joined and len(cuts) < count - 1:
            cuts.append(w)
            run = 0.0
        run += widths[w]
    bounds = [0, *cuts, n]
    out = []
    for k in range(len(bounds) - 1):
        words = list(range(bounds[k], bounds[k + 1]))
        own = [i for i in content if min(w for w in range(n) if membership[i, w] > 0) in words]
        first = [i for i, p in enumerate(pieces) if p.special and i < min(content, default=0)] if k == 0 else []
        last = (
            [i for i, p in enumerate(pieces) if p.special and i > max(content, default=0)]
            if k == len(bounds) - 2
            else []
        )
        out.append((words, first + own + last))
    return out


def _quote(word: str, lang: str) -> str:
    return f"「{word}」" if lang == "zh" else f'"{word}"'
