"""Fixed sentences aimed at the edges, through every chapter of the registry (``scenes.CHAPTERS``) with its default
(e5-small for the chapters reading a trained model) and, for the chapters whose oracle lists ``EDGE_MODELS``, with
those models too; and the word attention chapters' own sentences with every model."""

from __future__ import annotations

import json

import pytest

from scenes import CHAPTERS, get_chapter
from tests.chapters import oracle
from tests.chapters.cases import expect_error, known_bug

EDGE_SENTENCES = [
    ("dog cat", None),
    ("dog cat dog cat", None),
    ("the the the", None),
    ("the the the the the the the the", None),
    ("it it", None),
    ("。 ， ！", None),
    ("The cat saw the dog and then it ran", None),
    ("小猫 狗 它", None),
    ("它 跑 了", None),
    ("it ran away", None),
    ("那只在花园里追逐蝴蝶的小猫突然停下了脚步", "停下"),
    (" ".join("abcdefghijklmnopqrstuvwxyzABCDEF"), "q"),
    (" ".join(["dog"] * 32), None),
    (" ".join(["cat", "dog"] * 16), "dog"),
    ("dog " * 20 + "it", None),
    ("a b", None),
    ("I am", None),
    ("the cat ✔️", None),
    ("小猫 ❤️", None),
    ("a b c", "b"),  # the focus in the middle of three: nothing at distance 2, the neighbours are the candidates
    ("dog cat bird", "dog"),  # one word at distance 2
    ("猫 追 狗", None),
    ("它 它 它", None),
    ("dog dog cat dog", "cat"),
    ("😀 dog 😀 cat it", None),
    ("我爱吃苹果然后它不见了", None),  # Chinese without spaces
    ("那只在花园里追逐蝴蝶的小猫突然停下了脚步", None),
    ("The cat saw the dog, and then it ran.", "it"),
    ("The The The the", None),
    (" ".join("小猫 狗 它 跑 了 花园里 蝴蝶 追逐 坐在 垫子 上 然后 它 停下 了 苹果 书 看 很 突然".split()), "停下"),
]


WORD_MODELS = ("lexicon", "e5-small", "minilm")
OTHER_MODEL_CASES = [(c, m) for c in CHAPTERS for m in oracle(c).TRAITS.edge_models]
EXAMPLE_CHAPTERS = [c for c in CHAPTERS if oracle(c).TRAITS.example_focus]


@pytest.mark.parametrize("chapter_id", list(CHAPTERS))
@pytest.mark.parametrize(("sentence", "focus"), EDGE_SENTENCES)
def test_edge_sentences(chapter_id, sentence, focus):
    """Every chapter with its default (e5-small for the word attention chapters); the lexicon and MiniLM below."""
    if expect_error(chapter_id, sentence, focus):
        return
    problems = oracle(chapter_id).check(sentence, focus)
    if known_bug(problems):
        pytest.xfail(f"known product bug {known_bug(problems)} (see KNOWN_BUGS in tests/chapters/cases.py)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("chapter_id", "model"), OTHER_MODEL_CASES)
@pytest.mark.parametrize(("sentence", "focus"), EDGE_SENTENCES)
def test_edge_sentences_other_models(chapter_id, sentence, focus, model):
    if expect_error(chapter_id, sentence, focus, model):
        return
    problems = oracle(chapter_id).check(sentence, focus, model)
    if known_bug(problems):
        pytest.xfail(f"known product bug {known_bug(problems)} (see KNOWN_BUGS in tests/chapters/cases.py)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chapter_id", EXAMPLE_CHAPTERS)
def test_chapter_examples_hold_with_every_model(chapter_id):
    """The chapters' own sentences and focus words, with each model; the data for no sentence is the same, and its
    JSON (every head of the model included) keeps every claim."""
    chapter, focus = get_chapter(chapter_id), oracle(chapter_id).TRAITS.example_focus
    problems = {}
    for model in WORD_MODELS:
        problems[model] = oracle(chapter_id).check(chapter.default_sentence, focus, model)
        own = chapter.data(None, None, model)
        given = chapter.data(chapter.default_sentence, focus, model)
        key = lambda d: [(c.topic, c.kind, c.words, c.values) for c in d.claims]  # noqa: E731
        if key(own) != key(given):
            problems[model].append("the chapter's own example differs from its sentence and focus given")
        if len(json.loads(own.to_json(indent=None))["claims"]) != len(own.claims):
            problems[model].append("to_json lost claims")
    assert not any(problems.values()), problems
