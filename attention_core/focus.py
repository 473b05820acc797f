"""Which word a reader is "at" when the intuition chapter looks back: the focus word."""

from __future__ import annotations

import unicodedata

from attention_core.errors import ExplainerError
from attention_core.lexicon import FUNCTION_WORDS, PRONOUNS

__all__ = ["choose_focus", "find_focus"]


def _is_content(token: str) -> bool:
    return token.casefold() not in FUNCTION_WORDS and not all(unicodedata.category(c)[0] in "PSZ" for c in token)


def choose_focus(tokens: tuple[str, ...]) -> int:
    """Index of the automatic focus: the first pronoun after the first word, else the last content word.

    >>> choose_focus(("小猫", "在", "追", "蝴蝶", ",", "然后", "它", "停下", "了"))
    6
    >>> choose_focus(("The", "cat", "sat", "."))
    2
    """
    for i, t in enumerate(tokens[1:], start=1):
        if t.casefold() in PRONOUNS:
            return i
    for i in range(len(tokens) - 1, 0, -1):
        if _is_content(tokens[i]):
            return i
    if len(tokens) < 2:
        raise ExplainerError("the sentence needs at least two words to look back from one to another")
    return len(tokens) - 1


def find_focus(tokens: tuple[str, ...], word: str) -> int:
    """Index of ``word`` among ``tokens`` (its first occurrence), or a one-line error naming the tokens.

    >>> find_focus(("小猫", "停下"), "停下")
    1
    """
    matches = [i for i, t in enumerate(tokens) if t == word or t.casefold() == word.casefold()]
    if not matches:
        raise ExplainerError(f"focus word {word!r} is not in the sentence; its words are: {' '.join(tokens)}")
    if matches[0] == 0:
        raise ExplainerError(f"focus word {word!r} is the first word; there is nothing earlier to look back at")
    return matches[0]
