"""A trained model's word views, re-derived from its raw token attention (chapters 1, 3, 7 and 9).

With a model, every head's word rows are re-derived here from the raw token attention and the pieces' character
spans (:mod:`tests.oracle.view_rules`: a piece belongs to the words it overlaps, by characters; special pieces and
pieces covering no character are outside, their share is the row's special share) (:func:`model_words`); a view
(a head, a mean of heads' layers, the rollout) is named as ``--head`` names it (:func:`parse_head`). Which view a
chapter shows, and the claims about it, are :mod:`tests.oracle.view_choice` and :mod:`tests.oracle.view_claims`.
"""

from __future__ import annotations

import re

import numpy as np

from tests.oracle import view_rules as vr

DEFAULT_MODEL = "e5-small"
MODEL_INFO = {  # model -> (full name, 4-bit weights); the special names come from the pieces read (model_words)
    "e5-small": ("multilingual-e5-small", True),
    "minilm": ("all-MiniLM-L6-v2", False),
}


ROW_SUM_TOL = 1e-6


VIEW_TOL = 1e-9


def model_words(det, sentence: str, sent_tokens, start: int) -> tuple[dict | None, list[str]]:
    """Every head's word view of what the model read, from the raw token attention ``det.tokens``: the words'
    spans in the text the model read (from the first shown word on), each piece's share of each word by characters
    (special pieces and pieces covering no character are outside), the word rows and special shares, and the
    outside pieces' names (each text once, in order)."""
    words = tuple(det.words)
    m = len(words)
    if tuple(sent_tokens[start : start + m]) != words:
        return None, [f"the model read {words}, not words {start + 1}–{start + m} of the sentence"]
    spans = vr.word_spans(sentence, sent_tokens)
    if spans is None:
        return None, [f"the words {sent_tokens} are not found in order in {sentence!r}"]
    base = spans[start][0]
    mem, outside = vr.membership(det.pieces, [(a - base, b - base) for a, b in spans[start : start + m]])
    lonely = [words[w] for w in range(m) if mem[:, w].sum() == 0]
    if lonely:
        return None, [f"words {lonely} have no piece"]
    p = []
    if np.shape(det.membership) != mem.shape or not np.allclose(det.membership, mem, atol=1e-12, rtol=0):
        p.append("detail.membership is not each piece's share of the words by characters")
    ww, sp = vr.word_views(det.tokens, mem, outside)
    names = " ".join(dict.fromkeys(pc.text for pc, out in zip(det.pieces, outside, strict=True) if out))
    mw = {"m": m, "membership": mem, "outside": outside, "words": ww, "special": sp, "special_names": names}
    mw.update(written=vr.hundredths(ww), tokens=np.asarray(det.tokens, dtype=float))
    return mw, p


_HEAD = re.compile(r"(\d+)\.(\d+)")


_MEAN = re.compile(r"mean:(\d+)(?:-(\d+))?")


def head_view(layer: int, head: int) -> dict:
    """The view of one head, 0-based in, 1-based out as on screen."""
    return {"kind": "head", "label": f"{layer + 1}.{head + 1}", "layer": layer + 1, "head": head + 1}


def parse_head(head: str, layers: int, heads: int) -> dict | None:
    """The view ``--head`` asks for (L.H, mean:A-B, mean:A, rollout), or None when this model has no such view."""
    if head == "rollout":
        return {"kind": "rollout", "label": "rollout"}
    m = _HEAD.fullmatch(head)
    if m:
        lay, h = int(m[1]), int(m[2])
        return head_view(lay - 1, h - 1) if 1 <= lay <= layers and 1 <= h <= heads else None
    m = _MEAN.fullmatch(head)
    if m:
        a, b = int(m[1]), int(m[2] or m[1])
        if 1 <= a <= b <= layers:
            return {
                "kind": "mean",
                "label": f"mean:{a}-{b}" if a != b else f"mean:{a}",  # one layer is written as one
                "first_layer": a,
                "last_layer": b,
            }
    return None


def view_keys(m: int, focus: int | None, causal: bool) -> list[int]:
    """The words the focus word can look at: the earlier ones for a causal reader, else every other word read."""
    if focus is None:
        return []
    return list(range(focus)) if causal else [k for k in range(m) if k != focus]
