"""Checks shared by the chapters whose focus word looks back along weighted arcs (intuition, self-attention-idea)."""

from __future__ import annotations

import numpy as np

from scenes.components.arcs import arc_style
from scenes.components.recall import DIM
from scenes.components.text import fmt
from tests.scene_probe import build_scene

__all__ = ["build_with_arc_snapshots", "check_arcs_follow_the_weights", "check_caption_names_the_strongest"]


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
    """Arcs go to exactly the words looked at, drawn by arc_style(weight); later all but the strongest dim."""
    fan = scene.recall.fan
    assert sorted(fan.by_key) == sorted(reading.looked_at())
    for key, arc in fan.by_key.items():
        assert arc.weight == reading.trace.weights[reading.focus, key]
    first, last = snapshots[0], snapshots[-1]
    best = reading.strongest()
    for key, (width, opacity) in first.items():
        want_w, want_o = arc_style(reading.weight(key))
        assert np.isclose(width, want_w) and np.isclose(opacity, want_o), key
        dim = 1.0 if key == best else DIM
        assert np.isclose(last[key][1], want_o * dim), key
    widths = [first[k][0] for k in sorted(first)]
    assert np.argmax(widths) == sorted(first).index(best)


def check_caption_names_the_strongest(reading, scene) -> None:
    """Some caption names the strongest word with its weight, both read from the trace."""
    best = reading.tokens[reading.strongest()]
    w = fmt(reading.weight(reading.strongest()), 2)
    assert any(best in text and w in text and reading.focus_word in text for _, text in scene.caption.log)
