"""Adding a chapter is: one core module (its data), one scene module, one strings module, one scene test module, its
claims verified, one registry line in ``scenes.CHAPTERS`` and one README row. This test fails when any is missing."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from attention_core import ChapterData
from scenes import CHAPTERS
from scenes.strings import _MODULES
from tests.chapters import oracle

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter", list(CHAPTERS.values()), ids=list(CHAPTERS))
def test_a_chapter_has_each_of_its_parts(chapter):
    snake = chapter.id.replace("-", "_")
    module, _, name = chapter.scene.partition(":")
    assert module == f"scenes.{snake}" and (ROOT / "scenes" / f"{snake}.py").is_file(), "scene module"
    assert chapter.compute.__module__.startswith("attention_core."), "data computed in attention_core"
    strings = importlib.import_module(f"scenes.strings.{snake}")
    assert strings in _MODULES, "strings module merged into scenes.strings"
    assert set(strings.ZH) == set(strings.EN), f"keys in one language only: {set(strings.ZH) ^ set(strings.EN)}"
    assert (ROOT / "tests" / "scenes" / f"test_{snake}.py").is_file(), "scene test module"
    assert callable(oracle(chapter.id).check) and callable(oracle(chapter.id).stated), "tests/chapters/<id>/oracle.py"
    assert re.search(rf"^\| {chapter.number} \| {re.escape(chapter.id)} \|", README, re.M), "README chapter row"
    data = chapter.data()
    assert isinstance(data, ChapterData) and data.claims and data.to_json(indent=None)
    scene = getattr(importlib.import_module(module), name)
    assert not scene.title_key or scene.title_key in strings.ZH, "the chapter's title is in its own strings module"


def test_chapters_are_numbered_in_order_without_repeats():
    numbers = [c.number for c in CHAPTERS.values()]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert len(set(CHAPTERS)) == len(CHAPTERS)
