"""A small, documented feature lexicon: embeddings that make the article's point by construction.

Each known word is a vector over eight readable features. W_K is the identity (a key says what a word *is*);
W_Q says what a word *looks for*: a verb or a pronoun looks for a living agent, a noun looks for the action it
takes part in. So in "那只在花园里追逐蝴蝶的小猫突然停下了脚步", 停下 (a verb) matches 小猫 (living, the agent)
more than 蝴蝶 (living, but chased, not acting), and in "小猫在花园里追蝴蝶,然后它停下了", 它 does too. Words
outside the lexicon get seeded vectors (see :func:`attention_core.embed_tokens`), scaled down, so any sentence
works and the captions report whatever the numbers say.
"""

from __future__ import annotations

import numpy as np

from attention_core.kernel.attention import embed_tokens
from attention_core.kernel.trace import AttentionTrace, attention_trace
from attention_core.language.tokenize import detect_language, tokenize

__all__ = ["FEATURES", "FUNCTION_WORDS", "PRONOUNS", "lexicon_attention", "lexicon_embeddings", "lexicon_trace"]

FEATURES = ("living", "agent", "action", "place", "thing", "function", "adverb", "pronoun")
_F = {name: i for i, name in enumerate(FEATURES)}

PRONOUNS = frozenset("它 他 她 它们 他们 她们 it he she they him her them".split())
FUNCTION_WORDS = frozenset(
    "那 只 的 了 在 那个 这 这个 和 把 被 很 里 上 着 地 得 , ， 。 . ! ? ！ ？ 、 "
    "the a an that this in on of and to was is were at by with".split()
)


def _vec(**features: float) -> np.ndarray:
    v = np.zeros(len(FEATURES))
    for name, value in features.items():
        v[_F[name]] = value
    return v


_LIVING_AGENTS = (
    "小猫 猫 狗 小狗 女孩 男孩 老师 学生 我 你 鸟 cat kitten dog puppy girl boy teacher student i you bird"
)
_ACTIONS = (
    "停下 追逐 追 坐在 坐 跑 吃 爱 看 叫 飞 睡觉 走 穿 读 "
    "stopped stop stops chased chasing chases sat ran ate eat loves love saw read sleeps flew"
)
_PLACES = "花园里 花园 图书馆 家 公园 garden library park home"
_THINGS = "脚步 苹果 书 垫子 红衣服 衣服 球 花 steps apple book mat ball flower dress"
_ADVERBS = "突然 然后 昨天 今天 慢慢 suddenly then yesterday today slowly"

LEXICON: dict[str, np.ndarray] = {
    **{w: _vec(living=1.0, agent=1.0) for w in _LIVING_AGENTS.split()},
    **{w: _vec(living=1.0, agent=0.2, thing=0.3) for w in "蝴蝶 鱼 butterfly butterflies fish".split()},
    **{w: _vec(action=1.0) for w in _ACTIONS.split()},
    **{w: _vec(place=1.0) for w in _PLACES.split()},
    **{w: _vec(thing=1.0) for w in _THINGS.split()},
    **{w: _vec(adverb=1.0) for w in _ADVERBS.split()},
    **{w: _vec(function=1.0) for w in FUNCTION_WORDS},
    **{w: _vec(pronoun=1.0) for w in PRONOUNS},
}

# What each feature looks for (rows: the querying word's features; columns: the features it matches in keys).
_SHARPNESS = 4.5  # how peaked attention is: 小猫 gets about half of 停下's weight
W_Q = _SHARPNESS * np.array(
    [
        # living agent action place thing function adverb pronoun
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # living: which action am I in?
        [0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0],  # agent
        [0.5, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # action: who does it? (a living agent)
        [0.0, 0.0, 0.6, 0.0, 0.0, 0.0, 0.0, 0.0],  # place: what happens here?
        [0.0, 0.0, 0.8, 0.0, 0.0, 0.0, 0.0, 0.0],  # thing: what is done with me?
        [0.0, 0.0, 0.0, 0.0, 0.3, 0.0, 0.0, 0.0],  # function word: the nearest thing, weakly
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # adverb: which action do I modify?
        [0.8, 0.8, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # pronoun: which living agent do I stand for?
    ]
)
W_K = np.eye(len(FEATURES))
W_V = np.eye(len(FEATURES))


def lexicon_embeddings(tokens: tuple[str, ...], seed: int = 0) -> tuple[np.ndarray, tuple[bool, ...]]:
    """Feature vectors ``(n, 8)`` for ``tokens`` and which of them the lexicon knew.

    Unknown words get seeded vectors scaled by 0.5: deterministic, and weaker than a lexicon entry.

    >>> x, known = lexicon_embeddings(("小猫", "停下", "咖啡"))
    >>> x[0].tolist()[:3], known
    ([1.0, 1.0, 0.0], (True, True, False))
    """
    known = tuple(t.casefold() in LEXICON for t in tokens)
    seeded = 0.5 * embed_tokens(tokens, len(FEATURES), seed)
    rows = [LEXICON[t.casefold()] if k else seeded[i] for i, (t, k) in enumerate(zip(tokens, known, strict=True))]
    return np.array(rows).reshape(len(tokens), len(FEATURES)), known


def lexicon_attention(tokens: tuple[str, ...], causal: bool = False, seed: int = 0, **info) -> AttentionTrace:
    """Attention over lexicon embeddings of ``tokens`` with the designed W_Q, W_K = W_V = I (d_model = d_k = 8).

    ``info`` (sentence, lang) is kept on the trace.

    >>> t = lexicon_attention(("小猫", "追", "它"))
    >>> t.tokens[int(np.argmax(t.weights[2]))], t.meta["known"]
    ('小猫', [True, True, True])
    """
    x, known = lexicon_embeddings(tokens, seed)
    meta = {"embedding": "lexicon", "known": list(known), "features": list(FEATURES)}
    return attention_trace(tokens, x, W_Q, W_K, W_V, causal=causal, seed=seed, meta=meta, **info)


def lexicon_trace(sentence: str, lang: str | None = None, causal: bool = False, seed: int = 0) -> AttentionTrace:
    """:func:`lexicon_attention` over the tokens of ``sentence``.

    >>> t = lexicon_trace("小猫在花园里追蝴蝶,然后它停下了")
    >>> i = t.tokens.index("它")
    >>> t.tokens[int(np.argmax(t.weights[i]))]
    '小猫'
    """
    tokens = tokenize(sentence, lang)
    return lexicon_attention(tokens, causal, seed, sentence=sentence, lang=lang or detect_language(sentence))
