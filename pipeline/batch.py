"""Batches: a file of sentences (CSV or JSON Lines) rendered row by row into ``OUT/<row id>/``, with an index.

A row is a sentence and, optionally, ``id``, ``chapters``, ``lang``, ``focus``, ``aspect``, ``theme``, ``quality``
and ``formats``; what a row leaves out comes from the command's options. Each row's folder holds exactly what a
single ``render`` writes there (videos, posters, subtitles, traces, manifest), so a batch run again renders only
what is missing or changed. A row that cannot be rendered is reported with its number and why, and never stops
the others. ``OUT/index.json`` lists every row and its files; ``OUT/index.html`` is a gallery of them
(:mod:`pipeline.batch_index`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from attention_core import ATTENTION_MODELS, ExplainerError, check_sentence, detect_language
from pipeline.engines import Task
from pipeline.runner import RenderRequest, chapter_task
from pipeline.settings import ASPECTS, FORMATS, QUALITIES, RenderSettings

__all__ = ["FIELDS", "BatchRow", "Defaults", "RowError", "parse_rows", "read_rows", "row_tasks"]

FIELDS = (
    "id",
    "sentence",
    "chapters",
    "lang",
    "focus",
    "aspect",
    "theme",
    "quality",
    "formats",
    "model",
    "head",
    "expect",
)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")  # a folder name: no separators, no "..", no hidden file
THEMES = ("dark", "light")


@dataclass(frozen=True)
class Defaults:
    """What a row leaves out: the batch command's options."""

    quality: str = "draft"
    aspect: str = "16:9"
    theme: str = "dark"
    formats: tuple[str, ...] = ("mp4",)
    gif_size: int = 640
    gif_fps: int = 10
    model: str | None = None
    head: str | None = None
    expect: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchRow:
    """One valid row: ``line`` is where it stands in the file (1-based, the header counted for CSV); ``request`` is
    what each of its ``chapters`` is rendered with."""

    line: int
    id: str
    chapters: tuple[str, ...]
    request: RenderRequest

    @property
    def settings(self) -> RenderSettings:
        """Quality, aspect and theme."""
        return self.request.settings


@dataclass(frozen=True)
class RowError:
    """A row that will not be rendered, and why (one line)."""

    line: int
    id: str | None
    reason: str

    def __str__(self) -> str:
        return f"row {self.line}{f' ({self.id})' if self.id else ''}: {self.reason}"


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """The rows of a CSV (with a header) or JSON Lines file, each with its line number.

    A file that cannot be read at all (unknown format, no ``sentence`` column, unknown columns) is one error; a
    JSON line that is not an object becomes a row whose reason is given later.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExplainerError(f"cannot read batch file {path}: {exc}") from None
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return _json_lines(text)
    if path.suffix.lower() in (".csv", ".tsv"):
        return _csv_rows(text, "\t" if path.suffix.lower() == ".tsv" else ",")
    raise ExplainerError(f"batch file {path.name}: use .csv, .tsv or .jsonl")


def _json_lines(text: str) -> list[tuple[int, dict]]:
    rows = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except ValueError as exc:
            value = {"__error__": f"not valid JSON ({exc.msg} at column {exc.colno})"}
        rows.append((line, value if isinstance(value, dict) else {"__error__": "not a JSON object"}))
    return rows


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in FIELDS]
    if "sentence" not in header or unknown:
        what = f"unknown column {unknown[0]!r}" if unknown else "no 'sentence' column"
        raise ExplainerError(f"batch file: {what}; columns are {', '.join(FIELDS)}")
    reader.fieldnames = header
    return [(reader.line_num, {k: v for k, v in row.items() if v not in (None, "")}) for row in reader]


def _words(value, name: str) -> tuple[str, ...]:
    """A list field: a JSON list, or a string split at commas and spaces."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    if isinstance(value, str):
        return tuple(v for v in re.split(r"[\s,]+", value) if v)
    raise ExplainerError(f"{name} must be a list of names or a comma-separated string")


def _choice(raw: dict, name: str, allowed: Iterable[str], default: str | None) -> str | None:
    value = raw.get(name, default)
    if value is not None and (not isinstance(value, str) or value not in allowed):
        raise ExplainerError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


def _slug(sentence: str, lang: str, focus: str | None, settings: RenderSettings, attention: tuple) -> str:
    """A folder name from the sentence: its first Latin words (or its language) and a hash of what shapes it
    (``attention``: model, head and expected words, the ones given)."""
    given = [a for a in attention if a]
    shaping = [sentence, lang, focus, settings.aspect, settings.theme, settings.quality, *given]
    key = json.dumps(shaping, ensure_ascii=False)
    digest = hashlib.sha256(key.encode()).hexdigest()[:8]
    words = "-".join(re.findall(r"[a-z0-9]+", sentence.casefold())[:6])[:40].strip("-")
    return f"{words or lang}-{digest}"


def parse_row(line: int, raw: dict, defaults: Defaults, known: dict) -> BatchRow:
    """Check one row and fill it from ``defaults``; a bad row raises a one-line :class:`ExplainerError`.

    ``known`` maps chapter ids to chapters (``scenes.CHAPTERS``); every chapter's data is computed once here, so a
    sentence or focus word a chapter cannot take fails the row before anything renders.
    """
    if "__error__" in raw:
        raise ExplainerError(raw["__error__"])
    unknown = [k for k in raw if k not in FIELDS]
    if unknown:
        raise ExplainerError(f"unknown field {unknown[0]!r}; fields are {', '.join(FIELDS)}")
    sentence = raw.get("sentence")
    if not isinstance(sentence, str):
        raise ExplainerError("no sentence")
    check_sentence(sentence)
    chapters = _words(raw["chapters"], "chapters") if "chapters" in raw else tuple(known)
    for cid in chapters:
        if cid not in known:
            raise ExplainerError(f"unknown chapter {cid!r}; known: {', '.join(known)}")
    lang = _choice(raw, "lang", ("zh", "en"), None) or detect_language(sentence)
    focus = raw.get("focus")
    if focus is not None and not isinstance(focus, str):
        raise ExplainerError("focus must be a word of the sentence")
    settings = RenderSettings(
        quality=_choice(raw, "quality", QUALITIES, defaults.quality),
        aspect=_choice(raw, "aspect", ASPECTS, defaults.aspect),
        theme=_choice(raw, "theme", THEMES, defaults.theme),
    )
    formats = _words(raw["formats"], "formats") if "formats" in raw else defaults.formats
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ExplainerError(f"format {bad[0] if bad else ''!r} is not one of {', '.join(FORMATS)}")
    row_id = raw.get("id")
    if row_id is not None and (not isinstance(row_id, str) or not _ID.match(row_id)):
        raise ExplainerError(f"id {row_id!r} cannot name a folder: use letters, digits, '.', '_' or '-' (≤ 64)")
    model = _choice(raw, "model", ATTENTION_MODELS, defaults.model)
    head = raw.get("head", defaults.head)
    if head is not None and not isinstance(head, str):
        raise ExplainerError("head must be L.H, mean:A-B or rollout")
    expect = _words(raw["expect"], "expect") if "expect" in raw else defaults.expect
    if (head is not None or expect) and not any(known[c].models for c in chapters):
        raise ExplainerError("head and expect apply to chapters with a model's attention; the row has none")
    for cid in chapters:
        if known[cid].models:
            known[cid].data(sentence, focus, model, head, expect)
        else:
            known[cid].data(sentence, focus)
    formats = tuple(dict.fromkeys(formats))
    request = RenderRequest(
        sentence, focus, lang, formats, settings, defaults.gif_size, defaults.gif_fps, model, head, expect
    )
    row_id = row_id or _slug(sentence, lang, focus, settings, (model, head, " ".join(expect)))
    return BatchRow(line, row_id, tuple(dict.fromkeys(chapters)), request)


def parse_rows(
    raw_rows: list[tuple[int, dict]], defaults: Defaults, known: dict
) -> tuple[list[BatchRow], list[RowError]]:
    """Every row checked: the valid ones, and one :class:`RowError` per invalid or duplicate row."""
    rows: list[BatchRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, raw in raw_rows:
        given = raw.get("id") if isinstance(raw.get("id"), str) else None
        try:
            row = parse_row(line, raw, defaults, known)
        except ExplainerError as exc:
            errors.append(RowError(line, given, str(exc)))
            continue
        if row.id in seen:
            errors.append(RowError(line, row.id, f"id {row.id!r} is also row {seen[row.id]}'s"))
            continue
        seen[row.id] = line
        rows.append(row)
    return rows, errors


def row_tasks(row: BatchRow, out: Path, known: dict) -> list[Task]:
    """The chapter renders of ``row`` into ``out/<row id>/`` (the folder is created here)."""
    folder = out / row.id
    folder.mkdir(exist_ok=True)
    return [chapter_task(known[cid], folder, row.request, f"{row.id}/{cid}") for cid in row.chapters]
