"""The template variant a claim takes and the numbers its caption states, as the rules say: a view chosen by an
expectation that agrees, ranks first or not; the pieces whole, joined or split; a head group; a layer trend the same
early and late; the note on rounded shares (:func:`variant_problems`); and real-model's captions stating exactly the
claim's numbers, in order, tied words sharing their weight (:func:`number_problems`)."""

from __future__ import annotations

import re

from attention_core import Claim
from scenes.strings import claim_text
from tests.oracle.real_model_rules import GROUPS
from tests.oracle.words import name, strip_names

_POSITIONS = re.compile(r"<W>(?: \(word \d+\)|（第 \d+ 个）)?")


_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?")


def caption_numbers(cap: str, words, lang: str, names=()) -> list[str]:
    """Every number a caption states, in order, once the named words (with their positions) and ``names`` (special
    tokens) are taken out."""
    plain = strip_names(cap, words, lang)
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
        return [str(v["total"]), *(str(v["counts"][g]) for g in GROUPS)]
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
