"""Chapter 3, self-attention-idea: every word looks at every word at once (not causal), where a recurrent network
walks a chain. The window, the focus word (given, or chosen by the rule), the word attention (the designed lexicon,
or a trained model's view chosen by the rule, re-derived from the raw token attention:
:mod:`tests.oracle.view_choice`), the focus row's reading, the chain's steps and the matrix's size."""

from __future__ import annotations

from attention_core import Claim
from tests.oracle.chapter import WORD_VIEW, Traits, chapter_check
from tests.oracle.focus_reading import ReadingOracle
from tests.oracle.stated import auto_stated, claims_stated, source_stated, window_stated

TRAITS = Traits("self-attention-idea", own_focus="它", example_focus="它", **WORD_VIEW)
ARTICLE_LINK = ("它", ("小猫",))  # the article's link for the chapter's own sentence: focus word, expected words


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


def _chain(data, keys, model: str) -> list[str]:
    return chain_problems(data)


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    chain = [("rnn_path", "sa.chain", {}), ("rnn_path", "sa.path_rnn", {}), ("matrix_size", "sa.parallel", {})]
    out = window_stated(data) + chain + auto_stated(data) + source_stated(data)
    return claims_stated(data, out + [("focus_row", "sa.best", {})])


_READING = ReadingOracle(TRAITS, ARTICLE_LINK, _chain)
check_model_view = _READING.check_model_view  # (the bite tests call these)
check_reading_chapter = _READING.check_reading_chapter


check = chapter_check(TRAITS, _READING.claims, stated)
