"""Split an example sentence into the tokens the chapters show.

Rules, in order:

* text with whitespace is split exactly where the writer put spaces (``"猫 坐在 垫子 上"`` -> 4 tokens), and
  punctuation (ASCII or full-width: ``mat。``) is split off the words;
* Chinese (text with a Han character) without spaces is segmented into words by jieba (deterministic, dictionary
  based); Latin words and punctuation between Chinese are split like English;
* English is split into words and punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from attention_core.errors import ExplainerError
from attention_core.language import segmenter

__all__ = ["MAX_SENTENCE_CHARS", "clean_sentence", "detect_language", "tokenize", "typed_text", "word_spans"]

MAX_SENTENCE_CHARS = 200

# Han ideographs make a sentence Chinese; CJK punctuation and full-width forms alone do not.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
# a word (letters and digits, with inner apostrophes: didn't) or one punctuation mark or symbol
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", re.UNICODE)


def detect_language(text: str) -> str:
    """Return ``"zh"`` if the text holds a Chinese character (Han ideograph), else ``"en"``.

    >>> detect_language("那只小猫"), detect_language("The cat sat."), detect_language("The cat sat on the mat。")
    ('zh', 'en', 'en')
    """
    return "zh" if _HAN.search(text) else "en"


def clean_sentence(text: str) -> str:
    """Normalise to NFC, strip, and refuse text no chapter can show (empty, too long, control characters); the
    tokens of :func:`tokenize` are pieces of this text, in order."""
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise ExplainerError("the sentence is empty; give at least one word")
    if len(text) > MAX_SENTENCE_CHARS:
        raise ExplainerError(f"the sentence has {len(text)} characters; the limit is {MAX_SENTENCE_CHARS}")
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") and not c.isspace()]
    if bad:
        raise ExplainerError(f"the sentence holds an invisible or control character (U+{ord(bad[0]):04X}); remove it")
    return text


def _segment_chinese(text: str) -> list[str]:
    """Han runs are segmented by jieba; everything between them is split into words and punctuation."""
    jieba = segmenter.jieba()
    out: list[str] = []
    last = 0
    for run in _HAN_RUN.finditer(text):
        out += _words(text[last : run.start()])
        out += [t for t in jieba.lcut(run.group()) if t.strip()]
        last = run.end()
    return out + _words(text[last:])


def _words(text: str) -> list[str]:
    """Words and punctuation marks; combining marks stay with the letter before them.

    >>> _words("mat。 x\u0301!")
    ['mat', '。', 'x\u0301', '!']
    """
    out: list[str] = []
    for t in _TOKEN.findall(text):
        if out and all(unicodedata.category(c).startswith("M") for c in t):
            out[-1] += t
        else:
            out.append(t)
    return out


def tokenize(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Split ``text`` into tokens; ``lang`` is ``"zh"``, ``"en"`` or None to detect it.

    >>> tokenize("猫 坐在 垫子 上")
    ('猫', '坐在', '垫子', '上')
    >>> tokenize("The cat sat on the mat。")
    ('The', 'cat', 'sat', 'on', 'the', 'mat', '。')
    >>> tokenize("我爱吃苹果")
    ('我', '爱', '吃', '苹果')
    >>> tokenize("小猫 停下了。")
    ('小猫', '停下了', '。')
    """
    text = clean_sentence(text)
    lang = lang or detect_language(text)
    if lang not in ("zh", "en"):
        raise ExplainerError(f"unknown language {lang!r}; use zh or en")
    if any(c.isspace() for c in text):  # the writer's spaces decide the words; punctuation is split off
        return tuple(t for chunk in text.split() for t in (_words(chunk) or [chunk]))
    if detect_language(text) == "zh":
        return tuple(_segment_chinese(text)) or (text,)
    return tuple(_words(text)) or (text,)


def word_spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Each word's (start, end) in ``text``, found in order (the words are pieces of the text, as tokenize makes).

    >>> word_spans("猫 坐在 垫子", ("猫", "坐在", "垫子"))
    [(0, 1), (2, 4), (5, 7)]
    """
    spans, at = [], 0
    for w in words:
        start = text.find(w, at)
        if start < 0:
            raise ExplainerError(f"word {w!r} is not in the text at or after character {at}")
        spans.append((start, start + len(w)))
        at = start + len(w)
    return spans


def typed_text(sentence: str, tokens: tuple[str, ...], start: int, stop: int) -> str:
    """Words ``start``..``stop - 1`` of ``sentence`` (whose tokens are ``tokens``) as the writer typed them, spaces
    and all.

    >>> typed_text('She said "yes" (twice)', tokenize('She said "yes" (twice)'), 0, 8)
    'She said "yes" (twice)'
    """
    text = clean_sentence(sentence)
    spans = word_spans(text, tokens)
    return text[spans[start][0] : spans[stop - 1][1]]
