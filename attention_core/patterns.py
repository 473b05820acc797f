"""Reading an attention matrix row by row, and the patterns the data shows.

Chapter 7 reads every row with :func:`attention_core.claims.read_row` (the strongest key, a tie, itself, or an
even spread) and names a pattern only where a row shows it:

* ``self``: a word whose own weight is the largest in its row;
* ``neighbour``: a word whose strongest key is the word just before or just after it;
* ``far``: a word whose strongest key lies :data:`FAR` or more positions away (two or more words between);
* ``even``: a word whose weights are all within ±15 % of uniform.

``self``, ``neighbour`` and ``far`` are named only where the top weight stands out: at least :data:`STANDS_OUT`
times an even share (1/n). The row that shows a pattern most clearly (the largest top weight; the flattest row
for ``even``) is the example.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from attention_core.chapter import ChapterData, Window, check_sentence, window_for
from attention_core.claims import Claim, read_row
from attention_core.focus import find_focus
from attention_core.lexicon import lexicon_attention
from attention_core.tokenize import detect_language
from attention_core.trace import AttentionTrace

__all__ = [
    "FAR",
    "MATRIX_SENTENCE",
    "MAX_MATRIX_TOKENS",
    "PATTERN_KINDS",
    "STANDS_OUT",
    "MatrixData",
    "attention_matrix_data",
    "pattern_of",
]

MATRIX_SENTENCE = "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
MAX_MATRIX_TOKENS = 16  # the most whose labels stay legible on both axes at 480p
FAR = 3  # a key at least this many positions away is "far" (at least two words in between)
STANDS_OUT = 2.0  # a pattern's top weight is at least this many times 1/n
PATTERN_KINDS = ("self", "neighbour", "far", "even")


def pattern_of(reading: Claim) -> str | None:
    """The pattern a row reading shows, if any (see the module docstring).

    >>> far = Claim("row:0", "strongest", values={"offset": -4}, evidence={"weights": [0.1, 0.1, 0.1, 0.7]})
    >>> weak = Claim("row:0", "strongest", values={"offset": -4}, evidence={"weights": [0.2, 0.2, 0.2, 0.4]})
    >>> pattern_of(far), pattern_of(weak), pattern_of(Claim("r", "tie", evidence={"weights": [0.5, 0.5]}))
    ('far', None, None)
    """
    if reading.kind == "even":
        return "even"
    weights = reading.evidence["weights"]
    if max(weights) * len(weights) < STANDS_OUT:
        return None
    if reading.kind == "self":
        return "self"
    if reading.kind == "strongest":
        distance = abs(reading.values["offset"])
        return "neighbour" if distance == 1 else "far" if distance >= FAR else None
    return None


def _strength(reading: Claim) -> float:
    """How clearly a row shows its pattern: its top weight, or for an even row how flat it is."""
    weights = reading.evidence["weights"]
    return -(max(weights) - min(weights)) if reading.kind == "even" else max(weights)


@dataclass(frozen=True, eq=False)
class MatrixData(ChapterData):
    """Chapter 7: lexicon attention (every word sees every word) over the words shown."""

    trace: AttentionTrace
    window: Window
    sentence_tokens: tuple[str, ...]

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown (rows and columns of the matrix)."""
        return self.trace.tokens

    def rows(self) -> tuple[Claim, ...]:
        """The reading of every row, in order."""
        return tuple(self.claim(f"row:{i}") for i in range(self.trace.n))

    def examples(self) -> tuple[Claim, ...]:
        """The pattern claims: for each pattern the data shows, the row that shows it most clearly."""
        return tuple(c for c in self.claims if c.kind == "pattern")

    def arrays(self) -> dict:
        """The whole sentence's words and the attention trace of the words shown."""
        return {"sentence_tokens": list(self.sentence_tokens), "trace": self.trace.to_dict()}

    def make_claims(self) -> Iterable[Claim]:
        tr = self.trace
        if self.window.partial:
            yield self.window.claim(self.tokens)
        yield Claim("matrix_size", "matrix_size", (), {"n": tr.n}, {"shape": list(tr.weights.shape)})
        base = self.window.start
        rows = [read_row(f"row:{i}", tr.tokens, tr.weights[i], i, range(tr.n), base=base) for i in range(tr.n)]
        yield from rows
        for kind in PATTERN_KINDS:
            found = [r for r in rows if pattern_of(r) == kind]
            if found:
                best = max(found, key=_strength)
                values = {"pattern": kind, **best.values, "reading": best.kind}
                if kind in ("neighbour", "far"):
                    values["between"] = abs(best.values["offset"]) - 1
                yield Claim(f"pattern:{kind}", "pattern", best.words, values, best.evidence)


def attention_matrix_data(sentence: str | None = None, focus: str | None = None) -> MatrixData:
    """Chapter 7's data: lexicon attention over ``sentence`` (default :data:`MATRIX_SENTENCE`).

    A sentence of more than :data:`MAX_MATRIX_TOKENS` words is shown as a window: its first words, or the words
    around ``focus`` when one is given; attention is computed among the words shown.

    >>> d = attention_matrix_data()
    >>> r = d.claim(f"row:{d.tokens.index('停下')}")
    >>> r.kind, r.words
    ('strongest', ('停下', '小猫'))
    """
    sentence = MATRIX_SENTENCE if sentence is None else sentence
    tokens = check_sentence(sentence)
    index = find_focus(tokens, focus) if focus else None
    window = window_for(len(tokens), MAX_MATRIX_TOKENS, index)
    trace = lexicon_attention(tokens[window.start : window.stop], causal=False, sentence=sentence,
                              lang=detect_language(sentence))  # fmt: skip
    return MatrixData(trace, window, tokens)
