"""Texts read by scenes.kit.glyphs are the texts Manim's general SVG reading makes: every point bit-equal, every
style attribute equal, for every script and symbol the chapters write; anything else is left to Manim."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from manim import config, tempconfig

from scenes.kit import glyphs
from scenes.kit.text import CachedText
from scenes.kit.theme import FONT, MONO_FONT

TEXTS = [
    "那只在花园里追逐蝴蝶的小猫突然停下了脚步",
    "「它」把 0.37 的注意力给了「小猫」，其余分给 12 个词",
    "softmax(QKᵀ/√d_k)·V  −0.37 ≈ 1.00 ⋮ ⋯ → ←",
    "The animal didn't cross the street because it was too tired",
    "▁the ##ing [CLS] [SEP] <s> </s> &amp; <b>",
    "a\tb",
    "line one\nline two",
    " ",
    "x",
    "é ñ ü ß مرحبا 𝑥 😀",
]


class _General(CachedText):
    """The same text read by Manim's general SVG reading (svgelements)."""

    def generate_mobject(self):
        return super(CachedText, self).generate_mobject()


def _same(a, b) -> list[str]:
    """Where two texts differ: points, styles or any other attribute of a glyph (the parsed path aside)."""
    problems = []
    fa, fb = a.get_family(), b.get_family()
    if len(fa) != len(fb):
        return [f"{len(fa)} mobjects against {len(fb)}"]
    for k, (x, y) in enumerate(zip(fa[1:], fb[1:], strict=True), start=1):
        if type(x) is not type(y):
            problems.append(f"glyph {k}: {type(x).__name__} against {type(y).__name__}")
        for name in (set(x.__dict__) | set(y.__dict__)) - {"path_obj", "original_id", "submobjects"}:
            u, v = x.__dict__.get(name), y.__dict__.get(name)
            equal = np.array_equal(u, v) if isinstance(u, np.ndarray) or isinstance(v, np.ndarray) else u == v
            if not equal:
                problems.append(f"glyph {k}: {name} {u!r:.60} against {v!r:.60}")
    if not np.array_equal(a.get_center(), b.get_center()) or a.width != b.width or a.height != b.height:
        problems.append("the texts are placed or sized differently")
    return problems


@pytest.fixture(autouse=True)
def _own_text_dir(tmp_path):
    with tempconfig({"text_dir": str(tmp_path)}):
        yield


@pytest.mark.parametrize("mono", [False, True], ids=["sans", "mono"])
@pytest.mark.parametrize("text", TEXTS)
def test_a_text_is_bit_equal_to_manims(text, mono):
    font = MONO_FONT if mono else FONT
    ours = CachedText(text, font=font, font_size=28, color="#f3f4f6")
    assert glyphs.glyph_mobjects(ours.get_file_path(), ours.generate_config_style_dict()) is not None
    assert not _same(_General(text, font=font, font_size=28, color="#f3f4f6"), ours)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=24),
    size=st.sampled_from([18, 28, 40]),
    color=st.sampled_from(["#f3f4f6", "#111827", "#f59e0b"]),
)
def test_any_text_in_any_size_and_colour_is_bit_equal(text, size, color):
    ours = CachedText(text, font=FONT, font_size=size, color=color)
    assert not _same(_General(text, font=FONT, font_size=size, color=color), ours)


def test_anything_but_pangos_form_is_left_to_manim(tmp_path):
    made = CachedText("猫 x", font=FONT, font_size=28)
    svg = made.get_file_path().read_text()
    assert glyphs.glyph_mobjects(made.get_file_path(), {}) is not None
    for changed in (
        svg.replace('<g id="surface', '<g transform="scale(2)" id="surface', 1),  # a transform
        svg.replace('d="M ', 'd="m '),  # relative commands
        svg.replace("</defs>", '</defs><rect width="3" height="4"/>', 1),  # another element
        svg.replace('<use xlink:href="#', '<use xlink:href="#nothing', 1),  # a use of a missing symbol
        re.sub(r'(<use [^>]* x="[\d.]+)"', r'\1pt"', svg, count=1),  # a length with a unit
        svg.replace("<svg ", '<svg fill="red" ', 1),  # a style on the root
        svg[: len(svg) // 2],  # a broken file
    ):
        assert changed != svg
        path = tmp_path / "changed.svg"
        path.write_text(changed)
        assert glyphs.glyph_mobjects(path, {}) is None, changed[:200]
    assert config.text_dir == str(tmp_path)
