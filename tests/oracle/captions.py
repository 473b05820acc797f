"""A caption checked against its claim, in both languages (:func:`caption_problems`): it renders, reads as English
(articles, plurals, no unfilled field), prints no Python value, takes the template variant the rules choose and
states exactly the claim's numbers (:mod:`tests.oracle.caption_templates`), holds every bit the claim says
(:mod:`tests.oracle.caption_bits`; a row reading's or pattern's bits here) and says nothing the claim does not
(:mod:`tests.oracle.wording`)."""

from __future__ import annotations

import re

from attention_core import Claim
from scenes.strings import claim_text
from tests.oracle.caption_bits import other_bits
from tests.oracle.caption_templates import number_problems, variant_problems
from tests.oracle.readings import READING_KINDS
from tests.oracle.wording import (
    head_choice_wording,
    head_pattern_wording,
    heads_differ_wording,
    layer_trend_wording,
    pieces_wording,
    self_share_wording,
    special_note_problems,
    view_wording,
)
from tests.oracle.words import counted, name, quote, strip_names

SELF_WORD = {"zh": "它自己", "en": "itself"}
SPECIAL_NOTE_KEYS = ("in.best", "sa.best", "am.row", "am.pattern")  # the reading, then where the rest went


def caption_problems(claim: Claim, key: str, tokens, extra: dict | None = None) -> list[str]:
    """Render ``claim`` with template ``key`` in both languages and check what the caption states (``extra`` holds
    the template's other fields; ``"_exact": True`` uses the key as it is, a second caption from one claim)."""
    p: list[str] = []
    extra = dict(extra or {})
    exact = extra.pop("_exact", False)
    for lang in ("en", "zh"):
        try:
            cap = claim_text(lang, key, claim, exact, **extra)
        except Exception as exc:  # noqa: BLE001
            p.append(f"{claim.topic} [{key}/{lang}]: caption fails: {type(exc).__name__}: {exc}")
            continue
        where = f"{claim.topic} [{key}/{lang}] {cap!r}"
        p += [f"{where}: {x}" for x in _one_caption(claim, key, tokens, extra, exact, lang, cap)]
    return p


def _one_caption(claim: Claim, key: str, tokens, extra: dict, exact: bool, lang: str, cap: str) -> list[str]:
    """The problems of one rendered caption ``cap`` in ``lang``."""
    plain = strip_names(cap, list(tokens) + list(claim.words), lang)
    for x in extra.values():
        plain = plain.replace(quote(str(x), lang), "<X>") if x else plain
    p = _form_problems(claim, key, tokens, extra, exact, lang, cap, plain)
    bits, found = _reading_bits(claim, tokens, lang, cap, plain)
    p += found
    bits += other_bits(claim, key, lang)
    p += _wording_problems(claim, key, lang, cap)
    return p + _missing(bits + _rounding_bits(claim.values), cap)


def _form_problems(claim: Claim, key: str, tokens, extra: dict, exact: bool, lang: str, cap: str, plain: str):
    """English that reads, no empty list or Python value, the template variant and the numbers the rules say."""
    p = grammar_problems(plain) if lang == "en" else []
    if "()" in cap or "（）" in cap:
        p.append("an empty list in brackets")
    p += _printed_python(plain, claim.values)
    try:
        p += variant_problems(claim, key, lang, cap, extra) if not exact else []
        p += number_problems(claim, key, lang, cap, tokens)
    except (KeyError, TypeError, ValueError) as exc:  # a falsified claim without the values its caption needs
        p.append(f"the claim lacks what its caption states ({type(exc).__name__}: {exc})")
    return p


def _reading_bits(claim: Claim, tokens, lang: str, cap: str, plain: str) -> tuple[list, list[str]]:
    """A row reading's or pattern's bits, and its problems: "each" with the runners-up, "itself" for the query."""
    v = claim.values
    bits: list = []
    itself = None
    p: list[str] = []
    if claim.kind == "pattern":
        bits, itself = pattern_bits(v, tokens, lang)
    elif claim.kind in READING_KINDS:
        bits, itself = reading_bits(v, claim.kind, tokens, claim.words, lang)
        if claim.kind == "self" and lang == "en" and v["n_others"] > 1:
            if (" each)" in cap) != (len(v["next"]) > 1):
                p.append(f"'each' does not match {len(v['next'])} runners-up")
    if itself is not None and v.get("query") is not None:
        self_word = SELF_WORD[lang]
        if (self_word in plain) != itself:
            p.append(f"'{self_word}' present={self_word in plain} but query named={itself}")
    return bits, p


def _wording_problems(claim: Claim, key: str, lang: str, cap: str) -> list[str]:
    """What the caption may say only when the claim says it."""
    v, p = claim.values, []
    if key in ("f.softmax", "we.softmax") and v.get("positive") is not True:
        p.append(f"the caption says every weight is positive, the claim says {v.get('positive')}")
    if key in SPECIAL_NOTE_KEYS:
        p += special_note_problems(claim, cap, lang)
    if claim.kind in ("view", "expect", "heads_agree"):
        p += view_wording(claim, key, cap, lang)
    if claim.kind == "pieces":
        p += pieces_wording(claim, cap, lang)
    if claim.kind == "self_share" and v.get("special"):
        p += self_share_wording(v, cap)
    if claim.kind == "head_choice":
        p += head_choice_wording(v, cap, lang)
    if claim.kind == "head_pattern":
        p += head_pattern_wording(v, cap, lang)
    if claim.kind == "heads_differ":
        p += heads_differ_wording(v, cap, lang)
    if claim.kind == "layer_trend":
        p += layer_trend_wording(v, cap)
    return p


def _rounding_bits(v: dict) -> list[str]:
    """The written sums or extremes a rounding note states, and the smallest weight when it is written 0.00."""
    bits = []
    if v.get("rounded") and "shown_low" in v:
        bits.append(v["shown_low"] if v["shown_low"] == v["shown_high"] else f"{v['shown_low']}–{v['shown_high']}")
    if v.get("rounded") and "shown_sum" in v:
        bits.append(v["shown_sum"])
    if v.get("shows_zero"):
        bits.append(v["min"])
    return bits


def _missing(bits: list, cap: str) -> list[str]:
    """The bits ``cap`` does not hold (a tuple: any one of its wordings)."""
    return [f"missing {b!r}" for b in bits if not any(str(x) in cap for x in (b if isinstance(b, tuple) else (b,)))]


def _article_problems(text_en: str) -> list[str]:
    bad = []
    for art, num in re.findall(r"\b(a|an) (\d+)(?=[×\-])", text_en):
        n = int(num)
        want = "an" if num[0] == "8" or n in (11, 18) or 11000 <= n < 12000 or 18000 <= n < 19000 else "a"
        if art.lower() != want:
            bad.append(f"article {art!r} before {num}")
    return bad


def grammar_problems(text_en: str) -> list[str]:
    bad = _article_problems(text_en)
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
        bits.append(counted(v["between"], "word", lang))
    return bits, False
