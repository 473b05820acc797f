"""JSON laid out for reading, written fast: what a trace file and ``trace --json`` print.

``json.dumps(value, indent=2)`` puts every number on a line of its own, and with an indent Python's encoder runs
in Python, not C: a model chapter's trace at 16 words (227,000 numbers, every head of the model) took 1.6 s to
write and was 8 MB. :func:`json_text` indents objects and nested lists the same way but writes each list of plain
values (a matrix row, a token list) on one line, by the C encoder: the same JSON values, one row per line.
"""

from __future__ import annotations

import json

__all__ = ["json_text"]


def json_text(value: object, indent: int | None = 2) -> str:
    """``value`` as JSON (UTF-8 text, Chinese kept readable): objects, and lists whose first item is a list or an
    object, indented by ``indent``; any other list on one line. ``indent=None``: all on one line, as ``json.dumps``
    writes it. ``json.loads`` gives what it gives for ``json.dumps``.

    >>> print(json_text({"tokens": ["猫", "坐"], "weights": [[0.5, 0.5], [1.0, 0.0]], "empty": {}}))
    {
      "tokens": ["猫", "坐"],
      "weights": [
        [0.5, 0.5],
        [1.0, 0.0]
      ],
      "empty": {}
    }
    """
    if indent is None:
        return json.dumps(value, ensure_ascii=False)
    return _laid_out(value, indent, 0)


def _laid_out(value: object, indent: int, depth: int) -> str:
    inner, outer = " " * (indent * (depth + 1)), " " * (indent * depth)
    if isinstance(value, dict) and value:
        items = [f"{inner}{_key(k)}: {_laid_out(v, indent, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + outer + "}"
    if isinstance(value, list | tuple) and value and isinstance(value[0], dict | list | tuple):  # (rows of a matrix)
        return "[\n" + ",\n".join(inner + _laid_out(v, indent, depth + 1) for v in value) + "\n" + outer + "]"
    return json.dumps(value, ensure_ascii=False)  # a plain value, or a list of them: one line


def _key(key: object) -> str:
    """An object key as ``json.dumps`` writes it: a string as itself, a number, bool or None as its JSON text."""
    if not (key is None or isinstance(key, str | int | float)):
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
    return json.dumps(key if isinstance(key, str) else json.dumps(key), ensure_ascii=False)
