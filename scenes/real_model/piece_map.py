"""The sentence's words above, a model's pieces below, a line from each piece to the word(s) it belongs to; as many
such pairs of rows as it takes for the words to stay readable (a portrait frame needs several)."""

from __future__ import annotations

import math
import unicodedata

from manim import DOWN, Line, VGroup

from scenes.diagrams.tokens import TokenRow
from scenes.kit.theme import Theme

__all__ = ["PieceMap"]


class PieceMap(VGroup):
    """Lines of (words, pieces, links) for ``attention`` (a ModelAttention), each line about ``width`` wide before
    fitting. Outside pieces (special, or covering no character) are muted and link to no word."""

    def __init__(self, attention, theme: Theme, width: float) -> None:
        super().__init__()
        a = attention
        for words_at, pieces_at in _lines(a.membership, a.pieces, _word_widths(a), width):
            words = TokenRow(tuple(a.words[w] for w in words_at), theme, 28)
            pieces = TokenRow(tuple(a.pieces[i].text for i in pieces_at), theme, 24)
            for k, i in enumerate(pieces_at):
                if not a.membership[i].any():
                    pieces.words[k].set_color(theme.muted)
            pair = VGroup(words, pieces).arrange(DOWN, buff=1.0)
            links = VGroup(
                *[
                    Line(pieces.boxes[k].get_top(), words.boxes[j].get_bottom(), stroke_width=2.5).set_stroke(
                        theme.accent, opacity=0.35 + 0.65 * float(a.membership[i, w])
                    )
                    for k, i in enumerate(pieces_at)
                    for j, w in enumerate(words_at)
                    if a.membership[i, w] > 0
                ]
            )
            pair.add(links)
            self.add(pair)
        self.arrange(DOWN, buff=0.6)


def _word_widths(a) -> list[float]:
    """About the width (scene units, before fitting) a word takes in its line: its box or its pieces' boxes."""

    def box(t: str) -> float:
        return 0.3 + 0.18 * sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in t)

    content = [i for i in range(len(a.pieces)) if a.membership[i].any()]
    return [
        max(box(w), sum(box(a.pieces[i].text) + 0.18 for i in content if a.membership[i, k] > 0))
        for k, w in enumerate(a.words)
    ]


def _lines(membership, pieces, widths: list[float], width: float) -> list[tuple[list[int], list[int]]]:
    """Words cut into as few lines of about equal width as keep each near ``width``, only where no piece spans the
    cut; each line with the pieces in its words (a piece of no word goes with the next word's line, the specials
    to the first and the last line). Layout only."""
    content = [i for i in range(len(pieces)) if membership[i].any()]
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
    first_word = {i: min(w for w in range(n) if membership[i, w] > 0) for i in content}
    line_of = {}
    for k in range(len(bounds) - 1):
        for w in range(bounds[k], bounds[k + 1]):
            line_of[w] = k
    placed: dict[int, int] = {i: line_of[first_word[i]] for i in content}
    last_line = len(bounds) - 2
    for i in range(len(pieces)):  # outside pieces: with the next placed piece's line (the first or last line)
        if i not in placed:
            later = [placed[j] for j in range(i + 1, len(pieces)) if j in placed]
            placed[i] = later[0] if later else last_line
    return [
        (list(range(bounds[k], bounds[k + 1])), [i for i in range(len(pieces)) if placed[i] == k])
        for k in range(len(bounds) - 1)
    ]
