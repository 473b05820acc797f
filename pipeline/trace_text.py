"""The ``trace`` command's text output: matrices as aligned rows, word lists on one line, claims as sentences."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["trace_lines"]


def trace_lines(out: dict, claims, lang: str, prefix: str = "") -> Iterator[str]:
    """Lines printing ``out`` (a chapter's or a trace's ``to_dict``); ``claims`` are written as sentences.

    >>> list(trace_lines({"tokens": ["a", "b"], "weights": [[0.5, 0.5], [1.0, 0.0]]}, (), "en"))
    ['tokens: a | b', '', 'weights (2, 2)', '    0.5000    0.5000', '    1.0000    0.0000']
    """
    from scenes.strings.claims import describe

    for key, value in out.items():
        if key == "claims":
            yield ""
            yield "claims:"
            yield from (f"  [{claim.topic}] {describe(claim, lang)}" for claim in claims)
        elif isinstance(value, dict):
            yield from trace_lines(value, (), lang, f"{prefix}{key}.")
        elif _is_matrix(value):
            yield ""
            yield f"{prefix}{key} {np.asarray(value, dtype=object).shape}"
            yield from ("  " + "  ".join("    -inf" if v is None else f"{v:8.4f}" for v in row) for row in value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            yield f"{prefix}{key}: {' | '.join(value)}"
        else:
            yield f"{prefix}{key}: {value}"


def _is_matrix(value) -> bool:
    arr = np.asarray(value, dtype=object)
    return arr.ndim == 2 and arr.size > 0 and all(isinstance(v, (int, float)) or v is None for v in arr.ravel())
