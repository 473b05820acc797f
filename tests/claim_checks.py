"""Independent re-derivation of every claim a chapter makes, for the property tests in
``tests/attention_core/test_claims_hold.py``.

Nothing here imports or imitates ``attention_core.claims`` / ``attention_core.display``: numbers "as written" are
Python's ``f"{x:.Nf}"`` with ``-0.00`` -> ``0.00`` and a true minus sign, sums of written numbers are exact
``Decimal`` sums, half-up rounding is ``ROUND_HALF_UP``. Each ``check_*`` function returns a list of problems
(empty: the claim holds), so a test can both assert that real claims hold and that falsified ones are caught.

Word attention (chapters 1, 3, 7) comes from the designed lexicon or a trained model: with a model, every head's
word rows are re-derived here from the raw token attention and the pieces' character spans (``tests/view_rules.py``:
a piece belongs to the words it overlaps, by characters; special pieces and pieces covering no character are
outside, their share is the row's special share), the view shown (a head, a mean of heads, the rollout) is
recomputed, and the rule that picked it (given, expect, focus_link, varied; weights compared as written, so a
written tie is no agreement) is run again over every head; the view, expect and heads claims and their captions are
checked against that. Chapter 9 (real-model) is checked by ``tests/real_model_checks.py`` with the rules of
``tests/real_model_rules.py``; its captions here, in the order the video states them (:func:`real_model_stated`),
each with exactly the numbers of its claim (:func:`number_problems`) and the template variant the rules choose
(:func:`variant_problems`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

import numpy as np

from attention_core import Claim, retention_curve, tokenize
from scenes import get_chapter
from scenes.strings import claim_text, text
from tests import real_model_rules as rr
from tests import view_rules as vr

MINUS = "\u2212"
READING_KINDS = ("strongest", "tie", "self", "even")
EVEN_BAND = 0.15
WINDOW_CAP = {
    "intuition": 16,
    "self-attention-idea": 16,
    "worked-example": 8,
    "attention-matrix": 16,
    "multi-head": 6,
    "real-model": 16,
}
CAUSAL = {"intuition": True, "self-attention-idea": False}
SPLITS_SAID = 2  # real-model's pieces caption spells out the first two split words and counts the rest


# -- numbers as written -----------------------------------------------------------------------------------------
def written(x: float, dec: int = 2) -> str:
    """``x`` with ``dec`` decimals as Python writes it, no negative zero, true minus sign."""
    s = f"{float(x):.{dec}f}"
    if s.startswith("-") and float(s) == 0:
        s = s[1:]
    return s.replace("-", MINUS)


def D(s: str) -> Decimal:
    """A written number back to an exact Decimal."""
    return Decimal(str(s).replace(MINUS, "-"))


def fmt_dec(d: Decimal, places: int) -> str:
    """An exact Decimal with ``places`` decimals, no negative zero, true minus sign."""
    q = d.quantize(Decimal(1).scaleb(-places))
    if q == 0:
        q = abs(q)
    return format(q, "f").replace("-", MINUS)


def half_up(d: Decimal, places: int = 2) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def half_up_fraction(q: Fraction, places: int = 2) -> Fraction:
    """Round half away from zero (Decimal's ROUND_HALF_UP) of an exact rational."""
    sign = -1 if q < 0 else 1
    scaled = abs(q) * 10**places
    return sign * Fraction(math.floor(scaled + Fraction(1, 2)), 10**places)


_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def parse_magnitude(s: str) -> tuple[float, float]:
    """A written magnitude ("2.0×10⁻¹⁰", "0.091", "−3.5") as (value, half a unit in its last written place)."""
    s = s.replace(MINUS, "-")
    if "×10" in s:
        mant, exp = s.split("×10")
        e = int(exp.translate(_SUP))
    else:
        mant, e = s, 0
    decimals = len(mant.split(".")[1]) if "." in mant else 0
    return float(mant) * 10.0**e, 0.5 * 10.0 ** (e - decimals)


def close_to(s: str, true: float) -> bool:
    value, half = parse_magnitude(s)
    return abs(value - true) <= half * (1 + 1e-9) + 1e-15


# -- words --------------------------------------------------------------------------------------------------
def choose_focus_mine(tokens: tuple[str, ...], causal: bool) -> tuple[int, str]:
    """The automatic focus as the captions describe it (:func:`tests.view_rules.choose_focus`): index and rule."""
    i, rule, _ = vr.choose_focus(tokens, causal)
    return i, rule


def given_focus_index(tokens: tuple[str, ...], focus: str, causal: bool) -> int | None:
    """The word ``--focus`` names: its first occurrence written exactly so, else its first ignoring case; a causal
    reader cannot take the first word, and then the focus is refused (None), never moved to a later word."""
    exact = [i for i, t in enumerate(tokens) if t == focus]
    matches = exact or [i for i, t in enumerate(tokens) if t.casefold() == focus.casefold()]
    usable = [i for i in matches if i > 0 or not causal]
    return usable[0] if usable else None


def quote(word: str, lang: str) -> str:
    return f"「{word}」" if lang == "zh" else f'"{word}"'


def repeats(tokens, k: int) -> tuple[bool, bool]:
    """(must a caption give word k's position, may it): exact repeats must, case-only repeats may."""
    exact = tokens.count(tokens[k]) > 1
    folded = sum(t.casefold() == tokens[k].casefold() for t in tokens) > 1
    return exact, folded


def name(tokens, k: int, lang: str, at: int | None) -> str:
    """How a caption names word ``k`` of the shown words: with the sentence position ``at`` the claim gives (a
    word shown more than once; whether it had to be given is checked by :func:`check_reading`)."""
    q = quote(tokens[k], lang)
    if at is not None:
        return f"{q}（第 {at} 个）" if lang == "zh" else f"{q} (word {at})"
    return q


# -- row readings -------------------------------------------------------------------------------------------
def expected_reading(weights, query: int | None, keys) -> dict:
    """What the row of ``weights`` says over ``keys``, from the written weights. "Even" is relative to what the
    row gives those keys: every weight within ±15 % of ``total / m``."""
    keys = list(keys)
    m = len(keys)
    ws = {k: float(weights[k]) for k in keys}
    total = math.fsum(ws.values())  # what the row gives the words (< 1 when a model's special tokens take a share)
    dev = [abs(ws[k] * m / total - 1) for k in keys] if total > 0 else [math.inf] * m
    out = {"m": m, "total": total, "borderline": any(abs(d - EVEN_BAND) < 1e-9 for d in dev)}
    if m >= 2 and all(d <= EVEN_BAND for d in dev):
        shown = [written(ws[k]) for k in keys]
        out.update(kind="even", low=min(shown, key=D), high=max(shown, key=D))
        return out
    W = {k: written(ws[k]) for k in keys}
    top = max(D(W[k]) for k in keys)
    tops = [k for k in keys if D(W[k]) == top]
    out["top"] = fmt_dec(top, 2)
    out["topw"] = max(ws[k] for k in tops)
    if len(tops) >= 2:
        out.update(kind="tie", keys=tops, self_included=query in tops)
    elif query is not None and tops == [query]:
        others = [k for k in keys if k != query]
        second = max(D(W[k]) for k in others)
        out.update(
            kind="self",
            next=[k for k in others if D(W[k]) == second],
            w_next=fmt_dec(second, 2),
            n_others=len(others),
            topw=ws[query],
        )
    else:
        out.update(kind="strongest", key=tops[0], offset=None if query is None else tops[0] - query)
    return out


def special_written(share: float) -> str | None:
    """A row's special-token share as a claim writes it: 2 decimals, or None when it would be written 0.00 (nothing
    to state)."""
    w = written(share)
    return None if w == "0.00" else w


def check_reading(
    claim: Claim,
    words,
    weights,
    query: int | None,
    keys,
    others: str | None = None,
    kind: str | None = None,
    special: float = 0.0,
) -> list[str]:
    """Problems with row reading ``claim`` of ``weights`` (one row) over ``keys``; ``words`` names the keys
    (the shown tokens, or the library's titles when ``query`` is None); ``special`` is what the row gives a
    model's special tokens (0 for the lexicon)."""
    p: list[str] = []
    v = claim.values
    kind = kind or claim.kind
    exp = expected_reading(weights, query, keys)
    if kind not in READING_KINDS:
        return [f"{claim.topic}: kind {kind!r} is no row reading"]
    if v.get("query") != query:
        p.append(f"{claim.topic}: query {v.get('query')} != {query}")
    if v.get("special") != special_written(special):
        p.append(f"{claim.topic}: special {v.get('special')!r} != {special_written(special)!r} (share {special!r})")
    if exp["borderline"] and {kind, exp["kind"]} & {"even"}:
        return p  # a weight sits on the ±15 % edge: float noise decides; either reading is honest
    if kind != exp["kind"]:
        return p + [
            f"{claim.topic}: kind {kind} but the written weights say {exp['kind']} "
            f"({[written(weights[k]) for k in keys]})"
        ]
    qword = () if query is None else (words[query],)
    named: list[int] = []
    if kind == "even":
        if (v.get("low"), v.get("high"), v.get("count")) != (exp["low"], exp["high"], exp["m"]):
            p.append(
                f"{claim.topic}: even low/high/count {v.get('low')}/{v.get('high')}/{v.get('count')} != "
                f"{exp['low']}/{exp['high']}/{exp['m']}"
            )
    elif kind == "tie":
        named = exp["keys"]
        if list(v.get("keys", [])) != named:
            p.append(f"{claim.topic}: tie keys {v.get('keys')} != {named}")
        if v.get("w") != exp["top"]:
            p.append(f"{claim.topic}: tie w {v.get('w')} != {exp['top']}")
        if v.get("self_included") != exp["self_included"]:
            p.append(f"{claim.topic}: self_included {v.get('self_included')} != {exp['self_included']}")
    elif kind == "self":
        named = exp["next"]
        for key in ("w", "next", "w_next", "n_others"):
            want = {"w": exp["top"], "next": named, "w_next": exp["w_next"], "n_others": exp["n_others"]}[key]
            got = list(v.get(key)) if key == "next" and v.get(key) is not None else v.get(key)
            if got != want:
                p.append(f"{claim.topic}: self {key} {got} != {want}")
        if others is not None and v.get("others") != others:
            p.append(f"{claim.topic}: others {v.get('others')} != {others}")
    else:
        named = [exp["key"]]
        for key, want in (("key", exp["key"]), ("w", exp["top"]), ("offset", exp["offset"])):
            if v.get(key) != want:
                p.append(f"{claim.topic}: strongest {key} {v.get(key)} != {want}")
    want_words = qword + tuple(words[k] for k in named)
    if tuple(claim.words) != want_words:
        p.append(f"{claim.topic}: words {claim.words} != {want_words}")
    if query is not None:  # positions: given for a word shown twice, the same window offset for every one
        got = list(v.get("named_at", []))
        if len(got) != len(named):
            p.append(f"{claim.topic}: named_at {got} does not match the named keys {named}")
        offsets = set()
        for k, at in [*zip(named, got, strict=False), (query, v.get("query_at"))]:
            must, may = repeats(words, k)
            if (at is not None) not in ((True,) if must else (True, False) if may else (False,)):
                p.append(f"{claim.topic}: position {at} wrong for {words[k]!r} in {words}")
            if at is not None:
                offsets.add(at - k - 1)
        if len(offsets) > 1 or any(o < 0 for o in offsets):
            p.append(f"{claim.topic}: positions {got} / {v.get('query_at')} are not one window's numbering")
    return p


# -- sums, signs, dot products, scale ------------------------------------------------------------------------
def check_row_sum(claim: Claim, weights: np.ndarray) -> list[str]:
    """``row_sum`` (or the sum half of ``softmax_row``) of the rows of ``weights``."""
    sums = [sum((D(written(w)) for w in row), Decimal(0)) for row in np.atleast_2d(weights)]
    v, p = claim.values, []
    want = {
        "sum": "1.00",
        "shown_low": fmt_dec(min(sums), 2),
        "shown_high": fmt_dec(max(sums), 2),
        "rounded": any(s != 1 for s in sums),
    }
    for k, w in want.items():
        if v.get(k) != w:
            p.append(f"{claim.topic}: {k} {v.get(k)} != {w}")
    return p


def check_positive(claim: Claim, weights: np.ndarray) -> list[str]:
    w = np.asarray(weights, dtype=float)
    v, p = claim.values, []
    low = float(w.min())
    want = {"positive": bool((w > 0).all()), "min_shown": written(low), "shows_zero": written(low) == "0.00"}
    for k, x in want.items():
        if v.get(k) != x:
            p.append(f"{claim.topic}: {k} {v.get(k)} != {x}")
    if "min" in v:
        if not close_to(v["min"], low):
            p.append(f"{claim.topic}: min {v['min']} is not the minimum {low!r} as written")
        if want["positive"] and parse_magnitude(v["min"])[0] <= 0:
            p.append(f"{claim.topic}: min {v['min']} hides a positive minimum {low!r}")
    return p


def term(a: str, b: str) -> str:
    wrap = lambda s: f"({s})" if s.startswith(MINUS) else s  # noqa: E731
    return f"{wrap(a)}×{wrap(b)}"


def check_dot(claim: Claim, a, b, a_dec: int, b_dec: int, true: float, max_terms: int) -> list[str]:
    """Entry (0,0) spelled out: ``a`` (row of the left factor) · ``b`` (column of the right), written."""
    A = [written(x, a_dec) for x in a]
    B = [written(x, b_dec) for x in b]
    exact = sum((D(x) * D(y) for x, y in zip(A, B, strict=True)), Decimal(0))
    result = written(true, 2)
    relation = "=" if half_up(exact, 2) == D(result) else "≈"
    terms = [term(x, y) for x, y in zip(A, B, strict=True)]
    if len(terms) > max_terms:
        terms = [terms[0], terms[1], "⋯", terms[-1]]
    want = {
        "result": result,
        "relation": relation,
        "from_shown": fmt_dec(exact, a_dec + b_dec),
        "expression": " + ".join(terms) + f" {relation} {result}",
        "terms": len(A),
        "elided": len(A) > max_terms,
    }
    v = claim.values
    return [f"{claim.topic}: {k} {v.get(k)!r} != {w!r}" for k, w in want.items() if v.get(k) != w]


def check_scale(claim: Claim, scores: np.ndarray, scaled: np.ndarray, d_k: int) -> list[str]:
    root = math.isqrt(d_k)
    exact_root = root * root == d_k
    divisor = str(root) if exact_root else f"{math.sqrt(d_k):.3f}"
    div = Fraction(D(divisor))
    off = sum(
        half_up_fraction(Fraction(D(written(s))) / div) != Fraction(D(written(t)))
        for s, t in zip(np.ravel(scores), np.ravel(scaled), strict=True)
    )
    want = {
        "d_k": d_k,
        "divisor": divisor,
        "exact_root": exact_root,
        "cells": int(np.size(scores)),
        "cells_off": int(off),
    }
    v = claim.values
    return [f"{claim.topic}: {k} {v.get(k)!r} != {w!r}" for k, w in want.items() if v.get(k) != w]


# -- the rnn chapter ----------------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def retention_at(scale: float, at: int) -> float:
    return retention_curve(steps=at, scale=scale).at(at)


def scale_text(s: float) -> str:
    return f"{s:.3f}".rstrip("0").rstrip(".")


# -- captions -----------------------------------------------------------------------------------------------
def _article_ok(text_en: str) -> list[str]:
    bad = []
    for art, num in re.findall(r"\b(a|an) (\d+)(?=[×\-])", text_en):
        n = int(num)
        want = "an" if num[0] == "8" or n in (11, 18) or 11000 <= n < 12000 or 18000 <= n < 19000 else "a"
        if art.lower() != want:
            bad.append(f"article {art!r} before {num}")
    return bad


def _grammar(text_en: str) -> list[str]:
    bad = _article_ok(text_en)
    m = re.search(r"(?<![\d.,])1 (step|word|cell|token|topic|row|key|matrix|vector|head|layer|piece)s\b", text_en)
    if m:
        bad.append(f"plural after 1: {m.group(0)!r}")
    m = re.search(r"(?<![\d.])([02-9]|\d\d+) (step|word|cell|token|topic|row|key|head|layer|piece)\b(?!s)", text_en)
    if m:
        bad.append(f"singular after a count: {m.group(0)!r}")
    if "{" in text_en or "}" in text_en:
        bad.append("unfilled template field")
    return bad


def _printed_python(plain: str, v: dict) -> list[str]:
    """A Python list, dict, None or NumPy type printed into a caption (names, pieces and special tokens taken out)."""
    texts = [v.get("special_names"), v.get("specials"), v.get("empty_text"), *v.get("split_pieces", [])]
    for x in sorted((x for x in [*texts, *v.get("crossing", [])] if isinstance(x, str) and x), key=len, reverse=True):
        plain = plain.replace(x, "")
    bad = re.search(r"\['|'\]|\[\]|\{'|\bNone\b|np\.|int64|float64", plain)
    return [f"prints {bad.group(0)!r}: a Python value, not words"] if bad else []


_POSITIONS = re.compile(r"<W>(?: \(word \d+\)|（第 \d+ 个）)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?")


def caption_numbers(cap: str, words, lang: str, names=()) -> list[str]:
    """Every number a caption states, in order, once the named words (with their positions) and ``names`` (special
    tokens) are taken out."""
    plain = _strip_names(cap, words, lang)
    for x in names:
        plain = plain.replace(x, "") if x else plain
    return _NUMBER.findall(_POSITIONS.sub("", plain))


def _tied(v: dict, words_key: str, w_key: str) -> list[str]:
    """The numbers a list of tied words says: the weight, after the count when more than three are counted."""
    k = len(v[words_key])
    return ([str(k)] if k > 3 else []) + [v[w_key]]


def expected_numbers(claim: Claim, key: str) -> list[str] | None:
    """The numbers, in order, that the real-model captions made from ``claim`` state (None: not checked here)."""
    v, k = claim.values, claim.kind
    if k == "head_groups":
        return [str(v["total"]), *(str(v["counts"][g]) for g in rr.GROUPS)]
    if k == "head_group":
        threshold = {"special": "special", "broad": "even_top", "focus": "even_top"}.get(v["group"], "row_share")
        return [str(v["count"]), v[threshold], str(v["layer"]), str(v["head"])]
    if k == "layer_means":
        shares = [v[f"{part}_{s}"] for part in ("first", "last") for s in ("self", "near", "far", "special")]
        rounded = [v["first_shown_sum"], v["last_shown_sum"]] if v["first_rounded"] or v["last_rounded"] else []
        return ["1", *shares[:4], str(v["layers"]), *shares[4:], *rounded]
    if k == "rollout":
        return [str(v["layers"]), v["self"], *_tied(v, "top", "top_w"), v["special"]]
    if k == "layer_trend":
        third = str(v["third"])
        if v["same"]:
            return [third, third, *_tied(v, "early", "early_w"), v["late_w"]]
        return [third, *_tied(v, "early", "early_w"), third, *_tied(v, "late", "late_w")]
    if k == "head_pattern" and v["pattern"] == "focus_link":
        return [str(v["layer"]), str(v["head"]), *(_tied(v, "keys", "w"))]
    if k == "gallery" and key == "rm.gallery":
        return [str(v["total"]), str(v["layers"]), str(v["heads"]), v["special_mean"]]
    if k == "gallery" and key == "rm.close":
        return [str(v["total"])]
    return None


def number_problems(claim: Claim, key: str, lang: str, cap: str, tokens) -> list[str]:
    """The real-model captions state exactly the claim's numbers, in order, and nothing else; tied words share
    their weight ("0.05 each", 各 0.05) and a single word has it alone."""
    want = expected_numbers(claim, key)
    if want is None:
        return []
    v = claim.values
    names = [x for x in (v.get("special_names"),) if x]
    got = caption_numbers(cap, [*tokens, *claim.words], lang, names)
    p = [] if got == want else [f"states the numbers {got}, the claim's are {want}"]
    for words_key, w_key in (("top", "top_w"), ("keys", "w")):
        if claim.kind in ("rollout", "head_pattern") and words_key in v and w_key in v:
            each = f"各 {v[w_key]}" if lang == "zh" else f"{v[w_key]} each"
            if (each in cap) != (len(v[words_key]) > 1):
                p.append(f"{each!r} present={each in cap} for {len(v[words_key])} tied words")
    if claim.kind == "rollout" and len(v["top"]) > 3:  # counted, not listed
        listed = {name(v["top"], i, lang, at) for i, at in enumerate(v["top_at"])}
        p += [f"lists {x} among {len(v['top'])} words it should count" for x in sorted(listed) if x in cap]
    return p


def expected_variant(claim: Claim) -> tuple[str, list[str]] | None:
    """(template suffix, note keys) the rules say ``claim`` takes (None: not checked here)."""
    v, k = claim.values, claim.kind
    level = ["note.level"] if v.get("level") and v.get("rank", 1) > 1 else []
    if k == "view" and v["rule"] == "expect":
        return (".expect" if v["agree"] else ".expect.top" if v["rank"] == 1 else ".expect.none"), level
    if k == "view" and v["rule"] == "varied":
        return (".varied.all_sinks" if v["all_sinks"] else ".varied" if v["kinds"] else ".varied.none"), []
    if k == "expect":
        if v["agree"] == v["total_heads"]:
            return f".{v['source']}.all", []
        return f".{v['source']}" + ("" if v["agree"] else ".none.top" if v["rank"] == 1 else ".none"), level
    if k == "pieces":
        return ("" if v["split"] else ".joined" if v["crossing"] else ".whole"), []
    if k == "head_group":
        return f".{v['group']}", []
    if k == "layer_means":
        return "", ["note.shares_rounded"] if v["first_rounded"] or v["last_rounded"] else []
    if k == "layer_trend":
        return (".same" if v["same"] else ""), []
    return None


def variant_problems(claim: Claim, key: str, lang: str, cap: str, extra: dict) -> list[str]:
    """The caption is the template the rules choose for what the claim says, with the notes it needs."""
    chosen = expected_variant(claim)
    if chosen is None or key in ("view.sinks",):
        return []
    suffix, notes = chosen
    try:
        want = claim_text(lang, key + suffix, claim, True, **extra)
        want += "".join(claim_text(lang, n, claim, True, **extra) for n in notes)
    except KeyError as exc:
        return [f"no template {key + suffix} / notes {notes} ({exc})"]
    return [] if cap == want else [f"is not {key + suffix}{' + ' if notes else ''}{' + '.join(notes)}: {want!r}"]


def _strip_names(caption: str, words, lang: str) -> str:
    for w in sorted(set(words), key=len, reverse=True):
        caption = caption.replace(quote(w, lang), "<W>")
    return caption


def reading_bits(v: dict, kind: str, words, claim_words, lang: str) -> tuple[list[str], bool]:
    """Substrings a row reading's caption must hold, and whether it names the query as "itself"."""
    q = v.get("query")
    each = "各" if lang == "zh" else "each"
    self_word = "它自己" if lang == "zh" else "itself"
    if q is None:  # the library: the titles are the claim's words
        titles = [quote(w, lang) for w in claim_words]
        if kind == "strongest":
            return [v["w"]] + titles, False
        if kind == "tie":
            return [v["w"], each] + titles, False
        return [v["low"], v["high"]], False

    def nm(k, r):
        return self_word if k == q else name(words, k, lang, r)

    bits = [name(words, q, lang, v["query_at"])]
    itself = False
    if kind == "strongest":
        bits += [v["w"], nm(v["key"], v["named_at"][0])]
    elif kind == "tie":
        bits += [v["w"], each] + [nm(k, r) for k, r in zip(v["keys"], v["named_at"], strict=True)]
        itself = bool(v["self_included"])
    elif kind == "self":
        bits += [v["w"], v["w_next"], self_word] + [nm(k, r) for k, r in zip(v["next"], v["named_at"], strict=True)]
        itself = True
    elif kind == "even":
        bits += [v["low"], v["high"]]
        if lang == "zh":
            bits.append(f"全部 {v['count']} 个词")
        else:
            bits.append("both words" if v["count"] == 2 else f"all {v['count']} words")
    return bits, itself


def pattern_bits(v: dict, words, lang: str) -> tuple[list[str], bool]:
    """What a pattern caption must hold (the even pattern is a reading)."""
    pat, q = v["pattern"], v["query"]
    if pat == "even":
        return reading_bits(v, "even", words, (), lang)
    bits = [name(words, q, lang, v["query_at"]), v["w"]]
    if pat == "self":
        return bits + ["它自己" if lang == "zh" else "itself"], True
    bits.append(name(words, v["key"], lang, v["named_at"][0]))
    if pat == "far":
        bits.append(_count(v["between"], "word", lang))
    return bits, False


def caption_problems(claim: Claim, key: str, tokens, extra: dict | None = None) -> list[str]:
    """Render ``claim`` with template ``key`` in both languages and check what the caption states (``extra`` holds
    the template's other fields; ``"_exact": True`` uses the key as it is, a second caption from one claim)."""
    p: list[str] = []
    extra = dict(extra or {})
    exact = extra.pop("_exact", False)
    v = claim.values
    for lang in ("en", "zh"):
        try:
            cap = claim_text(lang, key, claim, exact, **extra)
        except Exception as exc:  # noqa: BLE001
            p.append(f"{claim.topic} [{key}/{lang}]: caption fails: {type(exc).__name__}: {exc}")
            continue
        where = f"{claim.topic} [{key}/{lang}] {cap!r}"
        plain = _strip_names(cap, list(tokens) + list(claim.words), lang)
        for x in extra.values():
            plain = plain.replace(quote(str(x), lang), "<X>") if x else plain
        if lang == "en":
            p += [f"{where}: {b}" for b in _grammar(plain)]
        if "()" in cap or "（）" in cap:
            p.append(f"{where}: an empty list in brackets")
        p += [f"{where}: {x}" for x in _printed_python(plain, v)]
        try:
            p += [f"{where}: {x}" for x in variant_problems(claim, key, lang, cap, extra)] if not exact else []
            p += [f"{where}: {x}" for x in number_problems(claim, key, lang, cap, tokens)]
        except (KeyError, TypeError, ValueError) as exc:  # a falsified claim without the values its caption needs
            p.append(f"{where}: the claim lacks what its caption states ({type(exc).__name__}: {exc})")
        bits: list[str] = []
        itself = None
        if claim.kind == "pattern":
            bits, itself = pattern_bits(v, tokens, lang)
        elif claim.kind in READING_KINDS:
            bits, itself = reading_bits(v, claim.kind, tokens, claim.words, lang)
            if claim.kind == "self" and lang == "en" and v["n_others"] > 1:
                if (" each)" in cap) != (len(v["next"]) > 1):
                    p.append(f"{where}: 'each' does not match {len(v['next'])} runners-up")
        if itself is not None and v.get("query") is not None:
            self_word = "它自己" if lang == "zh" else "itself"
            if (self_word in plain) != itself:
                p.append(f"{where}: '{self_word}' present={self_word in plain} but query named={itself}")
        bits += other_bits(claim, key, lang)
        if key in ("f.softmax", "we.softmax") and v.get("positive") is not True:
            p.append(f"{where}: the caption says every weight is positive, the claim says {v.get('positive')}")
        if key in ("in.best", "sa.best", "am.row", "am.pattern"):  # the reading, then where the rest went
            p += [f"{where}: {x}" for x in special_note_problems(claim, cap, lang)]
        if claim.kind in ("view", "expect", "heads_agree"):
            p += [f"{where}: {x}" for x in view_wording(claim, key, cap, lang)]
        if claim.kind == "pieces":
            p += [f"{where}: {x}" for x in pieces_wording(claim, cap, lang)]
        if claim.kind == "self_share" and v.get("special"):
            for whole in ("weights sum to 1", "权重加起来是 1"):  # the lexicon's sentence; not the rounding note
                if whole in cap:
                    p.append(f"{where}: says the word weights {whole!r}, but {v['special']} goes to special tokens")
        if claim.kind == "head_choice":
            near = "不相邻" if lang == "zh" else "not next to it"
            if (near in cap) != bool(v.get("skips_neighbours")):
                p.append(f"{where}: {near!r} present={near in cap} but skips_neighbours={v.get('skips_neighbours')}")
        if claim.kind == "head_pattern":
            p += [f"{where}: {x}" for x in head_pattern_wording(v, cap, lang)]
        if claim.kind == "heads_differ":
            p += [f"{where}: {x}" for x in heads_differ_wording(v, cap, lang)]
        if claim.kind == "layer_trend":
            for part in ("early", "late"):  # several tied words: "0.31 each"; one word: the weight alone
                w = re.escape(v[part + "_w"])
                each = re.search(rf"(各 {w}|{w} each)", cap)
                alone = re.search(rf"(?<!各 ){w}(?! each)", cap)
                if len(v[part]) > 1 and not each:
                    p.append(f"{where}: {len(v[part])} tied words, but no 'each' with {v[part + '_w']}")
                if len(v[part]) == 1 and not alone:
                    p.append(f"{where}: one word, yet {v[part + '_w']} only with 'each'")
        if v.get("rounded") and "shown_low" in v:
            bits.append(
                v["shown_low"] if v["shown_low"] == v["shown_high"] else f"{v['shown_low']}–{v['shown_high']}"
            )
        if v.get("rounded") and "shown_sum" in v:
            bits.append(v["shown_sum"])
        if v.get("shows_zero"):
            bits.append(v["min"])
        for b in bits:  # a tuple: any one of its wordings
            if not any(str(x) in cap for x in (b if isinstance(b, tuple) else (b,))):
                p.append(f"{where}: missing {b!r}")
    return p


def head_pattern_wording(v: dict, cap: str, lang: str) -> list[str]:
    """What real-model's focus-link caption may say only when the data says it: "not next to" only when the link
    skips the neighbours."""
    p = []
    if v["pattern"] == "focus_link":
        near = "不相邻" if lang == "zh" else "not next to"
        if (near in cap) != bool(v["skips_neighbours"]):
            p.append(f"{near!r} present={near in cap} but skips_neighbours={v['skips_neighbours']}")
    return p


def heads_differ_wording(v: dict, cap: str, lang: str) -> list[str]:
    """Wording "read differently" only when the two written weights differ, "the same written weight" only when
    they are equal."""
    same = v["head1_w"] == v["head2_w"]
    same_words = "两个头写出来一样" if lang == "zh" else "the same written weight"
    differ_words = "看法不同" if lang == "zh" else "read differently"
    weights = f"the weights are {v['head1_w']} / {v['head2_w']}"
    p = []
    if (same_words in cap) != same:
        p.append(f"{same_words!r} present={same_words in cap} but {weights}")
    if (differ_words in cap) == same:
        p.append(f"{differ_words!r} present={differ_words in cap} but {weights}")
    return p


def special_note_problems(claim: Claim, cap: str, lang: str) -> list[str]:
    """A reading (or pattern) caption says what the row gave the special tokens, nothing when the claim gives them
    nothing; that it is more than any word gets only when it is (written special share above the top written word
    weight), and "most of the row" only when it is more than half the row."""
    v = claim.values
    special = v.get("special")
    mention = "给了特殊符号" if lang == "zh" else "goes to the special tokens"
    if not special:
        return [f"mentions the special tokens, but the claim gives them {special!r}"] if mention in cap else []
    reading_kind = v.get("reading", claim.kind)
    top = v.get("high") if reading_kind == "even" else v.get("w")
    most, more = D(special) > D("0.5"), D(special) > D(top)
    says_most = ("这一行的大部分" in cap) if lang == "zh" else ("most of the row" in cap)
    says_more = says_most or (("比任何一个词都多" in cap) if lang == "zh" else ("more than to any word" in cap))
    p = []
    if special not in cap or mention not in cap:
        p.append(f"does not say that {special} {mention}")
    if says_most != most:
        p.append(f"says most of the row={says_most}, but the special tokens get {special} of it")
    if says_more != more:
        p.append(f"says more than any word={says_more}, but the special tokens get {special}, the top word {top}")
    return p


def ordinal(n: int, lang: str) -> str:
    if lang == "zh":
        return f"第 {n}"
    return f"{n}" + ("th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def _agreement(v: dict, cap: str, lang: str) -> list[str]:
    """ "all" only when every head agrees, "none" only when none does."""
    total, agree = v["total_heads"], v["agree"]
    says_all = (f"{total} 个头都" in cap) if lang == "zh" else bool(re.search(rf"\ball {total} heads\b", cap))
    says_none = ("没有一个" in cap) if lang == "zh" else ("none of" in cap)
    p = []
    if says_all != (agree == total):
        p.append(f"says all heads={says_all}, but {agree} of {total} agree")
    if says_none != (agree == 0):
        p.append(f"says none={says_none}, but {agree} of {total} agree")
    return p


def view_wording(claim: Claim, key: str, cap: str, lang: str) -> list[str]:
    """What the view, expect and heads captions may say only when the claim says it."""
    v, p = claim.values, []
    if claim.kind == "heads_agree" or (claim.kind == "expect" and key == "expect"):
        p += _agreement(v, cap, lang)
    near = "不相邻" if lang == "zh" else "not next to"
    if claim.kind == "heads_agree" and v["agree"] < v["total_heads"]:  # "the others tie" only without a runner-up
        tie = "一样大" if lang == "zh" else "tie as written"
        if (tie in cap) == bool(v["runner"]):
            p.append(f"{tie!r} present={tie in cap} but runner={v['runner']}")
    if claim.kind == "heads_agree" or (claim.kind == "view" and v["rule"] == "focus_link"):
        if (near in cap) != bool(v["skips_neighbours"]):
            p.append(f"{near!r} present={near in cap} but skips_neighbours={v['skips_neighbours']}")
    if claim.kind == "view" and v["rule"] == "focus_link" and not v["only"]:
        each = f"各 {v['score']}" if lang == "zh" else f"{v['score']} each"
        if (each in cap) != bool(v["tie"]):
            p.append(f"{each!r} present={each in cap} but tie={v['tie']}")
    if claim.kind == "view" and key == "view" and v["rule"] == "varied" and not v["all_sinks"]:  # kinds, if any
        most = ("模式最多" in cap) if lang == "zh" else ("most kinds of pattern" in cap)
        if most != bool(v["kinds"]):
            p.append(f"says the most kinds of pattern={most}, but the kinds are {v['kinds']}")
    if claim.kind == "view" and v["rule"] == "expect":
        alone = ("最关注的其他词是", "最关注的前面的词是", "here the strongest")
        p += _expect_wording(v, cap, lang, alone_phrase=alone)
    if claim.kind == "expect" and key == "expect" and v["agree"] == 0:
        p += _expect_wording(v, cap, lang, alone_phrase=())
    return p


def _expect_wording(v: dict, cap: str, lang: str, alone_phrase: tuple[str, ...]) -> list[str]:
    """The expected word in the head shown: "the strongest" (alone) only when heads agree; a rank only above 1, with
    as many words ahead; a written tie for the top (rank 1, none agrees) said as a tie with every word level with it
    ("ties with", "level with", 并列), and no tie wording without one."""
    p, zh = [], lang == "zh"
    agree, rank, level = v["agree"], v["rank"], v["level"]
    if agree > 0 and (rank != 1 or level):
        p.append(f"{agree} heads agree, yet rank {rank} and level with {level}")
    if agree == 0 and rank == 1 and not level:
        p.append("none agrees and it ranks 1st, yet nothing is level with it: alone on top it would agree")
    if len(v.get("ahead", [None] * (rank - 1))) != rank - 1:
        p.append(f"rank {rank} but {len(v['ahead'])} words ahead")
    says = {
        "alone": any(x in cap for x in alone_phrase),
        "rank": ("里排第" in cap or "：排第" in cap) if zh else (" ranks " in cap),
        "tie": ("并列" in cap) if zh else ("ties with" in cap or "ties for the top" in cap or "level with" in cap),
    }
    truth = {"alone": agree > 0 if alone_phrase else False, "rank": rank > 1, "tie": bool(level)}
    p += [f"says {k}={says[k]}, but agree={agree}, rank {rank}, level {level}" for k in says if says[k] != truth[k]]
    return p


def pieces_wording(claim: Claim, cap: str, lang: str) -> list[str]:
    """A piece across three words is not said to span "two"; no Python list (brackets) in the caption."""
    v, p = claim.values, []
    two = "两个词" if lang == "zh" else "two words"
    if any(k != 2 for k in v["crossing_words"]) and two in cap:
        p.append(f"says {two!r}, but the crossing pieces cover {v['crossing_words']} words")
    plain = cap
    names = [*v["split_pieces"], *v["crossing"], *claim.words, v["specials"], v.get("empty_text") or ""]
    for x in sorted(names, key=len, reverse=True):
        plain = plain.replace(x, "") if x else plain
    for mark in ("[", "]"):
        if mark in plain:
            p.append(f"{mark!r} outside the words and pieces named: a Python list printed?")
    return p


def _view_where(v: dict, lang: str) -> str:
    if lang == "zh":
        return f"第 {v['layer']} 层第 {v['head']} 个头"
    return f"ayer {v['layer']}, head {v['head']}"  # "Layer 3, head 4" or "layer 3, head 4"


def _count(n: int, noun: str, lang: str) -> str:
    if lang == "zh":
        return f"{n} " + {"step": "步", "word": "个词"}[noun]
    return f"{n} {noun}" + ("" if n == 1 else "s")


KIND_WORDS = {
    "zh": {"self": "对自己", "neighbour": "相邻的词", "far": "远处的词"},
    "en": {"self": "to itself", "neighbour": "to a neighbour", "far": "to a far word"},
}


def view_bits(v: dict, key: str, q, lang: str) -> list[str]:
    """What a view caption must hold: the head (or the layers of a mean, or the rollout) and why; the model is
    named on the chapter's source line. ``view.sinks`` counts the sink heads passed over."""
    zh = lang == "zh"
    if key == "view.sinks":
        return [f"{v['sinks']} 个汇聚头" if zh else _count(v["sinks"], "head", lang)]
    bits = []
    if v["view"] == "head":
        bits.append(_view_where(v, lang))
    elif v["view"] == "mean":
        a, b = v["first_layer"], v["last_layer"]
        layers = (f"第 {a} 层" if zh else f"layer {a}") if a == b else (f"第 {a}–{b} 层" if zh else f"layers {a}–{b}")
        bits += [layers, str(v["mean_heads"])]
    else:
        bits.append(str(v["layers"]))
    if v["rule"] == "given" and v["view"] != "rollout":
        bits.append(f"--head {v['label']}")
    elif v["rule"] == "focus_link":
        names = [q(i) for i in range(len(v["word_at"]))]
        bits += [*names, v["score"]]
        if v["all_sinks"]:
            bits.append(str(v["total_heads"]))
    elif v["rule"] == "varied":
        bits.append(str(v["total_heads"]))
        if v["all_sinks"]:
            bits.append(str(v["sink_rows"]))
        else:
            bits += [str(v["distinct"]), str(v["rows"])] + [KIND_WORDS[lang][k] for k in v["kinds"]]
    elif v["rule"] == "expect":  # a tie for the top names every word level with it, "0.03 each"
        level = [q(i) for i in range(2, 2 + len(v["level"]))]
        if v["agree"] == 0 and v["rank"] == 1:
            bits += [q(0), q(1), *level, f"各 {v['w']}" if zh else f"{v['w']} each"]
        else:
            bits += [q(0), q(1), v["w"], *level] + ([ordinal(v["rank"], lang)] if v["rank"] > 1 else [])
    return bits


def expect_bits(claim: Claim, key: str, q, lang: str) -> list[str]:
    """What the expect captions must hold: the expected words, the counts, the rank and the words ahead of it when
    none agrees; the others' favourite words (or their ties)."""
    v, zh = claim.values, lang == "zh"
    ahead, level = len(v["ahead"]), len(v["level"])
    if key == "expect.others":  # the words after the expected, ahead and level ones
        instead = [q(i) for i in range(2 + ahead + level, len(claim.words))]
        heads = f"{v['instead_heads']} 个头" if zh else _count(v["instead_heads"], "head", lang)
        several = len(instead) > 1
        return [*instead, (f"各 {heads}" if zh else f"{heads} each") if several else heads]
    if key == "expect.others.tied":
        return [str(v["tied_heads"]), q(0)]
    bits = [q(0), str(v["total_heads"])] + [quote(w, lang) for w in v["expect"]]
    if 0 < v["agree"] < v["total_heads"]:
        bits.append(
            f"{v['total_heads']} 个头里有 {v['agree']} 个" if zh else f"in {v['agree']} of the {v['total_heads']}"
        )
    if v["agree"] == 0:  # the rank and what is ahead (none for a tie for the top), every word level with it
        bits += [] if v["rank"] == 1 else [ordinal(v["rank"], lang)]
        for i, w in enumerate(v["ahead_w"]):
            bits.append(f"{q(2 + i)}（{w}）" if zh else f"{q(2 + i)} ({w})")
        bits += [q(i) for i in range(2 + ahead, 2 + ahead + level)]
    return bits


def other_bits(claim: Claim, key: str, lang: str) -> list[str]:
    v, k = claim.values, claim.kind

    def q(i: int) -> str:  # a named word; with its sentence position where the claim gives one (a repeated word)
        at = v.get("word_at", [None] * len(claim.words))[i]
        if at is None:
            return quote(claim.words[i], lang)
        return f"{quote(claim.words[i], lang)}（第 {at} 个）" if lang == "zh" else f'"{claim.words[i]}" (word {at})'

    zh = lang == "zh"
    if key == "mh.head":  # a row reading of head k: the reading's bits come from reading_bits
        return [f"头 {v['head']}" if zh else f"Head {v['head']}"]
    if key == "mh.mask_row":
        return [f"给后面的词的 {v['taken']}" if zh else f"the {v['taken']} it gave later words"]
    if k == "head_split":
        item = "头 {} 用第 {} 列" if zh else "head {} takes columns {}"
        return [item.format(h + 1, cols) for h, cols in enumerate(v["cols"])]
    if k == "heads_differ":  # the word the rows differ most at: the focus word itself is "itself"
        other = ("给它自己" if zh else "gives itself") if v["self"] else q(1)
        if v["head1_w"] == v["head2_w"]:
            return [q(0), other, f"都是 {v['head1_w']}" if zh else f"both heads: {v['head1_w']}"]
        if zh:
            return [q(0), other, f"头 1 是 {v['head1_w']}", f"头 2 是 {v['head2_w']}"]
        return [q(0), other, f"{v['head1_w']} in head 1", f"{v['head2_w']} in head 2"]
    if k == "mask":  # the count of masked scores, of all cells, and the first word's weight to itself: 1
        if zh:
            hidden = f"头 {v['head']} 对角线以上的 {v['masked']} 个分数"
            cells, first = f"共 {v['cells']} 个", "（{}）"
        else:  # "1 score", "6 scores"
            scores = f"{v['masked']} score" + ("" if v["masked"] == 1 else "s")
            hidden, cells, first = f"head {v['head']}'s {scores} above", f"(of {v['cells']})", "({})"
        return [hidden, cells, first.format(v["first_w"]), "1.00"]
    if key == "mh.shape":
        split = f"d_head = {v['d_model']} / {v['heads']} = {v['d_head']}"
        if zh:
            return [f"{v['n']} 个词", f"d_model = {v['d_model']}", f"{v['heads']} 个头", split]
        return [f"{v['n']} words", f"d_model = {v['d_model']}", f"{v['heads']} heads", split]
    if key == "mh.concat":
        n = v["n"]
        if zh:
            return [f"{v['heads']} 个头", f"各 {n}×{v['d_head']}", f"{n}×{v['d_model']}"]
        return [f"{v['heads']} heads", f"{n}×{v['d_head']} each", f"{n}×{v['d_model']}"]
    if k == "pieces":
        if key == "rm.crossing":  # each piece across words, with how many it spans
            spans = "片段{}跨了 {} 个词" if lang == "zh" else "piece {} spans {} words"
            return [spans.format(quote(t, lang), k) for t, k in zip(v["crossing"], v["crossing_words"], strict=True)]
        if key == "rm.empty":
            return [v["empty_text"]]
        said = SPLITS_SAID
        named = [quote(w, lang) for w in v["split"][:said]] + list(v["split_pieces"][:said])
        more = len(v["split"]) - said
        if key == "rm.pieces" and v["split"] and more > 0:
            named.append(f"另有 {more} 个词" if lang == "zh" else f"and {more} more")
        return [str(v["words"]), str(v["pieces"]), v["specials"], *(named if v["split"] else [])]
    if k == "gallery":
        return [str(v["total"])] + (
            [str(v["layers"]), str(v["heads"]), v["special_mean"], v["special_names"]] if key == "rm.gallery" else []
        )
    if k == "head_pattern":
        where = f"第 {v['layer']} 层第 {v['head']} 个头" if lang == "zh" else f"ayer {v['layer']}, head {v['head']}"
        tied = [q(i) for i in range(1, len(claim.words))]
        return [where, q(0), *(tied if len(tied) <= 3 else [_count(len(tied), "word", lang)]), v["w"]]
    if k == "rollout":  # more than three tied words are counted, not listed
        tied = [name(v["top"], i, lang, at) for i, at in enumerate(v["top_at"])]
        return [q(0), v["self"], v["special"], str(v["layers"]), *(tied if len(tied) <= 3 else [])]
    if k == "head_group":
        heads = f"{v['count']} 个头" if lang == "zh" else _count(v["count"], "head", lang)
        where = f"第 {v['layer']} 层第 {v['head']} 个头" if lang == "zh" else f"layer {v['layer']}, head {v['head']}"
        return [heads, where]
    if k == "layer_trend":

        def at(word: str, pos: int | None) -> str:
            if pos is None:
                return quote(word, lang)
            return f"{quote(word, lang)}（第 {pos} 个）" if lang == "zh" else f'"{word}" (word {pos})'

        named = [at(claim.words[0], v["focus_at"])]
        for part in ("early", "late"):  # more than three tied words may be counted instead of listed
            tied = [at(w, pos) for w, pos in zip(v[part], v[part + "_at"], strict=True)]
            named += [_count(len(tied), "word", lang)] if len(tied) > 3 else tied
        return [str(v["third"]), v["early_w"], v["late_w"], *named]
    if k == "window":
        return [str(v["total"]), str(v["last"])] + ([f"{v['first']}–{v['last']}"] if v["reason"] == "focus" else [])
    if k == "auto_focus":
        return [q(0)]
    if k == "self_share":
        extra = [v["words_total"], v["special"], v["special_names"]] if v.get("special") else []
        return [q(0), v["w"], *extra]
    if k == "view":
        return view_bits(v, key, q, lang)
    if k == "expect":
        return expect_bits(claim, key, q, lang)
    if k == "heads_agree":
        if v["agree"] == v["total_heads"]:
            return [f"{v['total_heads']} 个头都" if lang == "zh" else f"all {v['total_heads']} heads", q(0), q(1)]
        if not v["runner"]:  # the other heads all have a written tie on top: no runner-up to name
            tied = "一样大" if lang == "zh" else "tie as written"
            count = (
                f"{v['total_heads']} 个头中有 {v['agree']} 个"
                if lang == "zh"
                else f"in {v['agree']} of {v['total_heads']}"
            )
            return [count, q(0), q(1), tied]
        if lang == "zh":
            count = f"{v['total_heads']} 个头中有 {v['agree']} 个"
            runner = f"第 {v['runner_layer']} 层第 {v['runner_head']} 个头"
            return [count, q(0), q(1), runner, q(2), v["runner_w"]]
        count = f"in {v['agree']} of {v['total_heads']} heads"
        runner = f"layer {v['runner_layer']}, head {v['runner_head']}"
        return [count, q(0), q(1), runner, q(2), v["runner_w"]]
    if k == "path_steps":
        return [_count(v["steps"], "step", lang)] + ([q(0), q(1)] if key != "sa.path_rnn" else [])
    if k == "matrix_size":
        return [f"{v['n']}×{v['n']}"]
    if k == "rnn_steps":  # "after both steps" says 2 as well
        return [(str(v["n"]), "both steps")] if v["n"] == 2 and lang == "en" else [str(v["n"])]
    if k == "fast_forward":
        return [f"{v['skipped_first']}–{v['skipped_last']}"]
    if k == "retention_family":
        if key == "rnn.family":
            return [str(v["at"])] + [pt["retention"] for pt in v["points"]] + [pt["scale"] for pt in v["points"]]
        return [v["article"], v["article_scale"]]
    if k == "gradient":
        return [v["scale"], v["norm"]]
    if k == "dot_product":
        return [v["result"]] + ([v["from_shown"]] if v["relation"] == "≈" else [])
    if k == "scale":
        return [str(v["d_k"]), v["divisor"]] + ([str(v["cells_off"])] if v["cells_off"] else [])
    if k == "spread" and key == "f.spread":
        return [str(v["samples"]), v["s_big"], str(v["d_big"])]
    if k == "saturation":
        if key == "f.saturate":
            return [str(v["d"]), v["top_score"], v["w_unscaled"]]
        return [str(v["d"]), v["sqrt"], v["w_scaled"]]
    if k == "softmax_row":
        return [str(v["i"]), q(0)]
    if k == "input_row":
        return list(v["x1"]) + [q(0)]
    if k == "top_share":
        return [v["r"], q(0)]
    if k == "matches":
        return list(v["matches"])
    if k == "shape":
        n = v["n"]
        return {
            "f.scores": [str(n)],
            "f.all_rows": [f"{n}×{n}"],
            "f.weighted": [f"{n}×{n}", f"{n}×{v.get('d_k')}"],
            "qkv.words": [str(n), str(v.get("d"))],
            "we.intro": [str(n), f"{n}×{v.get('d')}"],
            "we.qkv_done": [f"{n}×{v.get('d_k')}"],
            "we.scores": [f"{n}×{n}"],
        }.get(key, [])
    return []


# -- the stated claims of each chapter (as its scene states them) --------------------------------------------
def source_stated(data) -> list[tuple[str, str, dict]]:
    """What a chapter with a trained model's weights says about them (ChapterScene.state_source): the view, then
    the expectation and what the other heads favour (when not all agree), or how many heads share the link."""
    if not data.has_claim("view"):
        return []
    out = [("view", "view", {})]
    v = data.claim("view").values
    if v["rule"] == "varied" and v["sinks"] and not v["all_sinks"]:
        out.append(("view", "view.sinks", {"_exact": True}))
    if data.has_claim("expect"):
        v = data.claim("expect").values
        out.append(("expect", "expect", {}))
        if v["agree"] < v["total_heads"]:
            out.append(("expect", "expect.others" if v["instead"] else "expect.others.tied", {"_exact": True}))
    elif data.has_claim("heads"):
        out.append(("heads", "heads.agree", {}))
    return out


def split_said(v: dict, lang: str) -> str:
    """The pieces caption's list of split words: the first two, "「w」 = p1 + p2", then how many more."""
    items = [f"{quote(w, lang)} = {sp}" for w, sp in zip(v["split"], v["split_pieces"], strict=True)]
    said = ("、" if lang == "zh" else "; ").join(items[:SPLITS_SAID])
    more = len(items) - SPLITS_SAID
    if more > 0:
        said += f"……另有 {more} 个词" if lang == "zh" else f"; and {more} more"
    return said


def real_model_stated(data) -> list[tuple[str, str, dict]]:
    """Real-model's captions after the window and the focus: the pieces (and what crosses or is empty), the gallery,
    the groups and each group in the groups' order, the focus link, the view asked for, the layers' means, the focus
    word layer by layer, its rollout, the gallery again."""
    pieces = data.claim("pieces").values
    out = [("pieces", "rm.pieces", {"split_list": split_said(pieces, lang), "_lang": lang}) for lang in ("en", "zh")]
    out += [("pieces", "rm.crossing", {"_exact": True})] if pieces["crossing"] else []
    out += [("pieces", "rm.empty", {"_exact": True})] if pieces["empty"] else []
    out.append(("gallery", "rm.gallery", {}))
    if data.has_claim("groups"):
        out.append(("groups", "rm.groups", {}))
        out += [(f"group:{g}", "rm.group", {}) for g in rr.GROUPS[:-1] if data.has_claim(f"group:{g}")]
    out.append(("head:focus_link", "rm.head", {}))
    if data.has_claim("chosen:view"):
        out.append(("chosen:view", "view", {}))
        if data.has_claim("chosen:expect"):
            v = data.claim("chosen:expect").values
            out.append(("chosen:expect", "expect", {}))
            if v["agree"] < v["total_heads"]:
                others = "expect.others" if v["instead"] else "expect.others.tied"
                out.append(("chosen:expect", others, {"_exact": True}))
        elif data.has_claim("chosen:heads"):
            out.append(("chosen:heads", "heads.agree", {}))
    out += [("layer_means", "rm.layer_means", {}), ("layers", "rm.layers", {}), ("rollout", "rm.rollout", {})]
    return out + [("gallery", "rm.close", {})]


def stated(cid: str, data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    c = data.claim
    out: list[tuple[str, str, dict]] = []
    win = [("window", "window", {})] if data.has_claim("window") else []
    auto = [("auto_focus", "auto_focus", {})] if data.has_claim("auto_focus") else []
    source = source_stated(data)
    if cid == "intuition":
        out = win + auto + source + [("self_share", "in.self_share", {}), ("focus_row", "in.best", {})]
    elif cid == "self-attention-idea":
        out = (
            win
            + [("rnn_path", "sa.chain", {}), ("rnn_path", "sa.path_rnn", {}), ("matrix_size", "sa.parallel", {})]
            + auto
            + source
            + [("focus_row", "sa.best", {})]
        )
    elif cid == "rnn-limits":
        pts = c("retention").values["points"]
        out = [("rnn_steps", "rnn.seq", {})]
        if data.has_claim("fast_forward"):
            out.append(("fast_forward", "rnn.fast_forward", {}))
        out += [("rnn_steps", "rnn.done", {}), ("long_path", "rnn.long", {})]
        for lang in ("en", "zh"):
            points = ("、" if lang == "zh" else ", ").join(text(lang, "rnn.point", **pt) for pt in pts)
            out.append(("retention", "rnn.family", {"points": points, "_lang": lang}))
        out.append(("retention", "rnn.article", {}))
        out += [(f"gradient:{k}", "rnn.gradient", {}) for k in range(len(data.gradients.scales))]
    elif cid == "qkv":
        for lang in ("en", "zh"):
            sep = "、" if lang == "zh" else ", "
            m = sep.join(c(f"lib_matches:{lang}").values["matches"])
            out += [
                (f"lib_matches:{lang}", "qkv.lib_match", {"matches": m, "_lang": lang}),
                (f"lib_best:{lang}", "qkv.lib_weights", {"_lang": lang}),
                (f"lib_reading:{lang}", "qkv.lib_reading", {"_lang": lang}),
            ]
        out += [("shape", "qkv.words", {}), ("first_entry:Q", "qkv.first_entry", {"tok": data.tokens[0]})]
    elif cid == "formula":
        tok = {"tok": data.tokens[0]}
        out = [
            ("shape", "f.scores", {}),
            ("first_entry:scores", "f.one_row", tok),
            ("shape", "f.all_rows", {}),
            ("scale", "f.scale", {}),
            ("spread", "f.spread", {}),
            ("spread", "f.spread_scaled", {}),
            ("saturation", "f.saturate", {}),
            ("saturation", "f.saturate_scaled", {}),
            ("positive", "f.softmax", {}),
            ("row_sums", "f.row_sums", {}),
            ("shape", "f.weighted", {}),
            ("row:0", "f.first_output", tok),
            ("row:0", "f.first_output.hidden", tok),
            ("first_entry:output", "f.output_entry", {}),
        ]
    elif cid == "worked-example":
        x1 = c("x1").values["x1"]
        out = win + [
            ("shape", "we.intro", {"sentence": " ".join(data.tokens)}),
            ("x1", "we.x1", {"x1": ", ".join(x1)}),
            ("first_entry:Q", "we.first_entry", {}),
            ("shape", "we.qkv_done", {}),
            ("shape", "we.scores", {}),
            ("first_entry:scores", "we.first_entry", {}),
            ("scale", "we.scale", {}),
        ]
        out += [(f"softmax:{i}", "we.softmax", {}) for i in range(len(data.tokens))]
        out += [("first_entry:output", "we.first_entry", {}), ("row:0", "we.summary", {})]
    elif cid == "real-model":
        out = win + auto + real_model_stated(data)
    elif cid == "multi-head":
        out = win + auto + [("shape", "mh.shape", {}), ("split", "mh.split", {})]
        worked = (("scale", "we.scale"), ("head_sums", "mh.head_sums"))  # head 1 scaled and softmaxed, in place
        out += [(t, key, {}) for t, key in worked if data.has_claim(t)]
        out += [(f"head:{k + 1}", "mh.head", {}) for k in range(len(data.trace.heads))]
        out += [
            ("heads_differ", "mh.differ", {}),
            ("concat", "mh.concat", {}),
            ("first_entry:output", "mh.w_o", {}),
            ("mask", "mh.mask", {}),
            ("mask_sums", "mh.mask_sums", {}),
        ]
        if data.has_claim("mask_row"):
            out.append(("mask_row", "mh.mask_row", {}))
    elif cid == "attention-matrix":
        auto = [("auto_focus", "auto_focus.head", {})] if data.has_claim("auto_focus") else []
        out = win + auto + source + [("matrix_size", "am.intro", {})]
        out += [(r.topic, "am.row", {}) for r in data.rows()]
        out += [(e.topic, "am.pattern", {}) for e in data.examples()]
    return [(c(t), k, e) for t, k, e in out]


def unstated_problems(cid: str, data) -> list[str]:
    """Real-model states every claim it makes (chapters whose stating is checked by the scene tests: not here)."""
    if cid != "real-model":
        return []
    said = {c.topic for c, _, _ in stated(cid, data)}
    return [f"{c.topic}: claimed but never stated" for c in data.claims if c.topic not in said]


def json_problems(data) -> list[str]:
    """Every claim, and the attention's source, as plain JSON (``trace --json`` and the trace file write them)."""
    import json

    p = []
    for c in data.claims:
        try:
            json.dumps({"words": c.words, "values": c.values, "evidence": c.evidence}, allow_nan=False)
        except (TypeError, ValueError) as exc:
            p.append(f"{c.topic}: not JSON: {exc}")
    for name in ("attention", "chosen"):
        source = getattr(getattr(data, name, None), "source", None)
        try:
            json.dumps(source, allow_nan=False)
        except (TypeError, ValueError) as exc:
            p.append(f"{name}.source: not JSON: {exc}")
    return p


def stated_caption_problems(cid: str, data) -> list[str]:
    p = []
    for claim, key, extra in stated(cid, data):
        lang = extra.pop("_lang", None)
        if lang is None and claim.topic.startswith("lib_"):
            lang = claim.topic[-2:]
        if lang is None:
            p += caption_problems(claim, key, data.tokens, extra)
        else:  # captions whose extra text is language-specific, or the library in its own language
            p += [x for x in caption_problems(claim, key, data.tokens, extra) if f"/{lang}]" in x]
    return p


# -- word attention and the model's heads --------------------------------------------------------------------
WORD_CHAPTERS = ("intuition", "self-attention-idea", "attention-matrix")
MODEL_CHAPTERS = (*WORD_CHAPTERS, "real-model")
VERIFIED_CHAPTERS = (
    "intuition",
    "rnn-limits",
    "self-attention-idea",
    "qkv",
    "formula",
    "worked-example",
    "attention-matrix",
    "multi-head",
    "real-model",
)
DEFAULT_MODEL = "e5-small"
MODEL_INFO = {  # model -> (full name, 4-bit weights); the special names come from the pieces read (model_words)
    "e5-small": ("multilingual-e5-small", True),
    "minilm": ("all-MiniLM-L6-v2", False),
}
OWN_FOCUS = {"intuition": "停下", "self-attention-idea": "它", "real-model": "它"}  # with the chapter's own sentence
ARTICLE_LINKS = {"intuition": ("停下", ("小猫",)), "self-attention-idea": ("它", ("小猫",))}  # focus, expected
ROW_SUM_TOL = 1e-6
VIEW_TOL = 1e-9


def near_half(x: float, dec: int = 2) -> bool:
    """True when ``x`` sits (within float noise) on a rounding edge of ``dec`` decimals: either writing is honest."""
    scaled = abs(x) * 10**dec
    return abs(scaled - math.floor(scaled) - 0.5) < 1e-7


def written_ok(s, x: float, dec: int = 2) -> bool:
    return s == written(x, dec) or (near_half(x, dec) and s in (written(x - 1e-9, dec), written(x + 1e-9, dec)))


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


def expected_view(cid: str, data, mw: dict, head: str | None, expect, article) -> dict:
    """Which view the chapter must show and why (source["rule"]): given, expect, varied or focus_link, with the
    fields the source and claims carry; ``uncertain`` when float noise on a threshold may decide the head."""
    n_layers, n_heads = mw["words"].shape[:2]
    f, causal = data.focus, CAUSAL.get(cid, False)
    keys = view_keys(mw["m"], f, causal)
    if head is not None:
        return {"rule": "given", "view": parse_head(head, n_layers, n_heads), "source": {}, "keys": keys}
    if expect or article:
        words = tuple(expect or article)
        folded = {w.casefold() for w in words}
        wanted = [k for k in keys if data.tokens[k].casefold() in folded]
        c = vr.expect_choice(mw["words"], mw["written"], f, keys, wanted)
        source = {"expect": list(words), "expect_source": "given" if expect else "article", "expect_keys": wanted}
        keep = ("agree", "rank", "key", "ahead", "level", "instead", "instead_heads", "tied_heads")
        source.update({k: c[k] for k in keep})
        return {"rule": "expect", "view": head_view(*c["head"]), "source": source, "choice": c, "keys": keys}
    if cid == "attention-matrix":
        c = vr.varied_choice(mw["words"], mw["special"], mw["written"])
        source = {k: c[k] for k in ("kinds", "distinct", "sinks", "all_sinks", "sink_rows")}
        source["rows"] = mw["m"]
        out = {"rule": "varied", "view": head_view(*c["head"]), "source": source, "choice": c, "keys": keys}
        return {**out, "uncertain": c["edge"]}
    c = vr.focus_link_choice(mw["words"], mw["written"], f, keys)
    source = {"skips_neighbours": c["skips"], "all_sinks": c["all_sinks"]}
    return {"rule": "focus_link", "view": head_view(*c["head"]), "source": source, "choice": c, "keys": keys}


def check_word_attention(data, model: str, causal: bool, focus: int | None, mw=None, ev=None) -> list[str]:
    """The word attention itself: its source, row sums (with the special share), the causal cut, and for a model
    that the weights shown are the view the source names, re-derived from the raw token attention (``mw``, see
    :func:`model_words`), and that this view is the one the rule picks (``ev``, :func:`expected_view`)."""
    p: list[str] = []
    tr = data.attention
    n = len(data.tokens)
    w, sp = np.asarray(tr.weights, dtype=float), np.asarray(tr.special, dtype=float)
    if tr.model != model:
        return [f"attention.model {tr.model!r} != {model!r}"]
    if w.shape != (n, n) or sp.shape != (n,):
        return [f"attention shapes {w.shape} / {sp.shape} for {n} words"]
    if tr.causal != causal:
        p.append(f"attention.causal {tr.causal} != {causal}")
    if (w < -1e-12).any() or (sp < -1e-12).any() or not np.isfinite(w).all() or not np.isfinite(sp).all():
        p.append("negative or non-finite weights / special shares")
    if model == "lexicon":
        if sp.any():
            p.append(f"lexicon with special shares {sp}")
        for i in range(n):
            keys = range(i + 1) if causal else range(n)
            if abs(math.fsum(w[i, k] for k in keys) - 1) > ROW_SUM_TOL:
                p.append(f"lexicon row {i} sums to {math.fsum(w[i, k] for k in keys)!r} over its keys")
        return p
    m = focus + 1 if causal else n
    det = tr.detail
    if tuple(getattr(det, "words", ())) != tuple(data.tokens[:m]):
        return p + [f"the model read {getattr(det, 'words', None)}, not the words {data.tokens[:m]}"]
    name, quantized = MODEL_INFO[model]
    src = tr.source
    n_layers, n_heads = mw["words"].shape[:2]
    want = {
        "model": model,
        "name": name,
        "quantized": quantized,
        "special_names": mw["special_names"],
        "reads_to_focus": causal,
        "layers": n_layers,
        "heads": n_heads,
        "rule": ev["rule"],
        **ev["source"],
    }
    if not ev.get("uncertain"):
        want["view"] = ev["view"]
    p += [f"source {k} {src.get(k)!r} != {x!r}" for k, x in want.items() if src.get(k) != x]
    view = src.get("view") or {}
    lh = (view.get("layer", 0) - 1, view.get("head", 0) - 1) if view.get("kind") == "head" else (None, None)
    if (src.get("layer"), src.get("head")) != lh:
        p.append(f"source layer/head {src.get('layer')}/{src.get('head')} (0-based) do not name the view {view}")
    words, special = det.words_view()
    if np.shape(words) != mw["words"].shape or not np.allclose(words, mw["words"], atol=VIEW_TOL, rtol=0):
        p.append("detail.words_view() is not the heads' word rows re-derived from the token attention")
    sums = mw["words"].sum(axis=-1) + mw["special"]
    bad = np.argwhere(np.abs(sums - 1) > ROW_SUM_TOL)
    if len(bad):
        lyr, hd, i = bad[0]
        p.append(
            f"{len(bad)} word rows of the model's heads do not add to 1 with their special share, e.g. layer "
            f"{lyr + 1} head {hd + 1} row {i} ({data.tokens[i]!r}): {sums[lyr, hd, i]!r}"
        )
    shown = parse_head(view.get("label", ""), n_layers, n_heads)
    if shown != view:
        return p + [f"source view {view} is not a view of this model (as its label {view.get('label')!r} reads)"]
    ww, ws = vr.word_views(vr.view_matrix(mw["tokens"], view), mw["membership"], mw["outside"])
    if not np.allclose(w[:m, :m], ww, atol=VIEW_TOL, rtol=0) or not np.allclose(sp[:m], ws, atol=VIEW_TOL, rtol=0):
        gap = max(float(np.abs(w[:m, :m] - ww).max()), float(np.abs(sp[:m] - ws).max()))
        p.append(f"the weights shown are not the word view of {view['label']} (off by {gap:.3g})")
    if w[m:].any() or w[:, m:].any() or sp[m:].any():
        p.append(f"weights beyond the {m} words the model read are not 0")
    return p


def word_at(data, named) -> list[int | None]:
    """The sentence position of each named shown word that the shown words hold more than once (casefolded)."""
    folded = [t.casefold() for t in data.tokens]
    return [data.window.start + k + 1 if folded.count(folded[k]) > 1 else None for k in named]


def _same(topic: str, c: Claim, want: dict) -> list[str]:
    return [f"{topic}: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]


def check_view_claims(cid: str, data, model: str, causal: bool, mw: dict, ev: dict) -> list[str]:
    """``view`` (which view and why), ``expect`` (how many heads agree with the expected word) and ``heads`` (how
    many heads share the view's strongest link from the focus word), re-derived from every head's word view."""
    if model == "lexicon":
        return [f"{t} claim with the lexicon" for t in ("view", "expect", "heads") if data.has_claim(t)]
    if ev.get("uncertain"):
        return []  # a row on the 2/n edge in some head: float noise may pick the head, its claims mean little
    p: list[str] = []
    tokens, f, view = data.tokens, data.focus, ev["view"]
    n_layers, n_heads = mw["words"].shape[:2]
    name, quantized = MODEL_INFO[model]
    want = {"model": name, "quantized": quantized, "rule": ev["rule"], "view": view["kind"], "label": view["label"]}
    for k in ("layer", "head", "first_layer", "last_layer"):
        want[k] = view.get(k)
    want.update(layers=n_layers, heads=n_heads, total_heads=n_layers * n_heads, reads_to_focus=causal)
    if view["kind"] == "mean":
        want["mean_heads"] = (view["last_layer"] - view["first_layer"] + 1) * n_heads
    named: list[int] = []
    c = ev.get("choice", {})
    if ev["rule"] == "focus_link":
        row = mw["words"][c["head"]][f]
        want.update(ev["source"], score=written(row[c["tied"][0]]), tie=len(c["tied"]) > 1, only=len(c["cands"]) == 1)
        named = [f, *c["tied"]]
    elif ev["rule"] == "varied":
        want.update(ev["source"])
    elif ev["rule"] == "expect":
        want.update(agree=c["agree"], rank=c["rank"], w=written(mw["words"][c["head"]][f, c["key"]]))
        want.update(scope="earlier" if causal else "other", level=[tokens[k] for k in c["level"]])
        named = [f, c["key"], *c["level"]]
    want["word_at"] = word_at(data, named)
    if not data.has_claim("view"):
        return [f"no view claim with model {model}"]
    v = data.claim("view")
    p += _same("view", v, want)
    if v.kind != "view" or tuple(v.words) != tuple(tokens[k] for k in named):
        p.append(f"view: {v.kind} words {v.words} != {tuple(tokens[k] for k in named)}")
    p += check_expect_claim(data, ev, mw, causal)
    p += check_heads_claim(data, ev, mw)
    return p


def check_expect_claim(data, ev: dict, mw: dict, causal: bool) -> list[str]:
    """``expect``: made with the expect rule only; the counts, the rank, what ranks ahead, what the others favour."""
    if ev["rule"] != "expect":
        return ["expect claim without an expectation"] if data.has_claim("expect") else []
    if not data.has_claim("expect"):
        return ["no expect claim although the view was chosen by an expectation"]
    tokens, f, c, src = data.tokens, data.focus, ev["choice"], ev["source"]
    row = mw["words"][c["head"]][f]
    n_layers, n_heads = mw["words"].shape[:2]
    named = [f, c["key"], *c["ahead"], *c["level"], *c["instead"]]
    want = {
        "source": src["expect_source"],
        "expect": src["expect"],
        "agree": c["agree"],
        "total_heads": n_layers * n_heads,
        "layer": c["head"][0] + 1,
        "head": c["head"][1] + 1,
        "rank": c["rank"],
        "w": written(row[c["key"]]),
        "ahead": [tokens[k] for k in c["ahead"]],
        "ahead_w": [written(row[k]) for k in c["ahead"]],
        "level": [tokens[k] for k in c["level"]],
        "instead": [tokens[k] for k in c["instead"]],
        "instead_heads": c["instead_heads"],
        "tied_heads": c["tied_heads"],
        "scope": "earlier" if causal else "other",
        "reads_to_focus": causal,
        "word_at": word_at(data, named),
    }
    e = data.claim("expect")
    p = _same("expect", e, {k: (list(x) if isinstance(x, tuple) else x) for k, x in want.items()})
    if e.kind != "expect" or tuple(e.words) != tuple(tokens[k] for k in named):
        p.append(f"expect: {e.kind} words {e.words} != {tuple(tokens[k] for k in named)}")
    return p


def heads_survey(mw: dict, focus: int, cands, view_row_written) -> dict | None:
    """How many heads share the shown view's strongest link from the focus word (the key whose written weight is
    alone on top among ``cands``), and the head that favours another key most strongly; None when the view's
    focus row has no strongest candidate or there is only one candidate."""
    cands = list(cands)
    key = vr.strongest(view_row_written, cands)
    if key is None or len(cands) < 2:
        return None
    agree, runner = 0, None
    n_layers, n_heads = mw["words"].shape[:2]
    for lay in range(n_layers):
        for h in range(n_heads):
            k = vr.strongest(mw["written"][lay, h, focus], cands)
            if k == key:
                agree += 1
            elif k is not None:
                w = float(mw["words"][lay, h, focus, k])
                if runner is None or w > runner[2]:
                    runner = ((lay, h), k, w)
    return {"key": key, "agree": agree, "runner": runner, "skips": not any(abs(k - focus) == 1 for k in cands)}


def check_heads_claim(data, ev: dict, mw: dict) -> list[str]:
    """``heads`` (heads_agree) for the focus_link and given rules: stated when the chapter has a focus word, the
    view's focus row has a strongest candidate and there are at least two."""
    tokens, f = data.tokens, data.focus
    s = None
    if ev["rule"] in ("focus_link", "given") and f is not None:
        cands = ev["choice"]["cands"] if ev["rule"] == "focus_link" else ev["keys"]
        shown = vr.word_views(vr.view_matrix(mw["tokens"], ev["view"]), mw["membership"], mw["outside"])[0]
        s = heads_survey(mw, f, cands, vr.hundredths(shown[f]))
    if s is None:
        return ["heads claim although no strongest link is shared or compared"] if data.has_claim("heads") else []
    if not data.has_claim("heads"):
        return [f"no heads claim although the focus row's strongest link is {tokens[s['key']]!r}"]
    n_layers, n_heads = mw["words"].shape[:2]
    want = {
        "agree": s["agree"],
        "total_heads": n_layers * n_heads,
        "word": tokens[s["key"]],
        "runner": s["runner"] is not None,
        "skips_neighbours": s["skips"],
        "view": ev["view"]["kind"],
    }
    named = [f, s["key"]]
    if s["runner"] is not None:
        (lay, h), k, w = s["runner"]
        want.update(runner_word=tokens[k], runner_layer=lay + 1, runner_head=h + 1, runner_w=written(w))
        named.append(k)
    want["word_at"] = word_at(data, named)
    c = data.claim("heads")
    p = _same("heads", c, want)
    if s["runner"] is None and any(k in c.values for k in ("runner_word", "runner_layer", "runner_head", "runner_w")):
        p.append(f"heads: runner values {c.values} although no head favours another word")
    if c.kind != "heads_agree" or tuple(c.words) != tuple(tokens[k] for k in named):
        p.append(f"heads: {c.kind} words {c.words} != {tuple(tokens[k] for k in named)}")
    return p


# -- whole chapters -----------------------------------------------------------------------------------------
def check_window(cid: str, data, sent_tokens, focus_index: int | None) -> list[str]:
    p = []
    w = data.window
    cap = WINDOW_CAP.get(cid)
    n = len(sent_tokens)
    if w.total != n:
        p.append(f"window total {w.total} != {n} tokens")
    if tuple(data.tokens) != tuple(sent_tokens[w.start : w.stop]):
        p.append(f"shown tokens {data.tokens} are not words {w.start + 1}–{w.stop} of {sent_tokens}")
    if cap is None or n <= cap:
        if w.partial or data.has_claim("window") or tuple(data.tokens) != tuple(sent_tokens):
            p.append(f"{cid}: a {n}-word sentence should be shown whole")
        return p
    if w.stop - w.start != cap:
        p.append(f"window of {w.stop - w.start} words, the chapter shows {cap}")
    if not data.has_claim("window"):
        return p + ["partial window without a window claim"]
    c = data.claim("window")
    v = c.values
    want = {
        "first": w.start + 1,
        "last": w.stop,
        "total": n,
        "reason": "focus" if focus_index is not None else "first",
    }
    p += [f"window: {k} {v.get(k)!r} != {x!r}" for k, x in want.items() if v.get(k) != x]
    if tuple(c.words) != (data.tokens[0], data.tokens[-1]):
        p.append(f"window words {c.words} != first/last shown")
    if focus_index is not None and not (v["first"] - 1 <= focus_index < v["last"]):
        p.append(f"window {v['first']}–{v['last']} does not hold the focus word {focus_index + 1}")
    if v["reason"] == "first" and v["first"] != 1:
        p.append("window reason 'first' but it does not start at word 1")
    return p


def auto_focus_problems(data, tokens, idx: int, causal: bool, position: int) -> list[str]:
    """The ``auto_focus`` claim of a focus chosen among ``tokens`` (index ``idx``) by the stated rule."""
    _, rule, marks = vr.choose_focus(tokens, causal)
    if not data.has_claim("auto_focus"):
        return ["no auto_focus claim although no focus was given"]
    c = data.claim("auto_focus")
    skipped = causal and vr.choose_focus(tokens, False)[0] != idx
    want = {"rule": rule, "causal": causal, "position": position, "skipped_first": skipped, "marks": marks}
    p = _same("auto_focus", c, want)
    if tuple(c.words) != (tokens[idx],):
        p.append(f"auto_focus words {c.words} != ({tokens[idx]!r},)")
    return p


def article_link(cid: str, text: str, focus_word: str | None, head, expect) -> tuple[str, ...]:
    """The expectation the article gives the chapter's own sentence (its focus word's link), or ()."""
    if cid not in ARTICLE_LINKS or head is not None or expect:
        return ()
    word, expected = ARTICLE_LINKS[cid]
    own = unicodedata.normalize("NFC", get_chapter(cid).default_sentence).strip()
    return expected if unicodedata.normalize("NFC", text).strip() == own and focus_word == word else ()


def check_model_view(cid: str, data, text: str, sent_tokens, model: str, head, expect) -> tuple[list[str], bool]:
    """The word attention of chapters 1, 3 and 7 and, with a model, the view it shows and the claims about it.
    Returns the problems and whether the weights are the ones they should be (else readings of them mean little)."""
    causal = CAUSAL.get(cid, False)
    if model == "lexicon":
        p = check_word_attention(data, model, causal, data.focus)
        return p + check_view_claims(cid, data, model, causal, {}, {}), True
    mw, p = model_words(data.attention.detail, text, sent_tokens, data.window.start)
    if mw is None:
        return p, False
    focus_word = None if data.focus is None else data.tokens[data.focus]
    ev = expected_view(cid, data, mw, head, expect, article_link(cid, text, focus_word, head, expect))
    wa = check_word_attention(data, model, causal, data.focus, mw, ev)
    p += wa
    if wa:
        return p, False
    return p + check_view_claims(cid, data, model, causal, mw, ev), True


def check_reading_chapter(
    cid: str,
    data,
    sentence: str,
    focus: str | None,
    sent_tokens,
    model: str = DEFAULT_MODEL,
    head: str | None = None,
    expect=(),
) -> list[str]:
    p = []
    causal = CAUSAL[cid]
    tr = data.attention
    if tr.causal != causal:
        p.append(f"trace.causal {tr.causal} != {causal}")
    if focus:
        idx, rule = given_focus_index(sent_tokens, focus, causal), None
    else:
        idx, rule = choose_focus_mine(sent_tokens, causal)
    p += check_window(cid, data, sent_tokens, idx)
    w = data.window
    if data.focus + w.start != idx:
        p.append(
            f"focus at sentence word {data.focus + w.start + 1}, expected word {idx + 1} "
            f"({sent_tokens[idx]!r}, rule {rule})"
        )
        return p
    if data.focus_rule != rule:
        p.append(f"focus_rule {data.focus_rule} != {rule}")
    keys = tuple(range(data.focus + 1)) if causal else tuple(range(len(data.tokens)))
    if tuple(data.keys()) != keys:
        p.append(f"keys {data.keys()} != {keys}")
    if rule is None:
        if data.has_claim("auto_focus"):
            p.append("auto_focus claim although a focus was given")
    else:
        p += auto_focus_problems(data, sent_tokens, idx, causal, idx + 1)
    found, ok = check_model_view(cid, data, sentence, sent_tokens, model, head, expect)
    p += found
    if not ok:
        return p  # the model's weights are not what they should be: the readings of them mean little
    row = tr.weights[data.focus]
    special = float(tr.special[data.focus])
    p += check_reading(
        data.claim("focus_row"),
        data.tokens,
        row,
        data.focus,
        keys,
        others="earlier" if causal else "other",
        special=special,
    )
    if cid == "intuition":
        c = data.claim("self_share")
        shown = [written(row[k]) for k in keys]
        total = sum((D(s) for s in shown), Decimal(0))
        exact = math.fsum(float(row[k]) for k in keys)
        target = written(exact) if special_written(special) is not None else "1.00"
        want = {
            "w": written(row[data.focus]),
            "shown_sum": fmt_dec(total, 2),
            "rounded": fmt_dec(total, 2) != target,  # the shown numbers add to something else than is said
            "count": len(keys),
            "special": special_written(special),
            "special_names": None if model == "lexicon" else tr.source.get("special_names"),
        }
        p += [f"self_share: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
        if not written_ok(c.values.get("words_total"), exact):
            p.append(f"self_share: words_total {c.values.get('words_total')!r} != {written(exact)!r} ({exact!r})")
        if tuple(c.words) != (data.focus_word,):
            p.append(f"self_share words {c.words}")
    else:
        n = len(data.tokens)
        c = data.claim("rnn_path")
        if c.values.get("steps") != n - 1 or tuple(c.words) != (data.tokens[0], data.tokens[-1]):
            p.append(f"rnn_path {c.words} {c.values} for {n} words")
        if data.claim("matrix_size").values.get("n") != n or tr.weights.shape != (n, n):
            p.append(f"matrix_size {data.claim('matrix_size').values} for {n} words")
    return p


def check_rnn(data, sent_tokens) -> list[str]:
    p = []
    n = len(sent_tokens)
    if tuple(data.tokens) != tuple(sent_tokens) or data.run.H.shape[0] != n:
        p.append(f"rnn tokens/H rows {len(data.tokens)}/{data.run.H.shape[0]} != {n}")
    if data.claim("rnn_steps").values.get("n") != n:
        p.append(f"rnn_steps {data.claim('rnn_steps').values} != {n}")
    steps = tuple(range(n)) if n <= 8 else (0, 1, 2, 3, 4, n - 1)
    if tuple(data.shown_steps) != steps:
        p.append(f"shown_steps {data.shown_steps} != {steps}")
    if n > 8:
        if not data.has_claim("fast_forward"):
            p.append("no fast_forward claim for a long sentence")
        else:
            c = data.claim("fast_forward")
            want = {"stepped": 5, "skipped_first": 6, "skipped_last": n - 1, "total": n}
            p += [f"fast_forward: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
    elif data.has_claim("fast_forward"):
        p.append("fast_forward claim for a short sentence")
    c = data.claim("long_path")
    lt = data.long_tokens
    if c.values.get("steps") != len(lt) - 1 or tuple(c.words) != (lt[0], lt[-1]):
        p.append(f"long_path {c.words} {c.values} for {len(lt)} words")
    c = data.claim("retention")
    v = c.values
    at = v.get("at")
    if at != 200:
        p.append(f"retention read at {at}, not 200")
    pts = v.get("points", [])
    if len(pts) != len(data.decay):
        p.append("retention points do not match the curves")
    for pt, curve in zip(pts, data.decay, strict=False):
        want = {"scale": scale_text(curve.scale), "retention": f"{curve.at(200) * 100:.1f}%"}
        if pt != want:
            p.append(f"retention point {pt} != {want}")
    if v.get("article") != "20%" or v.get("article_scale") != f"{data.article_scale:.3f}":
        p.append(f"article {v.get('article')} / {v.get('article_scale')} vs {data.article_scale}")
    r = retention_at(float(D(v.get("article_scale", "0"))), 200)
    if abs(r - 0.20) > 0.01:
        p.append(f"scale {v.get('article_scale')} keeps {r:.3f} at step 200, not about 20%")
    g = data.gradients
    for k, scale in enumerate(g.scales):
        c = data.claim(f"gradient:{k}")
        final = float(g.norms[k][-1])
        trend = "vanishing" if final < 1e-2 else "exploding" if final > 1e2 else "bounded"
        want = {"scale": f"{scale:.1f}", "steps": int(g.steps[-1]), "trend": trend, "above_one": bool(scale > 1)}
        p += [
            f"gradient:{k}: {key} {c.values.get(key)!r} != {x!r}" for key, x in want.items() if c.values.get(key) != x
        ]
        if not close_to(c.values.get("norm", "nan"), final):
            p.append(f"gradient:{k}: norm {c.values.get('norm')} is not {final!r}")
    return p


def check_trace_chapter(
    cid: str,
    data,
    sent_tokens,
    focus: str | None,
    model: str | None = None,
    text: str | None = None,
    head: str | None = None,
    expect=(),
) -> list[str]:
    """qkv, formula, worked-example, attention-matrix (``text``: the sentence read; ``head``/``expect``: the view
    asked for)."""
    p = []
    tr = data.attention if cid == "attention-matrix" else data.trace
    idx = given_focus_index(sent_tokens, focus, False) if focus and cid in WINDOW_CAP else None
    p += check_window(cid, data, sent_tokens, idx)
    if tuple(tr.tokens) != tuple(data.tokens):
        p.append("trace tokens differ from the shown tokens")
    n = tr.n
    if cid == "qkv":
        c = data.claim("shape")
        if c.values != {"n": n, "d": tr.X.shape[1]}:
            p.append(f"qkv shape {c.values} vs X {tr.X.shape}")
        p += check_dot(data.claim("first_entry:Q"), tr.X[0], tr.W_q[:, 0], 1, 1, tr.Q[0, 0], 4)
        for lang in ("zh", "en"):
            lib = data.library(lang)
            p += check_reading(data.claim(f"lib_best:{lang}"), lib.titles, lib.weights, None, range(len(lib.titles)))
            c = data.claim(f"lib_matches:{lang}")
            if list(c.values.get("matches", [])) != [str(int(m)) for m in lib.matches] or tuple(c.words) != tuple(
                lib.titles
            ):
                p.append(f"lib_matches:{lang} {c.values} vs {lib.matches}")
            c = data.claim(f"lib_reading:{lang}")
            t = int(np.argmax(lib.reading))
            shares = lib.weights * lib.contents[:, t]
            b = int(np.argmax(shares))
            want = {
                "topic": lib.topics[t],
                "r": written(lib.reading[t]),
                "from": lib.titles[b],
                "mostly": bool(shares[b] > lib.reading[t] / 2),
            }
            p += [
                f"lib_reading:{lang}: {k} {c.values.get(k)!r} != {x!r}"
                for k, x in want.items()
                if c.values.get(k) != x
            ]
    elif cid == "formula":
        c = data.claim("shape")
        if c.values != {"n": n, "d_k": tr.d_k} or tr.Q.shape[1] != tr.d_k:
            p.append(f"formula shape {c.values}")
        p += check_dot(data.claim("first_entry:scores"), tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 4)
        p += check_dot(data.claim("first_entry:output"), tr.weights[0], tr.V[:, 0], 2, 2, tr.output[0, 0], 4)
        p += check_scale(data.claim("scale"), tr.scores, tr.scaled_scores, tr.d_k)
        p += check_positive(data.claim("positive"), tr.weights)
        p += check_row_sum(data.claim("row_sums"), tr.weights)
        p += check_reading(data.claim("row:0"), data.tokens, tr.weights[0], 0, range(n), others="other")
        p += check_scaling(data.claim("spread"), data.claim("saturation"), data.scaling)
    elif cid == "worked-example":
        c = data.claim("shape")
        if c.values != {"n": n, "d": tr.X.shape[1], "d_k": tr.d_k}:
            p.append(f"worked shape {c.values}")
        c = data.claim("x1")
        if list(c.values.get("x1", [])) != [written(x, 1) for x in tr.X[0]] or tuple(c.words) != (tr.tokens[0],):
            p.append(f"x1 {c.values} vs {tr.X[0]}")
        p += check_dot(data.claim("first_entry:Q"), tr.X[0], tr.W_q[:, 0], 1, 1, tr.Q[0, 0], 8)
        p += check_dot(data.claim("first_entry:scores"), tr.Q[0], tr.K[0], 2, 2, tr.scores[0, 0], 8)
        p += check_dot(data.claim("first_entry:output"), tr.weights[0], tr.V[:, 0], 2, 2, tr.output[0, 0], 8)
        p += check_scale(data.claim("scale"), tr.scores, tr.scaled_scores, tr.d_k)
        for i in range(n):
            c = data.claim(f"softmax:{i}")
            if c.values.get("i") != i + 1 or tuple(c.words) != (tr.tokens[i],):
                p.append(f"softmax:{i} names row {c.values.get('i')} {c.words}")
            p += check_row_sum(c, tr.weights[i : i + 1]) + check_positive(c, tr.weights[i : i + 1])
        p += check_reading(data.claim("row:0"), data.tokens, tr.weights[0], 0, range(n), others="other")
    elif cid == "attention-matrix":
        if data.claim("matrix_size").values.get("n") != n:
            p.append(f"matrix_size {data.claim('matrix_size').values} for {n}")
        rows = data.rows()
        if [r.topic for r in rows] != [f"row:{i}" for i in range(n)]:
            p.append(f"rows {[r.topic for r in rows]}")
        model = model or DEFAULT_MODEL
        mp = check_matrix_focus(data, sent_tokens, idx, model, expect)
        p += mp
        if mp:
            return p
        found, ok = check_model_view(cid, data, text, sent_tokens, model, head, expect)
        p += found
        if not ok:
            return p
        for i in range(n):
            p += check_reading(
                data.claim(f"row:{i}"),
                data.tokens,
                tr.weights[i],
                i,
                range(n),
                others="other",
                special=float(tr.special[i]),
            )
        p += check_patterns(data, tr)
    return p


def check_matrix_focus(data, sent_tokens, idx: int | None, model: str, expect=()) -> list[str]:
    """The matrix's focus word: the given one (it places the window); else, when an expectation needs one, the
    automatic choice among the words shown, stated in an ``auto_focus`` claim; else none. The lexicon has none."""
    w = data.window
    if model == "lexicon":
        return ["auto_focus claim with the lexicon"] if data.has_claim("auto_focus") else []
    if idx is not None:
        f, rule = idx - w.start, None
    elif expect:
        f, rule = choose_focus_mine(data.tokens, False)
    else:
        f, rule = None, None
    if data.focus != f or data.focus_rule != rule:
        return [f"matrix focus {data.focus} ({data.focus_rule}) != {f} ({rule}) among {data.tokens}"]
    if rule is None:
        return ["auto_focus claim although no focus was chosen"] if data.has_claim("auto_focus") else []
    p = auto_focus_problems(data, data.tokens, f, False, w.start + f + 1)
    if sent_tokens[w.start + f] != data.tokens[f]:
        p.append(f"auto_focus: shown word {f} is not sentence word {w.start + f + 1}")
    return p


def check_scaling(spread: Claim, sat: Claim, sd) -> list[str]:
    p = []
    roots = np.sqrt(np.asarray(sd.d_ks, dtype=float))
    ratios = [f"{r:.1f}" for r in np.asarray(sd.std_dot) / roots]
    big = int(np.argmax(sd.d_ks))
    want = {
        "samples": sd.n_samples,
        "d_big": int(sd.d_ks[big]),
        "s_big": f"{sd.std_dot[big]:.1f}",
        "ratios": ratios,
        "scaled": [f"{r:.1f}" for r in sd.std_scaled],
    }
    v = spread.values
    p += [
        f"spread: {k} {v.get(k)!r} != {x!r}"
        for k, x in want.items()
        if (list(v[k]) if isinstance(v.get(k), list) else v.get(k)) != x
    ]
    if not all(Decimal("0.9") <= Decimal(r) <= Decimal("1.1") for r in ratios):
        p.append(f"spread: ratios {ratios} do not all say 'spreads like √d_k'")
    d = int(sd.d_k_big)
    root = math.isqrt(d)
    wu, ws = float(np.max(sd.weights_unscaled)), float(np.max(sd.weights_scaled))
    want = {
        "d": d,
        "top_score": f"{float(np.max(sd.scores)):.1f}",
        "w_unscaled": written(wu),
        "w_scaled": written(ws),
        "sqrt": str(root) if root * root == d else f"{math.sqrt(d):.3f}",
        "one_hot": wu >= 0.9,
        "spread_out": ws < 0.9,
    }
    v = sat.values
    p += [f"saturation: {k} {v.get(k)!r} != {x!r}" for k, x in want.items() if v.get(k) != x]
    return p


def check_patterns(data, tr) -> list[str]:
    """``pattern:*``: a row shows self / neighbour / far when its strongest word (alone on top as written) gets at
    least 2/n of the whole row, special share included; "even" rows as read; the clearest row is the example."""
    p = []
    n = tr.n
    found: dict[str, list[tuple[int, float, float, float]]] = {}
    for i in range(n):
        e = expected_reading(tr.weights[i], i, range(n))
        pat, strength = None, None
        if e["kind"] == "even":
            row = tr.weights[i]
            pat, strength = "even", 0.0
            flat_a = float(np.max(np.abs(row * n / e["total"] - 1)))
            flat_b = float(np.max(row) - np.min(row))
            found.setdefault("even", []).append((i, 0.0, flat_a, flat_b))
            continue
        if e["kind"] in ("self", "strongest"):  # a strongest key, alone on top as written (self included)
            pat, edge = vr.pattern_kind(tr.weights[i], float(tr.special[i]), vr.hundredths(tr.weights[i]), i, n)
            if edge:
                found.setdefault("_edge", []).append((i, e["topw"], 0, 0))
                continue
            strength = e["topw"]
        if pat:
            found.setdefault(pat, []).append((i, strength, 0, 0))
    if "_edge" in found:
        return p  # a top weight of exactly 2/n of its row: float noise decides whether it "stands out"
    examples = {e.topic: e for e in data.examples()}
    for pat in ("self", "neighbour", "far", "even"):
        topic = f"pattern:{pat}"
        rows = found.get(pat, [])
        if not rows:
            if topic in examples or data.has_claim(topic):
                p.append(f"{topic} claimed but no row shows it")
            continue
        if topic not in examples:
            p.append(f"no {topic} although rows {[r[0] for r in rows]} show it")
            continue
        c = examples[topic]
        q = c.values.get("query")
        mine = {r[0]: r for r in rows}
        if q not in mine:
            p.append(f"{topic}: example row {q} does not show it (rows {list(mine)})")
            continue
        if pat == "even":
            best_a = min(r[2] for r in rows)
            best_b = min(r[3] for r in rows)
            if mine[q][2] > best_a + 1e-12 and mine[q][3] > best_b + 1e-12:
                p.append(f"{topic}: row {q} is not the flattest of {list(mine)}")
        else:
            best = max(r[1] for r in rows)
            if mine[q][1] < best - 1e-12:
                p.append(f"{topic}: row {q} (top {mine[q][1]:.4f}) is not the clearest; best {best:.4f}")
        row = data.claim(f"row:{q}")
        v = c.values
        if v.get("pattern") != pat or v.get("reading") != row.kind or tuple(c.words) != tuple(row.words):
            p.append(f"{topic}: {v} / {c.words} does not restate row:{q} ({row.kind} {row.words})")
        for k, x in row.values.items():
            if v.get(k) != x:
                p.append(f"{topic}: {k} {v.get(k)!r} != row:{q}'s {x!r}")
        p += check_reading(
            c,
            data.tokens,
            tr.weights[q],
            q,
            range(n),
            others="other",
            kind=v.get("reading"),
            special=float(tr.special[q]),
        )
        if pat == "far" and v.get("between") != abs(v["key"] - q) - 1:
            p.append(f"{topic}: between {v.get('between')} for offset {v.get('offset')}")
    return p


# -- chapters 8 and 9: one word's rows over the whole sentence ---------------------------------------------
NEAR = 1e-9  # score differences below this are float noise: either head (or either side of a threshold) is honest


def _named(tokens, k: int, base: int):
    folded = [t.casefold() for t in tokens]
    return base + k + 1 if folded.count(folded[k]) > 1 else None


def check_focus_window(cid: str, data, focus: str | None, sent_tokens) -> tuple[list[str], bool]:
    """A chapter that reads one word's rows over the whole sentence (real-model, multi-head): the focus word given
    or chosen by the rule, the window around it (a reader at the focus looks back: it sits third from the end of the
    window when it can), and the auto_focus claim. Returns the problems and whether the focus is where it should be
    (if not, the readings of its rows mean little)."""
    p: list[str] = []
    if focus:
        idx, rule = given_focus_index(sent_tokens, focus, False), None
    else:
        idx, rule = choose_focus_mine(sent_tokens, False)
    p += check_window(cid, data, sent_tokens, idx)
    w, n_sent, cap = data.window, len(sent_tokens), WINDOW_CAP[cid]
    if n_sent > cap:
        start = min(max(idx - (cap - 3), 0), n_sent - cap)
        if w.start != start:
            p.append(f"window starts at word {w.start + 1}; focus word {idx + 1} puts it at word {start + 1}")
    if data.focus + w.start != idx:
        return p + [f"focus at sentence word {data.focus + w.start + 1}, expected {idx + 1} ({rule})"], False
    if data.focus_rule != rule or data.has_claim("auto_focus") != (rule is not None):
        p.append(f"focus_rule {data.focus_rule} / auto_focus claim {data.has_claim('auto_focus')} for rule {rule}")
    elif rule is not None:
        p += auto_focus_problems(data, sent_tokens, idx, False, idx + 1)
    return p, True


# -- chapter 8, multi-head: heads on column slices, their concat, W_O, the causal mask --------------------------
MULTI_HEAD_WORKED = ("scale", "head_sums")  # head 1 worked through (scaled scores, row sums): checked when present


def later_totals(weights) -> list[float]:
    """What each row of ``weights`` gives the words after it."""
    n = len(weights)
    return [math.fsum(float(weights[i][j]) for j in range(i + 1, n)) for i in range(n)]


def mask_row_choice(weights) -> int | None:
    """The row among 1..n−2 that gives later words the most (the first of equal totals), or None below 3 words."""
    later = later_totals(weights)
    best = None
    for i in range(1, len(later) - 1):
        if best is None or later[i] > later[best]:
            best = i
    return best


def window_position_problems(claim: Claim, base: int) -> list[str]:
    """A word a reading names with its position must carry its sentence position: window start + index + 1."""
    v = claim.values
    named = [v["key"]] if claim.kind == "strongest" else list(v.get("keys") or v.get("next") or [])
    pairs = [*zip(named, v.get("named_at", []), strict=False), (v.get("query"), v.get("query_at"))]
    return [
        f"{claim.topic}: shown word {k} named as word {at}, but the window starts at word {base + 1}"
        for k, at in pairs
        if at is not None and at != base + k + 1
    ]


def check_multi_head(data, sentence: str, focus: str | None, sent_tokens) -> list[str]:
    """Chapter 8: window and focus, shapes and column split, each head's focus row, where the heads differ most,
    concat, the first entry of concat·W_O, and the causal mask of head 1 (count, row sums, the row it changes
    most), re-derived from the trace's arrays by loops."""
    p: list[str] = []
    tr, tokens = data.trace, tuple(data.tokens)
    found, placed = check_focus_window("multi-head", data, focus, sent_tokens)
    p += found
    if not placed:
        return p
    f, base, n = data.focus, data.window.start, len(tokens)

    # the arrays the claims read: shapes, heads on column slices, the mask
    h = len(tr.heads)
    x = np.asarray(tr.X, dtype=float)
    d_model = x.shape[1]
    d_head = tr.heads[0].Q.shape[1] if h else 0
    if x.shape[0] != n or h < 2 or len(tr.masked) != h or h * d_head != d_model:
        return p + [f"trace: X {x.shape}, {h} heads of {d_head} columns, {len(tr.masked)} masked, for {n} words"]
    full = {"Q": x @ tr.W_q, "K": x @ tr.W_k, "V": x @ tr.W_v}
    for k in range(h):
        cols = slice(k * d_head, (k + 1) * d_head)
        for name, whole in full.items():
            for kind, t in (("head", tr.heads[k]), ("masked", tr.masked[k])):
                if not np.allclose(getattr(t, name), whole[:, cols], rtol=1e-12, atol=1e-12):
                    p.append(f"{kind} {k + 1}'s {name} is not columns {cols.start + 1}–{cols.stop} of X·W_{name}")
    if not np.array_equal(tr.concat, np.hstack([t.output for t in tr.heads])):
        p.append("concat is not the heads' outputs side by side")
    m, before = tr.masked[0], tr.heads[0]
    hidden = zero_above = 0
    for i in range(n):
        for j in range(n):
            if j > i:
                hidden += m.scaled_scores[i][j] == -math.inf
                zero_above += m.weights[i][j] == 0.0
            elif m.scaled_scores[i][j] != before.scaled_scores[i][j]:
                p.append(f"masked head 1 changes the seen score ({i}, {j})")
    if hidden != n * (n - 1) // 2 or zero_above != n * (n - 1) // 2:
        p.append(f"masked head 1: {hidden} scores −∞ and {zero_above} weights 0 above the diagonal of {n}×{n}")

    topics = [c.topic for c in data.claims]
    want_topics = ["window"] * data.window.partial + ["auto_focus"] * (not focus) + ["shape", "split"]
    want_topics += [f"head:{k + 1}" for k in range(h)]
    want_topics += ["heads_differ", "concat", "first_entry:output", "mask", "mask_sums"] + ["mask_row"] * (n >= 3)
    missing = [t for t in want_topics if t not in topics]
    extra = [t for t in topics if t not in want_topics and t not in MULTI_HEAD_WORKED]
    if missing or extra:
        return p + [f"multi-head topics: missing {missing}, unexpected {extra}"]

    def same(topic: str, kind: str, want: dict, words: tuple = ()) -> list[str]:
        c = data.claim(topic)
        out = [f"{topic}: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
        if c.kind != kind or tuple(c.words) != words:
            out.append(f"{topic}: {c.kind} {c.words} != {kind} {words}")
        return out

    sizes = {"n": n, "d_model": d_model, "heads": h, "d_head": d_head}
    p += same("shape", "shape", sizes)
    cols = [f"{k * d_head + 1}–{(k + 1) * d_head}" for k in range(h)]
    p += same("split", "head_split", {"cols": cols, "heads": h, "d_head": d_head})
    for k in range(h):
        c = data.claim(f"head:{k + 1}")
        p += check_reading(c, tokens, tr.heads[k].weights[f], f, range(n), others="other")
        p += window_position_problems(c, base)
        if c.values.get("head") != k + 1:
            p.append(f"head:{k + 1}: head {c.values.get('head')!r}")
    a = [float(v) for v in tr.heads[0].weights[f]]
    b = [float(v) for v in tr.heads[1].weights[f]]
    gaps = [abs(a[j] - b[j]) for j in range(n)]
    key = gaps.index(max(gaps))
    want = {
        "key": key,
        "self": key == f,
        "head1_w": written(a[key]),
        "head2_w": written(b[key]),
        "word_at": [_named(tokens, f, base), _named(tokens, key, base)],
    }
    p += same("heads_differ", "heads_differ", want, (tokens[f], tokens[key]))
    p += same("concat", "shape", sizes)
    if data.claim("concat").evidence.get("concat") != [n, d_model] or tr.concat.shape != (n, d_model):
        p.append(f"concat: {tr.concat.shape} / evidence {data.claim('concat').evidence.get('concat')}")
    p += check_dot(data.claim("first_entry:output"), tr.concat[0], tr.W_o[:, 0], 2, 1, tr.output[0, 0], 4)
    first_w = written(m.weights[0][0])
    if first_w != "1.00":
        p.append(f"masked head 1: the first word gives itself {first_w}, not 1.00")
    p += same("mask", "mask", {"n": n, "masked": n * (n - 1) // 2, "cells": n * n, "head": 1, "first_w": "1.00"})
    if data.claim("mask").evidence.get("zero_above") is not True:
        p.append("mask: evidence zero_above is not True")
    c = data.claim("mask_sums")
    p += check_row_sum(c, m.weights) + ([] if c.values.get("head") == 1 else [f"mask_sums: head {c.values}"])
    if data.has_claim("scale"):
        p += check_scale(data.claim("scale"), before.scores, before.scaled_scores, d_head)
    if data.has_claim("head_sums"):
        p += check_row_sum(data.claim("head_sums"), before.weights)
    if n >= 3:
        c = data.claim("mask_row")
        later = later_totals(before.weights)
        best = mask_row_choice(before.weights)
        i = c.values.get("row")
        if not isinstance(i, int) or not 1 <= i <= n - 2:
            return p + [f"mask_row: row {i!r} is not one of rows 2..{n - 1}"]
        if i != best and abs(later[i] - later[best]) > NEAR:
            p.append(
                f"mask_row: row {i + 1} gave later words {later[i]!r}; row {best + 1} gave {later[best]!r} "
                "(the most, the first of equal totals)"
            )
        p += check_reading(c, tokens, m.weights[i], i, range(i + 1), others="earlier")
        p += window_position_problems(c, base)
        if c.values.get("head") != 1:
            p.append(f"mask_row: head {c.values.get('head')!r}")
        if not written_ok(c.values.get("taken"), later[i]):
            p.append(f"mask_row: taken {c.values.get('taken')!r} for {later[i]!r}")
    return p


def check_chapter(
    cid: str,
    sentence: str | None,
    focus: str | None = None,
    model: str | None = None,
    head: str | None = None,
    expect=(),
) -> list[str]:
    """Every problem with chapter ``cid``'s claims for ``sentence`` (None: its own), ``focus``, and for the word
    attention chapters ``model`` (None: their default, e5-small), ``head`` (--head) and ``expect`` (--expect), or
    [] when all hold."""
    import json

    if cid in MODEL_CHAPTERS:
        data = get_chapter(cid).data(sentence, focus, model, head, tuple(expect))
    else:
        data = get_chapter(cid).data(sentence, focus)
    model = (model or DEFAULT_MODEL) if cid in MODEL_CHAPTERS else None
    text = get_chapter(cid).default_sentence if sentence is None else sentence
    if sentence is None and focus is None:
        focus = OWN_FOCUS.get(cid)  # the chapter's own example comes with its focus word, given
    sent_tokens = tokenize(text)
    p: list[str] = []
    topics = [c.topic for c in data.claims]
    if len(set(topics)) != len(topics):
        p.append(f"duplicate topics {topics}")
    if cid in CAUSAL:
        p += check_reading_chapter(cid, data, text, focus, sent_tokens, model, head, expect)
    elif cid == "rnn-limits":
        p += check_rnn(data, sent_tokens)
    elif cid == "real-model":
        from tests.real_model_checks import check_real_model  # (it builds on this module)

        p += check_real_model(data, text, focus, sent_tokens, model, head, tuple(expect))
    elif cid == "multi-head":
        p += check_multi_head(data, text, focus, sent_tokens)
    else:
        p += check_trace_chapter(cid, data, sent_tokens, focus, model, text, head, expect)
    p += stated_caption_problems(cid, data) + unstated_problems(cid, data) + json_problems(data)
    if model in (None, "lexicon") and len(json.loads(data.to_json(indent=None))["claims"]) != len(data.claims):
        p.append("to_json lost claims")  # (a model's JSON holds every head: checked on fixed sentences only)
    return p


_POSITION = re.compile(r'"((?:[^"]|"(?= \(word))*)" \(word (\d+)\)')


def position_problems(cid: str, data, sent_tokens) -> list[str]:
    """A word named with its position ("the" (word 3)) must be that word of the sentence as the window caption
    numbers it ("showing words 5–20" counts from the sentence's first word)."""
    p = []
    for claim, key, extra in stated(cid, data):
        if claim.kind not in READING_KINDS and claim.kind != "pattern":
            continue
        extra = {k: v for k, v in extra.items() if not k.startswith("_")}
        cap = claim_text("en", key, claim, **extra)
        for word, pos in _POSITION.findall(cap):
            k = int(pos)
            if not (1 <= k <= len(sent_tokens)) or sent_tokens[k - 1] != word:
                actual = sent_tokens[k - 1] if 1 <= k <= len(sent_tokens) else None
                p.append(
                    f"{claim.topic} [{key}] {cap!r}: names {word!r} as word {k}, but word {k} of the "
                    f"sentence is {actual!r} (window {data.window.start + 1}–{data.window.stop})"
                )
    return p
