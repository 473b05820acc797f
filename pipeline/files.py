"""Files that are never half-written: write to a temporary name in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from attention_core import ExplainerError

__all__ = ["atomic_path", "ensure_output_dir"]


@contextlib.contextmanager
def atomic_path(dst: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dst``; rename it onto ``dst`` only if the block succeeds."""
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.stem}.", suffix=f".tmp{dst.suffix}", dir=dst.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, dst)
    finally:
        tmp_path.unlink(missing_ok=True)


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
