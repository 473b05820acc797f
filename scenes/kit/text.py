"""Plain-text mobjects: user text is always literal (``Text``, never markup, TeX or Typst).

Every text is a :class:`CachedText`: Manim draws each Text into an SVG file in ``config.text_dir``, rewrites that
file in place and parses a sibling copy it then deletes, so processes sharing one ``text_dir`` read each other's
half-written files (``FileNotFoundError``, ``ParseError: no element found``). Each render therefore gets a private
``text_dir``, and :class:`CachedText` seeds it from a folder shared by all renders (:func:`share_text_cache`):
a file there is copied in whole, a new one is drawn privately and published by an atomic rename. A reader of the
shared folder only ever sees complete files, and a warm cache still saves the drawing.

Parsing the SVG costs more than drawing it, so :func:`label` also keeps each built Text there, pickled, and a
later render reads it back instead of building it (``*.text.pickle``, published the same way).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from pathlib import Path

import manim
import manimpango
from manim import RIGHT, Text, config

from attention_core import fmt
from scenes.kit.glyphs import glyph_mobjects
from scenes.kit.theme import FONT, MONO_FONT, Theme

__all__ = ["CachedText", "fmt", "label", "number", "share_text_cache", "wrap"]

_shared: Path | None = None


def share_text_cache(folder: Path | None) -> None:
    """Seed every render's private text folder from ``folder`` and publish new texts there (None: no sharing)."""
    global _shared
    _shared = folder
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)


def _publish(dst: Path, data: bytes) -> None:
    """Write ``data`` to ``dst`` through a temporary name and an atomic rename: readers only see whole files."""
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dst)


def _copy_whole(src: Path, dst: Path) -> bool:
    """Copy ``src`` to ``dst`` as :func:`_publish` writes; False if ``src`` does not exist."""
    try:
        data = src.read_bytes()
    except FileNotFoundError:
        return False
    _publish(dst, data)
    return True


class CachedText(Text):
    """A literal :class:`manim.Text` whose SVG is shared between renders safely (see the module docstring)."""

    def _text2svg(self, color) -> str:
        if _shared is None:
            return super()._text2svg(color)
        name = f"{self._text2hash(color)}.svg"
        private = Path(config.get_dir("text_dir"))
        private.mkdir(parents=True, exist_ok=True)
        if not (private / name).exists():
            _copy_whole(_shared / name, private / name)
        svg = super()._text2svg(color)  # drawn into the private folder unless it was copied there
        if not (_shared / name).exists():
            _copy_whole(private / name, _shared / name)
        return svg

    def generate_mobject(self) -> CachedText:
        """The glyphs read straight from Pango's SVG (:mod:`scenes.kit.glyphs`: the same points, sooner); Manim's
        general SVG reading for anything else. ``id_to_vgroup_dict`` (a group per SVG element, which only Tex and
        Typst read) stays empty: copying it was most of the cost of copying a text."""
        mobjects = glyph_mobjects(self.get_file_path(), self.generate_config_style_dict())
        if mobjects is None:
            return super().generate_mobject()
        self.add(*mobjects)
        self.flip(RIGHT)  # as SVGMobject.generate_mobject: SVG's y points down
        return self


_made: dict[tuple, bytes] = {}  # (text, font, size, colour) -> the Text built for them, pickled


def label(text: str, theme: Theme, size: float = 28, color: str | None = None, mono: bool = False) -> Text:
    """A literal text label in the CJK font (Latin, digits and Chinese all render).

    Building a Text (Pango's SVG, then reading it: :mod:`scenes.kit.glyphs`) takes about 19 ms; unpickling the
    built one takes at most 4 ms, half what a deep copy does. So each text, font, size and colour is built once and
    kept pickled: in this process, and in the shared folder for every later render (:func:`_built`). Nothing of a
    scene enters a Text but these four, so the unpickled object is the one a fresh build would give.
    """
    font = MONO_FONT if mono else FONT
    key = (text, font, float(size), color or theme.text)
    if key not in _made:
        _made[key] = _built(*key)
    return pickle.loads(_made[key])


def _built(text: str, font: str, size: float, color: str) -> bytes:
    """The pickled Text for these four: read from the shared folder, or built and published there."""
    name = built_name(text, font, size, color)
    if _shared is not None:
        try:
            data = (_shared / name).read_bytes()
            _TrustedClasses(io.BytesIO(data)).load()  # a file of anything but texts is refused, never run
            return data
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass  # missing, or not ours: build it again
    made = CachedText(text, font=font, font_size=size, color=color)
    for glyph in made.get_family():  # the parsed SVG path each glyph was drawn from: used once, when built,
        if hasattr(glyph, "path_obj"):  # and most of the pickle (its copies would carry it too)
            glyph.path_obj = None
    data = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
    if _shared is not None:
        _publish(_shared / name, data)
    return data


def built_name(text: str, font: str, size: float, color: str) -> str:
    """The shared folder's file of a built Text."""
    return hashlib.sha256(repr((text, font, size, color, _BUILD)).encode()).hexdigest()[:32] + ".text.pickle"


_BUILD = (manim.__version__, manimpango.__version__, 2)  # what else shapes a built Text (2: this file's format,
# since the glyphs are read by scenes.kit.glyphs and id_to_vgroup_dict stays empty)


class _TrustedClasses(pickle.Unpickler):
    """Unpickles exactly the classes a built Text is made of: a planted cache file cannot call anything else (not
    even another function of Manim's, some of which write files or run commands)."""

    def find_class(self, module: str, name: str):
        if (module, name) in _TEXT_CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a text")


_TEXT_CLASSES = frozenset(  # every (module, name) in the pickles of 1,809 texts of all chapters
    {
        ("manim.constants", "CapStyleType"),
        ("manim.constants", "LineJointType"),
        ("manim.mobject.svg.svg_mobject", "VMobjectFromSVGPath"),
        ("manim.mobject.types.vectorized_mobject", "VGroup"),
        ("manim.utils.color.core", "ManimColor"),
        ("numpy", "dtype"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy._core.numeric", "_frombuffer"),
        ("pathlib", "PosixPath"),
        (__name__, "CachedText"),
    }
)


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
