"""Every claim every chapter makes, re-derived from the data for hypothesis-generated sentences.

The expectations come from ``tests/claim_checks.py`` (independent of ``attention_core.claims`` / ``display``).
Each chapter gets its own property test over the same sentence strategy: Chinese lexicon words and random Han
characters, English words and random lowercase words, punctuation, repeats (ties, even rows), mixed scripts,
with and without spaces, 1 to 34 pieces (so the 2..32 token limit is crossed both ways), sometimes a focus word
drawn from the sentence. Fixed edge sentences run through every chapter too; the bite tests feed the verifiers
falsified claims to show they reject them; the window tests check that a word named by position ("the" (word 3))
is numbered as the window caption numbers words (from the start of the sentence).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attention_core import Claim, ExplainerError, tokenize
from scenes import CHAPTERS, get_chapter
from tests import claim_checks as cc

EXAMPLES = 600

ZH_WORDS = ("小猫 猫 狗 小狗 停下 追逐 追 坐在 它 他 她 它们 他们 她们 的 了 在 花园里 蝴蝶 那 只 突然 脚步 苹果 "
            "我 爱 吃 女孩 书 看 然后 那个 很 上 垫子").split()  # fmt: skip
EN_WORDS = ("cat dog it he she they him her them the a an and then ran stopped The It He Dog Cat kitten bird "
            "sat mat apple book suddenly in on of was steps itself").split()  # fmt: skip
PUNCT = tuple(",.。，!?;:、…-'\"()%$+！？")
SYMBOLS = ("★", "©", "😀", "❤️", "✔️", "☺️", "3", "42", "ß", "é", "didn't", "Дом")  # ❤️ = U+2764 U+FE0F

han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=3)
latin = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7)
piece = st.one_of(
    st.sampled_from(ZH_WORDS), st.sampled_from(EN_WORDS), st.sampled_from(PUNCT), st.sampled_from(SYMBOLS),
    han, latin, latin.map(str.capitalize),
)  # fmt: skip


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


def expect_error(chapter_id: str, sentence: str, focus: str | None) -> bool:
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
        get_chapter(chapter_id).data(sentence, focus)
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{chapter_id}: ")
    return True


def run_chapter(chapter_id: str, data) -> None:
    sentence = data.draw(sentences(), label="sentence")
    try:
        tokens = tokenize(sentence)
    except ExplainerError:
        tokens = ()
    focus = None
    if tokens and data.draw(st.booleans(), label="with focus"):
        focus = data.draw(st.sampled_from(tokens), label="focus")
        if data.draw(st.integers(0, 4), label="case") == 0:
            focus = focus.upper()
    if expect_error(chapter_id, sentence, focus):
        return
    problems = cc.check_chapter(chapter_id, sentence, focus)
    assert not problems, f"{chapter_id} {sentence!r} focus={focus!r}:\n" + "\n".join(problems)


SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))  # fmt: skip


@SETTINGS
@given(st.data())
def test_intuition_claims_hold(data):
    run_chapter("intuition", data)


@SETTINGS
@given(st.data())
def test_rnn_limits_claims_hold(data):
    run_chapter("rnn-limits", data)


@SETTINGS
@given(st.data())
def test_self_attention_idea_claims_hold(data):
    run_chapter("self-attention-idea", data)


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
    run_chapter("attention-matrix", data)


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
]


@pytest.mark.parametrize("chapter_id", list(CHAPTERS))
@pytest.mark.parametrize(("sentence", "focus"), EDGE_SENTENCES)
def test_edge_sentences(chapter_id, sentence, focus):
    if expect_error(chapter_id, sentence, focus):
        return
    problems = cc.check_chapter(chapter_id, sentence, focus)
    assert not problems, "\n".join(problems)


# -- the verifiers bite -------------------------------------------------------------------------------------
def _replace(claim: Claim, **values) -> Claim:
    return dataclasses.replace(claim, values={**claim.values, **values})


def test_reading_verifier_rejects_false_readings():
    d = get_chapter("attention-matrix").data()
    tr, tokens = d.trace, d.tokens
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
    even = get_chapter("attention-matrix").data("the the the the").claim("row:0")
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
