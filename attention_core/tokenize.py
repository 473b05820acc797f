"""Split an example sentence into the tokens the chapters show.

Rules, in order:

* text with whitespace is split exactly where the writer put spaces (``"猫 坐在 垫子 上"`` -> 4 tokens);
  English is further split into words and punctuation;
* Chinese without spaces is segmented into words by jieba (deterministic, dictionary based);
* English is split into words and punctuation.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from attention_core.errors import ExplainerError

__all__ = ["MAX_SENTENCE_CHARS", "detect_language", "tokenize"]

MAX_SENTENCE_CHARS = 200

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_EN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", re.UNICODE)


def detect_language(text: str) -> str:
    """Return ``"zh"`` if the text holds any CJK character, else ``"en"``.

    >>> detect_language("那只小猫"), detect_language("The cat sat.")
    ('zh', 'en')
    """
    return "zh" if _CJK.search(text) else "en"


def _clean(text: str) -> str:
    """Normalise to NFC and refuse text no chapter can show (empty, too long, control characters)."""
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
    import jieba  # imported lazily: loading its dictionary costs ~0.5 s

    jieba.setLogLevel(logging.WARNING)
    return [t for t in jieba.lcut(text) if t.strip()]


def tokenize(text: str, lang: str | None = None) -> tuple[str, ...]:
    """Split ``text`` into tokens; ``lang`` is ``"zh"``, ``"en"`` or None to detect it.

    >>> tokenize("猫 坐在 垫子 上")
    ('猫', '坐在', '垫子', '上')
    >>> tokenize("The cat sat on the mat.")
    ('The', 'cat', 'sat', 'on', 'the', 'mat', '.')
    >>> tokenize("我爱吃苹果")
    ('我', '爱', '吃', '苹果')
    """
    text = _clean(text)
    lang = lang or detect_language(text)
    if lang not in ("zh", "en"):
        raise ExplainerError(f"unknown language {lang!r}; use zh or en")
    has_cjk = detect_language(text) == "zh"
    if any(c.isspace() for c in text):
        chunks = text.split()
        if has_cjk:
            return tuple(chunks)
        return tuple(t for chunk in chunks for t in (_EN_TOKEN.findall(chunk) or [chunk]))
    if has_cjk:
        return tuple(_segment_chinese(text))
    return tuple(_EN_TOKEN.findall(text)) or (text,)
