"""manifest.json: what is in an output folder, and with which inputs it was made (the render cache)."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.files import atomic_path

__all__ = ["MANIFEST", "code_version", "current_files", "inputs_hash", "locked", "read_manifest", "record_chapter"]

MANIFEST = "manifest.json"
_ROOT = Path(__file__).resolve().parent.parent
_CODE = ("attention_core", "scenes")  # every file of these shapes frames or captions
# and these: how a video becomes files
_PIPELINE = ("scene_runner", "encoder", "settings", "outputs", "media", "subtitles")


def code_files() -> list[Path]:
    """Every source file that shapes a frame or a file made of the frames; the pages, the CLI and the engines do
    not, so editing those re-renders nothing."""
    files = sorted(p for d in _CODE for p in (_ROOT / d).rglob("*.py"))
    return files + [_ROOT / "pipeline" / f"{name}.py" for name in _PIPELINE]


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of :func:`code_files` (a change there invalidates the cache)."""
    digest = hashlib.sha256()
    for path in code_files():
        digest.update(path.relative_to(_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def inputs_hash(**inputs: object) -> str:
    """Hash of a chapter's inputs (sentence, options, code version), stable across runs.

    >>> inputs_hash(a=1, b="x") == inputs_hash(b="x", a=1)
    True
    """
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the folder's manifest lock: two renders into one folder update the manifest one at a time."""
    with open(out_dir / ".manifest.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_manifest(out_dir: Path) -> dict:
    """The folder's manifest, or an empty one if it is missing or unreadable."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"chapters": {}}
    return data if isinstance(data.get("chapters"), dict) else {"chapters": {}}


def _intact(out_dir: Path, item: dict) -> bool:
    path = out_dir / item["path"]
    return Path(item["path"]).name == item["path"] and path.is_file() and path.stat().st_size == item["bytes"]


def current_files(out_dir: Path, chapter_id: str, digest: str) -> list[dict]:
    """The manifest's files of ``chapter_id`` made from the frames ``digest`` names and still intact on disk (a
    file someone truncated or removed is not among them); none when the chapter was made from other inputs."""
    entry = read_manifest(out_dir)["chapters"].get(chapter_id)
    if not entry or entry.get("inputs_hash") != digest:
        return []
    return [item for item in entry.get("files", []) if _intact(out_dir, item)]


def record_chapter(out_dir: Path, chapter_id: str, entry: dict) -> dict:
    """Record ``chapter_id``'s files in the manifest (under the lock, written atomically) and return its entry.

    The manifest stays exact: files made from the same frames before and not made again stay listed (a GIF added
    to an MP4); when the frames changed, the files of the old entry that the new one does not list are deleted."""
    with locked(out_dir):
        data = read_manifest(out_dir)
        old = data["chapters"].get(chapter_id) or {}
        made = {item["path"] for item in entry["files"]}
        kept = []
        for item in old.get("files", []):
            if item["path"] in made or not _intact(out_dir, item):
                continue
            if old.get("inputs_hash") == entry.get("inputs_hash"):
                kept.append(item)
            else:
                (out_dir / item["path"]).unlink(missing_ok=True)  # a file of frames no longer in the folder
        entry = {**old, **entry, "files": [*kept, *entry["files"]]} if kept else entry
        data["chapters"][chapter_id] = entry
        data["chapters"] = dict(sorted(data["chapters"].items(), key=lambda kv: kv[1].get("number", 99)))
        with atomic_path(out_dir / MANIFEST) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entry
