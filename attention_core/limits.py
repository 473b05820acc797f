"""What the CLI, the registry and the render cache need before anything is computed: how many words a chapter
takes and shows, and which attention models there are. Plain constants that import nothing, so that a run with
nothing to render (every file current) never loads NumPy or a model (``tests/test_registry.py``)."""

from __future__ import annotations

__all__ = [
    "ATTENTION_MODELS",
    "DEFAULT_MODEL",
    "INPUT_DECIMALS",
    "MAX_READING_TOKENS",
    "MAX_TOKENS",
    "MIN_TOKENS",
    "MODELS",
]

MIN_TOKENS = 2  # attention needs one word to look at another
MAX_TOKENS = 32  # every chapter accepts this many; those that cannot show them all show a window
MAX_READING_TOKENS = 16  # the most that fit one or two legible rows in 16:9, or a column in 9:16
INPUT_DECIMALS = 1  # the small examples' inputs (X, W_Q, W_K, W_V: attention_core.chapter.small)

MODELS = {  # name -> (description, 4-bit weights)
    "e5-small": ("multilingual-e5-small", True),
    "minilm": ("all-MiniLM-L6-v2", False),
}
ATTENTION_MODELS = ("lexicon", *MODELS)  # "lexicon" is the designed example
DEFAULT_MODEL = "e5-small"  # real attention, Chinese and English
