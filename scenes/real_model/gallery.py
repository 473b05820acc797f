"""Every head of a model at once: a grid of small word-level heatmaps, drawn as one image (cheap at any size).

144 heatmaps of up to 16 × 16 words would be 36,000 mobjects; one picture drawn with Pillow from the weights is
one. Layer and head numbers are text beside it, and :meth:`HeadGallery.head_box` frames one head.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Group, ImageMobject, Rectangle, VGroup
from PIL import Image

from scenes.kit.text import label
from scenes.kit.theme import Theme, weight_rgb

__all__ = ["ColorGrid", "HeadGallery"]

CELL_PX, GAP_PX = 6, 4  # pixels of a word cell and between two heads


def _hex_rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color.lstrip("#")[k : k + 2], 16) for k in (0, 2, 4))  # type: ignore[return-value]


class HeadGallery(Group):
    """``words (layers, heads, n, n)``: one small heatmap per head, layers down, heads across, ``width`` wide; the
    axes are named ``layer_title`` (left) and ``head_title`` (above)."""

    def __init__(
        self,
        words: np.ndarray,
        theme: Theme,
        width: float,
        height: float,
        layer_title: str = "layer",
        head_title: str = "head",
        row_names: list[str] | None = None,
        col_names: list[str] | None = None,
    ) -> None:
        super().__init__()
        layers, heads, n, _ = words.shape
        tile = n * CELL_PX
        size = (heads * (tile + GAP_PX) - GAP_PX, layers * (tile + GAP_PX) - GAP_PX)
        pixels = np.zeros((size[1], size[0], 3), dtype=np.uint8)
        pixels[:] = _hex_rgb(theme.background)
        for lay in range(layers):
            for h in range(heads):
                block = np.kron(weight_rgb(words[lay, h]), np.ones((CELL_PX, CELL_PX, 1), dtype=np.uint8))
                y, x = lay * (tile + GAP_PX), h * (tile + GAP_PX)
                pixels[y : y + tile, x : x + tile] = block
        self.image = ImageMobject(Image.fromarray(pixels))
        self.image.set_resampling_algorithm(0)  # nearest: crisp cells
        scale = min(width * 0.86 / self.image.width, height * 0.84 / self.image.height)
        self.image.scale(scale)
        self.shape, self.tile_px, self.px = (layers, heads), tile, self.image.width / size[0]
        rows = [str(k + 1) for k in range(layers)] if row_names is None else row_names  # [] : no labels
        cols = [str(k + 1) for k in range(heads)] if col_names is None else col_names
        self.layer_labels = VGroup(*[label(t, theme, 16, color=theme.muted) for t in rows])
        self.head_labels = VGroup(*[label(t, theme, 16, color=theme.muted) for t in cols])
        for k, lab in enumerate(self.layer_labels):
            lab.next_to(self.image, LEFT, buff=0.08).set_y(self._centre(k, 0)[1])
        for k, lab in enumerate(self.head_labels):
            lab.next_to(self.image, UP, buff=0.06).set_x(self._centre(0, k)[0])
        self.add(self.image, self.layer_labels, self.head_labels)
        if head_title:
            self.head_title = label(head_title, theme, 16, color=theme.muted)
            self.add(self.head_title.next_to(self.head_labels if cols else self.image, UP, buff=0.06))
        if layer_title:
            self.layer_title = label(layer_title, theme, 16, color=theme.muted)
            if self.layer_title.width > 0.4:  # a word reads along the axis; one Chinese character stands upright
                self.layer_title.rotate(np.pi / 2)
            self.add(self.layer_title.next_to(self.layer_labels if rows else self.image, LEFT, buff=0.08))

    def _centre(self, layer: int, head: int) -> np.ndarray:
        step = (self.tile_px + GAP_PX) * self.px
        corner = self.image.get_corner(UP + LEFT)
        half = self.tile_px * self.px / 2
        return corner + np.array([head * step + half, -(layer * step + half), 0.0])

    def head_box(self, layer: int, head: int, color: str, width: float = 3) -> Rectangle:
        """A frame around head ``head`` of layer ``layer`` (0-based)."""
        side = (self.tile_px + GAP_PX) * self.px
        return Rectangle(width=side, height=side).set_stroke(color, width).move_to(self._centre(layer, head))

    def head_boxes(self, mask: np.ndarray, color: str) -> VGroup:
        """Thin frames around every head where ``mask (layers, heads)`` is true."""
        return VGroup(*[self.head_box(lay, h, color, 2) for lay, h in zip(*np.nonzero(mask), strict=True)])


class ColorGrid(VGroup):
    """``values (rows, cols)`` as coloured cells (no numbers) with a label for every row and column."""

    def __init__(self, values: np.ndarray, rows: list[str], cols: list[str], theme: Theme, cell: float = 0.4) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        r, c = self.values.shape
        rgb = weight_rgb(self.values)
        self.cells = VGroup()
        blank = Rectangle(width=cell * 0.94, height=cell * 0.9, stroke_width=0)  # copied: 10× cheaper than a new one
        for i in range(r):
            for j in range(c):
                fill = "#{:02X}{:02X}{:02X}".format(*rgb[i, j])
                self.cells.add(blank.copy().set_fill(fill, 1).move_to([j * cell, -i * cell, 0]))
        self.row_labels = VGroup(
            *[
                label(t, theme, 16, color=theme.muted).next_to(self.cells[i * c], LEFT, buff=0.1)
                for i, t in enumerate(rows)
            ]
        )
        heads = [label(t, theme, 16) for t in cols]
        turn = max(h.width for h in heads) > cell * 0.95
        self.col_labels = VGroup(
            *[(h.rotate(np.pi / 2) if turn else h).next_to(self.cells[j], UP, buff=0.1) for j, h in enumerate(heads)]
        )
        self.add(self.cells, self.row_labels, self.col_labels)

    def cell(self, i: int, j: int) -> Rectangle:
        """Cell ``(i, j)``."""
        return self.cells[i * self.values.shape[1] + j]

    def frame(self, rows: range, j: int, color: str) -> Rectangle:
        """An outline around cells ``rows`` of column ``j``."""
        first, last = self.cell(rows[0], j), self.cell(rows[-1], j)
        height = first.get_top()[1] - last.get_bottom()[1]
        return Rectangle(width=first.width * 1.12, height=height + 0.06, stroke_width=3, color=color).move_to(
            [first.get_center()[0], (first.get_top()[1] + last.get_bottom()[1]) / 2, 0]
        )

    def below(self) -> np.ndarray:
        """A point under the grid."""
        return self.get_bottom() + 0.2 * DOWN
