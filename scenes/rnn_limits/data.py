"""Chapter 2, rnn-limits, in one bundle: a step-by-step RNN run, retention curves and gradient norms, with claims.

The run goes over every word of the sentence; a chapter can draw :data:`MAX_RNN_STEPS` cells legibly, so a
longer sentence is stepped through for its first words, fast-forwarded, and finished on its last word, with the
true step count on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from attention_core.chapter.base import ChapterData, Window, check_sentence, window_for
from attention_core.claims.claim import Claim
from attention_core.claims.display import fmt, fmt_magnitude, fmt_percent
from attention_core.kernel.rnn import (
    DecayCurve,
    GradientCurves,
    RnnRun,
    gradient_norms,
    retention_family,
    rnn_run,
    scale_for_retention,
)
from attention_core.language.tokenize import tokenize
from scenes.rnn_limits.spec import SPEC

__all__ = [
    "ARTICLE_RETENTION_CLAIM",
    "LONG_SENTENCE",
    "MAX_RNN_STEPS",
    "RETENTION_STEP",
    "STEPPED",
    "RnnLimitsData",
    "gradient_trend",
    "rnn_limits_data",
]

LONG_SENTENCE = "那个穿红衣服的女孩昨天在图书馆里看的书很精彩"
MAX_RNN_STEPS = 8  # one unrolled cell per word fits across a 9:16 frame up to here
STEPPED = 5  # a longer sentence: these first steps one by one, then fast-forward to the last word
RETENTION_STEP = 200  # where the curves are read off, as in the article
ARTICLE_RETENTION_CLAIM = 0.20  # the article says "about 20%" survives 200 steps: shown as its claim, not ours
VANISHED, EXPLODED = 1e-2, 1e2  # a gradient below / above these after the last step vanished / exploded


def gradient_trend(final: float) -> str:
    """``"vanishing"``, ``"exploding"`` or ``"bounded"`` for a gradient norm after the last step back.

    >>> gradient_trend(2e-10), gradient_trend(3.1), gradient_trend(4e3)
    ('vanishing', 'bounded', 'exploding')
    """
    return "vanishing" if final < VANISHED else "exploding" if final > EXPLODED else "bounded"


@dataclass(frozen=True, eq=False)
class RnnLimitsData(ChapterData):
    """What recurrence cannot do, measured: ``run`` (one step per word), ``decay`` and ``gradients``.

    ``decay`` holds one retention curve per recurrent scale; ``article_scale`` is the scale at which the
    retention after :data:`RETENTION_STEP` steps is the article's 20 %. ``long_tokens`` are the words of the long
    sentence whose first word must survive to its last.
    """

    run: RnnRun
    window: Window
    long_tokens: tuple[str, ...]
    decay: tuple[DecayCurve, ...]
    article_scale: float
    gradients: GradientCurves

    @property
    def tokens(self) -> tuple[str, ...]:
        """The words fed to the RNN one step at a time (all of them)."""
        return self.run.tokens

    @property
    def shown_steps(self) -> tuple[int, ...]:
        """The steps drawn as cells: all, or the first :data:`STEPPED` and the last (fast-forward between)."""
        n = len(self.tokens)
        return tuple(range(n)) if n <= MAX_RNN_STEPS else (*range(STEPPED), n - 1)

    def arrays(self) -> dict:
        """The run, the shown steps, the long sentence, the retention curves and the gradient norms."""
        g = self.gradients
        return {
            "run": {"X": self.run.X.tolist(), "H": self.run.H.tolist(), "shown_steps": list(self.shown_steps)},
            "long_tokens": list(self.long_tokens),
            "decay": {
                "scales": [c.scale for c in self.decay],
                "steps": self.decay[0].steps.tolist(),
                "retention": [c.retention.tolist() for c in self.decay],
                "at_step": RETENTION_STEP,
                "d_hidden": self.decay[0].d_hidden,
                "n_seeds": self.decay[0].n_seeds,
                "article_claim": ARTICLE_RETENTION_CLAIM,
                "article_scale": self.article_scale,
            },
            "gradients": {
                "steps": g.steps.tolist(),
                "scales": list(g.scales),
                "norms": g.norms.tolist(),
                "linear_bounds": g.bounds.tolist(),
                "n_seeds": g.n_seeds,
            },
        }

    def make_claims(self) -> Iterable[Claim]:
        n = len(self.tokens)
        yield Claim("rnn_steps", "rnn_steps", (), {"n": n}, {"H_rows": len(self.run.H)})
        if n > MAX_RNN_STEPS:
            values = {"stepped": STEPPED, "skipped_first": STEPPED + 1, "skipped_last": n - 1, "total": n}
            yield Claim(
                "fast_forward",
                "fast_forward",
                (self.tokens[0], self.tokens[-1]),
                values,
                {"shown_steps": list(self.shown_steps)},
            )
        long = self.long_tokens
        yield Claim("long_path", "path_steps", (long[0], long[-1]), {"steps": len(long) - 1}, {"tokens": list(long)})
        yield self._retention_claim()
        for k, scale in enumerate(self.gradients.scales):
            final = float(self.gradients.norms[k, -1])
            values = {
                "scale": fmt(scale, 1),
                "steps": int(self.gradients.steps[-1]),
                "norm": fmt_magnitude(final),
                "trend": gradient_trend(final),
                "above_one": scale > 1,
            }
            yield Claim(f"gradient:{k}", "gradient", (), values, {"norms": self.gradients.norms[k].tolist()})

    def _retention_claim(self) -> Claim:
        points = [
            {"scale": fmt(c.scale, 3).rstrip("0").rstrip("."), "retention": fmt_percent(c.at(RETENTION_STEP))}
            for c in self.decay
        ]
        values = {
            "at": RETENTION_STEP,
            "points": points,
            "article": fmt_percent(ARTICLE_RETENTION_CLAIM, 0),
            "article_scale": fmt(self.article_scale, 3),
        }
        evidence = {
            "retention_at": [c.at(RETENTION_STEP) for c in self.decay],
            "scales": [c.scale for c in self.decay],
        }
        return Claim("retention", "retention_family", (), values, evidence)


def rnn_limits_data(sentence: str | None = None, focus: str | None = None) -> RnnLimitsData:
    """Run the RNN measurements; ``sentence`` (any accepted sentence) replaces 我爱吃苹果 in the first (``focus``:
    not used, the RNN reads every word).

    >>> d = rnn_limits_data()
    >>> d.tokens, d.run.H.shape, d.claim("retention").values["article_scale"]
    (('我', '爱', '吃', '苹果'), (4, 3), '0.996')
    >>> d = rnn_limits_data(" ".join("abcdefghijklm"))
    >>> d.shown_steps, d.claim("fast_forward").values["total"]
    ((0, 1, 2, 3, 4, 12), 13)
    """
    tokens = check_sentence(sentence or SPEC.sentence)
    decay = retention_family(steps=240)
    article_scale = scale_for_retention(ARTICLE_RETENTION_CLAIM, RETENTION_STEP)
    window = window_for(len(tokens), len(tokens))
    return RnnLimitsData(rnn_run(tokens), window, tokenize(LONG_SENTENCE), decay, article_scale, gradient_norms())
