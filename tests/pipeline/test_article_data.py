"""What the article page adds to the videos, from their traces: the worked example's tables rounded as the video
rounds them, the dot products it spells out, and heatmap weights whose every row adds up to the whole."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pipeline.article_data import dot_products, heatmap, source_line, worked_tables
from scenes import get_chapter


def _trace(chapter_id: str, sentence: str | None = None, head: str | None = None) -> dict:
    """The chapter's trace as `render` writes it to <chapter>.trace.json."""
    data = get_chapter(chapter_id).data(sentence, None, None, head, ())
    return {"chapter": chapter_id, **data.to_dict()}


def _written(value: float, decimals: int) -> str:
    """A number as the video writes it, made here without the project's formatter (− for minus, no −0)."""
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


@pytest.mark.parametrize("sentence", [None, "The cat sat on the warm mat today"])
def test_the_worked_example_tables_are_every_matrix_as_the_video_writes_it(sentence):
    trace = _trace("worked-example", sentence)
    tables = {t.name: t for t in worked_tables(trace, 1, 2)}
    tr = trace["trace"]
    assert list(tables) == ["X", "W_Q", "W_K", "W_V", "Q", "K", "V", "QKᵀ", f"QKᵀ/√{tr['d_k']}", "softmax", "output"]
    assert tables["X"].rows == tuple(tr["tokens"]) == tables["softmax"].columns
    for name, key, decimals in (("X", "X", 1), ("W_K", "W_k", 1), ("V", "V", 2), ("softmax", "weights", 2)):
        expected = tuple(tuple(_written(v, decimals) for v in row) for row in tr[key])
        assert tables[name].cells == expected, name


def test_the_dot_products_are_the_ones_the_video_spells_out():
    products = dict(dot_products(_trace("worked-example")))
    assert products["Q[1,1]"] == "1.0×2.0 + 0.5×0.2 = 2.10"  # x1 = [1.0, 0.5] as in the article
    assert set(products) == {"Q[1,1]", "QKᵀ[1,1]", "output[1,1]"}


@pytest.mark.parametrize("chapter_id", ["attention-matrix", "real-model"])
def test_every_heatmap_row_accounts_for_all_its_weight(chapter_id):
    trace = _trace(chapter_id, "小狗看见小猫在树下睡觉，就悄悄走过去陪它")
    heat = heatmap(trace, 2)
    n = len(heat.words)
    assert len(heat.heads) == (144 if chapter_id == "real-model" else 1)
    for head in heat.heads:
        assert len(head["w"]) == n and all(len(row) == n for row in head["w"])
        for row, special, outside in zip(head["w"], head["special"], head["outside"], strict=True):
            total = sum(row) + special + outside  # hundredths, each rounded: off by at most half a unit each
            assert abs(total - 100) <= (n + 2) / 2, (head["label"], total)
    if chapter_id == "attention-matrix":
        weights = trace["attention"]["weights"]
        assert heat.heads[0]["w"][0][0] == int(Decimal(_written(weights[0][0], 2)) * 100)
    else:
        assert heat.columns == 12 and heat.heads[13]["label"] == "2.2"
        raw = trace["model"]["word_attention"][1][1][0][0]
        assert heat.heads[13]["w"][0][0] == int(Decimal(_written(raw, 2)) * 100)


def test_a_windowed_real_model_heatmap_says_what_went_outside_the_window():
    words = " ".join(f"word{k}" for k in range(24))
    trace = _trace("real-model", words)
    heat = heatmap(trace, 2)
    assert len(heat.words) < 24
    assert any(o > 0 for head in heat.heads for o in head["outside"])
    assert len(json.dumps(heat.to_dict())) < 200_000  # the page's weight: 144 heads of the 16 words shown


@pytest.mark.parametrize("head", [None, "12.2", "mean:1-4"])
def test_the_real_model_box_and_heatmap_name_the_head_the_video_shows(head):
    """The "how made" box says the model, 4-bit and the head the video zooms on (the one asked for, else its
    poster's), and the page's heatmap starts on that head."""
    trace = _trace("real-model", head=head)
    claims = {c["topic"]: c["values"] for c in trace["claims"]}
    shown = claims["chosen:view"] if head == "12.2" else claims["head:focus_link"]
    heat = heatmap(trace, 2)
    assert heat.heads[heat.start]["label"] == f"{shown['layer']}.{shown['head']}"
    line = source_line(trace, "en")
    assert line.startswith("multilingual-e5-small (4-bit weights, approximate)")
    assert (f"layer {shown['layer']}/12 · head {shown['head']}" in line) == (head != "mean:1-4")
    assert "mean of the heads of layers 1–4" in line if head == "mean:1-4" else f"Layer {shown['layer']}" in line
    assert source_line(trace, "zh").startswith("multilingual-e5-small（4 位权重，近似）")
