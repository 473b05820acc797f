"""Chapter 4, qkv: the library analogy (query, keys, values), then X·W_Q, X·W_K, X·W_V with real numbers on the
small trace chapter 5 shares (:mod:`attention_core.chapter.small`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from attention_core.chapter.base import TraceData, window_for
from attention_core.chapter.small import floats, small_trace
from attention_core.claims.claim import Claim, first_entry, read_row
from attention_core.claims.display import fmt
from attention_core.kernel.library import LibraryDemo, library_demo
from scenes.qkv.spec import SPEC

__all__ = ["QkvData", "qkv_data"]


@dataclass(frozen=True, eq=False)
class QkvData(TraceData):
    """Chapter 4: the library analogy in both caption languages, and the trace whose X·W gives Q, K, V."""

    library_zh: LibraryDemo
    library_en: LibraryDemo

    def library(self, lang: str) -> LibraryDemo:
        """The library analogy with titles in ``lang`` ("zh" or "en")."""
        return self.library_zh if lang == "zh" else self.library_en

    def arrays(self) -> dict:
        """The library (both languages) and the attention trace."""
        return {
            "library_zh": self.library_zh.to_dict(),
            "library_en": self.library_en.to_dict(),
            "trace": self.trace.to_dict(),
        }

    def make_claims(self) -> Iterable[Claim]:
        for lang in ("zh", "en"):
            yield from _library_claims(self.library(lang), lang)
        tr = self.trace
        yield Claim("shape", "shape", (), {"n": tr.n, "d": tr.X.shape[1]}, {"X": list(tr.X.shape)})
        yield first_entry("first_entry:Q", tr.X, tr.W_q, tr.Q, SPEC.in_decimals, SPEC.in_decimals)


def _library_claims(lib: LibraryDemo, lang: str) -> Iterable[Claim]:
    matches = [fmt(m, 0) for m in lib.matches]
    yield Claim(f"lib_matches:{lang}", "matches", lib.titles, {"matches": matches}, {"query": lib.query})
    yield read_row(f"lib_best:{lang}", lib.titles, lib.weights, None, range(len(lib.titles)))
    top = lib.top_topic
    share = lib.weights * lib.contents[:, top]  # how much of the top topic each book brings
    source = int(np.argmax(share))
    values = {
        "topic": lib.topics[top],
        "r": fmt(float(lib.reading[top]), 2),
        "from": lib.titles[source],
        "mostly": bool(share[source] > 0.5 * lib.reading[top]),
    }
    yield Claim(
        f"lib_reading:{lang}",
        "top_share",
        (lib.titles[source], lib.topics[top]),
        values,
        {"reading": floats(lib.reading), "shares": floats(share)},
    )


def qkv_data(sentence: str | None = None, focus: str | None = None) -> QkvData:
    """Chapter 4's data: ``sentence`` (default: the chapter's own) and the library in both languages (``focus`` is
    accepted as by every chapter and not used: this chapter reads no single word's row).

    >>> d = qkv_data()
    >>> d.tokens, d.trace.X.shape, d.trace.Q.shape, d.claim("lib_best:en").words
    (('我', '爱', '吃', '苹果'), (4, 4), (4, 3), ('Deep Learning Basics',))
    """
    trace = small_trace(SPEC.sentence if sentence is None else sentence)
    return QkvData(trace, window_for(trace.n, trace.n), library_demo("zh"), library_demo("en"))
