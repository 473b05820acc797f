"""Checks shared by the chapters whose focus word looks back along weighted arcs (intuition, self-attention-idea)."""

from __future__ import annotations

import numpy as np

from attention_core import highlighted
from scenes.diagrams.arcs import arc_style
from scenes.diagrams.recall import DIM
from tests.scene_probe import build_scene

__all__ = ["build_with_arc_snapshots", "check_arcs_follow_the_weights", "check_the_focus_row_is_stated"]


def build_with_arc_snapshots(scene_cls, data, tmp_path, aspect=(16, 9)):
    """Build the scene; after every play, record each arc's drawn (width, opacity) once all arcs are on screen."""
    snapshots: list[dict[int, tuple[float, float]]] = []

    class Snapshot(scene_cls):
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            recall = getattr(self, "recall", None)
            on_screen = {id(m) for m in self.get_mobject_family_members()}
            if recall is not None and all(id(a) in on_screen for a in recall.fan.by_key.values()):
                snapshots.append({k: a.drawn_style() for k, a in recall.fan.by_key.items()})

    scene, shown = build_scene(Snapshot, data, tmp_path, aspect)
    return scene, shown, snapshots


def check_arcs_follow_the_weights(reading, scene, snapshots) -> None:
    """Arcs go to exactly the words looked at, drawn by arc_style(weight); later all but the lit ones dim.

    The lit arcs are the ones the focus row's claim names (strongest, tied, runners-up); an even row dims none.
    """
    fan = scene.recall.fan
    assert sorted(fan.by_key) == sorted(reading.looked_at())
    for key, arc in fan.by_key.items():
        assert arc.weight == reading.attention.weights[reading.focus, key]
    first, last = snapshots[0], snapshots[-1]
    claim = reading.claim("focus_row")
    lit = set(highlighted(claim))
    for key, (width, opacity) in first.items():
        want_w, want_o = arc_style(reading.weight(key))
        assert np.isclose(width, want_w) and np.isclose(opacity, want_o), key
        dim = 1.0 if key in lit or (not lit and claim.kind != "self") else DIM
        assert np.isclose(last[key][1], want_o * dim), key
    widths = {k: first[k][0] for k in first}
    if claim.kind in ("strongest", "tie"):
        assert max(widths.values()) == max(widths[k] for k in lit)


def check_the_focus_row_is_stated(reading, scene, key: str) -> None:
    """The caption about the focus row is the one made from its claim, in the scene's language."""
    from scenes.strings import claim_text

    claim = reading.claim("focus_row")
    assert any(c is claim for c in scene.stated)
    assert claim_text(scene.lang, key, claim) in [t for _, t in scene.caption.log]
