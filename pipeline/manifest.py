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

__all__ = ["MANIFEST", "code_version", "inputs_hash", "is_fresh", "locked", "read_manifest", "record_chapter"]

MANIFEST = "manifest.json"
_ROOT = Path(__file__).resolve().parent.parent
_CODE = ("attention_core", "scenes", "pipeline")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of every source file that shapes a frame (a code change invalidates the cache)."""
    digest = hashlib.sha256()
    files = sorted(p for d in _CODE for p in (_ROOT / d).rglob("*.py")) + [_ROOT / "render.py"]
    for path in files:
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


def is_fresh(out_dir: Path, chapter_id: str, digest: str) -> bool:
    """True if the manifest says ``chapter_id`` was made from these inputs and all its files are intact."""
    entry = read_manifest(out_dir)["chapters"].get(chapter_id)
    if not entry or entry.get("inputs_hash") != digest:
        return False
    for item in entry.get("files", []):
        path = out_dir / item["path"]
        if not path.is_file() or path.stat().st_size != item["bytes"]:
            return False
    return True


def record_chapter(out_dir: Path, chapter_id: str, entry: dict) -> None:
    """Replace ``chapter_id``'s entry in the manifest (under the lock, written atomically)."""
    with locked(out_dir):
        data = read_manifest(out_dir)
        data["chapters"][chapter_id] = entry
        data["chapters"] = dict(sorted(data["chapters"].items(), key=lambda kv: kv[1].get("number", 99)))
        with atomic_path(out_dir / MANIFEST) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
