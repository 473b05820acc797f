"""HTML and Markdown snippets for the rendered chapters of an output folder, and a preview page."""

from __future__ import annotations

import html
import os
from pathlib import Path

from pipeline.manifest import read_manifest

__all__ = ["chapter_snippets", "preview_page"]


def _rel(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def chapter_snippets(out_dir: Path, base: Path | None = None) -> list[dict]:
    """For each chapter in the manifest: its id, an HTML ``<video>`` snippet and a Markdown GIF snippet.

    Paths are relative to ``base`` (default: ``out_dir``); a snippet is empty if its file was not rendered.
    """
    base = base or out_dir
    result = []
    for chapter_id, entry in read_manifest(out_dir)["chapters"].items():
        names = {f["format"]: out_dir / f["path"] for f in entry.get("files", [])}
        e = {k: html.escape(_rel(v, base), quote=True) for k, v in names.items()}
        video = ""
        if "mp4" in e:
            poster = f' poster="{e["poster"]}"' if "poster" in e else ""
            lang = html.escape(str(entry.get("lang", "zh")), quote=True)
            track = ""
            if "vtt" in e:
                track = f'\n  <track kind="subtitles" src="{e["vtt"]}" srclang="{lang}" label="captions">'
            video = (
                f'<video autoplay loop muted playsinline{poster} width="{_width(entry)}">\n'
                f'  <source src="{e["mp4"]}" type="video/mp4">{track}\n</video>'
            )
        gif = f"![{chapter_id}]({_rel(names['gif'], base)})" if "gif" in names else ""
        result.append({"chapter": chapter_id, "html": video, "markdown": gif})
    return result


def _width(entry: dict) -> int:
    widths = [f.get("width", 0) for f in entry.get("files", []) if f["format"] == "mp4"]
    return min(widths[0] if widths else 854, 960)


def preview_page(out_dir: Path, page: Path) -> str:
    """A complete HTML page embedding every chapter's video and GIF, with paths relative to ``page``."""
    sections = []
    for item in chapter_snippets(out_dir, page.parent):
        gif = ""
        if item["markdown"]:
            src = item["markdown"][item["markdown"].index("](") + 2 : -1]
            gif = f'<img src="{html.escape(src, quote=True)}" alt="{html.escape(item["chapter"])}" loading="eager">'
        sections.append(
            f'<section id="{html.escape(item["chapter"])}">\n<h2>{html.escape(item["chapter"])}</h2>\n'
            f"{item['html']}\n{gif}\n</section>"
        )
    body = "\n".join(sections) or "<p>No chapters rendered yet.</p>"
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>attention-explainer preview</title>
<style>
body {{ font-family: "Noto Sans CJK SC", sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; }}
video, img {{ max-width: 100%; height: auto; display: block; margin: 0.5em 0; }}
section {{ margin-bottom: 3em; }}
</style>
</head>
<body>
<h1>attention-explainer</h1>
{body}
</body>
</html>
"""
