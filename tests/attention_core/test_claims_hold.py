"""Every claim every chapter makes, re-derived from the data for hypothesis-generated sentences.

The expectations come from ``tests/claim_checks.py`` (independent of ``attention_core.claims`` / ``display``).
Each chapter gets its own property test over the same sentence strategy: Chinese lexicon words and random Han
characters, English words and random lowercase words, punctuation, repeats (ties, even rows), mixed scripts,
with and without spaces, 1 to 34 pieces (so the 2..32 token limit is crossed both ways), sometimes a focus word
drawn from the sentence. Fixed edge sentences run through every chapter too; the bite tests feed the verifiers
falsified claims to show they reject them; the window tests check that a word named by position ("the" (word 3))
is numbered as the window caption numbers words (from the start of the sentence).

The word attention chapters (intuition, self-attention-idea, attention-matrix) run 600 examples each with the
designed lexicon, :data:`MODEL_EXAMPLES` with their default model (e5-small, real attention: ~40 ms a sentence) and
:data:`MINILM_EXAMPLES` English ones with MiniLM; the edge sentences run with all three. With a model the verifiers
also re-derive the head the weights come from (``head``) and how the other heads read the focus word (``heads``)
from ``detail.words_view()``. The real-model chapter (9) runs :data:`MODEL_EXAMPLES` sentences with e5-small and
:data:`MINILM_EXAMPLES` English ones with MiniLM: its pieces, gallery, the heads it singles out (previous-word,
most even, strongest link from the focus word) and the focus word's layers are re-derived from every head.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from attention_core import Claim, ExplainerError, tokenize
from scenes import get_chapter
from scenes.strings import claim_text
from tests import claim_checks as cc

EXAMPLES = 600

ZH_WORDS = (
    "小猫 猫 狗 小狗 停下 追逐 追 坐在 它 他 她 它们 他们 她们 的 了 在 花园里 蝴蝶 那 只 突然 脚步 苹果 "
    "我 爱 吃 女孩 书 看 然后 那个 很 上 垫子"
).split()
EN_WORDS = (
    "cat dog it he she they him her them the a an and then ran stopped The It He Dog Cat kitten bird "
    "sat mat apple book suddenly in on of was steps itself"
).split()
PUNCT = tuple(",.。，!?;:、…-'\"()%$+！？")
SYMBOLS = ("★", "©", "😀", "❤️", "✔️", "☺️", "3", "42", "ß", "é", "didn't", "Дом")  # ❤️ = U+2764 U+FE0F

han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=3)
latin = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7)
piece = st.one_of(
    st.sampled_from(ZH_WORDS),
    st.sampled_from(EN_WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(SYMBOLS),
    han,
    latin,
    latin.map(str.capitalize),
)


@st.composite
def sentences(draw) -> str:
    """A sentence the tokenizer may or may not accept (mostly it does)."""
    mode = draw(st.sampled_from(("spaced", "spaced", "nospace", "repeat", "repeat", "even", "long")))
    if mode == "long":
        n = draw(st.integers(17, 34))
    else:
        n = draw(st.integers(1, 12) | st.integers(1, 34))
    if mode in ("repeat", "even"):
        vocab = draw(st.lists(piece, min_size=1, max_size=1 if mode == "even" else 3))
        pieces = [draw(st.sampled_from(vocab)) for _ in range(n)]
    else:
        pieces = draw(st.lists(piece, min_size=n, max_size=n))
    sep = "" if mode == "nospace" else draw(st.sampled_from((" ", " ", " ", "  ")))
    return sep.join(pieces)


def expect_error(chapter_id: str, sentence: str, focus: str | None, model: str | None = None) -> bool:
    """True (and the error checked) when the chapter must refuse this input with a one-line ExplainerError."""
    try:
        tokens = tokenize(sentence)
    except ExplainerError:
        tokens = None
    bad = tokens is None or not 2 <= len(tokens) <= 32
    if not bad and focus and chapter_id == "intuition":
        bad = cc.given_focus_index(tokens, focus, causal=True) is None
    if not bad:
        return False
    with pytest.raises(ExplainerError) as err:
        get_chapter(chapter_id).data(sentence, focus, model)
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{chapter_id}: ")
    return True


def run_chapter(chapter_id: str, data, model: str | None = None, strategy=None) -> None:
    """One drawn sentence (and maybe a focus word) through ``chapter_id``; ``model`` for the word attention
    chapters (None: their default, e5-small)."""
    sentence = data.draw(sentences() if strategy is None else strategy, label="sentence")
    try:
        tokens = tokenize(sentence)
    except ExplainerError:
        tokens = ()
    focus = None
    if tokens and data.draw(st.booleans(), label="with focus"):
        focus = data.draw(st.sampled_from(tokens), label="focus")
        if data.draw(st.integers(0, 4), label="case") == 0:
            focus = focus.upper()
    if expect_error(chapter_id, sentence, focus, model):
        event("refused")
        return
    event("checked")
    problems = cc.check_chapter(chapter_id, sentence, focus, model)
    assert not problems, f"{chapter_id} [{model or 'default'}] {sentence!r} focus={focus!r}:\n" + "\n".join(problems)


SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


@SETTINGS
@given(st.data())
def test_intuition_claims_hold(data):
    run_chapter("intuition", data, "lexicon")


@SETTINGS
@given(st.data())
def test_rnn_limits_claims_hold(data):
    run_chapter("rnn-limits", data)


@SETTINGS
@given(st.data())
def test_self_attention_idea_claims_hold(data):
    run_chapter("self-attention-idea", data, "lexicon")


@SETTINGS
@given(st.data())
def test_qkv_claims_hold(data):
    run_chapter("qkv", data)


@SETTINGS
@given(st.data())
def test_formula_claims_hold(data):
    run_chapter("formula", data)


@SETTINGS
@given(st.data())
def test_worked_example_claims_hold(data):
    run_chapter("worked-example", data)


@SETTINGS
@given(st.data())
def test_attention_matrix_claims_hold(data):
    run_chapter("attention-matrix", data, "lexicon")


@SETTINGS
@given(st.data())
def test_multi_head_claims_hold(data):
    run_chapter("multi-head", data)


# -- the same chapters with a trained model's head (the default, e5-small; MiniLM on English) ------------------
MODEL_EXAMPLES = 100
MINILM_EXAMPLES = 30
MODEL_SETTINGS = settings(
    max_examples=MODEL_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
MINILM_SETTINGS = settings(
    max_examples=MINILM_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
EN_PIECE = st.one_of(
    st.sampled_from(EN_WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(("😀", "❤️", "42", "didn't", "é")),
    latin,
    latin.map(str.capitalize),
)


@st.composite
def english(draw) -> str:
    """An English sentence for MiniLM (an English model): words, some punctuation and emoji, repeats."""
    n = draw(st.integers(2, 12) | st.integers(1, 20))
    vocab = draw(st.lists(EN_PIECE, min_size=1, max_size=3 if draw(st.booleans()) else n))
    return " ".join(draw(st.sampled_from(vocab)) for _ in range(n))


@MODEL_SETTINGS
@given(st.data())
def test_intuition_claims_hold_e5(data):
    run_chapter("intuition", data)


@MODEL_SETTINGS
@given(st.data())
def test_self_attention_idea_claims_hold_e5(data):
    run_chapter("self-attention-idea", data)


@MODEL_SETTINGS
@given(st.data())
def test_attention_matrix_claims_hold_e5(data):
    run_chapter("attention-matrix", data)


@MINILM_SETTINGS
@given(st.data())
def test_intuition_claims_hold_minilm(data):
    run_chapter("intuition", data, "minilm", english())


@MINILM_SETTINGS
@given(st.data())
def test_self_attention_idea_claims_hold_minilm(data):
    run_chapter("self-attention-idea", data, "minilm", english())


@MINILM_SETTINGS
@given(st.data())
def test_attention_matrix_claims_hold_minilm(data):
    run_chapter("attention-matrix", data, "minilm", english())


@MODEL_SETTINGS
@given(st.data())
def test_real_model_claims_hold_e5(data):
    run_chapter("real-model", data)


@MINILM_SETTINGS
@given(st.data())
def test_real_model_claims_hold_minilm(data):
    run_chapter("real-model", data, "minilm", english())


# -- fixed sentences aimed at the edges -----------------------------------------------------------------------
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


@pytest.mark.parametrize("chapter_id", list(cc.VERIFIED_CHAPTERS))
@pytest.mark.parametrize(("sentence", "focus"), EDGE_SENTENCES)
def test_edge_sentences(chapter_id, sentence, focus):
    """Every chapter with its default (e5-small for the word attention chapters); the lexicon and MiniLM below."""
    if expect_error(chapter_id, sentence, focus):
        return
    problems = cc.check_chapter(chapter_id, sentence, focus)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("chapter_id", "model"),
    [(c, m) for c in cc.WORD_CHAPTERS for m in ("lexicon", "minilm")] + [("real-model", "minilm")],
)
@pytest.mark.parametrize(("sentence", "focus"), EDGE_SENTENCES)
def test_edge_sentences_other_models(chapter_id, sentence, focus, model):
    if expect_error(chapter_id, sentence, focus, model):
        return
    problems = cc.check_chapter(chapter_id, sentence, focus, model)
    assert not problems, "\n".join(problems)


DEFAULT_FOCUS = {"intuition": "停下", "self-attention-idea": "它", "attention-matrix": "停下"}


@pytest.mark.parametrize("chapter_id", list(cc.WORD_CHAPTERS))
def test_chapter_examples_hold_with_every_model(chapter_id):
    """The chapters' own sentences and focus words, with each model; the data for no sentence is the same, and its
    JSON (every head of the model included) keeps every claim."""
    import json

    chapter = get_chapter(chapter_id)
    problems = {}
    for model in WORD_MODELS:
        problems[model] = cc.check_chapter(chapter_id, chapter.default_sentence, DEFAULT_FOCUS[chapter_id], model)
        own = chapter.data(None, None, model)
        given = chapter.data(chapter.default_sentence, DEFAULT_FOCUS[chapter_id], model)
        key = lambda d: [(c.topic, c.kind, c.words, c.values) for c in d.claims]  # noqa: E731
        if key(own) != key(given):
            problems[model].append("the chapter's own example differs from its sentence and focus given")
        if len(json.loads(own.to_json(indent=None))["claims"]) != len(own.claims):
            problems[model].append("to_json lost claims")
    assert not any(problems.values()), problems


# -- the verifiers bite -------------------------------------------------------------------------------------
def _replace(claim: Claim, **values) -> Claim:
    return dataclasses.replace(claim, values={**claim.values, **values})


def test_reading_verifier_rejects_false_readings():
    d = get_chapter("attention-matrix").data(None, None, "lexicon")
    tr, tokens = d.attention, d.tokens
    i = tokens.index("停下")
    row = d.claim(f"row:{i}")
    assert row.kind == "strongest" and not cc.check_reading(row, tokens, tr.weights[i], i, range(tr.n))
    wrong_w = _replace(row, w="0.44")
    wrong_key = dataclasses.replace(row, words=(tokens[i], tokens[5]), values={**row.values, "key": 5})
    wrong_kind = dataclasses.replace(row, kind="self")
    for bad in (wrong_w, wrong_key, wrong_kind):
        assert cc.check_reading(bad, tokens, tr.weights[i], i, range(tr.n)), bad
    assert cc.caption_problems(dataclasses.replace(row, words=(tokens[i], tokens[5])), "am.row", tokens)
    tie = next(c for c in d.rows() if c.kind == "tie")
    q = tie.values["query"]
    half_tie = dataclasses.replace(tie, words=tie.words[:2], values={**tie.values, "keys": tie.values["keys"][:1]})
    assert cc.check_reading(half_tie, tokens, tr.weights[q], q, range(tr.n))
    even = get_chapter("attention-matrix").data("the the the the", None, "lexicon").claim("row:0")
    assert even.kind == "even"
    assert cc.check_reading(_replace(even, high="0.26"), ("the",) * 4, [0.25] * 4, 0, range(4))


def test_dot_product_verifier_rejects_false_arithmetic():
    d = get_chapter("formula").data("the cat sat on the mat and then it ran away")
    tr = d.trace
    entry = d.claim("first_entry:output")
    args = (tr.weights[0], tr.V[:, 0], 2, 2, tr.output[0, 0], 4)
    assert entry.values["elided"] and not cc.check_dot(entry, *args)
    flipped = "≈" if entry.values["relation"] == "=" else "="
    expression = entry.values["expression"].replace(f" {entry.values['relation']} ", f" {flipped} ")
    assert cc.check_dot(_replace(entry, relation=flipped, expression=expression), *args)
    assert cc.check_dot(_replace(entry, result="0.99"), *args)
    assert cc.check_dot(_replace(entry, expression=entry.values["expression"].replace("⋯ + ", "")), *args)
    scores = d.claim("first_entry:scores")
    assert not cc.check_dot(scores, tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 4)
    assert cc.check_dot(_replace(scores, from_shown="1.2345"), tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 4)


def test_row_sum_verifier_rejects_false_sums():
    d = get_chapter("formula").data(" ".join("abcdefghijklm"))
    sums = d.claim("row_sums")
    assert sums.values["rounded"] and not cc.check_row_sum(sums, d.trace.weights)
    assert cc.check_row_sum(_replace(sums, rounded=False), d.trace.weights)
    assert cc.check_row_sum(_replace(sums, shown_high="1.00"), d.trace.weights)
    positive = d.claim("positive")
    assert not cc.check_positive(positive, d.trace.weights)
    assert cc.check_positive(_replace(positive, shows_zero=not positive.values["shows_zero"]), d.trace.weights)
    row = get_chapter("worked-example").data().claim("softmax:0")
    w = get_chapter("worked-example").data().trace.weights[0:1]
    assert not cc.check_row_sum(row, w)
    assert cc.check_row_sum(_replace(row, shown_low="0.99", rounded=True), w)


def test_other_verifiers_reject_false_claims():
    d = get_chapter("formula").data(" ".join("abcdefghijklm"))
    scale = d.claim("scale")
    tr = d.trace
    assert not cc.check_scale(scale, tr.scores, tr.scaled_scores, tr.d_k)
    assert cc.check_scale(
        _replace(scale, cells_off=scale.values["cells_off"] + 1), tr.scores, tr.scaled_scores, tr.d_k
    )
    sat, spread = d.claim("saturation"), d.claim("spread")
    assert not cc.check_scaling(spread, sat, d.scaling)
    assert cc.check_scaling(spread, _replace(sat, spread_out=False), d.scaling)
    # captions: "1 steps", a wrong article, a missing tied word
    path = get_chapter("self-attention-idea").data("dog cat").claim("rnn_path")
    assert path.values["steps"] == 1 and not cc.caption_problems(path, "sa.chain", ("dog", "cat"))
    assert cc._grammar("after 1 steps") and cc._grammar("a 8×8 matrix") and cc._grammar("an 4×4 matrix")
    assert not cc._grammar("an 11×11 matrix, a 16×16 one, an 18×18 one and a 4×4 one")


def _with_claim(data, claim: Claim):
    """A copy of chapter ``data`` whose claim about ``claim.topic`` is ``claim`` (the rest unchanged)."""
    new = dataclasses.replace(data)
    new.__dict__["claims"] = tuple(claim if c.topic == claim.topic else c for c in data.claims)
    return new


def test_head_verifier_rejects_a_wrong_head():
    """head_choice: another layer or head (the weights shown are then not the named head's either), another
    score, word or model, or "not next to it" for a neighbour."""
    d = get_chapter("self-attention-idea").data()  # e5-small: 它 -> 小猫, the article's example
    head = d.claim("head")
    layers, heads = head.values["layers"], head.values["heads"]
    assert (layers, heads, head.values["total_heads"]) == (12, 12, 144)
    assert not cc.check_head_claims(d, "e5-small", False, d.focus)
    assert not cc.check_word_attention(d, "e5-small", False, d.focus)
    wrong_layer = _replace(head, layer=head.values["layer"] % layers + 1)
    wrong_head = _replace(head, head=head.values["head"] % heads + 1)
    for bad in (wrong_layer, wrong_head):
        bad_data = _with_claim(d, bad)
        assert cc.check_head_claims(bad_data, "e5-small", False, d.focus), bad.values
        assert cc.check_word_attention(bad_data, "e5-small", False, d.focus), bad.values  # not the weights shown
    zero_based = _replace(head, layer=head.values["layer"] - 1, head=head.values["head"] - 1)
    other_word = dataclasses.replace(
        head, words=(head.words[0], d.tokens[0] if head.words[1] != d.tokens[0] else d.tokens[1])
    )
    for bad in (
        zero_based,
        other_word,
        _replace(head, score="0.99"),
        _replace(head, model="all-MiniLM-L6-v2"),
        _replace(head, quantized=False),
        _replace(head, skips_neighbours=False),
    ):
        assert cc.check_head_claims(_with_claim(d, bad), "e5-small", False, d.focus), bad
    # the rule itself: a head chosen by the largest weight to ANY word (neighbours too) is caught
    words, _ = d.attention.detail.words_view()
    any_word = np.array(
        [
            [max(words[lay, h, d.focus, k] for k in range(d.attention.n) if k != d.focus) for h in range(heads)]
            for lay in range(layers)
        ]
    )
    l_any, h_any = np.unravel_index(int(np.argmax(any_word)), any_word.shape)
    if (l_any + 1, h_any + 1) != (head.values["layer"], head.values["head"]):
        assert cc.check_head_claims(
            _with_claim(d, _replace(head, layer=int(l_any) + 1, head=int(h_any) + 1)), "e5-small", False, d.focus
        )
    # a short sentence: the neighbours are the candidates, and the caption must not say "not next to it"
    short = get_chapter("self-attention-idea").data("a b c", "b")
    assert short.claim("head").values["skips_neighbours"] is False
    assert not cc.check_head_claims(short, "e5-small", False, 1)
    lying = _replace(short.claim("head"), skips_neighbours=True)
    assert cc.check_head_claims(_with_claim(short, lying), "e5-small", False, 1)
    assert cc.caption_problems(short.claim("head"), "head.pick", short.tokens) == []


def test_heads_verifier_rejects_a_wrong_agreement():
    """heads_agree: a wrong count of agreeing heads, runner-up, its weight, or "all heads" when some differ."""
    d = get_chapter("self-attention-idea").data()
    heads = d.claim("heads")
    assert heads.values["runner"] and not cc.check_head_claims(d, "e5-small", False, d.focus)
    v = heads.values
    for bad in (
        _replace(heads, agree=v["agree"] + 1),
        _replace(heads, agree=v["agree"] - 1),
        _replace(heads, total_heads=72),
        _replace(heads, runner_layer=v["runner_layer"] % 12 + 1),
        _replace(heads, runner_head=v["runner_head"] % 12 + 1),
        _replace(heads, runner_w="0.99"),
        _replace(heads, runner_word=d.tokens[0]),
        dataclasses.replace(heads, words=heads.words[:2], values={**v, "runner": False}),
    ):
        assert cc.check_head_claims(_with_claim(d, bad), "e5-small", False, d.focus), bad.values
    # the caption states the count: a caption with another count is caught
    assert not cc.caption_problems(heads, "heads.agree", d.tokens)
    assert cc.caption_problems(heads, "heads.agree", d.tokens, {"agree": v["agree"] + 1})
    # a word the window shows twice, named without its position, is caught
    twice = get_chapter("self-attention-idea").data("dog cat dog bird", "dog")
    assert not cc.check_head_claims(twice, "e5-small", False, twice.focus)
    head = twice.claim("head")
    bare = _with_claim(twice, dataclasses.replace(head, values={**head.values, "word_at": [None, None]}))
    assert any("does not name it as" in x for x in cc.check_head_claims(bare, "e5-small", False, twice.focus))


def test_model_reading_verifiers_reject_false_claims():
    """The special share beside a reading, "even" relative to what the row gives the words, self_share's special
    values and the matrix's chosen focus."""
    d = get_chapter("intuition").data()  # e5-small
    row = d.claim("focus_row")
    share = float(d.attention.special[d.focus])
    args = (d.tokens, d.attention.weights[d.focus], d.focus, d.keys())
    assert row.values["special"] == cc.written(share) and not cc.check_reading(row, *args, special=share)
    assert cc.check_reading(_replace(row, special=None), *args, special=share)
    assert cc.check_reading(row, *args, special=0.0)
    assert cc.caption_problems(_replace(row, special=None), "in.best", d.tokens) == []
    # even: relative to the words' total (0.3 each of 0.9 is even; 0.2 of 0.8 is not)
    assert cc.expected_reading([0.3, 0.3, 0.3], 0, range(3))["kind"] == "even"
    assert cc.expected_reading([0.3, 0.3, 0.2], 0, range(3))["kind"] != "even"
    sentence = get_chapter("intuition").default_sentence
    share_claim = d.claim("self_share")
    assert share_claim.values["special"] and not share_claim.values["rounded"]
    ok = cc.check_reading_chapter("intuition", d, sentence, "停下", d.sentence_tokens, "e5-small")
    assert not ok, ok
    for bad in (
        _replace(share_claim, rounded=True),
        _replace(share_claim, special=None),
        _replace(share_claim, words_total="1.00"),
        _replace(share_claim, special_names="[CLS] [SEP]"),
    ):
        assert cc.check_reading_chapter(
            "intuition", _with_claim(d, bad), sentence, "停下", d.sentence_tokens, "e5-small"
        ), bad.values
    m = get_chapter("attention-matrix").data("the cat saw a dog and then it ran")
    auto = m.claim("auto_focus")
    st_ = m.sentence_tokens
    assert auto.values["rule"] == "pronoun" and not cc.check_matrix_focus(m, st_, None, "e5-small")
    for bad in (
        _replace(auto, position=auto.values["position"] + 1),
        _replace(auto, rule="content"),
        dataclasses.replace(auto, words=("ran",)),
    ):
        assert cc.check_matrix_focus(_with_claim(m, bad), st_, None, "e5-small"), bad


ANIMAL = "The animal did not cross the street because it was too tired."


def _real(sentence: str = ANIMAL, focus: str | None = None, model: str = "e5-small"):
    d = get_chapter("real-model").data(sentence, focus, model)
    assert not cc.check_chapter("real-model", sentence, focus, model)
    return d


def _real_problems(d, claim: Claim, model: str = "e5-small") -> list[str]:
    bad = _with_claim(d, claim)
    sentence = " ".join(d.sentence_tokens)
    return cc.check_real_model(bad, sentence, None, d.sentence_tokens, model) + cc.stated_caption_problems(
        "real-model", bad
    )


def test_real_model_verifier_rejects_false_heads():
    """head:previous, head:broad and head:focus_link: another head, another count or weight, a bound that rounding
    breaks, "every word" or "not next to it" where the data does not say so."""
    d = _real()
    prev, broad, link = (d.claim(f"head:{p}") for p in ("previous", "broad", "focus_link"))
    v = prev.values
    assert v["led"] == v["rows"] == 12  # e5: layer 1 head 3, every word after the first leads with the one before
    for bad in (
        _replace(prev, layer=v["layer"] % 12 + 1),
        _replace(prev, w="0.99"),
        _replace(prev, led=11),
        _replace(prev, rows=13),
        _replace(broad, head=broad.values["head"] % 12 + 1),
        _replace(broad, top="0.10"),
        _replace(link, layer=link.values["layer"] % 12 + 1),
        _replace(link, key=(link.values["key"] + 1) % len(d.tokens)),
        _replace(link, w="0.99"),
        _replace(link, skips_neighbours=False),
    ):
        assert _real_problems(d, bad), bad.values
    # "every word after the first" with a count below all, and the count stated where all lead
    every = claim_text("en", "rm.head", prev)
    assert "every word after the first" in every and not cc.head_pattern_wording(v, every, "en")
    assert cc.head_pattern_wording({**v, "led": 11}, every, "en")
    assert cc.head_pattern_wording({**v, "led": 11}, claim_text("zh", "rm.head", prev), "zh")
    # a bound written by rounding (not up) fails when the largest share rounds down
    top = cc.broad_survey(*d.attention.words_view())[3]
    if cc.written(top) != cc.up_written(top):
        assert _real_problems(d, _replace(broad, top=cc.written(top)))
    # a previous-word head dropped, or claimed where no head reaches 0.5
    dropped = dataclasses.replace(d)
    dropped.__dict__["claims"] = tuple(c for c in d.claims if c.topic != "head:previous")
    assert any("no previous-word head" in x for x in cc.check_pattern_heads(dropped, "e5-small"))
    # a short sentence: the focus word's neighbours are its only candidates; "not next to" is then false
    short = _real("a b c", "b")
    near = short.claim("head:focus_link")
    assert near.values["skips_neighbours"] is False
    assert "not next to" not in claim_text("en", "rm.head", near)
    assert cc.caption_problems(near, "rm.head", short.tokens) == []
    assert _real_problems(short, _replace(near, skips_neighbours=True))


def test_real_model_verifier_rejects_false_layers_pieces_and_gallery():
    d = _real()
    layers, pieces, gallery = d.claim("layers"), d.claim("pieces"), d.claim("gallery")
    lv = layers.values
    other = next(t for t in d.tokens if t not in lv["early"] and t != d.tokens[d.focus])
    for bad in (
        _replace(layers, early=[other]),
        _replace(layers, same=not lv["same"]),
        _replace(layers, early_w="0.99"),
        _replace(layers, third=3),
        _replace(layers, late=lv["late"] + [other], late_at=lv["late_at"] + [None]),
        _replace(pieces, pieces=pieces.values["pieces"] + 1),
        _replace(gallery, special_mean="0.01"),
        _replace(gallery, total=72),
        _replace(gallery, model="all-MiniLM-L6-v2"),
    ):
        assert _real_problems(d, bad), bad.values
    # a word cut into pieces left unsaid, or pieces said to cross words
    zh = _real("小猫在花园里追蝴蝶,然后它停下了", "它")
    cut = zh.claim("pieces")
    assert cut.values["split"] == ["小猫", "花园里"]
    for bad in (
        _replace(cut, split=[], split_pieces=[]),
        _replace(cut, split_pieces=["小 + 猫", "花园 + 里"]),
        _replace(cut, crossing=["花园"]),
    ):
        assert _real_problems(zh, bad), bad.values
    # a tie is named with "each"; a single word without
    tied = _replace(layers, early=[lv["early"][0], other], early_at=[None, None])
    assert not any("'each'" in x for x in cc.caption_problems(tied, "rm.layers", d.tokens))
    assert "each" in claim_text("en", "rm.layers", tied)


def test_real_model_heads_follow_the_data_for_other_sentences():
    """The heads named differ with the sentence and the model; MiniLM has 6 × 12 heads."""
    zh = _real("小猫在花园里追蝴蝶,然后它停下了", "它")
    assert zh.claim("head:focus_link").words == ("它", "小猫")
    mini = _real(model="minilm")
    assert mini.claim("gallery").values["total"] == 72 and mini.claim("gallery").values["model"] == "all-MiniLM-L6-v2"
    assert mini.claim("head:focus_link").words[0] == "it"


MH_SENTENCE = "我爱吃苹果"


def _mh_problems(d, claim: Claim, sentence: str = MH_SENTENCE, focus: str | None = None) -> list[str]:
    bad = _with_claim(d, claim)
    return cc.check_multi_head(bad, sentence, focus, d.sentence_tokens) + cc.stated_caption_problems(
        "multi-head", bad
    )


def test_multi_head_verifier_rejects_false_claims():
    """heads_differ with other weights or another key, another mask count, another row or share taken by the mask,
    another head number, a head's reading under the other head, "the same written weight" where they differ."""
    d = get_chapter("multi-head").data(MH_SENTENCE)
    assert not cc.check_chapter("multi-head", MH_SENTENCE)
    diff, mask, row, head1, head2 = (d.claim(t) for t in ("heads_differ", "mask", "mask_row", "head:1", "head:2"))
    v, n = diff.values, len(d.tokens)
    assert v["head1_w"] != v["head2_w"] and mask.values["masked"] == 6 and row.values["row"] == 1
    other_key = (v["key"] + 1) % n
    for bad in (
        _replace(diff, head1_w=v["head2_w"], head2_w=v["head1_w"]),
        _replace(diff, head2_w="0.50"),
        _replace(diff, head2_w=v["head1_w"]),  # "the same written weight": honest wording, false weight
        dataclasses.replace(diff, words=(diff.words[0], d.tokens[other_key]), values={**v, "key": other_key}),
        _replace(mask, masked=mask.values["masked"] + 1),
        _replace(mask, masked=n * n - n),
        _replace(mask, cells=n * (n - 1)),
        _replace(mask, first_w="0.99"),
        _replace(row, taken="0.80"),
        _replace(row, taken=cc.written(float(cc.D(row.values["taken"])) + 0.01)),
        _replace(row, row=2),
        dataclasses.replace(d.claim("mask_row"), values={**row.values, "row": 2, "query": 2}),
        _replace(head2, head=1),
        _replace(head1, head=2),
        dataclasses.replace(head2, topic="head:1", values={**head2.values, "head": 1}),
        _replace(d.claim("shape"), d_head=4),
        _replace(d.claim("split"), cols=["1–2", "2–3"]),
        _replace(d.claim("concat"), d_model=2),
    ):
        assert _mh_problems(d, bad), (bad.topic, bad.values)
    # the caption: "the same written weight" only when the two written weights are equal, "read differently" only
    # when they differ
    same = _replace(diff, head2_w=v["head1_w"])
    assert cc.caption_problems(same, "mh.differ", d.tokens) == []
    for lang in ("zh", "en"):
        differ_cap, same_cap = claim_text(lang, "mh.differ", diff), claim_text(lang, "mh.differ", same)
        assert cc.heads_differ_wording(v, differ_cap, lang) == []
        assert cc.heads_differ_wording(v, same_cap, lang), same_cap
        assert cc.heads_differ_wording(same.values, differ_cap, lang), differ_cap
    # a repeated word named without its position, or with a position outside the window
    twice = get_chapter("multi-head").data("dog cat dog bird", "bird")
    assert not cc.check_chapter("multi-head", "dog cat dog bird", "bird")
    dup = next(c for c in twice.claims if c.topic.startswith("head:") and "dog" in c.words[1:])
    assert any(x is not None for x in dup.values["named_at"])
    bare = _replace(dup, named_at=[None] * len(dup.values["named_at"]))
    shifted = _replace(dup, named_at=[None if x is None else x + 1 for x in dup.values["named_at"]])
    for bad in (bare, shifted):
        assert _mh_problems(twice, bad, "dog cat dog bird", "bird"), bad.values


def test_multi_head_verifier_follows_the_rules_for_the_window_and_the_mask_row():
    """A long sentence: the window keeps the focus third from its end; a mask row that is not the one giving later
    words the most, or a focus elsewhere, is caught."""
    sentence = "a b c d e f g h i j it k l m"
    d = get_chapter("multi-head").data(sentence)
    assert d.window.partial and d.tokens[d.focus] == "it" and (d.window.start, d.focus) == (7, 3)
    assert not cc.check_chapter("multi-head", sentence)
    later = cc.later_totals(d.trace.heads[0].weights)
    best = d.claim("mask_row").values["row"]
    assert best == cc.mask_row_choice(d.trace.heads[0].weights) and later[best] == max(later[1:-1])
    moved = dataclasses.replace(d)
    moved.__dict__["focus"] = d.focus - 1
    assert cc.check_multi_head(moved, sentence, None, d.sentence_tokens)
    shifted = dataclasses.replace(d, window=dataclasses.replace(d.window, start=6, stop=12))
    assert any("window starts" in x for x in cc.check_multi_head(shifted, sentence, None, d.sentence_tokens))


def test_multi_head_mask_caption_says_1_score():
    """Two words: one score is masked; the English caption should say "1 score", not "1 scores"."""
    mask = get_chapter("multi-head").data("dog cat").claim("mask")
    assert mask.values["masked"] == 1
    assert "1 scores" not in claim_text("en", "mh.mask", mask)


# -- positions in a window ----------------------------------------------------------------------------------
WINDOWED = [
    ("attention-matrix", "a b c d the cat saw the dog and the bird then it ran e f g h i", "it"),
    ("worked-example", "a b the c the d the e the f", "f"),
    ("self-attention-idea", "a b c d e f g h i j k l m n o p q r it it", None),
]


@pytest.mark.parametrize(("chapter_id", "sentence", "focus"), WINDOWED)
def test_positions_named_in_a_window_are_sentence_positions(chapter_id, sentence, focus):
    """The window caption numbers words from the sentence's start ("showing words 5–20"); a reading that names a
    repeated word by position ("the" (word 1)) must use the same numbering, or it names a word not shown."""
    data = get_chapter(chapter_id).data(sentence, focus)
    assert data.window.partial and data.window.start > 0
    problems = cc.position_problems(chapter_id, data, tokenize(sentence))
    assert not problems, "\n".join(problems)
