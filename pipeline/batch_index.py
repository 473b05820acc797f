"""A batch's index: ``OUT/index.json`` (every row: its sentence, options, status and files) and ``OUT/index.html``
(a gallery of every row's players, made from the pages' one shell)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.batch import BatchRow, RowError
from pipeline.embed import chapter_media, page
from pipeline.files import atomic_path
from pipeline.manifest import read_manifest

__all__ = ["gallery", "write_index"]


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
                "sentence": row.request.sentence,
                "lang": row.request.lang,
                "focus": row.request.focus,
                "aspect": row.settings.aspect,
                "theme": row.settings.theme,
                "quality": row.settings.quality,
                "status": status,
                "errors": failed.get(row.id, []),
                "chapters": {c: chapters[c] for c in row.chapters if c in chapters},
                "article": f"{row.id}/index.html" if (out / row.id / "index.html").exists() else None,
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
    rows = []
    for e in entries:
        media = chapter_media(out / e["id"], out) if e.get("chapters") else []
        title = e["id"] or f"row {e['line']}"
        rows.append({"title": title, "sentence": e.get("sentence"), "lang": e.get("lang"), "errors": e["errors"]})
        rows[-1].update(media=media, article=e.get("article"))
    return page("gallery.html", "attention-explainer batch", width=1100, rows=rows)
