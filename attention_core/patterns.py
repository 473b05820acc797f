"""Reading an attention matrix row by row, and the patterns the data shows.

Chapter 7 reads every row with :func:`attention_core.claims.read_row` (the strongest key, a tie, itself, or an
even spread) and names a pattern only where a row shows it:

* ``self``: a word whose own weight is the largest in its row;
* ``neighbour``: a word whose strongest key is the word just before or just after it;
* ``far``: a word whose strongest key lies :data:`FAR` or more positions away (two or more words between);
* ``even``: a word whose weights are all within ±15 % of uniform.

``self``, ``neighbour`` and ``far`` are named only where the top weight stands out: at least :data:`STANDS_OUT`
times an even share of what the row gives the words (1/n of it). The row that shows a pattern most clearly (the
largest top weight; the flattest row for ``even``) is the example.

The weights come from a trained model's head (default ``e5-small``) or the designed lexicon, as in chapters 1
and 3 (:mod:`attention_core.word_attention`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from attention_core.chapter import ChapterData, Window, auto_focus_claim, check_sentence, window_for
from attention_core.claims import Claim, read_row
from attention_core.focus import choose_focus, find_focus
from attention_core.reading import DEFAULT_MODEL, head_claims
from attention_core.tokenize import detect_language
from attention_core.word_attention import WordAttention, lexicon_words, model_words

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
MATRIX_FOCUS = "停下"  # the article's focus word chooses the model's head for its own sentence
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
    if max(weights) * len(weights) < STANDS_OUT * sum(weights):
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
    """Chapter 7: word attention (every word sees every word) over the words shown. With a model, ``focus``
    (index into the words shown) is the word whose strongest link chose the head, given or chosen by
    :func:`attention_core.choose_focus` (``focus_rule``, None when given), as in chapter 3."""

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
        if tr.model != "lexicon":
            if self.focus_rule is not None:
                position = self.window.start + self.focus + 1
                yield auto_focus_claim(tr.tokens[self.focus], self.focus_rule, position, {"chooses": "head"})
            yield from head_claims(tr, self.focus, self.window.start)
        base = self.window.start
        rows = [
            read_row(f"row:{i}", tr.tokens, tr.weights[i], i, range(tr.n), base=base, special=float(tr.special[i]))
            for i in range(tr.n)
        ]
        yield from rows
        for kind in PATTERN_KINDS:
            found = [r for r in rows if pattern_of(r) == kind]
            if found:
                best = max(found, key=_strength)
                values = {"pattern": kind, **best.values, "reading": best.kind}
                if kind in ("neighbour", "far"):
                    values["between"] = abs(best.values["offset"]) - 1
                yield Claim(f"pattern:{kind}", "pattern", best.words, values, best.evidence)


def attention_matrix_data(
    sentence: str | None = None, focus: str | None = None, model: str = DEFAULT_MODEL
) -> MatrixData:
    """Chapter 7's data: word attention over ``sentence`` (default :data:`MATRIX_SENTENCE`).

    A sentence of more than :data:`MAX_MATRIX_TOKENS` words is shown as a window: its first words, or the words
    around ``focus`` when one is given; attention is computed among the words shown. With a model, the focus word
    (given, or chosen among the words shown as in chapter 3) chooses the head: the one linking it most strongly
    to a word not next to it.

    >>> d = attention_matrix_data(model="lexicon")
    >>> r = d.claim(f"row:{d.tokens.index('停下')}")
    >>> r.kind, r.words
    ('strongest', ('停下', '小猫'))
    """
    if sentence is None:
        sentence, focus = MATRIX_SENTENCE, focus or MATRIX_FOCUS
    tokens = check_sentence(sentence)
    index = find_focus(tokens, focus) if focus else None
    window = window_for(len(tokens), MAX_MATRIX_TOKENS, index)
    words = tokens[window.start : window.stop]
    if model == "lexicon":
        attention = lexicon_words(words, False, sentence=sentence, lang=detect_language(sentence))
        return MatrixData(attention, window, tokens)
    shown, rule = (index - window.start, None) if index is not None else choose_focus(words)
    attention = model_words(sentence, tokens, window.start, window.stop, model, shown, False)
    return MatrixData(attention, window, tokens, shown, rule)
