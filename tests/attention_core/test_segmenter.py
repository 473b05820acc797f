"""jieba read through attention_core.language.segmenter: the same dictionary as jieba's own marshal.load."""

from __future__ import annotations

import marshal

from attention_core.language import segmenter
from attention_core.language.tokenize import tokenize


def test_the_dictionary_read_whole_is_the_one_jieba_reads(tmp_path):
    jieba = segmenter.jieba()
    jieba.initialize()
    assert jieba.marshal is segmenter._WholeFile
    cache = tmp_path / "dict.cache"
    with cache.open("wb") as f:
        marshal.dump((jieba.dt.FREQ, jieba.dt.total), f)  # as jieba writes its cache
    with cache.open("rb") as f:
        assert segmenter._WholeFile.load(f) == marshal.loads(cache.read_bytes()) == (jieba.dt.FREQ, jieba.dt.total)
    assert len(jieba.dt.FREQ) > 300_000  # the whole dictionary, not an empty or partial one


def test_segmentation_uses_the_whole_dictionary():
    """Without its dictionary jieba would cut 花园里 and 小猫 into characters."""
    assert tokenize("那只在花园里追逐蝴蝶的小猫突然停下了脚步") == (
        "那",
        "只",
        "在",
        "花园里",
        "追逐",
        "蝴蝶",
        "的",
        "小猫",
        "突然",
        "停下",
        "了",
        "脚步",
    )
