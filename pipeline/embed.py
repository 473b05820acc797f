"""HTML and Markdown snippets for the rendered chapters of an output folder, and the pages we write.

Every page is a Jinja2 template (``pipeline/templates/``) that extends one shell (``shell.html``) and is rendered
with autoescaping, so a sentence, a row id or a path can never inject markup: escaping is the default, not
something each string remembers. ``media.html`` writes a chapter's ``<video>`` (poster, subtitles) and GIF.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline.manifest import read_manifest

__all__ = ["chapter_media", "chapter_snippets", "page", "preview_page"]


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def page(template: str, title: str, lang: str = "zh", width: int = 1000, **context) -> str:
    """A whole page: ``template`` (which extends the shell) rendered with ``context``, autoescaped."""
    return _env().get_template(template).render(title=title, lang=lang, width=width, **context)


def _rel(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def _width(entry: dict) -> int:
    widths = [f.get("width", 0) for f in entry.get("files", []) if f["format"] == "mp4"]
    return min(widths[0] if widths else 854, 960)


def chapter_media(out_dir: Path, base: Path | None = None) -> list[dict]:
    """For each chapter in the manifest: its id, language, player width, the paths of its mp4, poster, vtt and gif
    relative to ``base`` (default: ``out_dir``; None where the file was not rendered) and ``tracks``: every WebVTT
    file as ``{"src", "lang"}``, the caption language's first."""
    base = base or out_dir
    result = []
    for chapter_id, entry in read_manifest(out_dir)["chapters"].items():
        lang = str(entry.get("lang", "zh"))
        files = entry.get("files", [])
        own = [f for f in files if f.get("lang", lang) == lang]
        names = {f["format"]: _rel(out_dir / f["path"], base) for f in own}
        media = {k: names.get(k) for k in ("mp4", "poster", "vtt", "gif", "trace")}
        vtts = sorted((f for f in files if f["format"] == "vtt"), key=lambda f: f.get("lang", lang) != lang)
        tracks = [{"src": _rel(out_dir / f["path"], base), "lang": f.get("lang", lang)} for f in vtts]
        result.append({"chapter": chapter_id, "lang": lang, "width": _width(entry), **media, "tracks": tracks})
    return result


def chapter_snippets(out_dir: Path, base: Path | None = None) -> list[dict]:
    """For each chapter in the manifest: its id, an HTML ``<video>`` snippet and a Markdown GIF snippet.

    Paths are relative to ``base`` (default: ``out_dir``); a snippet is empty if its file was not rendered.
    """
    video = _env().get_template("media.html").module.video
    return [
        {
            "chapter": m["chapter"],
            "html": str(video(m)),
            "markdown": f"![{m['chapter']}]({m['gif']})" if m["gif"] else "",
        }
        for m in chapter_media(out_dir, base)
    ]


def preview_page(out_dir: Path, page_path: Path) -> str:
    """A complete HTML page embedding every chapter's video and GIF, with paths relative to ``page_path``."""
    return page("preview.html", "attention-explainer", chapters=chapter_media(out_dir, page_path.parent))
