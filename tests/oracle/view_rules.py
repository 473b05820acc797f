"""The word views of a trained model and the rules that choose one, re-derived from the raw token attention.

Used by :mod:`tests.oracle.views`, :mod:`tests.oracle.view_choice`, :mod:`tests.oracle.real_model_rules` and the
chapters' oracles; nothing here imports or imitates the product's word attention, views, head rules or focus rule:
pieces are given to words from their character spans (:func:`membership`), a word's row is the mean of its pieces'
rows (:func:`word_views`), a view is a head, a mean of heads or the rollout (:func:`view_matrix`), and the rules that
pick the head shown (``focus_link``, ``varied``, ``expect``) compare weights *as written* (two decimals): a
strongest key is strictly ahead of every other as written (:func:`strongest`), so a written tie never counts as
agreement.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import numpy as np

from attention_core.language.pos import ENGLISH_FUNCTION_WORDS

__all__ = [
    "PRONOUNS",
    "choose_focus",
    "expect_choice",
    "focus_link_choice",
    "hundredths",
    "is_content",
    "marks_of",
    "membership",
    "pattern_kind",
    "pattern_kinds",
    "sink_leads",
    "strongest",
    "strongest_keys",
    "varied_choice",
    "view_matrix",
    "word_spans",
    "word_views",
]

PRONOUNS = frozenset("它 他 她 它们 他们 她们 it he she they him her them".split())
CONTENT_TAGS = frozenset("i l j s b".split())  # and every tag starting with one of CONTENT_TAG_STARTS
CONTENT_TAG_STARTS = "nvazt"


# -- weights as written ---------------------------------------------------------------------------------------
def hundredths(x) -> np.ndarray:
    """Every weight of ``x`` as written with two decimals (``f"{w:.2f}"``), in hundredths (an int array).

    Rounding ``100·w`` to the nearest integer agrees with Python's formatting except within float noise of a half;
    those few are formatted one by one."""
    a = np.asarray(x, dtype=float)
    scaled = a * 100
    out = np.rint(scaled)
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for idx in zip(*np.nonzero(near), strict=True):
        out[idx] = int(f"{float(a[idx]):.2f}".replace(".", ""))
    return out.astype(np.int64)


def strongest(written_row, cands) -> int | None:
    """The candidate whose written weight is strictly larger than every other candidate's, or None (a tie)."""
    best, top, tied = None, None, False
    for k in cands:
        w = written_row[k]
        if top is None or w > top:
            best, top, tied = k, w, False
        elif w == top:
            tied = True
    return None if tied else best


# -- the automatic focus word --------------------------------------------------------------------------------
def _has(token: str, classes: str) -> bool:
    return any(unicodedata.category(c)[0] in classes for c in token)


def _is_han(c: str) -> bool:
    return unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH")


@cache  # jieba's HMM tags an unknown word in about 8 ms, and hypothesis draws the same words again and again
def chinese_tag(token: str) -> str:
    """jieba's part of speech for a token: its dictionary entry, else the tag of its last non-blank piece."""
    import jieba.posseg

    tag = jieba.posseg.dt.word_tag_tab.get(token)
    if tag is None:
        pieces = [p for p in jieba.posseg.lcut(token) if p.word.strip()]
        tag = pieces[-1].flag if pieces else "x"
    return tag


def is_content(token: str) -> bool:
    """A content word: a noun, verb, adjective… (no marks, numbers, pronouns, particles, prepositions)."""
    if not _has(token, "LN"):
        return False
    if _has(token, "N"):  # numbers and tokens holding a digit
        return False
    if any(_is_han(c) for c in token):
        tag = chinese_tag(token)
        return (tag != "" and tag[0] in CONTENT_TAG_STARTS) or tag in CONTENT_TAGS
    return token.casefold().replace("\u2019", "'") not in ENGLISH_FUNCTION_WORDS


def marks_of(tokens) -> str:
    """What the tokens without a letter or digit are: "punctuation", "symbols" or "both"."""
    kinds = {"P" if _has(t, "P") else "S" for t in tokens if not _has(t, "LN")}
    return "both" if len(kinds) == 2 else "punctuation" if kinds == {"P"} else "symbols"


def choose_focus(tokens, causal: bool) -> tuple[int, str, str | None]:
    """(index, rule, marks) of the automatic focus word; a causal reader never takes the first token."""
    cands = list(range(1 if causal else 0, len(tokens)))
    for i in cands:
        if tokens[i].casefold() in PRONOUNS:
            return i, "pronoun", None
    content = [i for i in cands if is_content(tokens[i])]
    if content:
        return content[-1], "content", None
    words = [i for i in cands if _has(tokens[i], "LN")]
    if words:
        return words[-1], "word", None
    return len(tokens) - 1, "last", marks_of(tokens)


# -- words and pieces ---------------------------------------------------------------------------------------
def word_spans(sentence: str, tokens) -> list[tuple[int, int]] | None:
    """Each token's character span in the sentence as the model reads it (NFC, stripped), found in order."""
    text = unicodedata.normalize("NFC", sentence).strip()
    spans, pos = [], 0
    for t in tokens:
        i = text.find(t, pos)
        if i < 0:
            return None
        spans.append((i, i + len(t)))
        pos = i + len(t)
    return spans


def membership(pieces, spans) -> tuple[np.ndarray, np.ndarray]:
    """(pieces × words shares, outside mask): a piece belongs to the words its span overlaps, by characters; a
    special piece, or one covering no character of any word, belongs to none (it is "outside")."""
    m = np.zeros((len(pieces), len(spans)))
    for p, pc in enumerate(pieces):
        if pc.special:
            continue
        for w, (a, b) in enumerate(spans):
            m[p, w] = max(0, min(pc.end, b) - max(pc.start, a))
    total = m.sum(axis=1)
    outside = total == 0
    m[~outside] /= total[~outside, None]
    return m, outside


def word_views(token_attention, m: np.ndarray, outside: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Word weights ``(..., words, words)`` and special shares ``(..., words)`` of piece matrices
    ``(..., pieces, pieces)``: row(w) = Σ_p m[p,w]·A[p,:] / Σ_p m[p,w]; weight to w' = row·m[:,w']."""
    a = np.asarray(token_attention, dtype=float)
    rows = np.einsum("pw,...pq->...wq", m, a) / m.sum(axis=0)[:, None]  # (..., words, pieces)
    return rows @ m, rows @ outside.astype(float)


def view_matrix(tokens, view: dict) -> np.ndarray:
    """The piece-level matrix of ``view`` (kind head / mean / rollout, layers and heads 1-based) from the raw token
    attention ``(layers, heads, pieces, pieces)``."""
    a = np.asarray(tokens, dtype=float)
    if view["kind"] == "head":
        return a[view["layer"] - 1, view["head"] - 1]
    if view["kind"] == "mean":
        return a[view["first_layer"] - 1 : view["last_layer"]].mean(axis=(0, 1))
    p = a.shape[-1]
    r = np.eye(p)
    for layer in a:
        step = 0.5 * layer.mean(axis=0) + 0.5 * np.eye(p)
        step = step / step.sum(axis=1, keepdims=True)
        r = step @ r
    return r


# -- the rules that choose a head ----------------------------------------------------------------------------
def strongest_keys(written, cands=None) -> np.ndarray:
    """For every row of ``written`` (``(..., keys)``, hundredths): the candidate alone on top, or −1 (a tie)."""
    w = np.asarray(written)
    if cands is not None:
        mask = np.zeros(w.shape[-1], dtype=bool)
        mask[list(cands)] = True
        w = np.where(mask, w, np.iinfo(np.int64).min)
    top = w.max(axis=-1, keepdims=True)
    alone = (w == top).sum(axis=-1) == 1
    return np.where(alone, w.argmax(axis=-1), -1)


def sink_leads(written) -> np.ndarray:
    """For every head of ``written`` (``(layers, heads, m, m)``): how many rows its sink word leads, −1 when it is no
    sink. A sink word is the strongest key (written, self included) of at least 2/3 of the rows other than its own;
    a head of fewer than 3 words is never a sink."""
    w = np.asarray(written)
    m = w.shape[-1]
    if m < 3:
        return np.full(w.shape[:-2], -1)
    tops = strongest_keys(w)  # (layers, heads, rows)
    led = (tops[..., :, None] == np.arange(m)).sum(axis=-2)  # (layers, heads, word j): rows j leads
    led -= tops == np.arange(m)  # ... its own row not counted
    sink = 3 * led >= 2 * (m - 1)
    return np.where(sink.any(axis=-1), np.where(sink, led, -1).max(axis=-1), -1)


def pattern_kinds(words, special, written) -> tuple[np.ndarray, np.ndarray, bool]:
    """(kinds ``(..., rows)``: 0 none, 1 self, 2 neighbour, 3 far; strongest keys; any row on the edge). A row shows
    a kind when its strongest key (written, self included) gets at least 2/n of the whole row, special share
    included; by distance 0, 1, 3 or more (2 shows none)."""
    words = np.asarray(words, dtype=float)
    n = words.shape[-1]
    tops = strongest_keys(written)
    w_top = np.take_along_axis(words, np.maximum(tops, 0)[..., None], axis=-1)[..., 0]
    whole = words.sum(axis=-1) + np.asarray(special, dtype=float)
    has = tops >= 0
    edge = bool((has & (np.abs(w_top * n - 2 * whole) < 1e-9)).any())
    stands = has & (w_top * n >= 2 * whole)
    dist = np.abs(tops - np.arange(n))
    kinds = np.select([dist == 0, dist == 1, dist >= 3], [1, 2, 3], 0)
    return np.where(stands, kinds, 0), tops, edge


def pattern_kind(weights_row, special: float, written_row, i: int, n: int) -> tuple[str | None, bool]:
    """(self / neighbour / far / None, on the edge) for row ``i`` of a matrix of ``n`` words, as
    :func:`pattern_kinds` reads each row."""
    k = strongest(written_row, range(n))
    if k is None:
        return None, False
    w = float(weights_row[k])
    whole = float(np.sum(weights_row[:n])) + float(special)
    edge = abs(w * n - 2 * whole) < 1e-9
    if w * n < 2 * whole:
        return None, edge
    d = abs(k - i)
    return ("self" if d == 0 else "neighbour" if d == 1 else "far" if d >= 3 else None), edge


def link_candidates(m: int, focus: int, keys=None) -> list[int]:
    """The words a focus row may link to: at distance 2 or more, or every other word when none is that far."""
    keys = [k for k in range(m) if k != focus] if keys is None else list(keys)
    far = [k for k in keys if abs(k - focus) >= 2]
    return far if far else keys


def _heads(words) -> list[tuple[int, int]]:
    n_layers, n_heads = words.shape[:2]
    return [(lay, h) for lay in range(n_layers) for h in range(n_heads)]


def focus_link_choice(words, written_words, focus: int, keys) -> dict:
    """The head in which the focus row gives one candidate (at distance 2 or more when there is one) the most,
    sink heads passed over unless every head is one; the first in (layer, head) order on a tie."""
    cands = link_candidates(words.shape[2], focus, keys)
    sinks = sink_leads(written_words) >= 0
    link = words[:, :, focus, cands].max(axis=-1)
    pool = ~sinks if not sinks.all() else np.ones_like(sinks)
    best = None
    for lh in _heads(words):
        if pool[lh] and (best is None or link[lh] > link[best]):
            best = lh
    row = written_words[best][focus]
    top = max(row[c] for c in cands)
    return {
        "head": best,
        "cands": cands,
        "tied": [c for c in cands if row[c] == top],
        "skips": any(abs(c - focus) >= 2 for c in cands),
        "all_sinks": bool(sinks.all()),
        "sinks": int(sinks.sum()),
    }


def varied_choice(words, special, written_words) -> dict:
    """The head whose rows show the most kinds of pattern, then favour the most different words, then give words
    the most; sinks passed over unless every head is one (then the one whose sink word leads fewest rows)."""
    n = words.shape[2]
    leads = sink_leads(written_words)
    kinds, tops, edge = pattern_kinds(words, special, written_words)
    shown = [(kinds == k).any(axis=-1) for k in (1, 2, 3)]  # (layers, heads) each
    distinct = (tops[..., None] == np.arange(n)).any(axis=-2).sum(axis=-1)
    total = words.sum(axis=(-1, -2))
    all_sinks = bool((leads >= 0).all())

    def score(lh):
        first = -int(leads[lh]) if all_sinks else 1
        return (first, sum(int(x[lh]) for x in shown), int(distinct[lh]), float(total[lh]))

    best = None
    for lh in _heads(words):
        if (all_sinks or leads[lh] < 0) and (best is None or score(lh) > score(best)):
            best = lh
    return {
        "head": best,
        "kinds": [k for k, x in zip(("self", "neighbour", "far"), shown, strict=True) if x[best]],
        "distinct": int(distinct[best]),
        "sinks": int((leads >= 0).sum()),
        "all_sinks": all_sinks,
        "sink_rows": int(leads[best]) if leads[best] >= 0 else None,
        "edge": edge,
    }


def expect_choice(words, written_words, focus: int, keys, expected) -> dict:
    """The head that agrees with the expected keys (its strongest key, as written, is one of them) most strongly;
    when none agrees, the head where an expected key ranks highest (then the largest weight on it), rank = 1 + the
    keys written strictly larger, and ``level``: the other keys written equal to it there (rank 1 is then a tie)."""
    keys, expected = list(keys), sorted(set(expected))
    rows, written_rows = words[:, :, focus], written_words[:, :, focus]  # (layers, heads, words)
    tops = strongest_keys(written_rows, keys)
    agree = np.isin(tops, expected)
    best = None
    if agree.any():
        for lh in _heads(words):
            if agree[lh] and (best is None or rows[lh][tops[lh]] > rows[best][tops[best]]):
                best = lh
        key, rank = int(tops[best]), 1
    else:
        for lh in _heads(words):
            for k in expected:
                r = 1 + sum(1 for q in keys if written_rows[lh][q] > written_rows[lh][k])
                s = (-r, float(rows[lh][k]))
                if best is None or s > best[0]:
                    best = (s, lh, k)
        (neg_rank, _), best, key = best
        rank = -neg_rank
    row = written_rows[best]
    ahead = sorted((q for q in keys if row[q] > row[key]), key=lambda q: (-row[q], q))
    level = [] if agree.any() else [q for q in keys if q != key and row[q] == row[key]]  # a tie said as a tie
    others = tops[~agree]
    counts = {int(k): int((others == k).sum()) for k in set(others.tolist()) if k >= 0}
    most = max(counts.values(), default=0)
    return {
        "head": best,
        "key": key,
        "agree": int(agree.sum()),
        "rank": rank,
        "ahead": ahead,
        "level": level,
        "instead": sorted(k for k, c in counts.items() if c == most),
        "instead_heads": most,
        "tied_heads": int((others < 0).sum()),
    }
