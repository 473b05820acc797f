"""Chapter 6's data: a long sentence is worked through in a window, computed among its words."""

from __future__ import annotations

from scenes.worked_example.data import worked_example_data


def test_worked_example_shows_a_window_and_computes_among_it():
    d = worked_example_data(" ".join(f"w{i}" for i in range(13)), focus="w10")
    assert d.tokens == tuple(f"w{i}" for i in range(5, 13)) and d.trace.n == 8
    assert d.claim("window").values == {"first": 6, "last": 13, "total": 13, "reason": "focus"}
