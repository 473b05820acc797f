"""What a chapter job needs, judged from its output folder's manifest: render, make files from the video already
there, or nothing.

Kept apart from :mod:`pipeline.outputs`, whose code is part of every render's cache key
(:func:`pipeline.manifest.code_files`): how a run decides what to do does not change what is drawn, so editing it
never invalidates a render.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.manifest import current_files
from pipeline.outputs import EXTRAS, VIDEO_FORMATS, ChapterJob

__all__ = ["Plan", "makeable_from", "plan"]


@dataclass(frozen=True)
class Plan:
    """What a job needs: ``render`` (run the scene), or only ``make`` these formats from the files already there
    (nothing at all when both are empty: the folder holds every file asked for, current)."""

    render: bool
    make: tuple[str, ...] = ()

    @property
    def idle(self) -> bool:
        return not self.render and not self.make


def plan(job: ChapterJob, force: bool = False) -> Plan:
    """What ``job`` needs, from the folder's manifest: a file is current when it was made from the same frames
    (:meth:`ChapterJob.digest`), with the same file options, and is intact on disk. A missing GIF is made from
    a current MP4, a missing PNG from the current poster; anything else missing means running the scene."""
    if force:
        return Plan(render=True)
    current = current_files(job.out_dir, job.chapter_id, job.digest())
    have = {item["format"] for item in current if item.items() >= job.file_key(item["format"]).items()}
    wanted = {*job.formats, "trace", *(EXTRAS if set(job.formats) & set(VIDEO_FORMATS) else ())}
    missing = wanted - have
    if missing <= makeable_from(have):
        return Plan(render=False, make=tuple(f for f in job.formats if f in missing))
    return Plan(render=True)


def makeable_from(have: set[str]) -> set[str]:
    """The formats that can be made, without running the scene, from files of formats ``have``: a GIF from the
    MP4, a PNG from the poster (the same frame).

    >>> sorted(makeable_from({"mp4", "poster", "trace"})), makeable_from({"gif"})
    (['gif', 'png'], set())
    """
    return {made for made, source in (("gif", "mp4"), ("png", "poster")) if source in have}
