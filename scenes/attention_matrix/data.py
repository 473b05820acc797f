"""Chapter 7, attention-matrix: reading an attention matrix row by row, and the patterns the data shows.

Chapter 7 reads every row with :func:`attention_core.claims.read_row` (the strongest key, a tie, itself, or an
even spread) and names a pattern only where a row shows it (:func:`attention_core.head_rules.row_pattern`):

* ``self``: a word whose own weight is the largest in its row (as written, alone);
* ``neighbour``: a word whose strongest key is the word just before or just after it;
* ``far``: a word whose strongest key lies :data:`FAR` or more positions away (two or more words between);
* ``even``: a word whose weights are all within ±15 % of an even share of what the row gives the words.

``self``, ``neighbour`` and ``far`` are named only where the top weight stands out: at least :data:`STANDS_OUT`
times an even share of the **whole** row, 1/n (what a trained model gives its special tokens counts, so a row that
sends 0.99 to them shows no pattern). The row that shows a pattern most clearly (the largest top weight; the
flattest row for ``even``) is the example, and its caption says what went to the special tokens.

The weights come from a trained model (default ``e5-small``) or the designed lexicon, as in chapters 1 and 3
(:mod:`attention_core.models.word_attention`). Without ``--head`` or ``--expect`` the model's head is chosen by the
``varied`` rule: never a sink head (one word the strongest of most rows) unless every head is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from attention_core.chapter.base import ChapterData, Window, auto_focus_claim, check_sentence, window_for
from attention_core.claims.claim import Claim, read_row
from attention_core.claims.view_claims import view_claims
from attention_core.language.focus import choose_focus, find_focus
from attention_core.language.tokenize import detect_language
from attention_core.models.head_rules import FAR, STANDS_OUT, row_pattern
from attention_core.models.head_rules import PATTERN_KINDS as ROW_PATTERNS
from attention_core.models.word_attention import (
    DEFAULT_MODEL,
    WordAttention,
    lexicon_words,
    make_choice,
    model_words,
)
from scenes.attention_matrix.spec import SPEC

__all__ = [
    "FAR",
    "PATTERN_KINDS",
    "STANDS_OUT",
    "MatrixData",
    "attention_matrix_data",
]

PATTERN_KINDS = (*ROW_PATTERNS, "even")


def _strength(reading: Claim) -> float:
    """How clearly a row shows its pattern: its top weight, or for an even row how flat it is."""
    weights = reading.evidence["weights"]
    return -(max(weights) - min(weights)) if reading.kind == "even" else max(weights)


def _pattern(reading: Claim, row, special: float) -> str | None:
    """The pattern a row shows: ``even`` for an even reading, else :func:`row_pattern`."""
    return "even" if reading.kind == "even" else row_pattern(row, reading.values["query"], special)


@dataclass(frozen=True, eq=False)
class MatrixData(ChapterData):
    """Chapter 7: word attention (every word sees every word) over the words shown. ``focus`` (index into the words
    shown, or None) is the word given with ``--focus``, or with ``--expect`` the word whose expected link chooses
    the head (chosen by :func:`attention_core.choose_focus` when not given: ``focus_rule``)."""

    attention: WordAttention
    window: Window
    sentence_tokens: tuple[str, ...]
    focus: int | None = None
    focus_rule: str | None = None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown (rows and columns of the matrix)."""
        return self.attention.tokens

    def rows(self) -> tuple[Claim, ...]:
        """The reading of every row, in order."""
        return tuple(self.claim(f"row:{i}") for i in range(self.attention.n))

    def examples(self) -> tuple[Claim, ...]:
        """The pattern claims: for each pattern the data shows, the row that shows it most clearly."""
        return tuple(c for c in self.claims if c.kind == "pattern")

    def arrays(self) -> dict:
        """The whole sentence's words and the word attention of the words shown (with its source)."""
        return {"sentence_tokens": list(self.sentence_tokens), "attention": self.attention.to_dict()}

    def make_claims(self) -> Iterable[Claim]:
        tr = self.attention
        if self.window.partial:
            yield self.window.claim(self.tokens)
        yield Claim("matrix_size", "matrix_size", (), {"n": tr.n}, {"shape": list(tr.weights.shape)})
        if self.focus_rule is not None:
            position = self.window.start + self.focus + 1
            yield auto_focus_claim(tr.tokens[self.focus], self.focus_rule, position, tr.tokens, {"chooses": "head"})
        yield from view_claims(tr, self.focus, self.window.start)
        base = self.window.start
        rows = [
            read_row(f"row:{i}", tr.tokens, tr.weights[i], i, range(tr.n), base=base, special=float(tr.special[i]))
            for i in range(tr.n)
        ]
        yield from rows
        patterns = [_pattern(r, tr.weights[i], float(tr.special[i])) for i, r in enumerate(rows)]
        for kind in PATTERN_KINDS:
            found = [r for r, p in zip(rows, patterns, strict=True) if p == kind]
            if found:
                best = max(found, key=_strength)
                values = {"pattern": kind, **best.values, "reading": best.kind}
                if kind in ("neighbour", "far"):
                    values["between"] = abs(best.values["offset"]) - 1
                evidence = {**best.evidence, "special": float(tr.special[best.values["query"]])}
                yield Claim(f"pattern:{kind}", "pattern", best.words, values, evidence)


def attention_matrix_data(
    sentence: str | None = None,
    focus: str | None = None,
    model: str = DEFAULT_MODEL,
    head: str | None = None,
    expect: tuple[str, ...] = (),
) -> MatrixData:
    """Chapter 7's data: word attention over ``sentence`` (default: the chapter's own).

    A sentence of more than :attr:`SPEC.window` words is shown as a window: its first words, or the words
    around ``focus`` when one is given; attention is computed among the words shown. With a model the head is the
    one asked for (``head``), the strongest that agrees with ``expect`` (for the focus word, given or chosen as in
    chapter 3), or the ``varied`` rule's.

    >>> d = attention_matrix_data(model="lexicon")
    >>> r = d.claim(f"row:{d.tokens.index('停下')}")
    >>> r.kind, r.words
    ('strongest', ('停下', '小猫'))
    >>> d = attention_matrix_data()  # e5-small: no sink head; its rows favour several words
    >>> len({r.words[-1] for r in d.rows()}) >= 3
    True
    """
    choice = make_choice(model, head, expect)
    if sentence is None:
        sentence = SPEC.sentence
    tokens = check_sentence(sentence)
    index = find_focus(tokens, focus) if focus else None
    window = window_for(len(tokens), SPEC.window, index)
    words = tokens[window.start : window.stop]
    if model == "lexicon":
        attention = lexicon_words(words, False, sentence=sentence, lang=detect_language(sentence))
        return MatrixData(attention, window, tokens)
    shown, rule = (index - window.start, None) if index is not None else (None, None)
    if choice.expect and shown is None:
        shown, rule = choose_focus(words)
    attention = model_words(sentence, tokens, window.start, window.stop, model, shown, False, choice, "varied")
    return MatrixData(attention, window, tokens, shown, rule)
