"""Chapter 2, rnn-limits: a recurrent network reads the sentence step by step. The steps shown (every one, or the
first five and the last for a long sentence, with a ``fast_forward`` claim), the long path, how much a signal keeps
after 200 steps for each scale of the recurrent weights (re-read from ``attention_core.retention_curve``) and the
gradient norms' trend."""

from __future__ import annotations

from functools import lru_cache

from attention_core import Claim, retention_curve
from scenes.strings import text
from tests.oracle.chapter import Case, Traits, chapter_check
from tests.oracle.written import D, close_to

TRAITS = Traits("rnn-limits")


def _claims(case: Case) -> list[str]:
    return check_rnn(case.data, case.tokens)


@lru_cache(maxsize=4)
def retention_at(scale: float, at: int) -> float:
    return retention_curve(steps=at, scale=scale).at(at)


def scale_text(s: float) -> str:
    return f"{s:.3f}".rstrip("0").rstrip(".")


def check_rnn(data, sent_tokens) -> list[str]:
    """The steps, the long path, retention and the gradients."""
    return _steps_problems(data, sent_tokens) + _retention_problems(data) + _gradient_problems(data)


def _steps_problems(data, sent_tokens) -> list[str]:
    """Every word a step (the hidden states' rows), the steps shown, the fast-forward, the long path."""
    p = []
    n = len(sent_tokens)
    if tuple(data.tokens) != tuple(sent_tokens) or data.run.H.shape[0] != n:
        p.append(f"rnn tokens/H rows {len(data.tokens)}/{data.run.H.shape[0]} != {n}")
    if data.claim("rnn_steps").values.get("n") != n:
        p.append(f"rnn_steps {data.claim('rnn_steps').values} != {n}")
    steps = tuple(range(n)) if n <= 8 else (0, 1, 2, 3, 4, n - 1)
    if tuple(data.shown_steps) != steps:
        p.append(f"shown_steps {data.shown_steps} != {steps}")
    if n > 8:
        if not data.has_claim("fast_forward"):
            p.append("no fast_forward claim for a long sentence")
        else:
            c = data.claim("fast_forward")
            want = {"stepped": 5, "skipped_first": 6, "skipped_last": n - 1, "total": n}
            p += [f"fast_forward: {k} {c.values.get(k)!r} != {x!r}" for k, x in want.items() if c.values.get(k) != x]
    elif data.has_claim("fast_forward"):
        p.append("fast_forward claim for a short sentence")
    c = data.claim("long_path")
    lt = data.long_tokens
    if c.values.get("steps") != len(lt) - 1 or tuple(c.words) != (lt[0], lt[-1]):
        p.append(f"long_path {c.words} {c.values} for {len(lt)} words")
    return p


def _retention_problems(data) -> list[str]:
    """Each curve's retention at step 200 as written, and the article's scale keeping about 20 %."""
    p = []
    v = data.claim("retention").values
    at = v.get("at")
    if at != 200:
        p.append(f"retention read at {at}, not 200")
    pts = v.get("points", [])
    if len(pts) != len(data.decay):
        p.append("retention points do not match the curves")
    for pt, curve in zip(pts, data.decay, strict=False):
        want = {"scale": scale_text(curve.scale), "retention": f"{curve.at(200) * 100:.1f}%"}
        if pt != want:
            p.append(f"retention point {pt} != {want}")
    if v.get("article") != "20%" or v.get("article_scale") != f"{data.article_scale:.3f}":
        p.append(f"article {v.get('article')} / {v.get('article_scale')} vs {data.article_scale}")
    r = retention_at(float(D(v.get("article_scale", "0"))), 200)
    if abs(r - 0.20) > 0.01:
        p.append(f"scale {v.get('article_scale')} keeps {r:.3f} at step 200, not about 20%")
    return p


def _gradient_problems(data) -> list[str]:
    """Each scale's gradient: its last norm as written and its trend (vanishing, exploding, bounded)."""
    p = []
    g = data.gradients
    for k, scale in enumerate(g.scales):
        c = data.claim(f"gradient:{k}")
        final = float(g.norms[k][-1])
        trend = "vanishing" if final < 1e-2 else "exploding" if final > 1e2 else "bounded"
        want = {"scale": f"{scale:.1f}", "steps": int(g.steps[-1]), "trend": trend, "above_one": bool(scale > 1)}
        p += [
            f"gradient:{k}: {key} {c.values.get(key)!r} != {x!r}" for key, x in want.items() if c.values.get(key) != x
        ]
        if not close_to(c.values.get("norm", "nan"), final):
            p.append(f"gradient:{k}: norm {c.values.get('norm')} is not {final!r}")
    return p


def stated(data) -> list[tuple[Claim, str, dict]]:
    """(claim, template key, extra fields) for every caption the chapter's scene makes from a claim."""
    c = data.claim
    pts = c("retention").values["points"]
    out = [("rnn_steps", "rnn.seq", {})]
    if data.has_claim("fast_forward"):
        out.append(("fast_forward", "rnn.fast_forward", {}))
    out += [("rnn_steps", "rnn.done", {}), ("long_path", "rnn.long", {})]
    for lang in ("en", "zh"):
        points = ("、" if lang == "zh" else ", ").join(text(lang, "rnn.point", **pt) for pt in pts)
        out.append(("retention", "rnn.family", {"points": points, "_lang": lang}))
    out.append(("retention", "rnn.article", {}))
    out += [(f"gradient:{k}", "rnn.gradient", {}) for k in range(len(data.gradients.scales))]
    return [(c(t), k, e) for t, k, e in out]


check = chapter_check(TRAITS, _claims, stated)
