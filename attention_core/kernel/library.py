"""The library analogy of Q, K, V with real numbers: a query, book titles as keys, contents as values.

Every title and the query are bags of words (jieba for Chinese); a title's match score is the number of words
it shares with the query, divided by a temperature of 0.5 before softmax, so one shared word is a clear
preference but not a certainty. Each book's contents (its value) is a vector over four topics; the reading is
the weighted mix of the contents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from attention_core.kernel.arrays import freeze_arrays
from attention_core.kernel.attention import softmax
from attention_core.language.tokenize import tokenize

__all__ = ["LibraryDemo", "library_demo"]

TEMPERATURE = 0.5

_BOOKS = {
    "zh": (
        "深度学习",
        ("深度学习入门", "机器学习实战", "家常菜谱", "线性代数"),
        ("深度学习", "机器学习", "数学", "烹饪"),
    ),
    "en": (
        "deep learning",
        ("Deep Learning Basics", "Machine Learning in Action", "Home Cooking", "Linear Algebra"),
        ("deep learning", "machine learning", "math", "cooking"),
    ),
}
# contents of each book over the topics above (rows sum to 1)
_CONTENTS = np.array(
    [
        [0.7, 0.2, 0.1, 0.0],
        [0.2, 0.6, 0.2, 0.0],
        [0.0, 0.0, 0.0, 1.0],
        [0.0, 0.1, 0.9, 0.0],
    ]
)


@dataclass(frozen=True, eq=False)
class LibraryDemo:
    """``titles (n,)`` = keys; ``matches (n,)`` shared words; ``weights (n,)``; ``contents (n, topics)`` = values;
    ``reading (topics,)`` = weights · contents."""

    query: str
    titles: tuple[str, ...]
    topics: tuple[str, ...]
    matches: np.ndarray
    weights: np.ndarray
    contents: np.ndarray
    reading: np.ndarray

    def __post_init__(self) -> None:
        freeze_arrays(self, "matches", "weights", "contents", "reading")

    @property
    def top_topic(self) -> int:
        """Index of the topic the reading holds most of."""
        return int(np.argmax(self.reading))

    def to_dict(self) -> dict:
        """Plain lists and numbers for ``json.dumps``."""
        arrays = {
            k: np.asarray(getattr(self, k), dtype=float).tolist()
            for k in ("matches", "weights", "contents", "reading")
        }
        return {"query": self.query, "titles": list(self.titles), "topics": list(self.topics), **arrays}


def _words(text: str) -> set[str]:
    return {t.casefold() for t in tokenize(text) if t.strip()}


def library_demo(lang: str = "zh") -> LibraryDemo:
    """The query against four books, in Chinese or English.

    >>> demo = library_demo("zh")
    >>> demo.titles[int(np.argmax(demo.weights))], round(float(demo.weights.sum()), 6)
    ('深度学习入门', 1.0)
    """
    query, titles, topics = _BOOKS[lang]
    q = _words(query)
    matches = np.array([len(q & _words(title)) for title in titles], dtype=float)
    weights = softmax(matches / TEMPERATURE)
    return LibraryDemo(query, titles, topics, matches, weights, _CONTENTS, weights @ _CONTENTS)
