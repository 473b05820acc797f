"""The words a chapter shows: the whole sentence, or a window of at most the chapter's cap around the focus word
(:func:`check_window`, :func:`check_focus_window`), and words named by position numbered from the sentence's start
as the window caption numbers them (:func:`position_problems`)."""

from __future__ import annotations

import re

from scenes.strings import claim_text
from tests.oracle.focus import auto_focus_problems, choose_focus_mine, given_focus_index
from tests.oracle.readings import READING_KINDS


def check_window(cid: str, data, sent_tokens, focus_index: int | None, cap: int | None) -> list[str]:
    """The words shown: the whole sentence up to the chapter's ``cap`` (None: always whole), else a window of
    ``cap`` words holding the focus word (or from the first word), stated in a ``window`` claim."""
    p = []
    w = data.window
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


def check_focus_window(cid: str, data, focus: str | None, sent_tokens, cap: int) -> tuple[list[str], bool]:
    """A chapter that reads one word's rows over the whole sentence (real-model, multi-head): the focus word given
    or chosen by the rule, the window around it (a reader at the focus looks back: it sits third from the end of the
    window when it can), and the auto_focus claim. Returns the problems and whether the focus is where it should be
    (if not, the readings of its rows mean little)."""
    p: list[str] = []
    if focus:
        idx, rule = given_focus_index(sent_tokens, focus, False), None
    else:
        idx, rule = choose_focus_mine(sent_tokens, False)
    p += check_window(cid, data, sent_tokens, idx, cap)
    w, n_sent = data.window, len(sent_tokens)
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


_POSITION = re.compile(r'"((?:[^"]|"(?= \(word))*)" \(word (\d+)\)')


def position_problems(stated, data, sent_tokens) -> list[str]:
    """A word named with its position ("the" (word 3)) in the captions ``stated`` (a chapter's ``stated(data)``) must
    be that word of the sentence as the window caption numbers it ("showing words 5–20" counts from the sentence's
    first word)."""
    p = []
    for claim, key, extra in stated:
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


def check_trace_window(traits, case, tr):
    """A chapter showing a trace ``tr`` (qkv, formula, worked-example, attention-matrix): for one ``case`` (a
    :class:`tests.oracle.chapter.Case`) its window (around the focus word when the chapter has a window and a focus
    is given) and the trace's tokens the words shown. Returns the problems and the focus word's index in the
    sentence (None: no window or no focus given)."""
    cid, data, sent_tokens, focus, cap = traits.chapter_id, case.data, case.tokens, case.focus, traits.window_cap
    idx = given_focus_index(sent_tokens, focus, False) if focus and cap is not None else None
    p = check_window(cid, data, sent_tokens, idx, cap)
    if tuple(tr.tokens) != tuple(data.tokens):
        p.append("trace tokens differ from the shown tokens")
    return p, idx
