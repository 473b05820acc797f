"""attention-explainer: render the chapters of the self-attention article as animated diagrams.

``python render.py ...`` works the same as the ``attention-explainer`` console script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # before NumPy loads: one BLAS thread
    os.environ.setdefault(_var, "1")  # (the model forward pass was 4-15x slower with two threads on 2 busy cores)

import click  # noqa: E402

from attention_core import ATTENTION_MODELS, ExplainerError, check_sentence, detect_language  # noqa: E402

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


def _apply(options):
    """A decorator applying click ``options`` in order."""

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _render_options(command):
    """Options shared by render and batch: how to render, where, on what."""
    from pipeline.engines import ENGINES

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
        *_attention_options(),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _attention_options():
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


def _check_attention_options(specs, head, expect) -> None:
    """--head or --expect with no chapter that shows a model's attention is a mistake worth one line."""
    if (head is not None or expect) and not any(s.models for s in specs):
        takes = ", ".join(c.id for c in _catalog().values() if c.models)
        raise ExplainerError(f"--head and --expect apply to {takes}; none of them is rendered")


def _progress(length: int, label: str):
    """One progress bar on stderr with an ETA; ``update(outcome)`` advances it by one finished render."""
    bar = click.progressbar(
        length=length, label=label, file=sys.stderr, show_eta=True, item_show_func=lambda s: s or ""
    )
    bar.step = lambda outcome: bar.update(1, f"{outcome.task.key} {outcome.seconds:.1f} s")
    return bar


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
@_render_options
def render(
    chapters,
    all_chapters,
    sentence,
    focus,
    lang,
    out_dir,
    quality,
    formats,
    aspect,
    theme,
    jobs,
    force,
    gif_size,
    gif_fps,
    engine,
    address,
    model,
    head,
    expect,
) -> None:
    """Render CHAPTERS (ids from `list`; none or --all = every chapter) to DIR/<chapter-id>.<format>.

    Beside each video: <chapter-id>.poster.png, .srt and .vtt subtitles, <chapter-id>.trace.json (every number and
    claim it shows); manifest.json lists every file.
    """
    from pipeline.engines import Task, make_engine
    from pipeline.files import SCRATCH_ROOT, clean_stale, ensure_output_dir
    from pipeline.outputs import ChapterJob, check_fonts
    from pipeline.runner import cpu_count, needs_render, run_tasks
    from pipeline.settings import RenderSettings

    known = _catalog()
    ids = list(known) if all_chapters or not chapters else list(dict.fromkeys(chapters))
    specs = [_chapter(cid) for cid in ids]
    expect = tuple(expect)
    _check_attention_options(specs, head, expect)
    if sentence is not None or focus is not None or model is not None or head is not None or expect:
        if sentence is not None:  # validate before any render starts
            check_sentence(sentence)  # what no chapter accepts is said once, without a chapter's name
        for spec in specs:
            spec.data(sentence, focus, model, head, expect)
    lang = lang or (detect_language(sentence) if sentence else "zh")
    out = ensure_output_dir(out_dir)
    clean_stale(out)
    clean_stale(SCRATCH_ROOT)
    settings = RenderSettings(quality=quality, aspect=aspect, theme=theme)
    fmts = tuple(dict.fromkeys(formats or ("mp4",)))
    tasks = [
        Task(
            s.id,
            ChapterJob(
                s.id,
                sentence,
                focus,
                lang,
                fmts,
                settings,
                out,
                gif_size,
                gif_fps,
                model if s.models else None,
                head if s.models else None,
                expect if s.models else (),
            ),
            s.number,
        )
        for s in specs
    ]
    if any(needs_render(t.job, force) for t in tasks):
        check_fonts()  # before any work: Chinese without the CJK font would silently render as boxes
    with _progress(len(tasks), "rendering") as bar:
        report = run_tasks(tasks, make_engine(engine, jobs or cpu_count(), address), force, bar.step)
    for entry in report.rendered:
        for item in entry["files"]:
            click.echo(f"{out / item['path']}  ({item['bytes']:,} bytes)")
    if report.skipped:
        click.echo(f"unchanged, not rendered again: {', '.join(report.skipped)} (use --force to re-render)", err=True)
    if report.failed:
        key, why = report.failed[0]
        more = f" (and {len(report.failed) - 1} more)" if len(report.failed) > 1 else ""
        raise click.ClickException(f"{key}: {why}{more}")
    click.echo(f"done in {report.seconds:.1f} s", err=True)


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
@_render_options
def batch(
    file,
    out_dir,
    quality,
    formats,
    aspect,
    theme,
    jobs,
    force,
    gif_size,
    gif_fps,
    engine,
    address,
    model,
    head,
    expect,
) -> None:
    """Render every row of FILE (CSV or JSON Lines: sentence, and optionally id, chapters, lang, focus, aspect,
    theme, quality, formats, model, head, expect) into OUT/<row id>/, with OUT/index.json and an OUT/index.html
    gallery.

    Run again, it renders only what is missing or changed. A bad row is reported and skipped; the exit status is
    1 if any row failed.
    """
    from pipeline.batch import Defaults, parse_rows, read_rows, row_tasks, write_index
    from pipeline.engines import make_engine
    from pipeline.files import SCRATCH_ROOT, clean_stale, ensure_output_dir
    from pipeline.outputs import check_fonts
    from pipeline.runner import cpu_count, needs_render, run_tasks

    known = _catalog()
    fmts = tuple(dict.fromkeys(formats or ("mp4",)))
    defaults = Defaults(quality, aspect, theme, fmts, gif_size, gif_fps, model, head, tuple(expect))
    rows, errors = parse_rows(read_rows(file), defaults, known)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    out = ensure_output_dir(out_dir)
    clean_stale(out)
    clean_stale(SCRATCH_ROOT)
    tasks = [t for row in rows for t in row_tasks(row, out, defaults, known)]
    for row in rows:
        clean_stale(out / row.id)
    if any(needs_render(t.job, force) for t in tasks):
        check_fonts()
    failed: dict[str, list[str]] = {}
    try:
        with _progress(sum(needs_render(t.job, force) for t in tasks), "batch") as bar:
            report = run_tasks(tasks, make_engine(engine, jobs or cpu_count(), address), force, bar.step)
    finally:
        write_index(out, rows, errors, failed)
    for key, why in report.failed:
        row_id = key.split("/", 1)[0]
        failed.setdefault(row_id, []).append(f"{key}: {why}")
        click.echo(f"error: row {next(r.line for r in rows if r.id == row_id)} ({key}): {why}", err=True)
    write_index(out, rows, errors, failed)
    bad = len(errors) + len(failed)
    total = len(rows) + len(errors)
    click.echo(
        f"{total - bad} of {total} rows done; {len(report.rendered)} chapters rendered, "
        f"{len(report.skipped)} unchanged, in {report.seconds:.1f} s; {out / 'index.html'}",
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
@_apply(_attention_options())
def trace(sentence, focus, chapter_id, model, lang, as_json, head, expect) -> None:
    """Print every intermediate matrix of a sentence, so each number in a video can be checked.

    Without --chapter: the attention trace of the whole sentence (the worked example's computation). With
    --chapter: that chapter's data, including the window it shows and the claims its captions make.
    """
    from attention_core import worked_example_trace

    if chapter_id is None:
        if head is not None or expect:
            raise ExplainerError("--head and --expect need --chapter (intuition, self-attention-idea, ...)")
        data = worked_example_trace(sentence)
        out = data.to_dict()
    else:
        chapter = _chapter(chapter_id)
        _check_attention_options([chapter], head, tuple(expect))
        data = chapter.data(sentence, focus, model, head, tuple(expect))
        out = {"chapter": chapter.id, **data.to_dict()}
    if as_json:
        import json

        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from pipeline.trace_text import trace_lines

    lang = lang or (detect_language(sentence) if sentence else "zh")
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
