"""Matrix products laid out as on paper: left factor, right factor above, result where rows and columns meet."""

from __future__ import annotations

from manim import LEFT, RIGHT, UP, VGroup

from scenes.components.matrix import MatrixGrid
from scenes.components.text import fmt

__all__ = ["dot_expression", "place_product"]


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


def dot_expression(a: list[float], b: list[float], a_dec: int, b_dec: int, total: float, total_dec: int,
                   per_line: int = 4) -> str:
    """``a·b`` written out term by term, e.g. ``1.0×2.0 + 0.5×0.2 = 2.10``; negatives in parentheses.

    >>> dot_expression([1.0, -0.5], [2.0, 0.2], 1, 1, 1.9, 2)
    '1.0×2.0 + (−0.5)×0.2 = 1.90'
    """
    terms = [f"{_paren(fmt(x, a_dec))}×{_paren(fmt(y, b_dec))}" for x, y in zip(a, b, strict=True)]
    lines = [" + ".join(terms[i : i + per_line]) for i in range(0, len(terms), per_line)]
    return "\n+ ".join(lines) + f" = {fmt(total, total_dec)}"


def _paren(s: str) -> str:
    return f"({s})" if s.startswith("−") else s
