"""attention-explainer: render the chapters of the self-attention article as animated diagrams.

``python render.py ...`` works the same as the ``attention-explainer`` console script.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from attention_core import ExplainerError, detect_language

__all__ = ["cli"]

VERSION = "0.1.0"
DEFAULT_OUT = Path(__file__).resolve().parent / "media"


def _chapters():
    from scenes import CHAPTERS  # imported lazily: loading manim costs about a second

    return CHAPTERS


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
        except click.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(130)
        except ExplainerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("error: interrupted; earlier outputs are untouched", err=True)
            sys.exit(130)
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
    for chapter in _chapters().values():
        click.echo(f"{chapter.number}  {chapter.id:<20} {chapter.summary(lang)}")


@cli.command()
@click.argument("chapters", nargs=-1)
@click.option("--all", "all_chapters", is_flag=True, help="Render every chapter (same as naming none).")
@click.option("--sentence", help="Example sentence; default: each chapter's own sentence from the article.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Caption language (default: the sentence's).")
@click.option("--quality", type=click.Choice(["draft", "low", "medium", "high"]), default="draft", show_default=True)
@click.option("--format", "formats", type=click.Choice(["mp4", "gif", "png"]), multiple=True,
              help="Output format; repeat for several (default: mp4).")
@click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Output folder; files are named <chapter-id>.<format>.")
def render(chapters, all_chapters, sentence, lang, quality, formats, theme, out_dir) -> None:
    """Render CHAPTERS (ids from `list`) to DIR/<chapter-id>.<format>."""
    from pipeline.files import ensure_output_dir
    from pipeline.outputs import ChapterJob, check_fonts, render_chapter
    from pipeline.settings import RenderSettings

    known = _chapters()
    ids = list(known) if all_chapters or not chapters else list(dict.fromkeys(chapters))
    for cid in ids:
        if cid not in known:
            raise ExplainerError(f"unknown chapter {cid!r}; known: {', '.join(known)}")
    if sentence is not None:
        for cid in ids:  # validate before any render starts: a bad sentence costs no time
            known[cid].make_trace(sentence, None)
    lang = lang or (detect_language(sentence) if sentence else "zh")
    out = ensure_output_dir(out_dir)
    check_fonts()
    settings = RenderSettings(quality=quality, theme=theme)
    for cid in ids:
        started = time.perf_counter()
        job = ChapterJob(cid, sentence, lang, tuple(dict.fromkeys(formats or ("mp4",))), settings, out)
        for path in render_chapter(job):
            click.echo(f"{path}  ({path.stat().st_size:,} bytes)")
        click.echo(f"{cid}: {time.perf_counter() - started:.1f} s", err=True)


@cli.command()
@click.option("--sentence", help="Example sentence (default: the chapter's own).")
@click.option("--chapter", "chapter_id", default="worked-example", show_default=True,
              help="Whose trace: the numbers that chapter animates.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole trace as JSON.")
def trace(sentence, chapter_id, as_json) -> None:
    """Print every intermediate matrix of a sentence, so each number in a video can be checked."""
    from attention_core import ARRAY_KEYS

    known = _chapters()
    if chapter_id not in known:
        raise ExplainerError(f"unknown chapter {chapter_id!r}; known: {', '.join(known)}")
    tr = known[chapter_id].make_trace(sentence, None)
    if as_json:
        click.echo(tr.to_json())
        return
    click.echo(f"tokens: {' | '.join(tr.tokens)}    d_k = {tr.d_k}")
    for key in ARRAY_KEYS:
        click.echo(f"\n{key} {getattr(tr, key).shape}")
        for row in getattr(tr, key):
            click.echo("  " + "  ".join(f"{v:8.4f}" for v in row))


if __name__ == "__main__":
    cli()
