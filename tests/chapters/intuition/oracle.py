"""Chapter 1, intuition: a reader at the focus word looks back at the earlier words (causal). The window, the focus
word (given, or chosen by the rule among the words after the first), the word attention (the designed lexicon, or a
trained model's view chosen by the rule, re-derived from the raw token attention: :mod:`tests.oracle.view_choice`),
the focus row's reading and what the focus word keeps for itself (``self_share``)."""

from __future__ import annotations

import math
from decimal import Decimal

from attention_core import Claim
from tests.oracle.chapter import WORD_VIEW, Traits, chapter_check
from tests.oracle.focus_reading import ReadingOracle
from tests.oracle.readings import special_written
from tests.oracle.stated import auto_stated, claims_stated, source_stated, window_stated
from tests.oracle.written import D, fmt_dec, written, written_ok

TRAITS = Traits("intuition", causal=True, own_focus="停下", example_focus="停下", **WORD_VIEW)
ARTICLE_LINK = ("停下", ("小猫",))  # the article's link for the chapter's own sentence: focus word, expected words


def self_share_problems(data, keys, model: str) -> list[str]:
    """``self_share``: what the focus word keeps for itself, the written weights' sum (and whether it is rounded),
    what the words get together and the special tokens' share."""
    tr = data.attention
    row = tr.weights[data.focus]
    special = float(tr.special[data.focus])
    c = data.claim("self_share")
    shown = [written(row[k]) for k in keys]
    total = sum((D(s) for s in shown), Decimal(0))
    exact = math.fsum(float(row[k]) for k in keys)
    target = written(exact) if special_written(special) is not None else "1.00"
    want = {
        "w": written(row[data.focus]),
        "shown_sum": fmt_dec(total, 2),
        "rounded": fmt_dec(total, 2) != target,  # the shown numbers add to something else than is said
        "count": len(keys),
        "special": special_written(special),
        "special_names": None if model == "lexicon" else tr.source.get("special_names"),
    }
    p = [f"self_share: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
    if not written_ok(c.values.get("words_total"), exact):
        p.append(f"self_share: words_total {c.values.get('words_total')!r} != {written(exact)!r} ({exact!r})")
    if tuple(c.words) != (data.focus_word,):
        p.append(f"self_share words {c.words}")
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    out = window_stated(data) + auto_stated(data) + source_stated(data)
    return claims_stated(data, out + [("self_share", "in.self_share", {}), ("focus_row", "in.best", {})])


_READING = ReadingOracle(TRAITS, ARTICLE_LINK, self_share_problems)
check_model_view = _READING.check_model_view  # (the bite tests call these)
check_reading_chapter = _READING.check_reading_chapter


check = chapter_check(TRAITS, _READING.claims, stated)
