"""What one row of weights says over some keys, from its weights as written: the strongest key, a tie for the top,
the query keeping the most for itself, or an even row (every weight within ±15 % of what the row gives the keys,
divided among them); and the row-reading claims checked against that (:func:`check_reading`)."""

from __future__ import annotations

import math

from attention_core import Claim
from tests.oracle.words import repeats
from tests.oracle.written import D, fmt_dec, written

READING_KINDS = ("strongest", "tie", "self", "even")


EVEN_BAND = 0.15


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
    found, named = _kind_problems(claim, kind, exp, others)
    p += found
    qword = () if query is None else (words[query],)
    want_words = qword + tuple(words[k] for k in named)
    if tuple(claim.words) != want_words:
        p.append(f"{claim.topic}: words {claim.words} != {want_words}")
    if query is not None:
        p += _position_problems(claim, words, query, named)
    return p


def _kind_problems(claim: Claim, kind: str, exp: dict, others: str | None) -> tuple[list[str], list[int]]:
    """The values of a reading of kind ``kind`` against the expected reading ``exp``, and the keys it names."""
    p: list[str] = []
    v = claim.values
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
    return p, named


def _position_problems(claim: Claim, words, query: int, named: list[int]) -> list[str]:
    """Positions: given for a word shown twice, the same window offset for every one."""
    p: list[str] = []
    v = claim.values
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
