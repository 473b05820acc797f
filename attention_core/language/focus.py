"""Which word a reader is "at" when chapters 1 and 3 look from one word to the others: the focus word.

The automatic choice, stated on screen with the rule that picked it (:data:`FOCUS_RULES`):

1. ``pronoun``: the first third-person pronoun (它 他 她 it he she they …), which refers back to someone;
2. ``content``: else the last content word: a noun, verb or adjective and their kin, by jieba's part-of-speech
   dictionary for Chinese, or an English word that is not a function word (:mod:`attention_core.language.pos`);
3. ``word``: else the last word (a token with a letter or a digit: not punctuation, a symbol or an emoji);
4. ``last``: else (only punctuation and symbols) the last token.

A causal reader (chapter 1) looks back, so the first word, with nothing before it, is never chosen there.
"""

from __future__ import annotations

from attention_core.errors import ExplainerError
from attention_core.language.pos import is_content, is_mark, is_third_person

__all__ = ["FOCUS_RULES", "choose_focus", "find_focus"]

FOCUS_RULES = ("pronoun", "content", "word", "last")


def choose_focus(tokens: tuple[str, ...], causal: bool = False) -> tuple[int, str]:
    """Index of the automatic focus and the rule that chose it (one of :data:`FOCUS_RULES`).

    >>> choose_focus(("小猫", "在", "追", "蝴蝶", ",", "然后", "它", "停下", "了"))
    (6, 'pronoun')
    >>> choose_focus(("It", "sat", "."), causal=True), choose_focus(("It", "sat", "."))
    ((1, 'content'), (0, 'pronoun'))
    >>> choose_focus(("the", "of", "."), causal=True)
    (1, 'word')
    >>> choose_focus(("我", "爱", "你")), choose_focus(("you", "and", "I")), choose_focus(("的", "了", "吗", "呢"))
    ((1, 'content'), (2, 'word'), (3, 'word'))
    """
    if len(tokens) < 2:
        raise ExplainerError("the sentence needs at least two words to look from one to another")
    first = 1 if causal else 0
    candidates = range(first, len(tokens))
    for i in candidates:
        if is_third_person(tokens[i]):
            return i, "pronoun"
    for rule, keep in (("content", is_content), ("word", lambda t: not is_mark(t))):
        for i in reversed(candidates):
            if keep(tokens[i]):
                return i, rule
    return len(tokens) - 1, "last"


def find_focus(tokens: tuple[str, ...], word: str, causal: bool = False) -> int:
    """Index of ``word`` among ``tokens``: its first occurrence written exactly so (else, ignoring case) that a
    causal reader can look back from.

    Raises a one-line :class:`ExplainerError` naming the words when ``word`` is absent, and, for a causal
    reader, when it only occurs as the first word (never silently taking another word that differs in case).

    >>> find_focus(("小猫", "停下"), "停下")
    1
    >>> find_focus(("the", "cat", "the"), "the", causal=True), find_focus(("The", "cat"), "CAT")
    (2, 1)
    >>> try:
    ...     find_focus(("The", "cat", "saw", "the", "dog"), "The", causal=True)
    ... except ExplainerError as exc:
    ...     print(exc)
    focus word 'The' is the first word; there is nothing earlier to look back at (did you mean 'the', word 4?)
    """
    exact = [i for i, t in enumerate(tokens) if t == word]
    folded = [i for i, t in enumerate(tokens) if t.casefold() == word.casefold()]
    matches = exact or folded
    if not matches:
        raise ExplainerError(f"focus word {word!r} is not in the sentence; its words are: {' '.join(tokens)}")
    usable = [i for i in matches if i > 0 or not causal]
    if not usable:
        later = [i for i in folded if i > 0]
        hint = f" (did you mean {tokens[later[0]]!r}, word {later[0] + 1}?)" if later else ""
        raise ExplainerError(f"focus word {word!r} is the first word; there is nothing earlier to look back at{hint}")
    return usable[0]
