"""What a caption may say only when its claim says it: "all" and "none" of the heads, "the strongest" alone on top,
a rank with the words ahead, a tie said as a tie, "not next to it" only when the link skips the neighbours, "read
differently" only when two written weights differ, what the special tokens got beside a reading, "each" with tied
words, no Python list in a pieces caption."""

from __future__ import annotations

import re

from attention_core import Claim
from tests.oracle.words import TIE_AS_WRITTEN
from tests.oracle.written import D


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
        tie = TIE_AS_WRITTEN[lang]
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


def self_share_wording(v: dict, cap: str) -> list[str]:
    """A row that gives the special tokens a share: its word weights are not said to sum to 1 (the lexicon's
    sentence; not the rounding note)."""
    return [
        f"says the word weights {whole!r}, but {v['special']} goes to special tokens"
        for whole in ("weights sum to 1", "权重加起来是 1")
        if whole in cap
    ]


def head_choice_wording(v: dict, cap: str, lang: str) -> list[str]:
    """ "not next to it" only when the head chosen skips the neighbours."""
    near = "不相邻" if lang == "zh" else "not next to it"
    if (near in cap) != bool(v.get("skips_neighbours")):
        return [f"{near!r} present={near in cap} but skips_neighbours={v.get('skips_neighbours')}"]
    return []


def layer_trend_wording(v: dict, cap: str) -> list[str]:
    """Several tied words: "0.31 each"; one word: the weight alone."""
    p = []
    for part in ("early", "late"):
        w = re.escape(v[part + "_w"])
        each = re.search(rf"(各 {w}|{w} each)", cap)
        alone = re.search(rf"(?<!各 ){w}(?! each)", cap)
        if len(v[part]) > 1 and not each:
            p.append(f"{len(v[part])} tied words, but no 'each' with {v[part + '_w']}")
        if len(v[part]) == 1 and not alone:
            p.append(f"one word, yet {v[part + '_w']} only with 'each'")
    return p
