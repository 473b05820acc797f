"""Every claim every chapter makes, re-derived by the chapter's oracle for hypothesis-drawn sentences.

One property test runs every chapter of the registry (``scenes.CHAPTERS``) over the same sentence strategy
(:func:`tests.chapters.sentences.sentences`: Chinese lexicon words and random Han characters, English words and
random lowercase words, punctuation, repeats, mixed scripts, with and without spaces, 1 to 34 pieces), sometimes
with a focus word drawn from the sentence. How many examples a chapter runs, and with which model, its oracle says
(``EXAMPLES``, ``PROPERTY_MODEL``): 600 each, the word attention chapters (intuition, self-attention-idea,
attention-matrix) with the designed lexicon; real-model reads a trained model only (``EXAMPLES = 0``: its sentences
are drawn by ``test_views_hold.py``). A sentence the chapter must refuse is checked to be refused with a one-line
error. The examples are derandomized (each chapter its own stream) and no example database is kept.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenes import CHAPTERS
from tests.chapters import oracle
from tests.chapters.cases import run_chapter

PROPERTY_CHAPTERS = [c for c in CHAPTERS if oracle(c).TRAITS.examples]


@pytest.mark.parametrize("chapter_id", PROPERTY_CHAPTERS)
def test_claims_hold(chapter_id):
    """``EXAMPLES`` drawn sentences through the chapter: refused as they must be, or every claim holds."""
    chapter = oracle(chapter_id)

    def run(data):
        run_chapter(chapter_id, data, chapter.TRAITS.property_model)

    # derandomize seeds each test from its digest; one digest per chapter, as when each had a test of its own
    run._hypothesis_internal_add_digest = chapter_id.encode()
    limits = settings(
        max_examples=chapter.TRAITS.examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    limits(given(st.data())(run))()
