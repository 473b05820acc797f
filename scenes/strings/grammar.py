"""The grammar captions share: counts with their nouns, articles, quoted names with positions, lists, ranks."""

from __future__ import annotations

__all__ = ["a_an", "count", "each", "name", "name_list", "ordinal", "quote"]


def count(n: int, noun: str, lang: str = "en") -> str:
    """``n`` with its noun: "1 step", "9 steps" (Chinese nouns take no plural: "9 步").

    >>> count(1, "step"), count(9, "step"), count(2, "word", "zh")
    ('1 step', '9 steps', '2 个词')
    """
    if lang == "zh":
        return f"{n} {_ZH_NOUNS.get(noun, noun)}"
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


_ZH_NOUNS = {"step": "步", "word": "个词", "cell": "格", "score": "个分数", "head": "个头", "piece": "个片段"}


def a_an(n: int) -> str:
    """The English article before a number said aloud: "an 8×8", "an 11×11", "a 4×4".

    >>> [a_an(n) for n in (4, 8, 11, 16, 18, 80, 800)]
    ['a', 'an', 'an', 'a', 'an', 'an', 'an']
    """
    s = str(n)
    return "an" if s[0] == "8" or (len(s) in (2, 5) and s[:2] in ("11", "18")) else "a"


def quote(word: str, lang: str) -> str:
    return f"「{word}」" if lang == "zh" else f'"{word}"'


def name(word: str, position: int | None, lang: str) -> str:
    """A quoted word, with its position in the sentence when it is given (a word shown more than once)."""
    if position is None:
        return quote(word, lang)
    return f"{quote(word, lang)}（第 {position} 个）" if lang == "zh" else f"{quote(word, lang)} (word {position})"


def name_list(names: list[str], lang: str, either: bool = False) -> str:
    """Names joined as a sentence lists them: "A", "A and B", "A, B and C" (Chinese: A、B 和 C); ``either``: "or".

    >>> name_list(['"a"', '"b"', '"c"'], "en"), name_list(["「甲」", "「乙」"], "zh")
    ('"a", "b" and "c"', '「甲」和「乙」')
    >>> name_list(['"a"', '"b"'], "en", either=True), name_list(["「甲」", "「乙」"], "zh", either=True)
    ('"a" or "b"', '「甲」或「乙」')
    """
    if len(names) <= 1:
        return "".join(names)
    if lang == "zh":
        return "、".join(names[:-1]) + ("或" if either else "和") + names[-1]
    return ", ".join(names[:-1]) + (" or " if either else " and ") + names[-1]


def ordinal(n: int, lang: str) -> str:
    """A rank: "1st", "2nd", "3rd", "11th", "22nd" (Chinese: "第 2").

    >>> [ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 112)], ordinal(2, "zh")
    (['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '112th'], '第 2')
    """
    if lang == "zh":
        return f"第 {n}"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def each(value: str, several: bool, lang: str) -> str:
    """ "0.32" or, for several named things sharing it, "0.32 each" (各 0.32)."""
    if not several:
        return value
    return f"各 {value}" if lang == "zh" else f"{value} each"
