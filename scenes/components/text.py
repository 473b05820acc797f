"""Plain-text mobjects: user text is always literal (``Text``, never markup, TeX or Typst)."""

from __future__ import annotations

from manim import Text

from scenes.components.theme import FONT, MONO_FONT, Theme

__all__ = ["fmt", "label", "number", "wrap"]


def fmt(value: float, decimals: int) -> str:
    """Format a number with a fixed count of decimals and a true minus sign; never prints "-0.00".

    >>> fmt(2.104, 2), fmt(-0.004, 2), fmt(-1.5, 1)
    ('2.10', '0.00', '−1.5')
    """
    s = f"{value:.{decimals}f}"
    if float(s) == 0:
        s = s.lstrip("-")
    return s.replace("-", "−")



def label(text: str, theme: Theme, size: float = 28, color: str | None = None, mono: bool = False) -> Text:
    """A literal text label in the CJK font (Latin, digits and Chinese all render)."""
    return Text(text, font=MONO_FONT if mono else FONT, font_size=size, color=color or theme.text)


def number(value: float, decimals: int, theme: Theme, size: float = 26, color: str | None = None) -> Text:
    """One ``Text`` per number (not DecimalNumber's one per digit), in the monospaced font."""
    return label(fmt(value, decimals), theme, size, color, mono=True)


def wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` columns: at spaces for Latin text, anywhere for Chinese.

    A CJK character counts as two columns.

    >>> wrap("the quick brown fox", 10)
    'the quick\\nbrown fox'
    >>> wrap("一二三四五六", 6)
    '一二三\\n四五六'
    """
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        if line and _cols(line + piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    lines.append(line.rstrip())
    return "\n".join(lines)


_CLOSING = "，。、；：！？）」』,.;:!?)"
_OPENING = "「『（"


def _cols(s: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def _pieces(text: str) -> list[str]:
    """Latin words (with their trailing space) stay whole; each CJK character is its own piece.

    Closing punctuation sticks to the piece before it and opening brackets to the piece after, so neither
    ends up alone at the edge of a line.

    >>> _pieces("「猫」很好")
    ['「猫」', '很', '好']
    """
    out: list[str] = []
    word = ""
    for c in text:
        if c in _CLOSING and out and not word:
            out[-1] += c
        elif c in _OPENING:
            if word and not word.endswith(tuple(_OPENING)):
                out.append(word)
                word = ""
            word += c
        elif ord(c) > 0x2E80:
            out.append(word + c)
            word = ""
        else:
            word += c
            if c == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out
