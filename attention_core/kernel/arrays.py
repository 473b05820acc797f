"""Read-only arrays for the frozen traces: a trace, once computed, cannot be changed by a scene."""

from __future__ import annotations

import numpy as np

__all__ = ["freeze_arrays", "readonly"]


def readonly(a) -> np.ndarray:
    """A float copy of ``a`` that refuses writes.

    >>> r = readonly([1, 2])
    >>> r.flags.writeable, r.dtype.name
    (False, 'float64')
    """
    a = np.array(a, dtype=float, copy=True)
    a.setflags(write=False)
    return a


def freeze_arrays(obj: object, *names: str) -> None:
    """Replace the array fields ``names`` of a frozen dataclass ``obj`` by read-only copies (in __post_init__)."""
    for name in names:
        object.__setattr__(obj, name, readonly(getattr(obj, name)))
