"""Every caption and title, in Chinese and English: the shared ones here (:mod:`.common`), each chapter's in its
folder (``scenes/<folder>/strings.py``), merged here.

Narrating captions are plain templates (:func:`text`). A caption that states a fact about the data is made
from a claim (:func:`claim_text`): the template only places the claim's fields, a *variant* of the key is picked
by what the claim says and *notes* are appended where honesty needs them, both from the kind table
(:mod:`attention_core.claims.kinds`). Keys are prefixed
by chapter ("we." = worked-example).
"""

from __future__ import annotations

import importlib

from attention_core import Claim
from attention_core.claims import kinds
from scenes import chapter_folders
from scenes.strings import common
from scenes.strings.claims import claim_fields

__all__ = ["LANGS", "LIST_SEP", "STRINGS", "claim_text", "notes", "source_text", "text", "variant"]

LANGS = ("zh", "en")
LIST_SEP = {"zh": "、", "en": ", "}  # between the items of a list said in a caption

_MODULES = (common, *(importlib.import_module(f"scenes.{folder}.strings") for folder in chapter_folders()))
STRINGS: dict[str, dict[str, str]] = {
    "zh": {k: v for m in _MODULES for k, v in m.ZH.items()},
    "en": {k: v for m in _MODULES for k, v in m.EN.items()},
}


def text(lang: str, key: str, **values: object) -> str:
    """The caption ``key`` in ``lang`` with ``values`` filled in.

    >>> text("en", "in.read")
    'Read the sentence word by word, as a reader does'
    """
    return STRINGS[lang][key].format(**values)


def variant(claim: Claim) -> str:
    """The key suffix for what ``claim`` says (:data:`attention_core.claims.kinds.KINDS`).

    >>> variant(Claim("t", "dot_product", values={"relation": "≈"})), variant(Claim("t", "shape"))
    ('.approx', '')
    """
    return kinds.variant(claim.kind, claim.values)


def notes(claim: Claim) -> list[str]:
    """Keys of the notes ``claim`` needs after its sentence: rounding that shows, a weight written as 0.00."""
    return kinds.notes(claim.kind, claim.values)


def claim_text(lang: str, key: str, claim: Claim, exact_key: bool = False, **extra: object) -> str:
    """The caption ``key`` + :func:`variant` filled from ``claim``, followed by its :func:`notes`; with ``exact_key``
    the key is used as it is (a second caption made from the same claim), without notes."""
    fields = {**claim_fields(claim, lang), **extra}
    table = STRINGS[lang]
    if exact_key:
        return table[key].format(**fields)
    sentence = table[key + variant(claim)].format(**fields)
    return sentence + "".join(table[n].format(**fields) for n in notes(claim))


def source_text(lang: str, view: dict[str, object] | None) -> str:
    """Where a chapter's word attention comes from, in one line, from the values of its ``view`` claim (model,
    layer and head, or the layers of a mean, or rollout; 4-bit): None (no view claim) is the designed lexicon.

    >>> source_text("en", {"view": "head", "model": "e5", "quantized": False, "layer": 3, "layers": 12, "head": 4})
    'e5 · layer 3/12 · head 4'
    """
    if view is None:
        return text(lang, "source.lexicon")
    bits = text(lang, "source.bits") if view["quantized"] else ""
    key = {"head": "source.model", "mean": "source.mean", "rollout": "source.rollout"}[str(view["view"])]
    one = view["view"] == "mean" and view["first_layer"] == view["last_layer"]
    return text(lang, key + (".one" if one else ""), **{**view, "bits": bits})
