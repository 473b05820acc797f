"""A sentence read up to one word: word attention plus the focus word and what its row of weights says.

Chapters 1 (intuition) and 3 (self-attention-idea) both stop at a *focus* word and draw its row of weights.
Chapter 1 reads causally (the reader has only seen the earlier words); chapter 3 lets every word see every word.
The weights come from a trained model's head (``e5-small``, the default, or ``minilm``; see
:mod:`attention_core.models.word_attention`) or from the designed lexicon (``lexicon``).
Both show at most :data:`MAX_READING_TOKENS` words: a longer sentence is read in a window around the focus word,
most of it before the focus (a pronoun or a verb refers back), and attention is computed among the words of that
window (the chapter says so on screen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from attention_core.chapter.base import ChapterData, Window, check_sentence, window_for
from attention_core.chapter.spec import ChapterSpec
from attention_core.claims.claim import Claim, read_row
from attention_core.claims.view_claims import view_claims
from attention_core.language.focus import choose_focus, find_focus
from attention_core.language.pos import marks_of
from attention_core.language.tokenize import clean_sentence, detect_language
from attention_core.limits import MAX_READING_TOKENS
from attention_core.models.word_attention import DEFAULT_MODEL, WordAttention, lexicon_words, make_choice, model_words

__all__ = ["MAX_READING_TOKENS", "Reading", "read_sentence"]


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


def read_sentence(
    cls: type[Reading],
    spec: ChapterSpec,
    article_expect: tuple[str, ...],
    sentence: str | None,
    focus: str | None,
    causal: bool,
    model: str = DEFAULT_MODEL,
    head: str | None = None,
    expect: tuple[str, ...] = (),
) -> Reading:
    """``sentence`` (None: the chapter's own, ``spec.sentence`` at ``spec.focus``) read up to its focus word (given,
    else chosen) as a ``cls``: chapter 1 reads ``causal``ly, chapter 3 does not; at most ``spec.window`` words are
    shown. ``article_expect``: the words the article links the chapter's own focus word to; the link is checked
    whenever the sentence and the focus word are the article's, given or not."""
    if sentence is None:
        sentence, focus = spec.sentence, focus or spec.focus
    tokens = check_sentence(sentence)
    if focus:
        index, rule = find_focus(tokens, focus, causal), None
    else:
        index, rule = choose_focus(tokens, causal)
    own = clean_sentence(sentence) == spec.sentence and tokens[index] == spec.focus
    choice = make_choice(model, head, tuple(expect), article_expect if own else ())
    window = window_for(len(tokens), spec.window, index, look_back=True)
    shown = tokens[window.start : window.stop]
    if model == "lexicon":
        attention = lexicon_words(shown, causal, sentence=sentence, lang=detect_language(sentence))
    else:
        at = index - window.start
        attention = model_words(sentence, tokens, window.start, window.stop, model, at, causal, choice)
    return cls(attention, index - window.start, rule, window, tokens)
