"""Batches: a file of sentences (CSV or JSON Lines) rendered row by row into ``OUT/<row id>/``, with an index.

A row is a sentence and, optionally, ``id``, ``chapters``, ``lang``, ``focus``, ``aspect``, ``theme``, ``quality``
and ``formats``; what a row leaves out comes from the command's options. Each row's folder holds exactly what a
single ``render`` writes there (videos, posters, subtitles, traces, manifest), so a batch run again renders only
what is missing or changed. A row that cannot be rendered is reported with its number and why, and never stops
the others. ``OUT/index.json`` lists every row and its files; ``OUT/index.html`` is a gallery of them.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from attention_core import ATTENTION_MODELS, ExplainerError, check_sentence, detect_language
from pipeline.embed import chapter_snippets
from pipeline.engines import Task
from pipeline.files import atomic_path
from pipeline.manifest import read_manifest
from pipeline.outputs import ChapterJob
from pipeline.settings import ASPECTS, FORMATS, QUALITIES, RenderSettings

__all__ = ["FIELDS", "BatchRow", "Defaults", "RowError", "parse_rows", "read_rows", "row_tasks", "write_index"]

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
    """One valid row: ``line`` is where it stands in the file (1-based, the header counted for CSV)."""

    line: int
    id: str
    sentence: str
    chapters: tuple[str, ...]
    lang: str
    focus: str | None
    settings: RenderSettings
    formats: tuple[str, ...]
    model: str | None = None
    head: str | None = None
    expect: tuple[str, ...] = ()


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
    return BatchRow(
        line,
        row_id or _slug(sentence, lang, focus, settings, (model, head, " ".join(expect))),
        sentence,
        tuple(dict.fromkeys(chapters)),
        lang,
        focus,
        settings,
        tuple(dict.fromkeys(formats)),
        model,
        head,
        expect,
    )


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


def row_tasks(row: BatchRow, out: Path, defaults: Defaults, known: dict) -> list[Task]:
    """The chapter renders of ``row`` into ``out/<row id>/`` (the folder is created here)."""
    folder = out / row.id
    folder.mkdir(exist_ok=True)
    return [
        Task(
            f"{row.id}/{cid}",
            ChapterJob(
                cid,
                row.sentence,
                row.focus,
                row.lang,
                row.formats,
                row.settings,
                folder,
                defaults.gif_size,
                defaults.gif_fps,
                row.model if known[cid].models else None,
                row.head if known[cid].models else None,
                row.expect if known[cid].models else (),
            ),
            known[cid].number,
        )
        for cid in row.chapters
    ]


def write_index(out: Path, rows: list[BatchRow], errors: list[RowError], failed: dict[str, list[str]]) -> None:
    """``index.json`` (every row: its sentence, options, status and files) and ``index.html`` (a gallery)."""
    entries = []
    for row in rows:
        chapters = read_manifest(out / row.id)["chapters"]
        missing = [c for c in row.chapters if c not in chapters]
        status = "failed" if failed.get(row.id) else "incomplete" if missing else "ok"
        entries.append(
            {
                "id": row.id,
                "line": row.line,
                "sentence": row.sentence,
                "lang": row.lang,
                "focus": row.focus,
                "aspect": row.settings.aspect,
                "theme": row.settings.theme,
                "quality": row.settings.quality,
                "status": status,
                "errors": failed.get(row.id, []),
                "chapters": {c: chapters[c] for c in row.chapters if c in chapters},
            }
        )
    for err in errors:
        entries.append({"id": err.id, "line": err.line, "status": "invalid", "errors": [err.reason]})
    entries.sort(key=lambda e: e["line"])
    with atomic_path(out / "index.json") as tmp:
        tmp.write_text(json.dumps({"rows": entries}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with atomic_path(out / "index.html") as tmp:
        tmp.write_text(gallery(out, entries), encoding="utf-8")


def gallery(out: Path, entries: list[dict]) -> str:
    """A page with every row: its sentence, each chapter's player (poster, subtitles) or GIF, and its trace."""
    sections = []
    for e in entries:
        title = html.escape(e["id"] or f"row {e['line']}")
        parts = [f'<section id="{title}">', f"<h2>{title}</h2>"]
        if e.get("sentence"):
            parts.append(f'<p class="sentence" lang="{html.escape(e["lang"])}">{html.escape(e["sentence"])}</p>')
        parts += [f'<p class="error">{html.escape(msg)}</p>' for msg in e["errors"]]
        if e.get("chapters"):
            for item in chapter_snippets(out / e["id"], out):
                parts.append(_figure(out, e["id"], item))
        parts.append("</section>")
        sections.append("\n".join(parts))
    return _PAGE.format(body="\n".join(sections) or "<p>No rows.</p>")


def _figure(out: Path, row_id: str, item: dict) -> str:
    chapter = html.escape(item["chapter"])
    media = item["html"]
    if not media and item["markdown"]:
        src = item["markdown"][item["markdown"].index("](") + 2 : -1]
        media = f'<img src="{html.escape(src, quote=True)}" alt="{chapter}" loading="lazy">'
    trace = f"{row_id}/{item['chapter']}.trace.json"
    link = f' · <a href="{html.escape(trace, quote=True)}">trace</a>' if (out / trace).exists() else ""
    return f"<figure>\n{media}\n<figcaption>{chapter}{link}</figcaption>\n</figure>"


_PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>attention-explainer batch</title>
<style>
body {{ font-family: "Noto Sans CJK SC", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; }}
section {{ margin-bottom: 3em; }}
figure {{ display: inline-block; vertical-align: top; margin: 0 1em 1em 0; max-width: 480px; }}
video, img {{ max-width: 100%; height: auto; display: block; }}
.sentence {{ font-size: 1.2em; }}
.error {{ color: #b91c1c; }}
</style>
</head>
<body>
<h1>attention-explainer batch</h1>
{body}
</body>
</html>
"""
