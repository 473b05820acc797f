"""The chapters that read a trained model, with its views: every claim re-derived by the chapter's oracle.

:func:`test_views_hold` runs the word attention chapters (those whose oracle has ``VIEW_EXAMPLES``: intuition,
self-attention-idea, attention-matrix) with each trained model: Chinese, English and mixed sentences with e5-small,
English with MiniLM, each with a drawn option: the default (the rule picks the head), ``--head`` (a random L.H,
mean:A-B, rollout), ``--expect`` (a word the focus word can look at) or one the chapter must refuse. The oracles
re-derive every head's word rows from the raw token attention and the pieces' spans, the view shown, the rule that
chose it and the view / expect / heads claims (:mod:`tests.oracle.view_choice`).

:func:`test_real_model_holds` runs the real-model chapter (9) on its oracle's ``MODEL_CASES`` (Chinese, English and
mixed sentences with e5-small, English with MiniLM; at least 285 checked, each with a drawn option as above): its
pieces, gallery, every head's group and each group's exemplar, the focus link, the view asked for (checked as
chapter 3's), the layers' means, the focus word layer by layer and its rollout are re-derived from the raw token
attention (``tests/chapters/real_model/``), and its captions checked in the order the video states them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenes import CHAPTERS
from tests.chapters import oracle
from tests.chapters.cases import check_view_case
from tests.chapters.sentences import chinese, english, mixed

VIEW_CASES = [(c, m) for m in ("e5-small", "minilm") for c in CHAPTERS if m in oracle(c).TRAITS.view_examples]
REAL_MODEL = oracle("real-model")
REAL_MODEL_CASES = (
    REAL_MODEL.TRAITS.model_cases
)  # (model, sentences): examples drawn, and how many at least are checked
REAL_MODEL_OPTIONS = REAL_MODEL.CASE_OPTIONS
SCRIPTS = {"zh": chinese(), "en": english(least=2), "mixed": mixed()}


@pytest.mark.parametrize(("chapter_id", "model"), VIEW_CASES)
def test_views_hold(chapter_id, model):
    """The word attention chapters with a trained model, in Chinese, English and mixed text with e5-small, English
    with MiniLM, by default and with --head (L.H, mean:A-B, rollout) or --expect (a word the focus word can look
    at): the weights shown are the view asked for or chosen by the stated rule, re-derived from the raw token
    attention, and every claim holds (the view, expect and heads claims with the rest)."""
    VIEW_EXAMPLES = oracle(chapter_id).TRAITS.view_examples  # (the name the examples' seed has always been made with)

    @settings(
        max_examples=VIEW_EXAMPLES[model],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data):
        check_view_case(chapter_id, model, data)

    run()


@pytest.mark.parametrize(("model", "script"), list(REAL_MODEL_CASES))
def test_real_model_holds(model, script):
    """Chapter 9 for Chinese, English and mixed sentences with e5-small and English ones with MiniLM, by default,
    with --head (a random L.H, mean:A-B, rollout) or --expect (a word the focus word can look at): its pieces, the
    gallery, every head's group and each group's exemplar, the focus link, the view asked for (as chapter 3 shows
    it), the layers' means, the focus word layer by layer and its rollout, all re-derived from the raw token
    attention, with every caption in the order the video states them."""
    examples, least = REAL_MODEL_CASES[model, script]
    checked: list[bool] = []

    @settings(
        max_examples=examples, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.data())
    def run(data):
        checked.append(check_view_case("real-model", model, data, SCRIPTS[script], REAL_MODEL_OPTIONS))

    run()
    assert sum(checked) >= least, f"only {sum(checked)} of {len(checked)} sentences were checked ({least} wanted)"
