"""The focus word: the one ``--focus`` names (refused, never moved, when a causal reader cannot take it), or the
automatic choice (:func:`tests.oracle.view_rules.choose_focus`: a third-person pronoun, else the last content word,
else the last word, else the last token), and the ``auto_focus`` claim that states the rule."""

from __future__ import annotations

from tests.oracle import view_rules as vr
from tests.oracle.chapter import same


def choose_focus_mine(tokens: tuple[str, ...], causal: bool) -> tuple[int, str]:
    """The automatic focus as the captions describe it (:func:`tests.oracle.view_rules.choose_focus`): index and
    rule."""
    i, rule, _ = vr.choose_focus(tokens, causal)
    return i, rule


def given_focus_index(tokens: tuple[str, ...], focus: str, causal: bool) -> int | None:
    """The word ``--focus`` names: its first occurrence written exactly so, else its first ignoring case; a causal
    reader cannot take the first word, and then the focus is refused (None), never moved to a later word."""
    exact = [i for i, t in enumerate(tokens) if t == focus]
    matches = exact or [i for i, t in enumerate(tokens) if t.casefold() == focus.casefold()]
    usable = [i for i in matches if i > 0 or not causal]
    return usable[0] if usable else None


def auto_focus_problems(data, tokens, idx: int, causal: bool, position: int) -> list[str]:
    """The ``auto_focus`` claim of a focus chosen among ``tokens`` (index ``idx``) by the stated rule."""
    _, rule, marks = vr.choose_focus(tokens, causal)
    if not data.has_claim("auto_focus"):
        return ["no auto_focus claim although no focus was given"]
    c = data.claim("auto_focus")
    skipped = causal and vr.choose_focus(tokens, False)[0] != idx
    want = {"rule": rule, "causal": causal, "position": position, "skipped_first": skipped, "marks": marks}
    p = same("auto_focus", c, want)
    if tuple(c.words) != (tokens[idx],):
        p.append(f"auto_focus words {c.words} != ({tokens[idx]!r},)")
    return p
