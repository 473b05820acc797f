"""Manim's family and boundary walks, replaced by cheaper ones (scenes/kit/walks.py), give the same list of
mobjects and the same array bit for bit: for trees with shared members and cycles, odd points, and the mobjects a
chapter puts on screen."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from manim import Circle, Dot, Line, Mobject, Square, VGroup, VMobject

from scenes.kit import walks
from scenes.kit.text import label
from scenes.kit.theme import THEMES
from tests.scene_probe import build_chapter, family


def manims_family(m: Mobject) -> list[int]:
    return [id(x) for x in walks._manims_family(m)]


def ours_family(m: Mobject) -> list[int]:
    return [id(x) for x in walks._get_family(m)]


def same_boundary(m: VMobject) -> None:
    want, got = walks._manims_boundary(m), walks._get_points_defining_boundary(m)
    assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)


@st.composite
def graphs(draw) -> list[VMobject]:
    """VMobjects whose submobjects point at others at random: shared members, repeats, and sometimes cycles."""
    n = draw(st.integers(1, 12))
    nodes = [VMobject() for _ in range(n)]
    for node in nodes:
        node.submobjects = [nodes[i] for i in draw(st.lists(st.integers(0, n - 1), max_size=4))]
    return nodes


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(graphs())
def test_the_family_is_manims_for_any_graph(nodes):
    for node in nodes:
        try:
            want = manims_family(node)
        except RecursionError:  # too deep for Manim's walk too: ours must fail as well
            with pytest.raises(RecursionError):
                walks._get_family(node)
            continue
        assert ours_family(node) == want


def odd_shapes() -> list[VMobject]:
    one_point = VMobject()
    one_point.points = np.array([[1.0, 2.0, 0.0]])
    five_points = VMobject()  # not whole Bézier curves: Manim's strict zip raises
    five_points.points = np.arange(15, dtype=float).reshape(5, 3)
    empty_with_children = VGroup(VMobject(), Dot(), VGroup())
    return [one_point, five_points, empty_with_children, VMobject(), Line(), Square().add(Circle(), one_point.copy())]


@pytest.mark.parametrize("shape", odd_shapes(), ids=lambda s: type(s).__name__)
def test_the_boundary_is_manims_for_odd_shapes(shape):
    try:
        want = walks._manims_boundary(shape)
    except ValueError as manims:  # the same error, word for word
        with pytest.raises(ValueError, match=f"^{re.escape(str(manims))}$"):
            walks._get_points_defining_boundary(shape)
        return
    got = walks._get_points_defining_boundary(shape)
    assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)


def test_a_class_with_its_own_anchors_keeps_them():
    class Custom(VMobject):
        def get_anchors(self):
            return [np.array([9.0, 9.0, 0.0])]

    shape = VGroup(Square(), Custom())
    same_boundary(shape)
    assert walks._get_points_defining_boundary(shape)[-1].tolist() == [9.0, 9.0, 0.0]


def test_a_chapters_mobjects_walk_as_manims(tmp_path):
    """Every mobject the worked example shows (texts, grids, arrows, highlights), built with the cheap walks."""
    walks.install()
    _, _, shown = build_chapter("worked-example", None, "zh", tmp_path, draw=False)
    shown = family(shown) + [label("小猫 0.25 cat", THEMES["dark"])]
    assert len(shown) > 500
    for m in shown:
        assert ours_family(m) == manims_family(m)
        if isinstance(m, VMobject):
            same_boundary(m)
