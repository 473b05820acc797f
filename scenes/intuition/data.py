"""Chapter 1, intuition: the article's sentence read word by word, stopping at a word to look back at the earlier
ones (a causal reading); its row of weights from a trained model's head or the designed lexicon."""

from __future__ import annotations

from collections.abc import Iterable

from attention_core.chapter.reading import Reading, read_sentence
from attention_core.claims.claim import Claim
from attention_core.claims.display import WEIGHT_DECIMALS, fmt, sum_shown
from scenes.intuition.spec import SPEC

__all__ = ["ARTICLE_EXPECT", "IntuitionData", "intuition_data"]

ARTICLE_EXPECT = ("小猫",)  # the article: at 停下 a reader links back to 小猫, "不是蝴蝶或花园"


class IntuitionData(Reading):
    """Chapter 1: a causal reading; claims: window, auto focus, the focus's own share, its row."""

    def make_claims(self) -> Iterable[Claim]:
        yield from self._opening_claims()
        weights = [self.weight(k) for k in self.keys()]
        special = float(self.attention.special[self.focus])
        total = sum_shown(weights, WEIGHT_DECIMALS)
        words_total = fmt(sum(weights), WEIGHT_DECIMALS)  # what the words get; the special tokens get the rest
        written = fmt(special, WEIGHT_DECIMALS)
        special_shown = special > 0 and written != fmt(0.0, WEIGHT_DECIMALS)
        values = {
            "w": fmt(self.weight(self.focus), WEIGHT_DECIMALS),
            "shown_sum": fmt(float(total), WEIGHT_DECIMALS),
            "count": len(weights),
            "special": written if special_shown else None,
            "special_names": self.attention.source.get("special_names"),
            "words_total": words_total,
            "rounded": fmt(float(total), WEIGHT_DECIMALS) != (words_total if special_shown else "1.00"),
        }
        yield Claim("self_share", "self_share", (self.focus_word,), values, {"weights": weights, "special": special})
        yield self.focus_row()


def intuition_data(sentence: str | None = None, focus: str | None = None, **options) -> IntuitionData:
    """Chapter 1: read causally; the article's sentence stops at 停下 unless another focus is given, and checks
    the article's link 停下 -> 小猫 against every head of the model.

    >>> r = intuition_data(model="lexicon")
    >>> r.focus_word, r.auto_focus, r.attention.causal, r.claim("focus_row").words
    ('停下', False, True, ('停下', '小猫'))
    >>> intuition_data("我昨天在公园里看见一只狗", "狗", model="lexicon").focus_word
    '狗'
    >>> r = intuition_data()  # e5-small: the strongest head in which 小猫 is 停下's strongest earlier word
    >>> r.claim("focus_row").words, r.claim("expect").values["agree"]
    (('停下', '小猫'), 17)
    """
    return read_sentence(IntuitionData, SPEC, ARTICLE_EXPECT, sentence, focus, True, **options)
