"""The two models' own tokenizers, with every piece's character span in the input text.

* :func:`unigram_pieces` (e5-small, XLM-R SentencePiece): the file's character normalisation map, runs of spaces
  collapsed, "▁" for every space and in front; then Viterbi over the pieces' scores (an unknown character scores
  the lowest piece score − 10), as the model's own C engine does.
* :func:`wordpiece_pieces` (MiniLM, BERT uncased): clean, space around CJK ideographs, lower case, strip
  accents, split off punctuation, then greedy longest-match WordPiece with "##" continuations.

A piece's span (start, end) indexes the input text, so the pieces can be grouped into the sentence's words; a
span may be empty (a "▁" standing alone) and a piece may cross a word boundary (``的小`` over 的 | 小猫).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np

__all__ = ["Piece", "UnigramTokenizer", "WordPieceTokenizer"]

META = "▁"


@dataclass(frozen=True)
class Piece:
    """One model token: its text, vocabulary id and span in the input (``special`` for <s>, [CLS]…)."""

    text: str
    id: int
    start: int
    end: int
    special: bool = False


class UnigramTokenizer:
    """XLM-R SentencePiece unigram over the pieces and scores of :func:`attention_core.model_files.read_e5`."""

    def __init__(self, data) -> None:
        self.data = data

    @cached_property
    def _index(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.data.pieces) if i != self.data.unk and p}

    @cached_property
    def _longest(self) -> int:
        return max(len(p) for p in self._index)

    def _normalized(self, text: str) -> tuple[str, list[int]]:
        """Normalised text with "▁" for spaces (and one in front), and each character's index in ``text``."""
        chars: list[tuple[str, int]] = []
        for i, ch in enumerate(text):
            for cp in self.data.normalize.get(ord(ch), (ord(ch),)):
                c = chr(cp)
                if c == " " and chars and chars[-1][0] == " ":
                    continue  # runs of spaces collapse
                chars.append((c, i))
        if not chars or chars[0][0] != " ":
            chars.insert(0, (" ", -1))  # the "▁" in front stands for no character of the text
        return "".join(META if c == " " else c for c, _ in chars), [i for _, i in chars]

    def pieces(self, text: str) -> list[Piece]:
        """``<s>``, the pieces of ``text``, ``</s>``.

        >>> from attention_core.models.model_files import read_e5
        >>> tok = UnigramTokenizer(read_e5()[1])
        >>> [p.text for p in tok.pieces("The cat")]
        ['<s>', '▁The', '▁cat', '</s>']
        """
        norm, origin = self._normalized(text)
        n, scores, unk_score = len(norm), self.data.scores, float(self.data.scores.min()) - 10.0
        best = np.full(n + 1, -np.inf)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)  # (from, piece id or -1 for unknown)
        for i in range(n):
            if best[i] == -np.inf:
                continue
            for e in range(i + 1, min(n, i + self._longest) + 1):
                idx = self._index.get(norm[i:e])
                if idx is not None and best[i] + scores[idx] > best[e]:
                    best[e], back[e] = best[i] + scores[idx], (i, idx)
            if best[i] + unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + unk_score, (i, -1)
        spans, e = [], n
        while e > 0:
            i, idx = back[e]
            spans.append((i, e, idx))
            e = i
        out = [Piece("<s>", self.data.bos, 0, 0, special=True)]
        for i, e, idx in reversed(spans):
            first = next((origin[k] for k in range(i, e) if norm[k] != META), None)
            start = origin[e - 1] + 1 if first is None else first
            piece_id = self.data.unk if idx < 0 else idx
            out.append(Piece(norm[i:e], piece_id, start, max(start, origin[e - 1] + 1)))
        out.append(Piece("</s>", self.data.eos, len(text), len(text), special=True))
        return out


class WordPieceTokenizer:
    """BERT's uncased basic tokenizer and WordPiece over ``vocab`` (``vocab.txt``, one piece a line)."""

    def __init__(self, vocab: list[str]) -> None:
        self.vocab = {p: i for i, p in enumerate(vocab)}

    def _words(self, text: str) -> list[tuple[str, int, int]]:
        """(lower-cased, accent-stripped word, start, end) after splitting at spaces, punctuation and ideographs."""
        words: list[tuple[str, int, int]] = []
        word, start = "", 0
        for i, ch in enumerate(text):
            cat = unicodedata.category(ch)
            if ch.isspace() or cat in ("Cc", "Cf") or ch == "\ufffd":
                if word:
                    words.append((word, start, i))
                word = ""
                continue
            if _is_punctuation(ch) or _is_ideograph(ch):
                if word:
                    words.append((word, start, i))
                words.append((_fold(ch), i, i + 1))
                word = ""
                continue
            if not word:
                start = i
            word += _fold(ch)
        if word:
            words.append((word, start, len(text)))
        return [w for w in words if w[0]]

    def pieces(self, text: str) -> list[Piece]:
        """``[CLS]``, the WordPiece pieces of ``text``, ``[SEP]``.

        >>> from attention_core.models.model_files import read_minilm
        >>> tok = WordPieceTokenizer(read_minilm()[1])
        >>> [p.text for p in tok.pieces("The cat's unaffable")]
        ['[CLS]', 'the', 'cat', "'", 's', 'una', '##ffa', '##ble', '[SEP]']
        """
        out = [Piece("[CLS]", self.vocab["[CLS]"], 0, 0, special=True)]
        for word, start, end in self._words(text):
            out += self._split(word, start, end)
        out.append(Piece("[SEP]", self.vocab["[SEP]"], len(text), len(text), special=True))
        return out

    def _split(self, word: str, start: int, end: int) -> list[Piece]:
        """Greedy longest-match-first WordPiece; a word that does not split entirely is one [UNK]."""
        if len(word) > 100:
            return [Piece("[UNK]", self.vocab["[UNK]"], start, end)]
        pieces, at = [], 0
        while at < len(word):
            stop = len(word)
            while stop > at:
                candidate = ("##" if at else "") + word[at:stop]
                if candidate in self.vocab:
                    break
                stop -= 1
            if stop == at:
                return [Piece("[UNK]", self.vocab["[UNK]"], start, end)]
            pieces.append((candidate, at, stop))
            at = stop
        width = end - start  # folding can change lengths: spans are proportional within the word
        return [
            Piece(p, self.vocab[p], start + round(a * width / len(word)), start + round(b * width / len(word)))
            for p, a, b in pieces
        ]


def _fold(ch: str) -> str:
    """Lower case and strip accents (NFD, drop combining marks), as BERT uncased does."""
    return "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if unicodedata.category(c) != "Mn")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_ideograph(ch: str) -> bool:
    cp = ord(ch)
    return any(a <= cp <= b for a, b in _IDEOGRAPHS)


_IDEOGRAPHS = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)  # BERT's CJK blocks
