"""Captions shared by several chapters."""

ZH = {
    "legend": "注意力权重",
}

EN = {
    "legend": "attention weight",
}
