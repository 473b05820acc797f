"""The views ``--head`` asks for, recomputed from the trace JSON alone, with plain NumPy.

This module imports nothing of the project: it runs the CLI (``attention-explainer trace --chapter ID --head VIEW
--json``) in a subprocess, reads the raw token attention ``attention.detail.token_attention`` (layers × heads ×
pieces × pieces), the pieces and ``attention.detail.membership`` (pieces × words), and recomputes what the chapter
shows:

- the view's piece matrix: one head ``A[L-1, H-1]``; the mean of every head of layers A..B; or the rollout, where
  each layer's matrix is half the mean of its heads and half the identity, rows renormalised, multiplied in turn
  from the first layer (``R = Â_l @ R``);
- the word rule: a word's row is the membership-weighted mean of its pieces' rows, ``row(w) = Σ_p m[p,w]·A[p,:] /
  Σ_p m[p,w]``; the weight word w' receives is ``Σ_q row[q]·m[q,w']``, and what falls on the pieces that belong to
  no word (special pieces, and pieces covering no character, such as e5-small's bare "▁") is the row's special
  share.

``attention.weights`` and ``attention.special`` must match to 1e-9, and ``attention.source.view`` must say what
was asked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest

CLI = Path(sys.executable).with_name("attention-explainer")
TOL = 1e-9
SIX_DECIMALS = 5e-7 + 1e-12
CASES = {  # (chapter, --head): what attention.source.view must say
    ("attention-matrix", "rollout"): {"kind": "rollout", "label": "rollout"},
    ("attention-matrix", "mean:9-12"): {"kind": "mean", "label": "mean:9-12", "first_layer": 9, "last_layer": 12},
    ("intuition", "12.2"): {"kind": "head", "label": "12.2", "layer": 12, "head": 2},
}


@cache
def trace(chapter: str, head: str) -> dict:
    """The chapter's trace for its own sentence with ``--head head``, as the CLI prints it."""
    out = subprocess.run(
        [str(CLI), "trace", "--chapter", chapter, "--head", head, "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return json.loads(out.stdout)


def view_matrix(tokens: np.ndarray, view: dict) -> np.ndarray:
    """The piece-level matrix of ``view`` from the token attention ``(layers, heads, pieces, pieces)``."""
    if view["kind"] == "head":
        return tokens[view["layer"] - 1, view["head"] - 1]  # (pieces, pieces)
    if view["kind"] == "mean":
        return tokens[view["first_layer"] - 1 : view["last_layer"]].mean(axis=(0, 1))  # (pieces, pieces)
    n_pieces = tokens.shape[-1]
    rollout = np.eye(n_pieces)
    for layer in tokens:  # (heads, pieces, pieces), from the first layer on
        step = 0.5 * layer.mean(axis=0) + 0.5 * np.eye(n_pieces)
        step /= step.sum(axis=1, keepdims=True)
        rollout = step @ rollout
    return rollout


def word_rule(matrix: np.ndarray, membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(word weights ``(words, words)``, special shares ``(words,)``) of a piece matrix by the word rule."""
    outside = membership.sum(axis=1) == 0  # pieces that belong to no word
    rows = membership.T @ matrix / membership.sum(axis=0)[:, None]  # (words, pieces)
    return rows @ membership, rows @ outside.astype(float)


@pytest.mark.parametrize(("chapter", "head"), list(CASES))
def test_the_view_shown_is_the_view_asked_for(chapter, head):
    attention = trace(chapter, head)["attention"]
    source = attention["source"]
    assert source["view"] == CASES[chapter, head] and source["rule"] == "given", source
    if source["view"]["kind"] == "head":  # 0-based in the source, as the README says
        assert (source["layer"], source["head"]) == (source["view"]["layer"] - 1, source["view"]["head"] - 1)
    else:
        assert (source["layer"], source["head"]) == (None, None)


@pytest.mark.parametrize(("chapter", "head"), list(CASES))
def test_the_weights_shown_are_the_view_by_the_word_rule(chapter, head):
    attention = trace(chapter, head)["attention"]
    detail = attention["detail"]
    tokens = np.asarray(detail["token_attention"], dtype=float)  # (layers, heads, pieces, pieces)
    membership = np.asarray(detail["membership"], dtype=float)  # (pieces, words)
    pieces = detail["pieces"]
    n_words = membership.shape[1]
    assert tokens.shape[2:] == (len(pieces), len(pieces)) and membership.shape[0] == len(pieces)
    np.testing.assert_allclose(tokens.sum(axis=-1), 1.0, atol=1e-6)  # every piece row is a softmax
    for piece, row in zip(pieces, membership, strict=True):  # a piece is shared by characters, or is outside
        if piece["special"] or piece["start"] == piece["end"]:
            assert not row.any(), piece
        else:
            assert abs(row.sum() - 1) < 1e-12 and (row >= 0).all(), (piece, row)
    outside = [p["text"] for p, row in zip(pieces, membership, strict=True) if not row.any()]
    assert attention["source"]["special_names"] == " ".join(dict.fromkeys(outside))

    words, special = word_rule(view_matrix(tokens, attention["source"]["view"]), membership)
    shown = np.asarray(attention["weights"], dtype=float)  # (n, n): rows and columns past the words read are 0
    shown_special = np.asarray(attention["special"], dtype=float)
    assert np.abs(shown[:n_words, :n_words] - words).max() <= TOL
    assert np.abs(shown_special[:n_words] - special).max() <= TOL
    assert not shown[n_words:].any() and not shown[:, n_words:].any() and not shown_special[n_words:].any()
    np.testing.assert_allclose(words.sum(axis=1) + special, 1.0, atol=1e-12)


def test_every_head_of_the_detail_follows_the_word_rule():
    """The per-head word attention the trace carries is the word rule applied to each head's token attention (the
    JSON writes those 144 matrices with six decimals: half a unit of the sixth is the tolerance)."""
    detail = trace("intuition", "12.2")["attention"]["detail"]
    tokens = np.asarray(detail["token_attention"], dtype=float)
    membership = np.asarray(detail["membership"], dtype=float)
    words = np.asarray(detail["word_attention"], dtype=float)  # (layers, heads, words, words)
    special = np.asarray(detail["word_special"], dtype=float)  # (layers, heads, words)
    for layer in range(tokens.shape[0]):
        for head in range(tokens.shape[1]):
            w, s = word_rule(tokens[layer, head], membership)
            assert np.abs(words[layer, head] - w).max() <= SIX_DECIMALS
            assert np.abs(special[layer, head] - s).max() <= SIX_DECIMALS


NEAR_MISSES = {  # a view close to the one asked for: the comparison above must tell them apart
    ("attention-matrix", "rollout"): {"kind": "mean", "label": "mean:1-12", "first_layer": 1, "last_layer": 12},
    ("attention-matrix", "mean:9-12"): {"kind": "mean", "label": "mean:9-11", "first_layer": 9, "last_layer": 11},
    ("intuition", "12.2"): {"kind": "head", "label": "12.1", "layer": 12, "head": 1},
}


@pytest.mark.parametrize(("chapter", "head"), list(CASES))
def test_a_near_miss_view_does_not_match(chapter, head):
    attention = trace(chapter, head)["attention"]
    detail = attention["detail"]
    tokens = np.asarray(detail["token_attention"], dtype=float)
    membership = np.asarray(detail["membership"], dtype=float)
    words, _ = word_rule(view_matrix(tokens, NEAR_MISSES[chapter, head]), membership)
    n_words = membership.shape[1]
    assert np.abs(np.asarray(attention["weights"], dtype=float)[:n_words, :n_words] - words).max() > 1e-3
    # and the rollout without its residual half is not the rollout either
    if head == "rollout":
        plain = np.eye(tokens.shape[-1])
        for layer in tokens:
            plain = layer.mean(axis=0) @ plain
        words, _ = word_rule(plain, membership)
        assert np.abs(np.asarray(attention["weights"], dtype=float)[:n_words, :n_words] - words).max() > 1e-3
