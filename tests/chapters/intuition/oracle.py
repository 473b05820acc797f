"""Chapter 1, intuition: a reader at the focus word looks back at the earlier words (causal). The window, the focus
word (given, or chosen by the rule among the words after the first), the word attention (the designed lexicon, or a
trained model's view chosen by the rule, re-derived from the raw token attention: :mod:`tests.oracle.view_choice`),
the focus row's reading and what the focus word keeps for itself (``self_share``)."""

from __future__ import annotations

import math
from decimal import Decimal

from attention_core import Claim
from scenes import get_chapter
from tests.oracle.chapter import Case, check_chapter
from tests.oracle.focus_reading import check_focus_reading
from tests.oracle.readings import special_written
from tests.oracle.stated import auto_stated, claims_stated, source_stated, window_stated
from tests.oracle.view_choice import check_model_view as _check_model_view
from tests.oracle.views import DEFAULT_MODEL
from tests.oracle.written import D, fmt_dec, written, written_ok

CHAPTER_ID = "intuition"
EXAMPLES = 600  # hypothesis examples of the property test (tests/chapters/test_claims_hold.py)
PROPERTY_MODEL = "lexicon"  # ... read with the designed lexicon
READS_MODEL = True  # the chapter takes --model, --head and --expect
CAUSAL = True  # the focus word reads only earlier words: a focus given as the first word is refused
WINDOW_CAP = 16
VIEW_EXAMPLES = {"e5-small": 165, "minilm": 70}  # test_views_hold's sentences with each trained model
EDGE_MODELS = ("lexicon", "minilm")  # the edge sentences with these models too (besides e5-small)
MODEL_CASES: dict = {}  # real-model's cases only
OWN_FOCUS = "停下"  # the focus word of the chapter's own sentence
EXAMPLE_FOCUS = OWN_FOCUS  # given with the chapter's own sentence in test_chapter_examples_hold_with_every_model
ARTICLE_LINK = ("停下", ("小猫",))  # the article's link for the chapter's own sentence: focus word, expected words


def check(sentence: str | None, focus: str | None = None, model=None, head=None, expect=()) -> list[str]:
    """Every problem with the chapter's claims for ``sentence`` (None: its own), or [] when all hold."""
    return check_chapter(
        CHAPTER_ID, _claims, stated, sentence, focus, model, head, expect, reads_model=True, own_focus=OWN_FOCUS
    )


def _claims(case: Case) -> list[str]:
    return check_reading_chapter(case.data, case.text, case.focus, case.tokens, case.model, case.head, case.expect)


def check_model_view(data, text: str, sent_tokens, model: str, head=None, expect=()) -> tuple[list[str], bool]:
    """The chapter's word attention and, with a model, the view shown and its claims (the article's link for the
    chapter's own sentence)."""
    own = get_chapter(CHAPTER_ID).default_sentence
    return _check_model_view(data, text, sent_tokens, model, head, expect, causal=CAUSAL, link=ARTICLE_LINK, own=own)


def check_reading_chapter(
    data, sentence: str, focus: str | None, sent_tokens, model: str = DEFAULT_MODEL, head=None, expect=()
) -> list[str]:
    """The focus word, its window and row (:func:`tests.oracle.focus_reading.check_focus_reading`), and
    ``self_share``."""
    p, keys = check_focus_reading(
        CHAPTER_ID,
        data,
        sentence,
        focus,
        sent_tokens,
        model,
        head,
        expect,
        causal=CAUSAL,
        cap=WINDOW_CAP,
        model_view=check_model_view,
    )
    return p if keys is None else p + self_share_problems(data, keys, model)


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
