"""Manim's Cairo drawing of a shape, with less Python around the same Cairo calls.

Every frame, Manim's camera finds each mobject's display function by rebuilding a table of four classes and
testing them in turn (``type_or_raise``), then draws each VMobject through four method layers (path, background
stroke, fill, stroke), passing each colour to Cairo as NumPy scalars. At draft that Python costs about as much as
Cairo's own filling (formula: 81,017 shapes drawn). :func:`install` makes the camera:

- remember the display class of each mobject class (``isinstance`` answers the same for every object of a class;
  Manim's own method still runs once per camera, as it also sets the camera's table of display functions);
- draw a VMobject in one function that makes the same Cairo calls, in the same order, with the same doubles (a
  colour's components as Python floats, which are the NumPy values exactly).

The shape's own methods (``get_stroke_width``, ``get_fill_rgbas``, ``get_stroke_rgbas``) are still asked, so a
class that overrides them draws as it did; a gradient (more than one colour) goes through Manim's own code, and a
camera class other than Manim's ``Camera`` keeps Manim's methods. Frames are pixel-identical
(``tests/scenes/test_drawing.py``).
"""

from __future__ import annotations

from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP, Camera

__all__ = ["install"]

_manims_type_or_raise = Camera.type_or_raise
_manims_display = Camera.display_vectorized
_kinds: dict[type, type] = {}  # mobject class -> the class Manim displays it as


def _type_or_raise(self: Camera, mobject):
    cls = type(mobject)
    kind = _kinds.get(cls)
    if kind is None or "display_funcs" not in self.__dict__:  # Manim's also sets the camera's table, once per camera
        kind = _kinds[cls] = _manims_type_or_raise(self, mobject)  # (raises for a class it cannot display)
    return kind


def _display_vectorized(self: Camera, vmobject, ctx):
    if type(self) is not Camera:
        return _manims_display(self, vmobject, ctx)
    self.set_cairo_context_path(ctx, vmobject)
    _stroke(self, ctx, vmobject, True)
    _colour(self, ctx, vmobject.get_fill_rgbas(), vmobject)
    ctx.fill_preserve()
    _stroke(self, ctx, vmobject, False)
    return self


def _stroke(self: Camera, ctx, vmobject, background: bool) -> None:
    """Manim's ``apply_stroke``, with the same calls in the same order."""
    width = vmobject.get_stroke_width(background)
    if width == 0:
        return
    _colour(self, ctx, vmobject.get_stroke_rgbas(background), vmobject)
    ctx.set_line_width(width * self.cairo_line_width_multiple * (self.frame_width / self.frame_width))
    ctx.set_line_join(LINE_JOIN_MAP[vmobject.joint_type])
    ctx.set_line_cap(CAP_STYLE_MAP[vmobject.cap_style])
    ctx.stroke_preserve()


def _colour(self: Camera, ctx, rgbas, vmobject) -> None:
    """Manim's ``set_cairo_context_color``: one colour as Cairo's BGR order, a gradient by Manim's own code."""
    if len(rgbas) == 1 and hasattr(rgbas, "tolist"):  # a NumPy array (n, 4): its values as Python floats, exactly
        r, g, b, a = rgbas[0].tolist()
        ctx.set_source_rgba(b, g, r, a)
    else:
        self.set_cairo_context_color(ctx, rgbas, vmobject)


def install() -> None:
    """Make the camera find display functions once per class and draw shapes with less Python (idempotent)."""
    Camera.type_or_raise = _type_or_raise
    Camera.display_vectorized = _display_vectorized


def uninstall() -> None:
    """Manim's own drawing again (the test compares the two)."""
    Camera.type_or_raise = _manims_type_or_raise
    Camera.display_vectorized = _manims_display
