"""A Text's glyphs from Pango's SVG without the general SVG parser: the same points, about five times sooner.

Manim turns the SVG Pango draws for a Text into mobjects by parsing it whole with svgelements and converting each
element: 0.3 s for a caption of 35 characters, 92 ms for the suite's texts on average, nearly all in Python, once
per text (19 ms this way). But Pango writes one narrow form: every glyph's outline once (``<symbol
id="glyph0-3"><path d="M … L … C … Z"/></symbol>``), then one ``<use href="#glyph0-3" x=… y=…/>`` per character,
in groups that only set the fill. So each outline is parsed once per process (:data:`_outlines`), and each
character's points are that outline moved to its place with the very float operations svgelements and Manim apply
(translate ``x·1 + y·0 + e``, then the line and close rules of ``VMobjectFromSVGPath.handle_commands``): the points
are bit-equal to Manim's (``tests/scenes/test_glyphs.py`` compares every point and attribute of 45 texts; 700 of
the suite's texts, compared once, were all equal). The style each path gets is read by svgelements itself from a
one-path SVG with the same groups, once per style.

Anything outside that form (another element, a transform, a relative or arc command) returns None, and the caller
parses the file the general way.
"""

from __future__ import annotations

import copy
import io
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import svgelements as se
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

__all__ = ["glyph_mobjects"]

_SVG = "{http://www.w3.org/2000/svg}"
_HREF = "{http://www.w3.org/1999/xlink}href"
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_COMMAND = re.compile(rf"\s*([MLCZ])((?:\s*{_NUMBER})*)\s*")
_ARITY = {"M": 2, "L": 2, "C": 6, "Z": 0}
_ROOT_STYLE = {"fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width", "style"}  # as SVGMobject reads

Outline = tuple[tuple[str, tuple[float, ...]], ...]  # (command, its numbers) for each segment, in local coordinates
_outlines: dict[str, Outline | None] = {}  # path d -> its segments (None: not a form this module reads)
_blanks: dict[tuple, VMobjectFromSVGPath] = {}  # (the groups' styles, the path's style) -> a styled path, no points


def glyph_mobjects(svg_file: Path, wrapper_style: dict[str, str]) -> list[VMobjectFromSVGPath] | None:
    """The mobjects Manim's SVGMobject would make of Pango's ``svg_file`` (before its y flip), or None.

    ``wrapper_style`` is the group SVGMobject wraps the document in (its ``generate_config_style_dict()``).
    """
    try:
        root = ET.parse(svg_file).getroot()
    except (OSError, ET.ParseError):
        return None
    if root.tag != f"{_SVG}svg" or set(root.attrib) & _ROOT_STYLE:
        return None  # SVGMobject would give the root's style to everything
    symbols: dict[str, list[ET.Element]] = {}
    uses: list[tuple[ET.Element, tuple[str, ...]]] = []  # each use, with the styles of the groups it is in
    if not _read(root, (), symbols, uses, in_defs=False):
        return None
    made: list[VMobjectFromSVGPath] = []
    for use, group_styles in uses:
        href = use.get(_HREF, "")
        paths = symbols.get(href[1:]) if href.startswith("#") else None
        if paths is None or set(use.attrib) - {_HREF, "x", "y"}:
            return None
        try:
            e, f = float(use.get("x", "0")), float(use.get("y", "0"))
        except ValueError:
            return None  # a length with a unit
        for path in paths:
            outline = _outline(path.get("d", ""))
            if outline is None or set(path.attrib) - {"d", "style"}:
                return None
            points = _points(outline, e, f)
            if len(points) == 0:
                continue  # SVGMobject drops a path without points (a space's empty outline)
            mob = copy.deepcopy(_blank(wrapper_style, group_styles, path.get("style", "")))  # 1/8 of a new one
            mob.points = points
            made.append(mob)
    return made


def _read(node: ET.Element, styles: tuple[str, ...], symbols: dict, uses: list, in_defs: bool) -> bool:
    """Collect the symbols and the uses under ``node``; False at anything Pango's form does not have."""
    for child in node:
        tag = child.tag.removeprefix(_SVG)
        if tag == "defs":
            if not _read(child, styles, symbols, uses, in_defs=True):
                return False
        elif tag == "g":
            if set(child.attrib) - {"id", "style"}:
                return False  # a transform, a clip, an opacity: leave it to svgelements
            inner = styles if in_defs else (*styles, child.get("style", ""))
            if not _read(child, inner, symbols, uses, in_defs):
                return False
        elif tag == "symbol" and in_defs:
            if set(child.attrib) - {"id", "overflow"} or any(p.tag != f"{_SVG}path" for p in child):
                return False
            symbols[child.get("id", "")] = list(child)
        elif tag == "use" and not in_defs:
            uses.append((child, styles))
        else:
            return False
    return True


def _outline(d: str) -> Outline | None:
    """The segments of a path's ``d`` written as Pango writes them (absolute M, L, C and Z), parsed once."""
    if d not in _outlines:
        segments: list[tuple[str, tuple[float, ...]]] = []
        at = 0
        while at < len(d):
            match = _COMMAND.match(d, at)
            if match is None or match.end() == at:
                segments = None
                break
            numbers = tuple(float(n) for n in re.findall(_NUMBER, match[2]))
            if len(numbers) != _ARITY[match[1]]:
                segments = None
                break
            segments.append((match[1], numbers))
            at = match.end()
        _outlines[d] = None if segments is None else tuple(segments)
    return _outlines[d]


def _points(outline: Outline, e: float, f: float) -> np.ndarray:
    """The cubic Bézier points of ``outline`` translated by (e, f), as svgelements then Manim compute them."""

    def place(x: float, y: float) -> tuple[float, float, float]:
        return (x * 1.0 + y * 0.0 + 1 * e, x * 0.0 + y * 1.0 + 1 * f, 0.0)  # svgelements' point_in_matrix_space

    points: list[tuple[float, float, float]] = []
    last = true_move = None

    def line(start, end) -> None:
        third = tuple((s + s + t) / 3 for s, t in zip(start, end, strict=True))
        two_thirds = tuple((s + t + t) / 3 for s, t in zip(start, end, strict=True))
        points.extend((start, third, two_thirds, end))

    for command, n in outline:
        if command == "M":
            last = true_move = place(*n)
        elif command == "L":
            end = place(*n)
            line(last, end)
            last = end
        elif command == "C":
            end = place(n[4], n[5])
            points.extend((last, place(n[0], n[1]), place(n[2], n[3]), end))
            last = end
        else:  # Z: close with a line unless the pen is already back where the shape began
            if math.dist(last, true_move) > 0.0001:
                line(last, true_move)
                last = true_move
    # SVGMobject then applies the path's remaining (identity) transform: a matrix product and a zero shift
    return np.array(points, ndmin=2, dtype="float64").reshape(-1, 3) @ np.identity(3).T + np.zeros(3)


def _blank(wrapper: dict[str, str], groups: tuple[str, ...], path_style: str) -> VMobjectFromSVGPath:
    """A path mobject without points, styled as SVGMobject.apply_style_to_mobject styles a path with this style in
    these groups: the style is asked of svgelements itself, from a one-path SVG with the same groups (once each)."""
    key = (tuple(sorted(wrapper.items())), groups, path_style)
    if key not in _blanks:
        doc = ET.Element("svg", {"xmlns": _SVG[1:-1]})
        node = ET.SubElement(ET.SubElement(doc, "g", wrapper), "g")
        for style in groups:
            node = ET.SubElement(node, "g", {"style": style} if style else {})
        ET.SubElement(node, "path", {"style": path_style, "d": "M 0 0 L 1 1 Z"})
        (shape,) = [e for e in se.SVG.parse(io.BytesIO(ET.tostring(doc))).elements() if isinstance(e, se.Path)]
        blank = VMobjectFromSVGPath(se.Path())
        blank.set_style(
            stroke_width=shape.stroke_width if shape.stroke.value is not None else 0,
            stroke_color=shape.stroke.hexrgb,
            stroke_opacity=shape.stroke.opacity,
            fill_color=shape.fill.hexrgb,
            fill_opacity=shape.fill.opacity,
        )
        blank.path_obj = None
        _blanks[key] = blank
    return _blanks[key]
