"""Chapter 2's data in one bundle: a step-by-step RNN run, the retention curve and the gradient norms."""

from __future__ import annotations

import json
from dataclasses import dataclass

from attention_core.errors import ExplainerError
from attention_core.rnn import DecayCurve, GradientCurves, RnnRun, gradient_norms, retention_curve, rnn_run
from attention_core.tokenize import tokenize

__all__ = [
    "ARTICLE_RETENTION_CLAIM",
    "LONG_SENTENCE",
    "MAX_RNN_TOKENS",
    "RETENTION_STEP",
    "RNN_SENTENCE",
    "RnnLimitsDemo",
    "rnn_limits_demo",
]

RNN_SENTENCE = "我爱吃苹果"
LONG_SENTENCE = "那个穿红衣服的女孩昨天在图书馆里看的书很精彩"
MAX_RNN_TOKENS = 8  # one unrolled RNN cell per word must fit across a 9:16 frame
RETENTION_STEP = 200  # where the curve is read off, as in the article
ARTICLE_RETENTION_CLAIM = 0.20  # the article says "about 20%" survives 200 steps: shown as its claim, not ours


@dataclass(frozen=True, eq=False)
class RnnLimitsDemo:
    """What recurrence cannot do, measured: ``run`` (one step per word), ``decay`` and ``gradients``.

    ``long_tokens`` are the words of the long sentence whose first word must survive to its last.
    """

    run: RnnRun
    long_tokens: tuple[str, ...]
    decay: DecayCurve
    gradients: GradientCurves

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words fed to the RNN one step at a time."""
        return self.run.tokens

    def retention_at_claim(self) -> float:
        """Our measured retention after :data:`RETENTION_STEP` steps (the article claims about 0.20)."""
        return self.decay.at(RETENTION_STEP)

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``."""
        d, g = self.decay, self.gradients
        return {
            "run": {"tokens": list(self.run.tokens), "X": self.run.X.tolist(), "H": self.run.H.tolist()},
            "long_tokens": list(self.long_tokens),
            "decay": {"steps": d.steps.tolist(), "retention": d.retention.tolist(), "scale": d.scale,
                      "d_hidden": d.d_hidden, "n_seeds": d.n_seeds, "at_step": RETENTION_STEP,
                      "measured": self.retention_at_claim(), "article_claim": ARTICLE_RETENTION_CLAIM},
            "gradients": {"steps": g.steps.tolist(), "scales": list(g.scales), "norms": g.norms.tolist()},
        }  # fmt: skip

    def to_json(self, indent: int | None = 2) -> str:
        """The demo as JSON (UTF-8 text, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def rnn_limits_demo(sentence: str | None = None) -> RnnLimitsDemo:
    """Run the three RNN measurements; ``sentence`` (2 to 8 words) replaces 我爱吃苹果 in the first.

    >>> demo = rnn_limits_demo()
    >>> demo.tokens, demo.run.H.shape, bool(0.0 < demo.retention_at_claim() < 0.2)
    (('我', '爱', '吃', '苹果'), (4, 3), True)
    """
    tokens = tokenize(sentence or RNN_SENTENCE)
    if not 2 <= len(tokens) <= MAX_RNN_TOKENS:
        raise ExplainerError(
            f"the sentence has {len(tokens)} words; this chapter steps through 2 to {MAX_RNN_TOKENS} words"
        )
    run = rnn_run(sentence or RNN_SENTENCE)
    decay = retention_curve(steps=240)
    gradients = gradient_norms(steps=50, scales=(0.8, 1.2))
    return RnnLimitsDemo(run, tokenize(LONG_SENTENCE), decay, gradients)
