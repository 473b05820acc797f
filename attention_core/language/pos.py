"""Parts of speech, as far as the automatic focus word needs them: third-person pronouns, content words, marks.

* Chinese words (with a Han character) take their part of speech from jieba's dictionary (``jieba.posseg``; a word
  the dictionary does not hold is tagged by jieba's own model, and a compound takes its last part's tag, the head
  of a Chinese compound). Content words are nouns, verbs and adjectives and their kin (jieba tags n…, v…, a…,
  z… state, t… time, and i idiom, l set phrase, j abbreviation, s place, b distinguishing word); pronouns (r),
  adverbs (d), prepositions (p), conjunctions (c), particles (u…, y), numerals (m), measure words (q), locatives
  (f), interjections (e) and onomatopoeia (o) are function words.
* Other words (English, Latin script) are content words unless :data:`ENGLISH_FUNCTION_WORDS` (pronouns,
  determiners, prepositions, conjunctions, auxiliaries and modals, particles and a few closed-class adverbs)
  holds them, case-folded; a number is not a content word.
* A token with no letter and no digit is a mark: punctuation (Unicode P…) or a symbol (S…, emoji included).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from attention_core.language import segmenter

__all__ = [
    "CHINESE_CONTENT_TAGS",
    "ENGLISH_FUNCTION_WORDS",
    "THIRD_PERSON",
    "chinese_tag",
    "is_content",
    "is_mark",
    "is_third_person",
    "marks_of",
]

THIRD_PERSON = frozenset("它 他 她 它们 他们 她们 it he she they him her them".split())

CHINESE_CONTENT_TAGS = frozenset("i l j s b".split())  # besides every tag starting with n, v, a, z or t

ENGLISH_FUNCTION_WORDS = frozenset(
    """
    i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself
    we us our ours ourselves they them their theirs themselves one oneself who whom whose which what that this
    these those whoever whatever whichever anyone anybody anything everyone everybody everything someone somebody
    something nobody nothing none each either neither both all any some few many much several such other another
    the a an every no
    about above across after against along amid among around as at before behind below beneath beside besides
    between beyond by despite down during except for from in inside into like near of off on onto out outside
    over past per since than through throughout till to toward towards under underneath unlike until up upon via
    with within without
    and but or nor so yet because although though while whereas if unless whether once then when whenever where
    wherever
    am is are was were be been being do does did doing have has had having will would shall should can could may
    might must ought cannot
    not n't yes there here very too also just only even still already again ever never always often now
    don't doesn't didn't isn't aren't wasn't weren't can't couldn't won't wouldn't shouldn't haven't hasn't
    hadn't mustn't i'm i've i'll i'd you're you've you'll you'd he's he'll he'd she's she'll she'd it's it'll
    we're we've we'll we'd they're they've they'll they'd that's there's what's who's let's
    """.split()
)


def is_mark(token: str) -> bool:
    """True for a token with no letter and no digit: punctuation, symbols, emoji (with their variation selectors
    and other marks), spaces.

    >>> is_mark("。"), is_mark("cat"), is_mark("❤\\ufe0f"), is_mark("\\u0301")
    (True, False, True, True)
    """
    return not any(unicodedata.category(c)[0] in "LN" for c in token)


def marks_of(tokens: tuple[str, ...]) -> str:
    """What marks ``tokens`` hold: ``"punctuation"``, ``"symbols"`` (emoji and other symbols) or ``"both"``.

    >>> marks_of(("。", "!")), marks_of(("😀", "❤\\ufe0f")), marks_of(("!", "😀"))
    ('punctuation', 'symbols', 'both')
    """
    kinds = {"P" if any(unicodedata.category(c)[0] == "P" for c in t) else "S" for t in tokens if is_mark(t)}
    return "both" if len(kinds) > 1 else "punctuation" if kinds == {"P"} else "symbols"


def is_third_person(token: str) -> bool:
    """A third-person pronoun (它 他 她 它们 他们 她们 it he she they him her them), which refers back."""
    return token.casefold() in THIRD_PERSON


@lru_cache(maxsize=4096)
def chinese_tag(word: str) -> str:
    """jieba's part-of-speech tag of a Chinese word (module docstring).

    >>> chinese_tag("停下"), chinese_tag("你"), chinese_tag("的"), chinese_tag("吗")
    ('v', 'r', 'uj', 'y')
    """
    segmenter.jieba()
    import jieba.posseg

    tag = jieba.posseg.dt.word_tag_tab.get(word)
    if tag is None:
        parts = [p for p in jieba.posseg.lcut(word) if p.word.strip()]
        tag = parts[-1].flag if parts else "x"
    return tag


def _has_han(token: str) -> bool:
    return any("CJK UNIFIED" in unicodedata.name(c, "") for c in token)


def is_content(token: str) -> bool:
    """A content word (module docstring).

    >>> [is_content(t) for t in ("爱", "你", "的", "呢", "小猫", "beside", "me", "cat", "I", "42", "😀")]
    [True, False, False, False, True, False, False, True, False, False, False]
    """
    if is_mark(token) or token.replace(".", "").replace(",", "").isdigit():
        return False
    if _has_han(token):
        tag = chinese_tag(token)
        return tag[0] in "nvazt" or tag in CHINESE_CONTENT_TAGS
    folded = token.casefold().replace("’", "'")
    return folded not in ENGLISH_FUNCTION_WORDS and not any(c.isdigit() for c in folded)
