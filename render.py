"""attention-explainer: render the chapters of the self-attention article as animated diagrams.

``python render.py ...`` works the same as the ``attention-explainer`` console script.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # before NumPy loads: one BLAS thread
    os.environ.setdefault(_var, "1")  # (the model forward pass was 4-15x slower with two threads on 2 busy cores)

import click  # noqa: E402

from attention_core import ATTENTION_MODELS, ExplainerError  # noqa: E402 (light: NumPy loads only for a computation)
from render_options import (  # noqa: E402
    OneLineErrors,
    RenderFlags,
    apply_options,
    attention_options,
    caption_language,
    catalog,
    check_attention_options,
    find_chapter,
    progress,
    render_options,
    say_written,
)

__all__ = ["cli"]

VERSION = "0.1.0"
DEFAULT_OUT = Path(__file__).resolve().parent / "media"


@click.group(cls=OneLineErrors)
@click.version_option(VERSION, prog_name="attention-explainer")
def cli() -> None:
    """Animated explainer videos of self-attention; every number comes from a NumPy attention core."""


@cli.command("list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", help="Language of the descriptions.")
def list_chapters(lang: str) -> None:
    """List the chapter ids with one-line descriptions."""
    for chapter in catalog().values():
        click.echo(f"{chapter.number}  {chapter.id:<20} {chapter.summary(lang)}")


@cli.command()
@click.argument("chapters", nargs=-1)
@click.option("--all", "all_chapters", is_flag=True, help="Render every chapter (same as naming none).")
@click.option("--sentence", help="Example sentence; default: each chapter's own sentence from the article.")
@click.option("--focus", help="The word a reader is at (intuition, self-attention-idea); default: chosen for you.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Caption language (default: the sentence's).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Output folder; files are named <chapter-id>.<format>.",
)
@render_options
def render(chapters, all_chapters, sentence, focus, lang, out_dir, flags: RenderFlags) -> None:
    """Render CHAPTERS (ids from `list`; none or --all = every chapter) to DIR/<chapter-id>.<format>.

    Beside each video: <chapter-id>.poster.png, .srt and .vtt subtitles (<chapter-id>.<lang>.srt/.vtt in the
    other language), <chapter-id>.trace.json (every number and claim it shows); manifest.json lists every file.
    """
    known = catalog()
    ids = list(known) if all_chapters or not chapters else list(dict.fromkeys(chapters))
    _render_chapters(ids, sentence, focus, lang, out_dir, flags)


def _render_chapters(ids, sentence, focus, lang, out_dir, flags: RenderFlags) -> Path:
    """What ``render`` and ``article`` do: validate the input, render the chapters ``ids`` that need it into
    ``out_dir``, say what was written; returns the output folder."""
    from pipeline.files import ensure_output_dir
    from pipeline.runner import RenderRequest, chapter_task, render_jobs
    from pipeline.settings import RenderSettings

    specs = [find_chapter(cid) for cid in ids]
    f = flags
    check_attention_options(specs, f.head, f.expect)
    if sentence is not None or focus is not None or f.model is not None or f.head is not None or f.expect:
        if sentence is not None:  # validate before any render starts
            from attention_core import check_sentence

            check_sentence(sentence)  # what no chapter accepts is said once, without a chapter's name
        for spec in specs:
            spec.data(sentence, focus, f.model, f.head, f.expect)
    lang = caption_language(lang, sentence)
    out = ensure_output_dir(out_dir)
    settings = RenderSettings(quality=f.quality, aspect=f.aspect, theme=f.theme)
    request = RenderRequest(sentence, focus, lang, f.fmts, settings, f.gif_size, f.gif_fps, f.model, f.head, f.expect)
    tasks = [chapter_task(s, out, request) for s in specs]
    report = render_jobs(tasks, [out], f.engine, f.jobs, f.address, f.force, progress("rendering"))
    say_written(out, report)
    if report.failed:
        key, why = report.failed[0]
        more = f" (and {len(report.failed) - 1} more)" if len(report.failed) > 1 else ""
        raise click.ClickException(f"{key}: {why}{more}")
    click.echo(f"done in {report.seconds:.1f} s", err=True)
    return out


@cli.command()
@click.option("--sentence", help="Example sentence; default: each chapter's own sentence from the article.")
@click.option("--focus", help="The word a reader is at (intuition, self-attention-idea); default: chosen for you.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of the page (default: the sentence's).")
@click.option("--chapter", "chapters", multiple=True, help="Only these chapters (repeat; default: every chapter).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT / "article",
    show_default=True,
    help="Output folder: index.html, article.md and every chapter's files.",
)
@render_options
def article(sentence, focus, lang, chapters, out_dir, flags: RenderFlags) -> None:
    """Render the article for a sentence into OUT: every chapter (as `render` would, so its cache is shared), then
    OUT/index.html (each chapter's video, subtitles and captions as prose) and OUT/article.md (GIFs, no raw HTML).
    """
    from pipeline.article import write_article

    if not flags.formats:
        flags = dataclasses.replace(flags, formats=("mp4", "gif"))  # the Markdown shows GIFs
    ids = list(dict.fromkeys(chapters)) or list(catalog())
    lang = caption_language(lang, sentence)  # the page's language is the videos'
    out = _render_chapters(ids, sentence, focus, lang, out_dir, flags)
    for path in write_article(out, lang):
        click.echo(str(path))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT / "batch",
    show_default=True,
    help="Output folder: one folder per row, index.json and index.html.",
)
@click.option("--article", "articles", is_flag=True, help="Also write each row's article: OUT/<row id>/index.html.")
@render_options
def batch(file, out_dir, articles, flags: RenderFlags) -> None:
    """Render every row of FILE (CSV or JSON Lines: sentence, and optionally id, chapters, lang, focus, aspect,
    theme, quality, formats, model, head, expect) into OUT/<row id>/, with OUT/index.json and an OUT/index.html
    gallery; with --article, each row's article too (index.html and article.md, linked from the gallery).

    Run again, it renders only what is missing or changed. A bad row is reported and skipped; the exit status is
    1 if any row failed.
    """
    from pipeline.batch import Defaults, parse_rows, read_rows, row_tasks
    from pipeline.batch_index import write_index
    from pipeline.files import ensure_output_dir
    from pipeline.runner import render_jobs

    known = catalog()
    f = flags
    defaults = Defaults(f.quality, f.aspect, f.theme, f.fmts, f.gif_size, f.gif_fps, f.model, f.head, f.expect)
    rows, errors = parse_rows(read_rows(file), defaults, known)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    out = ensure_output_dir(out_dir)
    tasks = [t for row in rows for t in row_tasks(row, out, known)]
    failed: dict[str, list[str]] = {}
    try:
        folders = [out, *(out / row.id for row in rows)]
        report = render_jobs(tasks, folders, f.engine, f.jobs, f.address, f.force, progress("batch"))
    finally:
        write_index(out, rows, errors, failed)
    for key, why in report.failed:
        row_id = key.split("/", 1)[0]
        failed.setdefault(row_id, []).append(f"{key}: {why}")
        click.echo(f"error: row {next(r.line for r in rows if r.id == row_id)} ({key}): {why}", err=True)
    if articles:
        from pipeline.article import write_article

        for row in rows:
            write_article(out / row.id, row.request.lang)
    write_index(out, rows, errors, failed)
    bad = len(errors) + len(failed)
    total = len(rows) + len(errors)
    click.echo(
        f"{total - bad} of {total} rows done; {len(report.rendered)} chapters rendered, {len(report.skipped)} "
        f"unchanged, {len(report.made)} made from their videos, {len(report.stored)} copied from earlier renders, "
        f"in {report.seconds:.1f} s; {out / 'index.html'}",
        err=True,
    )
    if bad:
        sys.exit(1)


@cli.command()
@click.option("--sentence", help="Example sentence (default: the worked example's, or the chapter's own).")
@click.option("--focus", help="Focus word, for the chapters that have one.")
@click.option("--chapter", "chapter_id", help="That chapter's view: the words it shows, its numbers and its claims.")
@click.option("--model", type=click.Choice(ATTENTION_MODELS), help="Attention of chapters 1, 3, 7, real-model.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of the claims as captions (text output).")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
@apply_options(attention_options())
def trace(sentence, focus, chapter_id, model, lang, as_json, head, expect) -> None:
    """Print every intermediate matrix of a sentence, so each number in a video can be checked.

    Without --chapter: the attention trace of the whole sentence (the worked example's computation). With
    --chapter: that chapter's data, including the window it shows and the claims its captions make.
    """
    if chapter_id is None:
        if head is not None or expect:
            raise ExplainerError("--head and --expect need --chapter (intuition, self-attention-idea, ...)")
        data = next(c.whole_trace for c in catalog().values() if c.whole_trace)(sentence)
        out = data.to_dict()
    else:
        chapter = find_chapter(chapter_id)
        check_attention_options([chapter], head, tuple(expect))
        data = chapter.data(sentence, focus, model, head, tuple(expect))
        out = {"chapter": chapter.id, **data.to_dict()}
    if as_json:
        from attention_core.json_text import json_text

        click.echo(json_text(out))
        return
    from pipeline.trace_text import trace_lines

    lang = caption_language(lang, sentence)
    for line in trace_lines(out, getattr(data, "claims", ()), lang):
        click.echo(line)


@cli.command()
@click.argument("out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, required=False)
@click.option("--html", "html_file", type=click.Path(path_type=Path), help="Also write a preview page here.")
def embed(out_dir, html_file) -> None:
    """Print an HTML <video> snippet and a Markdown GIF snippet for each chapter rendered in OUT_DIR."""
    from pipeline.embed import chapter_snippets, preview_page
    from pipeline.files import atomic_path

    out_dir = out_dir.expanduser().resolve()
    items = chapter_snippets(out_dir)
    if not items:
        raise ExplainerError(f"no rendered chapters in {out_dir} (manifest.json missing); run render first")
    if html_file:
        page = html_file.expanduser().resolve()
        if not page.parent.is_dir():
            raise ExplainerError(f"folder {page.parent} does not exist")
        with atomic_path(page) as tmp:
            tmp.write_text(preview_page(out_dir, page), encoding="utf-8")
        click.echo(f"wrote {page}", err=True)
    for item in items:
        click.echo(f"<!-- {item['chapter']} -->")
        for snippet in (item["html"], item["markdown"]):
            if snippet:
                click.echo(snippet)
        click.echo("")


@cli.command()
@click.argument("out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, required=False)
@click.option("--columns", type=click.IntRange(1, 12), default=4, show_default=True)
def sheet(out_dir, columns) -> None:
    """Write <chapter-id>.sheet.png beside each rendered chapter: the frame at the end of every caption."""
    from pipeline.manifest import read_manifest
    from pipeline.sheet import contact_sheet

    out_dir = out_dir.expanduser().resolve()
    chapters = read_manifest(out_dir).get("chapters", {})
    done = 0
    for chapter_id in chapters:
        video, vtt = out_dir / f"{chapter_id}.mp4", out_dir / f"{chapter_id}.vtt"
        if video.exists() and vtt.exists():
            tiles = contact_sheet(video, vtt, out_dir / f"{chapter_id}.sheet.png", columns)
            click.echo(f"{out_dir / (chapter_id + '.sheet.png')}  ({tiles} frames)")
            done += 1
    if not done:
        raise ExplainerError(f"no rendered MP4 with subtitles in {out_dir}; run render first")


@cli.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
def doctor(out_dir) -> None:
    """Check fonts, Pango/Cairo, PyAV and the output folder; say how to fix what is missing."""
    from pipeline.doctor import run_checks

    checks = run_checks(out_dir.expanduser().resolve())
    for check in checks:
        mark = "ok  " if check.ok else "FAIL"
        click.echo(f"{mark} {check.name}: {check.detail}" + ("" if check.ok else f"  -> fix: {check.fix}"))
    if not all(c.ok for c in checks):
        raise ExplainerError("some checks failed; see above")


if __name__ == "__main__":
    cli()
