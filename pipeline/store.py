"""Renders kept across output folders: a chapter drawn once for some inputs is never drawn again for the same ones.

Every finished render is also put in ``<cache>/attention-explainer/renders/<digest>/`` (the digest is the cache
key of its frames, :meth:`pipeline.outputs.ChapterJob.digest`: sentence, options and drawing code), as its files
and its manifest entry, each file with its SHA-256. A later run that needs the same frames in another folder
(``render`` into one folder, then ``batch`` into another) copies the files it asks for from there instead of
running the scene. A stored render is published by renaming a finished folder into place, so readers never see
half of one, and a file whose checksum does not match makes the whole render count as absent. The store keeps
at most ``ATTENTION_EXPLAINER_STORE_MB`` MiB (default 2048; 0 turns it off), dropping the least recently used
renders first.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.cache import makeable_from
from pipeline.files import clean_stale
from pipeline.outputs import ChapterJob, Rendered

__all__ = ["STORE", "fetch", "keep", "store_limit"]

STORE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "attention-explainer" / "renders"
_ENTRY = "entry.json"


def store_limit() -> int:
    """The store's size limit in bytes (``ATTENTION_EXPLAINER_STORE_MB``; 0: no store)."""
    raw = os.environ.get("ATTENTION_EXPLAINER_STORE_MB", "2048")
    return max(0, int(raw)) * 2**20 if raw.strip().isdigit() else 2048 * 2**20


def keep(rendered: Rendered, root: Path | None = None) -> None:
    """Put a finished render in the store under its frames' digest (its entry's ``inputs_hash``); nothing if one
    is there already or the store is off."""
    root, limit = root or STORE, store_limit()
    size = sum(len(data) for _, data in rendered.files)
    digest = rendered.entry.get("inputs_hash")
    if not limit or size > limit or not digest:
        return
    home = root / digest
    if home.is_dir():
        return
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{home.name}.tmp-{os.getpid()}-", dir=root))
    try:
        sums = {}
        for name, data in rendered.files:
            (tmp / name).write_bytes(data)
            sums[name] = hashlib.sha256(data).hexdigest()
        (tmp / _ENTRY).write_text(json.dumps({"entry": rendered.entry, "sha256": sums}), encoding="utf-8")
        os.rename(tmp, home)  # whole or not at all; another process's copy of the same render may have won
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _trim(root, limit)


def fetch(job: ChapterJob, number: int, root: Path | None = None) -> Rendered | None:
    """The stored render of ``job``'s frames, restricted to the files ``job`` asks for (its formats, with their
    file options, and what comes beside them), or None when there is none or it is not intact."""
    if not store_limit():
        return None
    home = (root or STORE) / job.digest()
    try:
        meta = json.loads((home / _ENTRY).read_text(encoding="utf-8"))
        entry, sums = meta["entry"], meta["sha256"]
        wanted = [item for item in entry["files"] if _wanted(job, item)]
        files = tuple((item["path"], (home / item["path"]).read_bytes()) for item in wanted)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(hashlib.sha256(data).hexdigest() != sums.get(name) for name, data in files):
        return None
    have = {item["format"] for item in wanted}
    if not set(job.formats) <= have | makeable_from(have):
        return None  # the scene would have to run anyway
    os.utime(home)  # recently used
    return Rendered(job.chapter_id, {**entry, "number": number, "files": wanted}, files)


def _wanted(job: ChapterJob, item: dict) -> bool:
    fmt = item["format"]
    if fmt in ("trace", "poster", "srt", "vtt"):
        return True
    return fmt in job.formats and item.items() >= job.file_key(fmt).items()


def _trim(root: Path, limit: int) -> None:
    """Drop what killed writers left, then the least recently used renders until the store fits in ``limit``
    bytes."""
    clean_stale(root)
    homes = []
    for home in root.iterdir():
        if home.name.startswith(".") or not home.is_dir():
            continue
        try:
            size = sum(p.stat().st_size for p in home.iterdir())
            homes.append((home.stat().st_mtime, size, home))
        except OSError:
            continue
    total = sum(size for _, size, _ in homes)
    for _, size, home in sorted(homes):
        if total <= limit:
            break
        shutil.rmtree(home, ignore_errors=True)
        total -= size
