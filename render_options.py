"""The pieces render.py's commands share: the group that turns every failure into one line, the options of
``render`` and ``batch`` (how, where, on what; which of a model's attention), and the progress bar."""

from __future__ import annotations

import functools
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

import click

from attention_core import ATTENTION_MODELS, ExplainerError

__all__ = [
    "OneLineErrors",
    "RenderFlags",
    "apply_options",
    "attention_options",
    "caption_language",
    "catalog",
    "find_chapter",
    "check_attention_options",
    "progress",
    "render_options",
]


def catalog():
    from scenes import CHAPTERS

    return CHAPTERS


def caption_language(lang: str | None, sentence: str | None) -> str:
    """The captions' language: the one asked for, else the sentence's; the chapters' own sentences are Chinese."""
    if lang or not sentence:
        return lang or "zh"
    from attention_core import detect_language  # (jieba and NumPy: not loaded when nothing is computed)

    return detect_language(sentence)


def find_chapter(chapter_id: str):
    from scenes import get_chapter

    return get_chapter(chapter_id)


class OneLineErrors(click.Group):
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


def apply_options(options):
    """A decorator applying click ``options`` in order."""

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@dataclass(frozen=True)
class RenderFlags:
    """The options render and batch share, as one value (the command receives it as ``flags``)."""

    quality: str
    formats: tuple[str, ...]
    aspect: str
    theme: str
    jobs: int | None
    force: bool
    gif_size: int
    gif_fps: int
    engine: str
    address: str | None
    model: str | None
    head: str | None
    expect: tuple[str, ...]

    @property
    def fmts(self) -> tuple[str, ...]:
        """The formats asked for, each once (default: mp4)."""
        return tuple(dict.fromkeys(self.formats or ("mp4",)))


def render_options(command):
    """Options shared by render and batch: how to render, where, on what; passed to ``command`` as ``flags``."""
    from pipeline.engines import ENGINES

    @functools.wraps(command)
    def packed(*args, **kwargs):
        flags = RenderFlags(**{f.name: kwargs.pop(f.name) for f in fields(RenderFlags)})
        return command(*args, flags=flags, **kwargs)

    options = [
        click.option(
            "--quality",
            type=click.Choice(["draft", "low", "medium", "high", "4k"]),
            default="draft",
            show_default=True,
            help="480p15, 480p30, 720p30, 1080p30 or 2160p30 (short side).",
        ),
        click.option(
            "--format",
            "formats",
            type=click.Choice(["mp4", "gif", "png"]),
            multiple=True,
            help="Output format; repeat for several (default: mp4).",
        ),
        click.option("--aspect", type=click.Choice(["16:9", "9:16", "1:1"]), default="16:9", show_default=True),
        click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True),
        click.option("--jobs", type=click.IntRange(1, 64), help="Chapters rendered in parallel (default: cores)."),
        click.option("--force", is_flag=True, help="Render even if the outputs are up to date."),
        click.option(
            "--gif-size",
            type=click.IntRange(160, 1920),
            default=640,
            show_default=True,
            help="GIF longer side in pixels (sized for articles).",
        ),
        click.option(
            "--gif-fps", type=click.IntRange(1, 30), default=10, show_default=True, help="GIF frames per second."
        ),
        click.option(
            "--engine",
            type=click.Choice(ENGINES),
            default="local",
            show_default=True,
            help="Where renders run: a process pool here, or Ray.",
        ),
        click.option("--address", help="Ray cluster to join (with --engine ray); default: a local Ray runtime."),
        click.option(
            "--model",
            type=click.Choice(ATTENTION_MODELS),
            help="Attention of chapters 1, 3, 7 and real-model: a trained model's head (default e5-small) "
            "or the designed lexicon.",
        ),
        *attention_options(),
    ]
    for option in reversed(options):
        packed = option(packed)
    return packed


def attention_options():
    """--head and --expect: which of a trained model's attention chapters 1, 3, 7 and real-model show."""
    return [
        click.option(
            "--head",
            help="What chapters 1, 3, 7 and real-model show of the model: L.H (one head, from 1, e.g. 12.2), "
            "mean:A-B (the mean over the heads of layers A to B) or rollout (attention rollout). Default: chosen "
            "by a stated rule.",
        ),
        click.option(
            "--expect",
            multiple=True,
            help="A word the focus word should look at (repeat for several: any of them agrees). The video shows "
            "the strongest head that agrees and says how many do, or that none does.",
        ),
    ]


def check_attention_options(specs, head, expect) -> None:
    """--head or --expect with no chapter that shows a model's attention is a mistake worth one line."""
    if (head is not None or expect) and not any(s.models for s in specs):
        takes = ", ".join(c.id for c in catalog().values() if c.models)
        raise ExplainerError(f"--head and --expect apply to {takes}; none of them is rendered")


def progress(label: str):
    """``progress(n)``: a progress bar on stderr with an ETA over ``n`` renders, giving the callback that advances it
    by one finished render."""

    @contextmanager
    def bar_over(length: int):
        bar = click.progressbar(
            length=length, label=label, file=sys.stderr, show_eta=True, item_show_func=lambda s: s or ""
        )
        with bar:
            yield lambda outcome: bar.update(1, f"{outcome.task.key} {outcome.seconds:.1f} s")

    return bar_over


def say_written(out: Path, report) -> None:
    """Each file a run wrote (stdout), then which chapters were made from their videos or left as they were."""
    for entry in (*report.rendered, *report.made, *report.stored):
        for item in entry["files"]:
            click.echo(f"{out / item['path']}  ({item['bytes']:,} bytes)")
    if report.stored:
        taken = ", ".join(e["chapter"] for e in report.stored)
        click.echo(f"copied from an earlier render of the same frames, not rendered again: {taken}", err=True)
    if report.made:
        made = ", ".join(e["chapter"] for e in report.made)
        click.echo(f"made from the videos already there, not rendered again: {made}", err=True)
    if report.skipped:
        click.echo(f"unchanged, not rendered again: {', '.join(report.skipped)} (use --force to re-render)", err=True)
