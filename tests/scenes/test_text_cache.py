"""Built texts are shared between renders as pickles: read back equal, and a planted file never runs."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest
from manim.utils.file_ops import guarantee_existence

from scenes.kit import text
from scenes.kit.theme import FONT, THEMES

THEME = THEMES["dark"]
WORDS = "其余的头里 hello 0.35"


@pytest.fixture
def shared(tmp_path, monkeypatch):
    monkeypatch.setattr(text, "_made", {})
    monkeypatch.setattr(text, "_shared", None)
    text.share_text_cache(tmp_path)
    return tmp_path


def _no_build(*args, **kwargs):
    raise AssertionError("the text was built again")


def test_a_built_text_is_read_back_by_the_next_render_without_building(shared, monkeypatch):
    built = text.label(WORDS, THEME)
    assert [p.name for p in shared.glob("*.text.pickle")] == [text.built_name(WORDS, FONT, 28.0, THEME.text)]
    monkeypatch.setattr(text, "_made", {})  # a new process: only the shared folder is left
    monkeypatch.setattr(text.CachedText, "__init__", _no_build)
    again = text.label(WORDS, THEME)
    assert type(again) is text.CachedText and again.text == built.text and again.color == built.color
    assert np.array_equal(again.get_all_points(), built.get_all_points())
    assert again is not text.label(WORDS, THEME)  # every label is its own object


class _Planted:
    def __init__(self, call, path):
        self.call, self.path = call, path

    def __reduce__(self):
        return (self.call, (Path(self.path),))


def test_a_planted_or_broken_file_is_never_run_and_is_built_again(shared, monkeypatch):
    name = shared / text.built_name(WORDS, FONT, 28.0, THEME.text)
    ran = shared / "ran"
    planted_files = [pickle.dumps(_Planted(call, ran)) for call in (os.mkdir, guarantee_existence)]  # Manim's too
    for planted in (*planted_files, b"\x80\x05garbage", b""):
        name.write_bytes(planted)
        monkeypatch.setattr(text, "_made", {})
        made = text.label(WORDS, THEME)
        assert not ran.exists() and made.text == WORDS.replace(" ", "")
        assert pickle.loads(name.read_bytes()).text == made.text  # replaced by the real one
