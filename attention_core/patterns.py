"""Reading an attention matrix row by row: each query's strongest key, and which patterns the data shows.

Chapter 7 states a pattern ("a word attends to itself / to its neighbour / to a far word") only when a row of
the computed weights shows it, so a new sentence never yields a false statement.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from attention_core.chapter_data import check_token_count
from attention_core.lexicon import lexicon_trace
from attention_core.trace import AttentionTrace

__all__ = [
    "MATRIX_SENTENCE",
    "PATTERN_KINDS",
    "TIE_TOLERANCE",
    "MatrixData",
    "RowReading",
    "attention_matrix_data",
    "pattern_examples",
    "read_row",
    "read_rows",
]

MATRIX_SENTENCE = "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
TIE_TOLERANCE = 0.005  # keys closer than this to the maximum print the same at two decimals: all are named
FAR = 3  # a key at least this many positions away is "far" (at least two words in between)
PATTERN_KINDS = ("self", "neighbour", "far", "spread")


@dataclass(frozen=True)
class RowReading:
    """What row ``query`` of the weights says.

    ``best`` holds the strongest key(s): several on a tie. ``kind`` is ``"spread"`` when no key stands out
    (the maximum is below 1.5× the uniform weight), ``"tie"`` for several best keys, else by distance:
    ``"self"``, ``"neighbour"`` (adjacent), ``"near"`` (one word between) or ``"far"``.
    """

    query: int
    best: tuple[int, ...]
    weight: float
    kind: str

    @property
    def distance(self) -> int:
        """Positions between the query and its (first) strongest key."""
        return abs(self.best[0] - self.query)

    def to_dict(self) -> dict:
        """Plain values for ``json.dumps``."""
        return {"query": self.query, "best": list(self.best), "weight": self.weight, "kind": self.kind}


def read_row(weights: np.ndarray, query: int) -> RowReading:
    """Read row ``query`` of ``weights (n, n)``.

    >>> w = np.array([[0.7, 0.1, 0.1, 0.1], [0.45, 0.05, 0.45, 0.05], [0.3, 0.2, 0.2, 0.3], [0.7, 0.1, 0.1, 0.1]])
    >>> [read_row(w, i).kind for i in range(4)]
    ['self', 'tie', 'spread', 'far']
    >>> read_row(w, 1).best
    (0, 2)
    """
    row = np.asarray(weights, dtype=float)[query]
    top = float(row.max())
    best = tuple(int(j) for j in np.flatnonzero(row >= top - TIE_TOLERANCE))
    if top < min(1.5 / len(row), 0.6):
        kind = "spread"
    elif len(best) > 1:
        kind = "tie"
    else:
        distance = abs(best[0] - query)
        kind = {0: "self", 1: "neighbour", 2: "near"}.get(distance, "far" if distance >= FAR else "near")
    return RowReading(query, best, top, kind)


def read_rows(weights: np.ndarray) -> tuple[RowReading, ...]:
    """:func:`read_row` for every row."""
    return tuple(read_row(weights, i) for i in range(len(weights)))


def pattern_examples(rows: tuple[RowReading, ...]) -> dict[str, RowReading]:
    """For each of :data:`PATTERN_KINDS` the data shows, the row that shows it most clearly.

    That is the row with the largest weight on its strongest key, or for ``"spread"`` the most even row. A kind
    absent from the data is absent from the result.

    >>> w = np.array([[0.8, 0.1, 0.05, 0.05], [0.1, 0.1, 0.7, 0.1], [0.1, 0.1, 0.1, 0.7], [0.2, 0.2, 0.3, 0.3]])
    >>> {k: r.query for k, r in pattern_examples(read_rows(w)).items()}
    {'self': 0, 'neighbour': 1, 'spread': 3}
    """
    out: dict[str, RowReading] = {}
    for kind in PATTERN_KINDS:
        found = [r for r in rows if r.kind == kind]
        if found:
            out[kind] = min(found, key=lambda r: r.weight) if kind == "spread" else max(found, key=lambda r: r.weight)
    return out


@dataclass(frozen=True, eq=False)
class MatrixData:
    """Chapter 7: a lexicon trace (every word sees every word) and the reading of each of its rows."""

    trace: AttentionTrace
    rows: tuple[RowReading, ...]

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words of the sentence."""
        return self.trace.tokens

    def examples(self) -> dict[str, RowReading]:
        """The patterns this sentence shows (see :func:`pattern_examples`)."""
        return pattern_examples(self.rows)

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``."""
        return {"rows": [r.to_dict() for r in self.rows],
                "examples": {k: r.query for k, r in self.examples().items()}, "trace": self.trace.to_dict()}

    def to_json(self, indent: int | None = 2) -> str:
        """The chapter's data as JSON (UTF-8 text, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def attention_matrix_data(sentence: str | None = None) -> MatrixData:
    """Chapter 7's data: lexicon attention (not causal) over ``sentence`` (default :data:`MATRIX_SENTENCE`).

    >>> d = attention_matrix_data()
    >>> r = d.rows[d.tokens.index("停下")]
    >>> d.tokens[r.best[0]], r.kind
    ('小猫', 'near')
    """
    sentence = MATRIX_SENTENCE if sentence is None else sentence
    check_token_count(sentence)
    trace = lexicon_trace(sentence, causal=False)
    return MatrixData(trace, read_rows(trace.weights))
