"""One folder per chapter, and the registry the CLI renders from (ids are stable: they name files).

Each chapter is a folder ``scenes/<folder>/`` (the id with "_" for "-"): ``spec.py`` (its :class:`ChapterSpec`
``SPEC``), ``data.py`` (its data and claims; NumPy only), ``scene.py`` (the Manim scene) and ``strings.py`` (its
captions in Chinese and English). The registry is built from the folders' specs, in the order of the chapters'
numbers. Importing this package imports neither Manim (about 1.5 s) nor NumPy: a spec names its scene class and
its data function as "module:name", loaded when a chapter is computed or drawn, so listing chapters and a run
whose files are all current stay fast. The shared library is grouped
beside the chapters: ``kit/`` (base scene, caption, layout, theme, text), ``diagrams/`` (matrix, heatmap, bars,
arcs, reading row) and ``beats/`` (scale and softmax in place, projections, spelled-out steps).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from attention_core import ChapterSpec, ExplainerError

__all__ = ["CHAPTERS", "Chapter", "ChapterInput", "ChapterScene", "chapter_folders", "get_chapter"]

Chapter = ChapterSpec  # a registry entry


def __getattr__(name: str):
    if name in ("ChapterInput", "ChapterScene"):
        from scenes.kit import base

        return getattr(base, name)
    raise AttributeError(name)


def chapter_folders() -> tuple[str, ...]:
    """The chapter folders under ``scenes/``: those with a ``spec.py``."""
    root = Path(__file__).parent
    return tuple(sorted(p.name for p in root.iterdir() if (p / "spec.py").is_file()))


def _registry() -> dict[str, ChapterSpec]:
    specs = [importlib.import_module(f"scenes.{folder}.spec").SPEC for folder in chapter_folders()]
    return {s.id: s for s in sorted(specs, key=lambda s: s.number)}


CHAPTERS: dict[str, ChapterSpec] = _registry()


def get_chapter(chapter_id: str) -> ChapterSpec:
    """The chapter called ``chapter_id``, or an error listing the known ids."""
    if chapter_id not in CHAPTERS:
        raise ExplainerError(f"unknown chapter {chapter_id!r}; known: {', '.join(CHAPTERS)}")
    return CHAPTERS[chapter_id]
