"""Captions made from claims: the only way a caption states a fact about the data.

:func:`claim_fields` turns a :class:`attention_core.Claim` into the fields a template may use, with the grammar
of each language done here once (English plurals and articles, Chinese quotes); :func:`reading` writes a row
reading (strongest, tie, itself, even). Chapter templates (``scenes/strings/<chapter>.py``) place those fields
in a sentence; a template never holds a number of its own.
"""

from __future__ import annotations

from attention_core import Claim
from attention_core.claims.kinds import KINDS
from scenes.strings.grammar import a_an, count, name, name_list, quote
from scenes.strings.model_fields import MARKS, many, model_fields, view_fields

__all__ = ["a_an", "claim_fields", "count", "describe", "name_list", "reading"]


def _keys(claim: Claim, keys: list[int], words: tuple[str, ...], lang: str) -> str:
    """The named keys of a reading, "itself" for the query's own position."""
    v = claim.values
    out = []
    for k, word, at in zip(keys, words, v["named_at"], strict=True):
        out.append(("它自己" if lang == "zh" else "itself") if k == v["query"] else name(word, at, lang))
    return name_list(out, lang)


def _asker(claim: Claim, lang: str) -> str:
    v = claim.values
    return name(claim.words[0], v["query_at"], lang)


def reading(claim: Claim, lang: str) -> str:
    """One sentence saying what a row reading claim says.

    >>> c = Claim("r", "tie", ("it", "dog", "cat"), {"w": "0.40", "query": 7, "query_at": None,
    ...       "keys": [1, 4], "self_included": False, "named_at": [None, None]})
    >>> reading(c, "en")
    '"it" attends equally to "dog" and "cat" (0.40 each)'
    """
    v, kind = claim.values, claim.kind
    if v.get("query") is None:  # nobody asks from among the keys (the library's query)
        return _unasked(claim, lang)
    q = _asker(claim, lang)
    if kind == "strongest":
        k = _keys(claim, [v["key"]], claim.words[1:], lang)
        return f"{q}最关注{k}（{v['w']}）" if lang == "zh" else f"{q} attends most to {k} ({v['w']})"
    if kind == "tie":
        k = _keys(claim, v["keys"], claim.words[1:], lang)
        return f"{q}同样关注{k}（各 {v['w']}）" if lang == "zh" else f"{q} attends equally to {k} ({v['w']} each)"
    if kind == "self":
        return _self_reading(claim, q, lang)
    spread = v["low"] if v["low"] == v["high"] else f"{v['low']}–{v['high']}"
    if lang == "zh":
        each = f"各 {spread}" if v["low"] == v["high"] else spread
        return f"{q}几乎平均地关注全部 {v['count']} 个词（{each}）"
    each = f"{spread} each" if v["low"] == v["high"] else spread
    over = "both words" if v["count"] == 2 else f"all {v['count']} words"
    return f"{q} spreads its attention almost evenly over {over} ({each})"


def _self_reading(claim: Claim, q: str, lang: str) -> str:
    v = claim.values
    runners = _keys(claim, v["next"], claim.words[1:], lang)
    several = len(v["next"]) > 1
    if lang == "zh":
        scope = "前面的词" if v["others"] == "earlier" else "其余的词"
        if v["n_others"] == 1:
            return f"{q}最关注它自己（{v['w']}）；唯一的另一个词{runners}得到 {v['w_next']}"
        return f"{q}最关注它自己（{v['w']}）；{scope}中最关注{runners}（{'各 ' if several else ''}{v['w_next']}）"
    scope = "earlier" if v["others"] == "earlier" else "other"
    if v["n_others"] == 1:
        return f"{q} attends most to itself ({v['w']}); the only {scope} word, {runners}, gets {v['w_next']}"
    each = " each" if several else ""
    return f"{q} attends most to itself ({v['w']}); of the {scope} words, most to {runners} ({v['w_next']}{each})"


def _unasked(claim: Claim, lang: str) -> str:
    v, kind = claim.values, claim.kind
    if kind == "strongest":
        k = quote(claim.words[0], lang)
        return f"{k}最匹配，权重 {v['w']}" if lang == "zh" else f"{k} matches best, weight {v['w']}"
    if kind == "tie":
        k = name_list([quote(w, lang) for w in claim.words], lang)
        return f"{k}同样匹配，各 {v['w']}" if lang == "zh" else f"{k} match equally, {v['w']} each"
    spread = f"{v['low']}–{v['high']}"
    if lang == "zh":
        return f"每一项的权重都差不多（{spread}）"
    return f"every item gets about the same weight ({spread})"


def _special_note(v: dict, lang: str) -> str:
    """What a row reading gave the special tokens: "; 0.20 goes to the special tokens"; said as "more than any
    word" when it is more than the top word's weight, and as "most of the row" when it is more than half the row
    (the reading's numbers alone would hide where the weight went).

    >>> for s in ("0.20", "0.38", "0.90"):
    ...     print(_special_note({"special": s, "w": "0.30"}, "en"))
    ; 0.20 goes to the special tokens
    ; 0.38 goes to the special tokens, more than to any word
    ; most of the row, 0.90, goes to the special tokens
    >>> _special_note({"special": None, "w": "0.5"}, "en")
    ''
    """
    special = v.get("special")
    if not special:
        return ""
    top = v.get("w") or v.get("high")
    if float(special) > 0.5:
        return (
            f"；这一行的大部分（{special}）给了特殊符号"
            if lang == "zh"
            else f"; most of the row, {special}, goes to the special tokens"
        )
    if top is not None and float(special) > float(top):
        return (
            f"；{special} 给了特殊符号，比任何一个词都多"
            if lang == "zh"
            else f"; {special} goes to the special tokens, more than to any word"
        )
    return f"；{special} 给了特殊符号" if lang == "zh" else f"; {special} goes to the special tokens"


def claim_fields(claim: Claim, lang: str) -> dict[str, object]:
    """Every field a template may use for ``claim``: its values, its words quoted, counts with their nouns.

    ``w0``, ``w1``… are the claim's words quoted; ``reading`` is :func:`reading` for a row reading; ``steps_n``,
    ``between_n``, ``count_n`` are counts with their noun; ``a_n`` the English article before ``n``.
    """
    fields: dict[str, object] = dict(claim.values)
    fields.update({f"w{i}": quote(w, lang) for i, w in enumerate(claim.words)})
    v = claim.values
    if "word_at" in v:  # head claims: each word named, with its position when the words shown repeat it
        fields.update(
            {f"w{i}": name(w, at, lang) for i, (w, at) in enumerate(zip(claim.words, v["word_at"], strict=True))}
        )
    if v.get("query") is not None:  # a row reading: a word the sentence repeats is named with its position
        fields["w0"] = _asker(claim, lang)
        if v.get("key") is not None:
            fields["w1"] = name(claim.words[1], v["named_at"][0], lang)
    wording = KINDS[claim.kind].wording
    if wording is not None:
        fields.update(_WORDING[wording](claim, lang))
    for key, noun in (
        ("steps", "step"),
        ("between", "word"),
        ("count", "word"),
        ("masked", "score"),
        ("sinks", "head"),
        ("pieces", "piece"),
    ):
        if isinstance(v.get(key), int):
            fields[f"{key}_n"] = count(v[key], noun, lang)
    if isinstance(v.get("n"), int):
        fields["a_n"] = a_an(v["n"])
        fields["all_n_words"] = "both words" if v["n"] == 2 else f"all {v['n']} words"  # never "all 2 words"
        fields["all_n_steps"] = "both steps" if v["n"] == 2 else f"all {v['n']} steps"
    if "shown_low" in v:
        low, high = v["shown_low"], v["shown_high"]
        fields["shown_range"] = low if low == high else f"{low}–{high}"
    elif "shown_sum" in v:
        fields["shown_range"] = v["shown_sum"]
    return fields


def _reading_fields(claim: Claim, lang: str) -> dict[str, object]:
    return {"reading": reading(claim, lang), "special_note": _special_note(claim.values, lang)}


def _pattern_fields(claim: Claim, lang: str) -> dict[str, object]:
    v = claim.values
    row = Claim(claim.topic, v["reading"], claim.words, v, claim.evidence)
    return {"reading": reading(row, lang), "special_note": _special_note(v, lang)}


def _marks_fields(claim: Claim, lang: str) -> dict[str, object]:
    marks = claim.values.get("marks")
    return {"marks_words": MARKS[lang][marks]} if marks else {}


def _split_fields(claim: Claim, lang: str) -> dict[str, object]:
    """ "head 1 takes columns 1–2, head 2 takes columns 3–4" """
    from scenes.strings import text

    items = [text(lang, "mh.split_item", head=k + 1, cols=c) for k, c in enumerate(claim.values["cols"])]
    return {"split_list": ("、" if lang == "zh" else ", ").join(items)}


def _trend_fields(claim: Claim, lang: str) -> dict[str, object]:
    """The word(s) most looked at early and late: a tie names every tied word."""
    v = claim.values
    out: dict[str, object] = {"w0": name(claim.words[0], v["focus_at"], lang)}
    for part in ("early", "late"):
        names = [name(w, at, lang) for w, at in zip(v[part], v[f"{part}_at"], strict=True)]
        out[f"{part}_list"], out[f"{part}_each"] = many(names, v[f"{part}_w"], lang)
    return out


_WORDING = {  # the field makers of the kind table's ``wording``
    "reading": _reading_fields,
    "pattern": _pattern_fields,
    "view": view_fields,
    "model": model_fields,
    "marks": _marks_fields,
    "split": _split_fields,
    "trend": _trend_fields,
}


def describe(claim: Claim, lang: str) -> str:
    """A claim in one line without a chapter's template: a row reading as a sentence, anything else by its values.

    >>> describe(Claim("shape", "shape", (), {"n": 4, "d": 2}), "en")
    'shape: n=4, d=2'
    """
    if KINDS[claim.kind].wording == "reading":
        return reading(claim, lang)
    words = f"{' '.join(quote(w, lang) for w in claim.words)} " if claim.words else ""
    values = ", ".join(f"{k}={v}" for k, v in claim.values.items())
    return f"{claim.kind}: {words}{values}"
