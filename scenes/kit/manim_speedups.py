"""Manim made cheaper where it walks, builds paths and draws, every result the same: one call, made by every render
(``pipeline.scene_runner``) and by every build of the suite (``tests.scene_probe``), so that what the suite checks
is drawn as a render draws it.

- :func:`~scenes.kit.cairo_paths.reuse_paths`: a shape whose points did not change keeps its Cairo path;
- :func:`~scenes.kit.walks.install`: Manim's walks over mobject families, bit-equal;
- :func:`~scenes.kit.drawing.install`: Manim's per-shape drawing with less Python, the same Cairo calls.
"""

from __future__ import annotations

from scenes.kit import drawing, walks
from scenes.kit.cairo_paths import reuse_paths

__all__ = ["install"]


def install() -> None:
    """Install all three (idempotent)."""
    reuse_paths()
    walks.install()
    drawing.install()
