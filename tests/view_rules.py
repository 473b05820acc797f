"""The word views of a trained model and the rules that choose one, re-derived from the raw token attention.

Used by ``tests/claim_checks.py``; nothing here imports or imitates the product's word attention, views, head
rules or focus rule: pieces are given to words from their character spans (:func:`membership`), a word's row is
the mean of its pieces' rows (:func:`word_views`), a view is a head, a mean of heads or the rollout
(:func:`view_matrix`), and the rules that pick the head shown (``focus_link``, ``varied``, ``expect``) compare
weights *as written* (two decimals): a strongest key is strictly ahead of every other as written
(:func:`strongest`), so a written tie never counts as agreement.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from attention_core.pos import ENGLISH_FUNCTION_WORDS

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
    "sink_leads",
    "strongest",
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
def sink_leads(written_matrix) -> int | None:
    """How many rows a sink word leads (the most of any word), or None when the head is no sink: some word is the
    strongest (written, self included) of at least 2/3 of the other rows; never below 3 words."""
    m = len(written_matrix)
    if m < 3:
        return None
    tops = [strongest(written_matrix[i], range(m)) for i in range(m)]
    best = None
    for j in range(m):
        led = sum(1 for i in range(m) if i != j and tops[i] == j)
        if 3 * led >= 2 * (m - 1) and (best is None or led > best):
            best = led
    return best


def pattern_kind(weights_row, special: float, written_row, i: int, n: int) -> tuple[str | None, bool]:
    """(self / neighbour / far / None, on the edge) for row ``i``: its strongest key stands out when its weight is at
    least 2/n of the whole row (words and special share); distance 2 shows no pattern."""
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


def _heads(words):
    n_layers, n_heads = words.shape[:2]
    return [(lay, h) for lay in range(n_layers) for h in range(n_heads)]


def focus_link_choice(words, written_words, focus: int, keys) -> dict:
    """The head in which the focus row gives one candidate (at distance 2 or more when there is one) the most,
    sink heads passed over unless every head is one; the first in (layer, head) order on a tie."""
    cands = link_candidates(words.shape[2], focus, keys)
    sinks = {lh: sink_leads(written_words[lh]) is not None for lh in _heads(words)}
    pool = [lh for lh in _heads(words) if not sinks[lh]] or _heads(words)
    best = None
    for lh in pool:
        w = max(float(words[lh][focus, c]) for c in cands)
        if best is None or w > best[1]:
            best = (lh, w)
    lh = best[0]
    row = written_words[lh][focus]
    top = max(row[c] for c in cands)
    return {
        "head": lh,
        "cands": cands,
        "tied": [c for c in cands if row[c] == top],
        "score": top,
        "skips": any(abs(c - focus) >= 2 for c in cands),
        "all_sinks": all(sinks.values()),
        "sinks": sum(sinks.values()),
    }


def varied_choice(words, special, written_words) -> dict:
    """The head whose rows show the most kinds of pattern, then favour the most different words, then give words
    the most; sinks passed over unless every head is one (then the least leading sink first)."""
    n = words.shape[2]
    scored, edge = [], False
    for lh in _heads(words):
        ww = written_words[lh]
        leads = sink_leads(ww)
        kinds = set()
        for i in range(n):
            kind, on_edge = pattern_kind(words[lh][i], special[lh][i], ww[i], i, n)
            edge |= on_edge
            if kind:
                kinds.add(kind)
        tops = {strongest(ww[i], range(n)) for i in range(n)} - {None}
        total = float(np.sum(words[lh]))
        scored.append((lh, leads, [k for k in ("self", "neighbour", "far") if k in kinds], len(tops), total))
    all_sinks = all(s[1] is not None for s in scored)
    pool = scored if all_sinks else [s for s in scored if s[1] is None]

    def score(s):
        return (-s[1] if all_sinks else 1, len(s[2]), s[3], s[4])

    best = pool[0]
    for s in pool[1:]:
        if score(s) > score(best):
            best = s
    return {
        "head": best[0],
        "kinds": best[2],
        "distinct": best[3],
        "sinks": sum(1 for s in scored if s[1] is not None),
        "all_sinks": all_sinks,
        "sink_rows": best[1],
        "edge": edge,
    }


def expect_choice(words, written_words, focus: int, keys, expected) -> dict:
    """The head that agrees with the expected keys (its strongest key, as written, is one of them) most strongly;
    when none agrees, the head where an expected key ranks highest (then the largest weight on it)."""
    keys, expected = list(keys), set(expected)
    agree, others = [], {}
    for lh in _heads(words):
        k = strongest(written_words[lh][focus], keys)
        if k is not None and k in expected:
            agree.append((lh, k))
        else:
            others[lh] = k
    if agree:
        lh, key = agree[0]
        for cand, k in agree[1:]:
            if float(words[cand][focus, k]) > float(words[lh][focus, key]):
                lh, key = cand, k
        rank = 1
    else:
        best = None
        for cand in _heads(words):
            row = written_words[cand][focus]
            for k in sorted(expected):
                r = 1 + sum(1 for q in keys if row[q] > row[k])
                s = (-r, float(words[cand][focus, k]))
                if best is None or s > best[0]:
                    best = (s, cand, k)
        (neg_rank, _), lh, key = best
        rank = -neg_rank
    row = written_words[lh][focus]
    ahead = sorted((q for q in keys if row[q] > row[key]), key=lambda q: (-row[q], q))
    counts: dict[int, int] = {}
    for k in others.values():
        if k is not None:
            counts[k] = counts.get(k, 0) + 1
    most = max(counts.values(), default=0)
    return {
        "head": lh,
        "key": key,
        "agree": len(agree),
        "rank": rank,
        "ahead": ahead,
        "instead": sorted(k for k, c in counts.items() if c == most),
        "instead_heads": most,
        "tied_heads": sum(1 for k in others.values() if k is None),
    }
