"""Chapter 3, self-attention-idea: every word looks at every word at once (not causal), where a recurrent network
walks a chain. The window, the focus word (given, or chosen by the rule), the word attention (the designed lexicon,
or a trained model's view chosen by the rule, re-derived from the raw token attention:
:mod:`tests.oracle.view_choice`), the focus row's reading, the chain's steps and the matrix's size."""

from __future__ import annotations

from attention_core import Claim
from scenes import get_chapter
from tests.oracle.chapter import Case, check_chapter
from tests.oracle.focus_reading import check_focus_reading
from tests.oracle.stated import auto_stated, claims_stated, source_stated, window_stated
from tests.oracle.view_choice import check_model_view as _check_model_view
from tests.oracle.views import DEFAULT_MODEL

CHAPTER_ID = "self-attention-idea"
EXAMPLES = 600  # hypothesis examples of the property test (tests/chapters/test_claims_hold.py)
PROPERTY_MODEL = "lexicon"  # ... read with the designed lexicon
READS_MODEL = True  # the chapter takes --model, --head and --expect
CAUSAL = False  # the focus word reads every word
WINDOW_CAP = 16
VIEW_EXAMPLES = {"e5-small": 165, "minilm": 70}  # test_views_hold's sentences with each trained model
EDGE_MODELS = ("lexicon", "minilm")  # the edge sentences with these models too (besides e5-small)
MODEL_CASES: dict = {}  # real-model's cases only
OWN_FOCUS = "它"  # the focus word of the chapter's own sentence
EXAMPLE_FOCUS = OWN_FOCUS  # given with the chapter's own sentence in test_chapter_examples_hold_with_every_model
ARTICLE_LINK = ("它", ("小猫",))  # the article's link for the chapter's own sentence: focus word, expected words


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
    """The focus word, its window and row (:func:`tests.oracle.focus_reading.check_focus_reading`), the chain
    and the matrix."""
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
    return p if keys is None else p + chain_problems(data)


def chain_problems(data) -> list[str]:
    """``rnn_path`` (the chain's steps from the first word to the last) and ``matrix_size`` (n×n, all at once)."""
    p = []
    tr = data.attention
    n = len(data.tokens)
    c = data.claim("rnn_path")
    if c.values.get("steps") != n - 1 or tuple(c.words) != (data.tokens[0], data.tokens[-1]):
        p.append(f"rnn_path {c.words} {c.values} for {n} words")
    if data.claim("matrix_size").values.get("n") != n or tr.weights.shape != (n, n):
        p.append(f"matrix_size {data.claim('matrix_size').values} for {n} words")
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    chain = [("rnn_path", "sa.chain", {}), ("rnn_path", "sa.path_rnn", {}), ("matrix_size", "sa.parallel", {})]
    out = window_stated(data) + chain + auto_stated(data) + source_stated(data)
    return claims_stated(data, out + [("focus_row", "sa.best", {})])
