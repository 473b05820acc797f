"""Adding a chapter is one folder under ``scenes/`` (``spec.py`` with its ``SPEC``, ``data.py``, ``scene.py``,
``strings.py``), one under ``tests/chapters/`` and one README row; nothing else changes. These tests fail when a part
is missing or when the house's import rules are broken (no chapter imports another; a chapter's data never imports
Manim; its spec imports nothing heavy; the core never imports upward)."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from attention_core import ChapterData
from scenes import CHAPTERS, chapter_folders
from scenes.strings import _MODULES
from tests.chapters import oracle

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FOLDERS = chapter_folders()


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names), at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("chapter", list(CHAPTERS.values()), ids=list(CHAPTERS))
def test_a_chapter_has_each_of_its_parts(chapter):
    folder = chapter.folder
    assert folder in FOLDERS, "a folder scenes/<id with _>/ holding spec.py"
    module, _, name = chapter.scene.partition(":")
    assert module == f"scenes.{folder}.scene" and (ROOT / "scenes" / folder / "scene.py").is_file(), "scene.py"
    assert chapter.compute.__module__ == f"scenes.{folder}.data", "data computed in the chapter's data.py"
    strings = importlib.import_module(f"scenes.{folder}.strings")
    assert strings in _MODULES, "strings.py merged into scenes.strings"
    assert set(strings.ZH) == set(strings.EN), f"keys in one language only: {set(strings.ZH) ^ set(strings.EN)}"
    assert (ROOT / "tests" / "chapters" / folder / "test_scene.py").is_file(), "tests/chapters/<folder>/test_scene.py"
    assert callable(oracle(chapter.id).check) and callable(oracle(chapter.id).stated), (
        "tests/chapters/<folder>/oracle.py"
    )
    assert re.search(rf"^\| {chapter.number} \| {re.escape(chapter.id)} \|", README, re.M), "README chapter row"
    data = chapter.data()
    assert isinstance(data, ChapterData) and data.claims and data.to_json(indent=None)
    scene = getattr(importlib.import_module(module), name)
    assert not scene.title_key or scene.title_key in strings.ZH, "the chapter's title is in its own strings module"


def test_chapters_are_numbered_in_order_without_repeats():
    numbers = [c.number for c in CHAPTERS.values()]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert sorted(c.folder for c in CHAPTERS.values()) == sorted(FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_chapter_imports_another(folder):
    others = {f"scenes.{f}" for f in FOLDERS if f != folder} | {f"tests.chapters.{f}" for f in FOLDERS if f != folder}
    for path in [*(ROOT / "scenes" / folder).glob("*.py"), *(ROOT / "tests" / "chapters" / folder).glob("*.py")]:
        bad = {m for m in _imports(path) if any(m == o or m.startswith(o + ".") for o in others)}
        assert not bad, f"{path.relative_to(ROOT)} imports another chapter: {sorted(bad)}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_chapter_s_data_imports_only_the_core(folder):
    for m in _imports(ROOT / "scenes" / folder / "data.py"):
        top = m.split(".")[0]
        if m == f"scenes.{folder}.spec":
            continue  # its own SPEC
        assert top not in ("manim", "scenes", "pipeline", "render", "click"), f"{folder}/data.py imports {m}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_chapter_s_spec_imports_nothing_heavy(folder):
    """The registry imports every spec: a spec that imported its data, NumPy or Manim would load them into every
    run, even one with nothing to render."""
    light = {"__future__", "attention_core.chapter.spec", "attention_core.limits"}
    heavy = _imports(ROOT / "scenes" / folder / "spec.py") - light
    assert not heavy, f"{folder}/spec.py imports {sorted(heavy)}"


def test_only_a_chapter_s_own_folders_import_it():
    """What two chapters share lives in the core or the shared library, never in a chapter's folder."""
    mine = re.compile(r"^(scenes|tests\.chapters)\.(" + "|".join(FOLDERS) + r")\b")
    for path in ROOT.glob("**/*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in (".venv", "build"):
            continue
        for m in _imports(path):
            hit = mine.match(m)
            owner = hit and hit.group(2)
            inside = rel.parts[:2] == ("scenes", owner) or rel.parts[:3] == ("tests", "chapters", owner)
            assert not hit or inside, f"{rel} imports {m}"


def test_the_core_never_imports_upward_and_the_registry_loads_no_manim_nor_numpy():
    for path in (ROOT / "attention_core").glob("**/*.py"):
        for m in _imports(path):
            top = m.split(".")[0]
            assert top not in ("manim", "click", "scenes", "pipeline", "render"), f"{path.relative_to(ROOT)}: {m}"
    code = "import sys, attention_core, scenes, scenes.strings; print(sorted(m for m in sys.modules if m == 'manim'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", "importing the core, the registry or the strings imported Manim"
    code = (  # what a run with nothing to render needs (0.48 s with NumPy and jieba, 0.23 s without)
        "import sys, attention_core, scenes, render; from attention_core import ChapterSpec, MODELS, ExplainerError; "
        "print(sorted(m for m in sys.modules if m in ('numpy', 'jieba')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", "importing the core's light names, the registry or the CLI imported NumPy or jieba"


def test_no_caption_key_is_defined_twice():
    """The strings table merges every chapter's strings.py: a key in two modules would silently take one."""
    keys = [k for m in _MODULES for k in m.ZH]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_files_stay_small():
    """No source file over 300 lines, no test file over 500 (the house's rule: a file holds one idea)."""
    big = []
    for path in ROOT.glob("**/*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in (".venv", "build", "media"):
            continue
        limit = 500 if rel.parts[0] == "tests" else 300
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            big.append(f"{rel}: {lines} lines (limit {limit})")
    assert not big, "\n".join(big)
