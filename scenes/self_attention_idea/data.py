"""Chapter 3, self-attention-idea: every word sees every word in one step, with weights that depend on the words;
the article's 它 -> 小猫 from a trained model's head or the designed lexicon."""

from __future__ import annotations

from collections.abc import Iterable

from attention_core.chapter.reading import Reading, read_sentence
from attention_core.claims.claim import Claim
from attention_core.claims.view_claims import view_claims
from scenes.self_attention_idea.spec import SPEC

__all__ = ["ARTICLE_EXPECT", "SelfAttentionData", "self_attention_data"]

ARTICLE_EXPECT = ("小猫",)  # the article: 它 -> 小猫


class SelfAttentionData(Reading):
    """Chapter 3: every word sees every word; claims: window, RNN path, matrix size, auto focus, the focus row."""

    def make_claims(self) -> Iterable[Claim]:
        n = self.attention.n
        if self.window.partial:
            yield self.window.claim(self.tokens)
        yield Claim(
            "rnn_path", "path_steps", (self.tokens[0], self.tokens[-1]), {"steps": n - 1}, {"first": 0, "last": n - 1}
        )
        yield Claim("matrix_size", "matrix_size", (), {"n": n}, {"shape": list(self.attention.weights.shape)})
        if self.focus_rule is not None:
            yield self._auto_focus()
        yield from view_claims(self.attention, self.focus, self.window.start)
        yield self.focus_row()


def self_attention_data(sentence: str | None = None, focus: str | None = None, **options) -> SelfAttentionData:
    """Chapter 3: every word sees every word (not causal); the article's sentence focuses on 它 and checks the
    article's link 它 -> 小猫.

    >>> r = self_attention_data(model="lexicon")
    >>> r.focus_word, r.claim("focus_row").words, r.auto_focus
    ('它', ('它', '小猫'), False)
    >>> r = self_attention_data()  # e5-small: the strongest of the heads in which 小猫 is 它's strongest word
    >>> r.claim("focus_row").words, r.claim("view").values["layer"], r.claim("view").values["head"]
    (('它', '小猫'), 9, 9)
    """
    return read_sentence(SelfAttentionData, SPEC, ARTICLE_EXPECT, sentence, focus, False, **options)
