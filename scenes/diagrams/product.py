"""Matrix products laid out as on paper: left factor, right factor above, result where rows and columns meet."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, VGroup

from scenes.diagrams.matrix import MatrixGrid
from scenes.kit.layout import is_portrait

__all__ = ["place_product"]


def place_product(
    left: MatrixGrid,
    top: MatrixGrid,
    result: MatrixGrid,
    gap: float | None = None,
    area: tuple[float, float] | None = None,
) -> VGroup:
    """Align ``result`` with the rows of ``left`` and the columns of ``top``; return the three as one group.

    Every grid must share cell sizes. ``top``'s title moves to its left and ``result``'s to its right (under it
    in 9:16, where the width is what limits the type size), so the corner between them stays free.

    Given the ``area`` (width, height) the group will be fitted into, the three are stacked instead (``left``,
    then ``top``, then ``result``, each under its title) when that lets them be drawn larger: a wide result
    beside a left factor does not fit a 9:16 frame at a readable size.
    """
    gap = (0.25 if is_portrait() else 0.45) if gap is None else gap
    paper = _on_paper(left, top, result, gap)
    if area is None or _scale(paper, area) >= _scale(_stacked_size(left, top, result, gap), area):
        return paper
    for grid in (top, result):
        if len(grid.title):
            grid.title.next_to(VGroup(grid.brackets, grid.col_labels), UP, buff=0.2)
    return VGroup(left, top, result).arrange(DOWN, buff=gap + 0.15)


def _scale(group_or_size, area: tuple[float, float]) -> float:
    w, h = group_or_size if isinstance(group_or_size, tuple) else (group_or_size.width, group_or_size.height)
    return min(area[0] / max(w, 1e-6), area[1] / max(h, 1e-6))


def _stacked_size(left: MatrixGrid, top: MatrixGrid, result: MatrixGrid, gap: float) -> tuple[float, float]:
    """Width and height of the three stacked, each with its title above it."""
    grids = (left, top, result)
    heights = [VGroup(g.brackets, g.col_labels).height + (g.title.height + 0.2 if len(g.title) else 0) for g in grids]
    widths = [max(VGroup(g.brackets, g.row_labels, g.col_labels).width, g.title.width) for g in grids]
    return max(widths), sum(heights) + 2 * (gap + 0.15)


def _on_paper(left: MatrixGrid, top: MatrixGrid, result: MatrixGrid, gap: float) -> VGroup:
    if len(result.title):
        result.title.next_to(result.brackets, DOWN if is_portrait() else RIGHT, buff=0.25)
    result.next_to(left, RIGHT, buff=gap)
    result.shift((left.cells.get_y() - result.cells.get_y()) * UP)
    if len(top.title):
        top.title.next_to(top.brackets, LEFT, buff=0.25)
    top.next_to(VGroup(left, result), UP, buff=gap)
    top.shift((result.cells.get_x() - top.cells.get_x()) * RIGHT)
    return VGroup(left, top, result)
