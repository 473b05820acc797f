"""attention-explainer: render the chapters of the self-attention article as animated diagrams.

``python render.py ...`` works the same as the ``attention-explainer`` console script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from attention_core import ExplainerError, check_sentence, detect_language

__all__ = ["cli"]

VERSION = "0.1.0"
DEFAULT_OUT = Path(__file__).resolve().parent / "media"


def _catalog():
    from scenes import CHAPTERS

    return CHAPTERS


def _chapter(chapter_id: str):
    from scenes import get_chapter

    return get_chapter(chapter_id)


class _OneLineErrors(click.Group):
    """Every failure becomes one line on stderr and a non-zero exit, never a traceback."""

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # output piped into `head` and closed: nothing left to tell
            sys.stderr.close()
            sys.exit(1)
        except (click.Abort, KeyboardInterrupt):
            click.echo("error: interrupted; finished outputs are intact", err=True)
            sys.exit(130)
        except ExplainerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            if os.environ.get("ATTENTION_EXPLAINER_DEBUG"):
                raise
            first = str(exc).splitlines()[0] if str(exc) else ""
            click.echo(f"error: internal {type(exc).__name__}: {first} (set ATTENTION_EXPLAINER_DEBUG=1)", err=True)
            sys.exit(1)


@click.group(cls=_OneLineErrors)
@click.version_option(VERSION, prog_name="attention-explainer")
def cli() -> None:
    """Animated explainer videos of self-attention; every number comes from a NumPy attention core."""


@cli.command("list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", help="Language of the descriptions.")
def list_chapters(lang: str) -> None:
    """List the chapter ids with one-line descriptions."""
    for chapter in _catalog().values():
        click.echo(f"{chapter.number}  {chapter.id:<20} {chapter.summary(lang)}")


@cli.command()
@click.argument("chapters", nargs=-1)
@click.option("--all", "all_chapters", is_flag=True, help="Render every chapter (same as naming none).")
@click.option("--sentence", help="Example sentence; default: each chapter's own sentence from the article.")
@click.option("--focus", help="The word a reader is at (intuition, self-attention-idea); default: chosen for you.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Caption language (default: the sentence's).")
@click.option("--quality", type=click.Choice(["draft", "low", "medium", "high", "4k"]), default="draft",
              show_default=True, help="480p15, 480p30, 720p30, 1080p30 or 2160p30 (short side).")
@click.option("--format", "formats", type=click.Choice(["mp4", "gif", "png"]), multiple=True,
              help="Output format; repeat for several (default: mp4).")
@click.option("--aspect", type=click.Choice(["16:9", "9:16", "1:1"]), default="16:9", show_default=True)
@click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Output folder; files are named <chapter-id>.<format>.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Chapters rendered in parallel (default: cores).")
@click.option("--force", is_flag=True, help="Render even if the outputs are up to date.")
@click.option("--gif-size", type=click.IntRange(160, 1920), default=640, show_default=True,
              help="GIF longer side in pixels (sized for articles).")
@click.option("--gif-fps", type=click.IntRange(1, 30), default=10, show_default=True, help="GIF frames per second.")
def render(chapters, all_chapters, sentence, focus, lang, quality, formats, aspect, theme, out_dir, jobs, force,
           gif_size, gif_fps) -> None:
    """Render CHAPTERS (ids from `list`; none or --all = every chapter) to DIR/<chapter-id>.<format>.

    Beside each video: <chapter-id>.poster.png, .srt and .vtt subtitles; manifest.json lists every file.
    """
    from pipeline.files import clean_stale, ensure_output_dir
    from pipeline.outputs import ChapterJob, check_fonts
    from pipeline.runner import cpu_count, needs_render, run_jobs
    from pipeline.settings import RenderSettings

    known = _catalog()
    ids = list(known) if all_chapters or not chapters else list(dict.fromkeys(chapters))
    specs = [_chapter(cid) for cid in ids]
    if sentence is not None or focus is not None:  # validate before any render starts: a bad sentence costs no time
        if sentence is not None:
            check_sentence(sentence)  # what no chapter accepts is said once, without a chapter's name
        for spec in specs:
            spec.data(sentence, focus)
    lang = lang or (detect_language(sentence) if sentence else "zh")
    out = ensure_output_dir(out_dir)
    clean_stale(out)
    settings = RenderSettings(quality=quality, aspect=aspect, theme=theme)
    fmts = tuple(dict.fromkeys(formats or ("mp4",)))
    todo = [(s.number, ChapterJob(s.id, sentence, focus, lang, fmts, settings, out, gif_size, gif_fps))
            for s in specs]
    n_jobs = jobs or cpu_count()
    if any(needs_render(job, force) for _, job in todo):
        check_fonts()  # before any work: Chinese without the CJK font would silently render as boxes
    with click.progressbar(length=len(todo), label="rendering", file=sys.stderr,
                           item_show_func=lambda s: s or "") as bar:  # fmt: skip
        report = run_jobs(todo, n_jobs, force, lambda cid, secs: (bar.update(1, f"{cid} {secs:.1f} s")))
    for entry in report.rendered:
        for item in entry["files"]:
            click.echo(f"{out / item['path']}  ({item['bytes']:,} bytes)")
    if report.skipped:
        click.echo(f"unchanged, not rendered again: {', '.join(report.skipped)} (use --force to re-render)", err=True)
    click.echo(f"done in {report.seconds:.1f} s", err=True)


@cli.command()
@click.option("--sentence", help="Example sentence (default: the worked example's, or the chapter's own).")
@click.option("--focus", help="Focus word, for the chapters that have one.")
@click.option("--chapter", "chapter_id", help="That chapter's view: the words it shows, its numbers and its claims.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of the claims as captions (text output).")
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
def trace(sentence, focus, chapter_id, lang, as_json) -> None:
    """Print every intermediate matrix of a sentence, so each number in a video can be checked.

    Without --chapter: the attention trace of the whole sentence (the worked example's computation). With
    --chapter: that chapter's data, including the window it shows and the claims its captions make.
    """
    from attention_core import worked_example_trace

    if chapter_id is None:
        data = worked_example_trace(sentence)
        out = data.to_dict()
    else:
        chapter = _chapter(chapter_id)
        data = chapter.data(sentence, focus)
        out = {"chapter": chapter.id, **data.to_dict()}
    if as_json:
        import json

        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    _print_trace(out, getattr(data, "claims", ()), lang or (detect_language(sentence) if sentence else "zh"))


def _print_trace(out: dict, claims, lang: str, prefix: str = "") -> None:
    """Matrices as aligned rows, word lists on one line, claims as the captions that state them."""
    import numpy as np

    from scenes.strings.claims import describe

    for key, value in out.items():
        if key == "claims":
            click.echo("\nclaims:")
            for claim in claims:
                click.echo(f"  [{claim.topic}] {describe(claim, lang)}")
            continue
        if isinstance(value, dict):
            _print_trace(value, (), lang, f"{prefix}{key}.")
            continue
        arr = np.asarray(value, dtype=object)
        if arr.ndim == 2 and arr.size and all(isinstance(v, (int, float)) or v is None for v in arr.ravel()):
            click.echo(f"\n{prefix}{key} {arr.shape}")
            for row in value:
                click.echo("  " + "  ".join("    -inf" if v is None else f"{v:8.4f}" for v in row))
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            click.echo(f"{prefix}{key}: {' | '.join(value)}")
        else:
            click.echo(f"{prefix}{key}: {value}")


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
