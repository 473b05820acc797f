"""Chapters 1 and 3 (intuition, self-attention-idea): one focus word's row of word attention. The window around
the focus word, the focus given or chosen by the rule (a causal reader never takes the first word), the keys it
reads, the view of a model's heads shown and the claims about it, and the focus row's reading; each chapter's
oracle adds its own claims after (:func:`check_focus_reading` returns the keys read when the row can be read)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scenes import get_chapter
from tests.oracle.chapter import Case, Traits
from tests.oracle.focus import auto_focus_problems, choose_focus_mine, given_focus_index
from tests.oracle.readings import check_reading
from tests.oracle.view_choice import check_model_view
from tests.oracle.views import DEFAULT_MODEL
from tests.oracle.window import check_window


def check_focus_reading(
    cid: str,
    data,
    sentence: str,
    focus: str | None,
    sent_tokens,
    model: str,
    head: str | None,
    expect,
    *,
    causal: bool,
    cap: int,
    model_view: Callable,
) -> tuple[list[str], tuple[int, ...] | None]:
    """The problems, and the keys the focus row reads (None when the focus or the weights are not what they should
    be: then the readings of them mean little). ``model_view`` is the chapter's
    :func:`tests.oracle.view_choice.check_model_view`."""
    p = []
    tr = data.attention
    if tr.causal != causal:
        p.append(f"trace.causal {tr.causal} != {causal}")
    found, keys = _focus_problems(cid, data, focus, sent_tokens, causal, cap)
    p += found
    if keys is None:
        return p, None
    found, ok = model_view(data, sentence, sent_tokens, model, head, expect)
    p += found
    if not ok:
        return p, None  # the model's weights are not what they should be: the readings of them mean little
    row = tr.weights[data.focus]
    special = float(tr.special[data.focus])
    others = "earlier" if causal else "other"
    p += check_reading(data.claim("focus_row"), data.tokens, row, data.focus, keys, others=others, special=special)
    return p, keys


@dataclass(frozen=True)
class ReadingOracle:
    """The checks a reading chapter (1 or 3) makes of its data: its word attention and the view shown (the article's
    ``link`` for the chapter's own sentence), the focus word, its window and row, then ``more(data, keys, model)``:
    the chapter's own claims."""

    traits: Traits
    link: tuple[str, tuple[str, ...]]
    more: Callable[..., list[str]]

    def check_model_view(self, data, text: str, sent_tokens, model: str, head=None, expect=()):
        """The word attention and, with a model, the view shown and its claims: (problems, the weights hold)."""
        own = get_chapter(self.traits.chapter_id).default_sentence
        causal = self.traits.causal
        return check_model_view(data, text, sent_tokens, model, head, expect, causal=causal, link=self.link, own=own)

    def check_reading_chapter(
        self, data, sentence: str, focus: str | None, sent_tokens, model: str = DEFAULT_MODEL, head=None, expect=()
    ) -> list[str]:
        """:func:`check_focus_reading` with the chapter's traits, then the chapter's own claims."""
        t = self.traits
        read = dict(causal=t.causal, cap=t.window_cap, model_view=self.check_model_view)
        p, keys = check_focus_reading(t.chapter_id, data, sentence, focus, sent_tokens, model, head, expect, **read)
        return p if keys is None else p + self.more(data, keys, model)

    def claims(self, case: Case) -> list[str]:
        """The claims of one case (for :func:`tests.oracle.chapter.check_chapter`)."""
        return self.check_reading_chapter(
            case.data, case.text, case.focus, case.tokens, case.model, case.head, case.expect
        )


def _focus_problems(cid: str, data, focus: str | None, sent_tokens, causal: bool, cap: int):
    """The focus word (given or chosen), the window around it, the keys it reads and the ``auto_focus`` claim;
    the keys are None when the focus is elsewhere."""
    p = []
    if focus:
        idx, rule = given_focus_index(sent_tokens, focus, causal), None
    else:
        idx, rule = choose_focus_mine(sent_tokens, causal)
    p += check_window(cid, data, sent_tokens, idx, cap)
    w = data.window
    if data.focus + w.start != idx:
        p.append(
            f"focus at sentence word {data.focus + w.start + 1}, expected word {idx + 1} "
            f"({sent_tokens[idx]!r}, rule {rule})"
        )
        return p, None
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
    return p, keys
