"""Which word a reader is "at" when chapters 1 and 3 look from one word to the others: the focus word.

The automatic choice, stated on screen with the rule that picked it (:data:`FOCUS_RULES`):

1. ``pronoun``: the first third-person pronoun (它 他 她 it he she they …), which refers back to someone;
2. ``content``: else the last content word (not a function word, not punctuation);
3. ``word``: else the last word that is not punctuation;
4. ``last``: else the last token.

A causal reader (chapter 1) looks back, so the first word, with nothing before it, is never chosen there.
"""

from __future__ import annotations

import unicodedata

from attention_core.errors import ExplainerError
from attention_core.lexicon import FUNCTION_WORDS, PRONOUNS

__all__ = ["FOCUS_RULES", "choose_focus", "find_focus", "is_punctuation"]

FOCUS_RULES = ("pronoun", "content", "word", "last")


def is_punctuation(token: str) -> bool:
    """True for a token with no letter and no digit: punctuation, symbols, emoji (with their variation selectors
    and other marks), spaces.

    >>> is_punctuation("。"), is_punctuation("cat"), is_punctuation("❤\ufe0f"), is_punctuation("\u0301")
    (True, False, True, True)
    """
    return not any(unicodedata.category(c)[0] in "LN" for c in token)


def choose_focus(tokens: tuple[str, ...], causal: bool = False) -> tuple[int, str]:
    """Index of the automatic focus and the rule that chose it (one of :data:`FOCUS_RULES`).

    >>> choose_focus(("小猫", "在", "追", "蝴蝶", ",", "然后", "它", "停下", "了"))
    (6, 'pronoun')
    >>> choose_focus(("It", "sat", "."), causal=True), choose_focus(("It", "sat", "."))
    ((1, 'content'), (0, 'pronoun'))
    >>> choose_focus(("the", "of", "."), causal=True)
    (1, 'word')
    """
    if len(tokens) < 2:
        raise ExplainerError("the sentence needs at least two words to look from one to another")
    first = 1 if causal else 0
    candidates = range(first, len(tokens))
    for i in candidates:
        if tokens[i].casefold() in PRONOUNS:
            return i, "pronoun"
    for rule, keep in (("content", _is_content), ("word", lambda t: not is_punctuation(t))):
        for i in reversed(candidates):
            if keep(tokens[i]):
                return i, rule
    return len(tokens) - 1, "last"


def _is_content(token: str) -> bool:
    return token.casefold() not in FUNCTION_WORDS and not is_punctuation(token)


def find_focus(tokens: tuple[str, ...], word: str, causal: bool = False) -> int:
    """Index of ``word`` among ``tokens`` (its first occurrence a causal reader can look back from).

    Raises a one-line :class:`ExplainerError` naming the words when ``word`` is absent, and, for a causal
    reader, when it only occurs as the first word.

    >>> find_focus(("小猫", "停下"), "停下")
    1
    >>> find_focus(("the", "cat", "the"), "the", causal=True)
    2
    """
    matches = [i for i, t in enumerate(tokens) if t == word or t.casefold() == word.casefold()]
    if not matches:
        raise ExplainerError(f"focus word {word!r} is not in the sentence; its words are: {' '.join(tokens)}")
    usable = [i for i in matches if i > 0 or not causal]
    if not usable:
        raise ExplainerError(f"focus word {word!r} is the first word; there is nothing earlier to look back at")
    return usable[0]
