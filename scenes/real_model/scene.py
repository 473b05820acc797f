"""Chapter 9, real-model: a trained model's pieces, all its heads for this sentence grouped by what they do, a few
of them up close, and all of them together: the mean of each layer's heads and attention rollout."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, Group, VGroup

from attention_core import Claim
from attention_core.models.head_groups import GROUPS
from scenes.diagrams.heatmap import Heatmap
from scenes.kit.base import ByLang, ChapterScene
from scenes.kit.layout import caption_top, fit, frame_box, is_portrait
from scenes.kit.text import label
from scenes.kit.transitions import Fade, curtain
from scenes.real_model.gallery import ColorGrid, HeadGallery
from scenes.real_model.piece_map import PieceMap
from scenes.strings import text
from scenes.strings.claims import claim_fields

__all__ = ["ShowRealHeads"]

SPLITS_SAID = 2  # split words the pieces caption spells out (the picture shows them all)


class ShowRealHeads(ChapterScene):
    """Words → pieces; the gallery of every head; its groups; the heads the data singles out; the layers."""

    title_key = "rm.title"

    def construct(self) -> None:
        self.words_view, self.special = self.data.views()
        self._beat_title()
        self.state_window()
        if self.data.has_claim("auto_focus"):
            self.state("auto_focus", "auto_focus", hold=2.0)
        pieces = self._beat_pieces()
        gallery = self._beat_gallery(pieces)
        shown = self._beat_groups(gallery)
        shown = self._beat_focus_link(gallery, shown)
        shown = self._beat_chosen(gallery, shown)
        means = self._beat_layer_means(Group(gallery, shown))
        self._beat_layers(means)
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
        """The words, the model's pieces, which piece belongs to which word."""
        top, bottom = self._area()
        lines = PieceMap(self.data.attention, self.theme, frame_box()[0] / 0.7)
        fit(lines, width=frame_box()[0], height=top - bottom - 0.2, grow=None).move_to(UP * (top + bottom) / 2)
        self.play(*[FadeIn(pair[0], lag_ratio=0.1) for pair in lines], run_time=1.0)
        self.play(
            *[anim for pair in lines for anim in (FadeIn(pair[1], lag_ratio=0.05), Create(pair[2], lag_ratio=0.05))],
            run_time=1.5,
        )
        claim = self.data.claim("pieces")
        v = claim.values
        self.state("pieces", "rm.pieces", hold=3.5, split_list=ByLang(lambda lang: _split_list(v, lang)))
        if v["crossing"]:
            self.state("pieces", "rm.crossing", hold=2.5, exact_key=True)
        if v["empty"]:
            self.state("pieces", "rm.empty", hold=2.5, exact_key=True)
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

    def _beat_groups(self, gallery: HeadGallery) -> Group:
        """The heads grouped by what they do: the counts, then each group framed in the gallery with its exemplar
        up close."""
        if not self.data.has_claim("groups"):
            return Group()
        counts = self._group_counts(gallery)
        self.play(FadeIn(counts, lag_ratio=0.1), run_time=1.0)
        self.state("groups", "rm.groups", hold=4.0)
        group = self.data.grouping().group
        shown = Group(counts)
        for name in GROUPS[:-1]:
            if not self.data.has_claim(f"group:{name}"):
                continue
            claim = self.data.claim(f"group:{name}")
            members = gallery.head_boxes(group == GROUPS.index(name), self.theme.muted)
            shown = self._zoom(gallery, claim, "rm.group", shown, members)
        return shown

    def _group_counts(self, gallery: HeadGallery) -> VGroup:
        """Every group's name and count as a table in the room beside (below) the gallery, from the groups claim."""
        claim = self.data.claim("groups")
        counts = claim.values["counts"]
        word = claim_fields(claim, self.lang)["w0"]  # with its position when the words shown repeat it
        rows = VGroup()
        for name in GROUPS:
            tag = label(self.t(f"rm.group_name.{name}", w0=word), self.theme, 24)
            number = label(str(counts[name]), self.theme, 24, color=self.theme.accent if counts[name] else None)
            rows.add(VGroup(tag, number))
        for tag, number in rows:
            number.next_to(tag, RIGHT, buff=0.3)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        width = max(r[0].width for r in rows)
        for _tag, number in rows:
            number.set_x(rows.get_left()[0] + width + 0.6, LEFT)
        heat = self._heatmap(self.words_view[0, 0], self.special[0, 0], gallery)  # the room a zoom takes
        return fit(rows, width=heat.width, height=heat.height, grow=1.6).move_to(heat)

    def _beat_focus_link(self, gallery: HeadGallery, shown: Group) -> Group:
        """The head that links the focus word most strongly to a word not next to it."""
        return self._zoom(gallery, self.data.claim("head:focus_link"), "rm.head", shown, poster=True)

    def _beat_chosen(self, gallery: HeadGallery, shown: Group) -> Group:
        """With --head or --expect: the view asked for (a head, a mean, rollout), and how the heads agree."""
        chosen = self.data.chosen
        if chosen is None:
            return shown
        view = self.data.claim("chosen:view").values
        m = chosen.detail.words_view()[0].shape[-1]
        frame = VGroup()
        if view["view"] == "head":
            frame = gallery.head_box(view["layer"] - 1, view["head"] - 1, self.theme.accent)
        heat = self._heatmap(chosen.weights[:m, :m], chosen.special[:m], gallery)
        title = self._zoom_title(self.t("rm.chosen_title", label=view["label"]), heat)
        self.play(Create(frame), *[Fade(mob, fade_in=False) for mob in shown], run_time=0.6)
        self.play(Fade(heat), Fade(title), run_time=0.8)
        self.state("chosen:view", "view", hold=3.0)
        if self.data.has_claim("chosen:expect"):
            expect = self.state("chosen:expect", "expect", hold=3.5)
            if expect.values["agree"] < expect.values["total_heads"]:
                others = "expect.others" if expect.values["instead"] else "expect.others.tied"
                self.state("chosen:expect", others, hold=2.5, exact_key=True)
        elif self.data.has_claim("chosen:heads"):
            self.state("chosen:heads", "heads.agree", hold=3.0)
        return Group(frame, heat, title)

    def _zoom(
        self, gallery: HeadGallery, claim: Claim, key: str, shown: Group, extra=None, poster: bool = False
    ) -> Group:
        """Frame the head ``claim`` names in the gallery (and ``extra`` frames), show its word heatmap up close and
        state the claim; ``shown`` (the previous zoom) leaves. Returns what is now on screen."""
        layer, head = claim.evidence["layer_index"], claim.evidence["head_index"]
        frame = gallery.head_box(layer, head, self.theme.accent)
        frames = VGroup(*([extra] if extra is not None else []), frame)
        heat = self._heatmap(self.words_view[layer, head], self.special[layer, head], gallery)
        title = self._zoom_title(text(self.lang, "rm.head_title", layer=layer + 1, head=head + 1), heat)
        self.play(Create(frames), *[Fade(mob, fade_in=False) for mob in shown], run_time=0.6)
        self.play(Fade(heat), Fade(title), run_time=0.8)
        self.state(claim.topic, key, hold=3.5)
        if poster:
            self.mark_poster()
        return Group(frames, heat, title)

    def _heatmap(self, weights, special, gallery: HeadGallery) -> Heatmap:
        """A word heatmap in the room the gallery leaves (below it in portrait, beside it in landscape)."""
        top, bottom = self._area()
        title_room = 0.45
        if is_portrait():
            upper = gallery.get_bottom()[1] - 0.2 - title_room
            box, centre = (frame_box()[0], upper - bottom), [0, (upper + bottom) / 2, 0]
        else:
            left = gallery.get_right()[0] + 0.3
            box = (frame_box()[0] / 2 - left, top - title_room - bottom)
            centre = [(left + frame_box()[0] / 2) / 2, (top - title_room + bottom) / 2, 0]
        names = self.data.attention.special_names
        heat = Heatmap(weights, self.data.tokens, self.theme, *box, special=special, special_label=names)
        return heat.move_to(centre)

    def _zoom_title(self, words: str, heat: Heatmap):
        return label(words, self.theme, 22, color=self.theme.accent).next_to(heat, UP, buff=0.1)

    def _beat_layer_means(self, before: Group) -> HeadGallery:
        """Each layer's mean over its heads, one small heatmap a layer: how attention spreads with depth."""
        means, _ = self.data.layer_means()
        layers = means.shape[0]
        rows = 3 if is_portrait() else 2
        cols = -(-layers // rows)
        grid = means.reshape(rows, cols, *means.shape[1:]) if rows * cols == layers else means[None]
        names = [text(self.lang, "rm.layer", k=k + 1) for k in range(layers)]
        top, bottom = self._area()
        strip = HeadGallery(
            grid,
            self.theme,
            frame_box()[0],
            top - bottom,
            "",
            "",
            row_names=[],
            col_names=[],
        ).move_to([0, (top + bottom) / 2, 0])
        tags = VGroup(
            *[
                label(names[k], self.theme, 16, color=self.theme.muted).next_to(
                    strip.head_box(k // grid.shape[1], k % grid.shape[1], self.theme.muted), UP, buff=0.02
                )
                for k in range(layers)
            ]
        )
        self.play(Fade(before, fade_in=False), FadeIn(strip), FadeIn(tags), run_time=1.2)
        self.state("layer_means", "rm.layer_means", hold=4.5)
        return Group(strip, tags)

    def _beat_layers(self, before: Group) -> None:
        """The focus word's row in every layer (mean of the layer's heads) beside its rollout through the layers,
        each with its special-token share; the words the claims name are framed. ``before`` leaves as it comes."""
        word = self.data.tokens[self.data.focus]
        cols = [*self.data.tokens, self.data.attention.special_names]
        layers = self.data.layer_rows().shape[0]
        names = [text(self.lang, "rm.layer", k=k + 1) for k in range(layers)]
        mean = ColorGrid(self.data.layer_rows(), names, cols, self.theme)
        roll = ColorGrid(self.data.rollout_rows(), names, cols, self.theme)
        titles = [label(self.t(key, word=word), self.theme, 24) for key in ("rm.focus_row", "rm.rollout_row")]
        panels = VGroup(*[VGroup(t, g).arrange(DOWN, buff=0.3) for t, g in zip(titles, (mean, roll), strict=True)])
        panels.arrange(DOWN if is_portrait() else RIGHT, buff=0.6)
        top, bottom = self._area()
        fit(panels, width=frame_box()[0], height=top - bottom, grow=None).move_to(UP * (top + bottom) / 2)
        self.play(Fade(before, fade_in=False), Fade(panels[0][0]), FadeIn(mean.row_labels), FadeIn(mean.col_labels))
        claim = self.state("layers", "rm.layers")
        self.play(FadeIn(mean.cells, lag_ratio=0.01, shift=0.1 * RIGHT), run_time=1.5)
        third, n_layers = claim.values["third"], claim.values["layers"]
        frames = VGroup(
            *[
                mean.frame(span, k, self.theme.accent)
                for part, span in (("early", range(third)), ("late", range(n_layers - third, n_layers)))
                for k in claim.evidence[f"{part}_keys"]
            ]
        )
        self.play(Create(frames), run_time=0.8)
        self.wait(3.0)
        self.play(Fade(panels[1][0]), FadeIn(roll.row_labels), FadeIn(roll.col_labels))
        rollout = self.state("rollout", "rm.rollout")
        self.play(FadeIn(roll.cells, lag_ratio=0.01, shift=0.1 * DOWN), run_time=1.5)
        last = range(n_layers - 1, n_layers)
        marks = VGroup(*[roll.frame(last, k, self.theme.accent) for k in rollout.evidence["top_keys"]])
        self.play(Create(marks), run_time=0.6)
        self.remove(*panels.get_family())
        self.add(panels, frames, marks)  # whole mobjects again, for the curtain and for tests reading the grids back
        self.wait(3.5)


def _quote(word: str, lang: str) -> str:
    return f"「{word}」" if lang == "zh" else f'"{word}"'


def _split_list(v: dict, lang: str) -> str:
    """The words the model split, each with its pieces, for the pieces caption: the first few, then how many more
    (the rest are on screen; the caption stays short enough to read)."""
    sep = "、" if lang == "zh" else "; "
    items = [f"{_quote(w, lang)} = {p}" for w, p in zip(v["split"], v["split_pieces"], strict=True)]
    split = sep.join(items[:SPLITS_SAID])
    if len(items) > SPLITS_SAID:
        more = len(items) - SPLITS_SAID
        split += f"……另有 {more} 个词" if lang == "zh" else f"; and {more} more"
    return split
