"""One folder per chapter: ``tests/chapters/<folder>/`` (the chapter id with "-" -> "_") holds the chapter's oracle
(``oracle.py``: its claims re-derived independently, :mod:`tests.oracle` for what chapters share) and the tests of
that oracle (``test_oracle.py``). The tests here run every chapter's oracle: on hypothesis-drawn sentences
(``test_claims_hold.py``), with a trained model's views and real-model's cases (``test_views_hold.py``) and on fixed
sentences aimed at the edges (``test_edge_sentences.py``)."""

from __future__ import annotations

import importlib
from types import ModuleType


def folder(chapter_id: str) -> str:
    """The folder of chapter ``chapter_id`` under ``tests/chapters``."""
    return chapter_id.replace("-", "_")


def oracle(chapter_id: str) -> ModuleType:
    """The oracle module of chapter ``chapter_id`` (``check``, ``stated`` and its constants)."""
    return importlib.import_module(f"tests.chapters.{folder(chapter_id)}.oracle")
