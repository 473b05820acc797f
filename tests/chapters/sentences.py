"""The sentences the property tests draw (hypothesis strategies): Chinese lexicon words and random Han characters,
English words and random lowercase words, punctuation, repeats (ties, even rows), mixed scripts, with and without
spaces, 1 to 34 pieces (so the 2..32 token limit is crossed both ways) (:func:`sentences`); and for a trained model
English (MiniLM's), Chinese and mixed sentences (:func:`english`, :func:`chinese`, :func:`mixed`)."""

from __future__ import annotations

from hypothesis import strategies as st

ZH_WORDS = (
    "小猫 猫 狗 小狗 停下 追逐 追 坐在 它 他 她 它们 他们 她们 的 了 在 花园里 蝴蝶 那 只 突然 脚步 苹果 "
    "我 爱 吃 女孩 书 看 然后 那个 很 上 垫子"
).split()


EN_WORDS = (
    "cat dog it he she they him her them the a an and then ran stopped The It He Dog Cat kitten bird "
    "sat mat apple book suddenly in on of was steps itself"
).split()


PUNCT = tuple(",.。，!?;:、…-'\"()%$+！？")


SYMBOLS = ("★", "©", "😀", "❤️", "✔️", "☺️", "3", "42", "ß", "é", "didn't", "Дом")  # ❤️ = U+2764 U+FE0F


han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=3)


latin = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7)


piece = st.one_of(
    st.sampled_from(ZH_WORDS),
    st.sampled_from(EN_WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(SYMBOLS),
    han,
    latin,
    latin.map(str.capitalize),
)


@st.composite
def sentences(draw) -> str:
    """A sentence the tokenizer may or may not accept (mostly it does)."""
    mode = draw(st.sampled_from(("spaced", "spaced", "nospace", "repeat", "repeat", "even", "long")))
    if mode == "long":
        n = draw(st.integers(17, 34))
    else:
        n = draw(st.integers(1, 12) | st.integers(1, 34))
    if mode in ("repeat", "even"):
        vocab = draw(st.lists(piece, min_size=1, max_size=1 if mode == "even" else 3))
        pieces = [draw(st.sampled_from(vocab)) for _ in range(n)]
    else:
        pieces = draw(st.lists(piece, min_size=n, max_size=n))
    sep = "" if mode == "nospace" else draw(st.sampled_from((" ", " ", " ", "  ")))
    return sep.join(pieces)


EN_PIECE = st.one_of(
    st.sampled_from(EN_WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(("😀", "❤️", "42", "didn't", "é")),
    latin,
    latin.map(str.capitalize),
)


ZH_PIECE = st.one_of(
    st.sampled_from(ZH_WORDS),
    st.sampled_from(ZH_WORDS),
    st.sampled_from(tuple("，。！？、…") + ("😀", "42")),
    han,
)


@st.composite
def english(draw, least: int = 1) -> str:
    """An English sentence for MiniLM (an English model): words, some punctuation and emoji, repeats; ``least``
    pieces at least."""
    n = draw(st.integers(max(2, least), 12) | st.integers(least, 20))
    vocab = draw(st.lists(EN_PIECE, min_size=1, max_size=3 if draw(st.booleans()) else n))
    return " ".join(draw(st.sampled_from(vocab)) for _ in range(n))


@st.composite
def chinese(draw) -> str:
    """A Chinese sentence, with spaces between words or none (then jieba segments it), sometimes repeating words."""
    n = draw(st.integers(2, 8) | st.integers(2, 20))
    vocab = draw(st.lists(ZH_PIECE, min_size=1, max_size=3 if draw(st.integers(0, 3)) == 0 else n))
    return draw(st.sampled_from(("", " "))).join(draw(st.sampled_from(vocab)) for _ in range(n))


@st.composite
def mixed(draw) -> str:
    """Chinese and English words, punctuation and symbols in one sentence (at most 20 pieces: the model reads 16)."""
    n = draw(st.integers(2, 8) | st.integers(2, 18))
    pieces = draw(st.lists(st.one_of(ZH_PIECE, EN_PIECE, st.sampled_from(SYMBOLS)), min_size=n, max_size=n))
    return draw(st.sampled_from((" ", "", " "))).join(pieces)
