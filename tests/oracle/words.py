"""How a caption names words: quoted by language, with the sentence position when the words shown hold a word
more than once, counted with their noun ("1 head", "3 heads"), ranked ("2nd")."""

from __future__ import annotations

TIE_AS_WRITTEN = {"zh": "一样大", "en": "tie as written"}  # heads whose top weights tie as written: no runner-up


def quote(word: str, lang: str) -> str:
    return f"「{word}」" if lang == "zh" else f'"{word}"'


def repeats(tokens, k: int) -> tuple[bool, bool]:
    """(must a caption give word k's position, may it): exact repeats must, case-only repeats may."""
    exact = tokens.count(tokens[k]) > 1
    folded = sum(t.casefold() == tokens[k].casefold() for t in tokens) > 1
    return exact, folded


def name(tokens, k: int, lang: str, at: int | None) -> str:
    """How a caption names word ``k`` of the shown words: with the sentence position ``at`` the claim gives (a
    word shown more than once; whether it had to be given is checked by
    :func:`tests.oracle.readings.check_reading`)."""
    q = quote(tokens[k], lang)
    if at is not None:
        return f"{q}（第 {at} 个）" if lang == "zh" else f"{q} (word {at})"
    return q


def ordinal(n: int, lang: str) -> str:
    if lang == "zh":
        return f"第 {n}"
    return f"{n}" + ("th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def counted(n: int, noun: str, lang: str) -> str:
    if lang == "zh":
        return f"{n} " + {"step": "步", "word": "个词"}[noun]
    return f"{n} {noun}" + ("" if n == 1 else "s")


def strip_names(caption: str, words, lang: str) -> str:
    """``caption`` with every quoted word of ``words`` replaced by ``<W>`` (the longest first)."""
    for w in sorted(set(words), key=len, reverse=True):
        caption = caption.replace(quote(w, lang), "<W>")
    return caption


def repeated_position(tokens, k: int, base: int) -> int | None:
    """The sentence position of shown word ``k`` (the window starting at word ``base + 1``) when the shown words hold
    it more than once (casefolded), else None: the position a caption must give with it."""
    folded = [t.casefold() for t in tokens]
    return base + k + 1 if folded.count(folded[k]) > 1 else None
