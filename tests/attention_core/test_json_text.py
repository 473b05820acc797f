"""attention_core/json_text.py: the same JSON values as ``json.dumps``, objects indented, plain lists one a line."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attention_core.json_text import json_text

PLAIN = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)
KEYS = st.text(max_size=5) | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
VALUES = st.recursive(
    PLAIN,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


@given(VALUES, st.sampled_from([1, 2, 4]))
def test_reads_back_as_json_dumps_does(value, indent) -> None:
    assert json.loads(json_text(value, indent)) == json.loads(json.dumps(value))
    assert json_text(value, None) == json.dumps(value, ensure_ascii=False)  # no indent: json.dumps's one line


@given(st.lists(st.lists(st.floats(allow_nan=False), min_size=1, max_size=5), min_size=1, max_size=5))
def test_a_matrix_is_one_row_a_line(rows) -> None:
    lines = json_text({"weights": rows}).splitlines()
    assert lines[2 : 2 + len(rows)] == [
        f"    {json.dumps(row)}" + ("," if i < len(rows) - 1 else "") for i, row in enumerate(rows)
    ]
    assert len(lines) == len(rows) + 4  # {, "weights": [, the rows, ], }


def test_special_values_and_keys_as_json_writes_them() -> None:
    value = {"inf": math.inf, "nan": [math.nan], 3: None, True: "是", None: [], 2.5: {}}
    assert json_text(value).replace("\n", "").replace(" ", "") == json.dumps(value, ensure_ascii=False).replace(
        " ", ""
    )
    with pytest.raises(TypeError, match="keys must be"):
        json_text({(1, 2): 0})
