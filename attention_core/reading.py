"""A sentence read up to one word: word attention plus the focus word and what its row of weights says.

Chapters 1 (intuition) and 3 (self-attention-idea) both stop at a *focus* word and draw its row of weights.
Chapter 1 reads causally (the reader has only seen the earlier words); chapter 3 lets every word see every word.
The weights come from a trained model's head (``e5-small``, the default, or ``minilm``; see
:mod:`attention_core.word_attention`) or from the designed lexicon (``lexicon``).
Both show at most :data:`MAX_READING_TOKENS` words: a longer sentence is read in a window around the focus word,
most of it before the focus (a pronoun or a verb refers back), and attention is computed among the words of that
window (the chapter says so on screen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from attention_core.chapter import ChapterData, Window, check_sentence, window_for
from attention_core.claims import Claim, read_row
from attention_core.display import WEIGHT_DECIMALS, fmt, sum_shown
from attention_core.focus import choose_focus, find_focus
from attention_core.pos import marks_of
from attention_core.tokenize import clean_sentence, detect_language
from attention_core.view_claims import view_claims
from attention_core.word_attention import WordAttention, lexicon_words, make_choice, model_words

__all__ = [
    "DEFAULT_MODEL",
    "INTUITION_FOCUS",
    "INTUITION_SENTENCE",
    "MAX_READING_TOKENS",
    "SELF_ATTENTION_FOCUS",
    "SELF_ATTENTION_SENTENCE",
    "IntuitionData",
    "Reading",
    "SelfAttentionData",
    "intuition_data",
    "self_attention_data",
]

INTUITION_SENTENCE = "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
INTUITION_FOCUS = "停下"
INTUITION_EXPECT = ("小猫",)  # the article: at 停下 a reader links back to 小猫, "不是蝴蝶或花园"
SELF_ATTENTION_SENTENCE = "小猫在花园里追蝴蝶,然后它停下了"
SELF_ATTENTION_FOCUS = "它"
SELF_ATTENTION_EXPECT = ("小猫",)  # the article: 它 -> 小猫
MAX_READING_TOKENS = 16  # the most that fit one or two legible rows in 16:9, or a column in 9:16
DEFAULT_MODEL = "e5-small"  # real attention, Chinese and English; "lexicon" is the designed example


@dataclass(frozen=True, eq=False)
class Reading(ChapterData):
    """Word attention over the words shown (``attention``), the focus word and how it was chosen.

    ``focus`` indexes ``attention.tokens``; ``focus_rule`` is the rule of :func:`attention_core.choose_focus` that
    picked it, or None when the user gave it; ``window`` places ``attention.tokens`` in ``sentence_tokens``.
    """

    attention: WordAttention
    focus: int
    focus_rule: str | None
    window: Window
    sentence_tokens: tuple[str, ...]

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words shown (the window of the sentence)."""
        return self.attention.tokens

    @property
    def auto_focus(self) -> bool:
        """True when the focus word was chosen automatically (the chapter then says by which rule)."""
        return self.focus_rule is not None

    @property
    def focus_word(self) -> str:
        """The word the reader is at."""
        return self.tokens[self.focus]

    def keys(self) -> tuple[int, ...]:
        """Every word the focus word's weights are spread over, itself included (the earlier ones when causal)."""
        return tuple(range(self.focus + 1 if self.attention.causal else self.attention.n))

    def looked_at(self) -> tuple[int, ...]:
        """The words the focus looks at (an arc each): :meth:`keys` without the focus itself."""
        return tuple(k for k in self.keys() if k != self.focus)

    def weight(self, key: int) -> float:
        """Attention of the focus word on word ``key``."""
        return float(self.attention.weights[self.focus, key])

    def arrays(self) -> dict:
        """The focus, how it was chosen, the whole sentence's words and the word attention (with its source)."""
        return {
            "focus": self.focus,
            "focus_word": self.focus_word,
            "focus_rule": self.focus_rule,
            "sentence_tokens": list(self.sentence_tokens),
            "attention": self.attention.to_dict(),
        }

    def focus_row(self) -> Claim:
        """What the focus word's row says (strongest word, tie, itself, or an even spread)."""
        others = "earlier" if self.attention.causal else "other"
        return read_row(
            "focus_row",
            self.tokens,
            self.attention.weights[self.focus],
            self.focus,
            self.keys(),
            others=others,
            base=self.window.start,
            special=float(self.attention.special[self.focus]),
        )

    def _opening_claims(self) -> Iterable[Claim]:
        if self.window.partial:
            yield self.window.claim(self.tokens)
        if self.focus_rule is not None:
            yield self._auto_focus()
        yield from view_claims(self.attention, self.focus, self.window.start)

    def _auto_focus(self) -> Claim:
        """How the focus was chosen: the rule applied, and whether reading causally skipped the first word."""
        index = self.window.start + self.focus
        skipped = self.attention.causal and choose_focus(self.sentence_tokens, causal=False)[0] != index
        values = {
            "rule": self.focus_rule,
            "causal": self.attention.causal,
            "position": index + 1,
            "skipped_first": skipped,
            "marks": marks_of(self.sentence_tokens) if self.focus_rule == "last" else None,
        }
        return Claim("auto_focus", "auto_focus", (self.focus_word,), values, {"tokens": list(self.sentence_tokens)})


class IntuitionData(Reading):
    """Chapter 1: a causal reading; claims: window, auto focus, the focus's own share, its row."""

    def make_claims(self) -> Iterable[Claim]:
        yield from self._opening_claims()
        weights = [self.weight(k) for k in self.keys()]
        special = float(self.attention.special[self.focus])
        total = sum_shown(weights, WEIGHT_DECIMALS)
        words_total = fmt(sum(weights), WEIGHT_DECIMALS)  # what the words get; the special tokens get the rest
        written = fmt(special, WEIGHT_DECIMALS)
        special_shown = special > 0 and written != fmt(0.0, WEIGHT_DECIMALS)
        values = {
            "w": fmt(self.weight(self.focus), WEIGHT_DECIMALS),
            "shown_sum": fmt(float(total), WEIGHT_DECIMALS),
            "count": len(weights),
            "special": written if special_shown else None,
            "special_names": self.attention.source.get("special_names"),
            "words_total": words_total,
            "rounded": fmt(float(total), WEIGHT_DECIMALS) != (words_total if special_shown else "1.00"),
        }
        yield Claim("self_share", "self_share", (self.focus_word,), values, {"weights": weights, "special": special})
        yield self.focus_row()


class SelfAttentionData(Reading):
    """Chapter 3: every word sees every word; claims: window, RNN path, matrix size, auto focus, the focus row."""

    def make_claims(self) -> Iterable[Claim]:
        n = self.attention.n
        if self.window.partial:
            yield self.window.claim(self.tokens)
        yield Claim(
            "rnn_path", "path_steps", (self.tokens[0], self.tokens[-1]), {"steps": n - 1}, {"first": 0, "last": n - 1}
        )
        yield Claim("matrix_size", "matrix_size", (), {"n": n}, {"shape": list(self.attention.weights.shape)})
        if self.focus_rule is not None:
            yield self._auto_focus()
        yield from view_claims(self.attention, self.focus, self.window.start)
        yield self.focus_row()


def _reading(
    cls: type[Reading],
    sentence: str,
    focus: str | None,
    causal: bool,
    model: str,
    head: str | None,
    expect: tuple[str, ...],
    article: tuple[str, str, tuple[str, ...]],
) -> Reading:
    """``article``: the chapter's own sentence, its focus word and the word the article links it to; the link is
    checked whenever the sentence and the focus word are the article's, given or not."""
    tokens = check_sentence(sentence)
    if focus:
        index, rule = find_focus(tokens, focus, causal), None
    else:
        index, rule = choose_focus(tokens, causal)
    own = clean_sentence(sentence) == article[0] and tokens[index] == article[1]
    choice = make_choice(model, head, expect, article[2] if own else ())
    window = window_for(len(tokens), MAX_READING_TOKENS, index, look_back=True)
    shown = tokens[window.start : window.stop]
    if model == "lexicon":
        attention = lexicon_words(shown, causal, sentence=sentence, lang=detect_language(sentence))
    else:
        at = index - window.start
        attention = model_words(sentence, tokens, window.start, window.stop, model, at, causal, choice)
    return cls(attention, index - window.start, rule, window, tokens)


def intuition_data(
    sentence: str | None = None,
    focus: str | None = None,
    model: str = DEFAULT_MODEL,
    head: str | None = None,
    expect: tuple[str, ...] = (),
) -> IntuitionData:
    """Chapter 1: read causally; the article's sentence stops at 停下 unless another focus is given, and checks
    the article's link 停下 -> 小猫 against every head of the model.

    >>> r = intuition_data(model="lexicon")
    >>> r.focus_word, r.auto_focus, r.attention.causal, r.claim("focus_row").words
    ('停下', False, True, ('停下', '小猫'))
    >>> intuition_data("我昨天在公园里看见一只狗", "狗", model="lexicon").focus_word
    '狗'
    >>> r = intuition_data()  # e5-small: the strongest head in which 小猫 is 停下's strongest earlier word
    >>> r.claim("focus_row").words, r.claim("expect").values["agree"]
    (('停下', '小猫'), 17)
    """
    if sentence is None:
        sentence, focus = INTUITION_SENTENCE, focus or INTUITION_FOCUS
    article = (INTUITION_SENTENCE, INTUITION_FOCUS, INTUITION_EXPECT)
    return _reading(IntuitionData, sentence, focus, True, model, head, tuple(expect), article)


def self_attention_data(
    sentence: str | None = None,
    focus: str | None = None,
    model: str = DEFAULT_MODEL,
    head: str | None = None,
    expect: tuple[str, ...] = (),
) -> SelfAttentionData:
    """Chapter 3: every word sees every word (not causal); the article's sentence focuses on 它 and checks the
    article's link 它 -> 小猫.

    >>> r = self_attention_data(model="lexicon")
    >>> r.focus_word, r.claim("focus_row").words, r.auto_focus
    ('它', ('它', '小猫'), False)
    >>> r = self_attention_data()  # e5-small: the strongest of the heads in which 小猫 is 它's strongest word
    >>> r.claim("focus_row").words, r.claim("view").values["layer"], r.claim("view").values["head"]
    (('它', '小猫'), 9, 9)
    """
    if sentence is None:
        sentence, focus = SELF_ATTENTION_SENTENCE, focus or SELF_ATTENTION_FOCUS
    article = (SELF_ATTENTION_SENTENCE, SELF_ATTENTION_FOCUS, SELF_ATTENTION_EXPECT)
    return _reading(SelfAttentionData, sentence, focus, False, model, head, tuple(expect), article)
