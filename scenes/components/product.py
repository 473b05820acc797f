"""Matrix products laid out as on paper: left factor, right factor above, result where rows and columns meet."""

from __future__ import annotations

from manim import LEFT, RIGHT, UP, VGroup

from scenes.components.matrix import MatrixGrid

__all__ = ["place_product"]


def place_product(left: MatrixGrid, top: MatrixGrid, result: MatrixGrid, gap: float = 0.45) -> VGroup:
    """Align ``result`` with the rows of ``left`` and the columns of ``top``; return the three as one group.

    Every grid must share cell sizes. ``top``'s title moves to its left and ``result``'s to its right, so the
    corner between them stays free.
    """
    if len(result.title):
        result.title.next_to(result.brackets, RIGHT, buff=0.25)
    result.next_to(left, RIGHT, buff=gap)
    result.shift((left.cells.get_y() - result.cells.get_y()) * UP)
    if len(top.title):
        top.title.next_to(top.brackets, LEFT, buff=0.25)
    top.next_to(VGroup(left, result), UP, buff=gap)
    top.shift((result.cells.get_x() - top.cells.get_x()) * RIGHT)
    return VGroup(left, top, result)
