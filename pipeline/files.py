"""Files that are never half-written: write to a temporary name in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from attention_core import ExplainerError

__all__ = ["SCRATCH_ROOT", "atomic_path", "clean_stale", "ensure_output_dir", "scratch_dir"]

# temporary names carry the writer's pid, so a later run can tell leftovers of a killed run from live work
_TEMP = re.compile(r"^\.(?:work-.+|.+\.tmp)-(\d+)-[^/]*$")
SCRATCH_ROOT = Path(tempfile.gettempdir()) / "attention-explainer-work"


@contextlib.contextmanager
def atomic_path(dst: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dst``; rename it onto ``dst`` only if the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.tmp-{os.getpid()}-", suffix=dst.suffix, dir=dst.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, dst)
    finally:
        tmp_path.unlink(missing_ok=True)


@contextlib.contextmanager
def scratch_dir(chapter_id: str) -> Iterator[Path]:
    """A private scratch folder on this machine (its temp folder), removed when the block ends.

    Its name carries this process's pid, so :func:`clean_stale` of :data:`SCRATCH_ROOT` removes what a killed
    worker left.
    """
    SCRATCH_ROOT.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".work-{chapter_id}-{os.getpid()}-", dir=SCRATCH_ROOT))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def clean_stale(out_dir: Path) -> int:
    """Remove temporary files and work folders left by runs that were killed; return how many."""
    removed = 0
    if not out_dir.is_dir():
        return 0
    for path in out_dir.iterdir():
        match = _TEMP.match(path.name)
        if not match or _alive(int(match.group(1))):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ensure_output_dir(path: Path) -> Path:
    """Create ``path`` if needed and prove it is a writable folder, or raise a one-line error."""
    path = path.expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ExplainerError(f"output folder {path} is a file; choose a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise ExplainerError(f"cannot write to output folder {path}: {exc.strerror or exc}") from None
    return path
